"""Cleaning and paywall verdicts on the samples and on traps."""

from __future__ import annotations

from pathlib import Path

from reader.pipeline import load_article

SEEDS = ["wpr-sochi-summit-missile-defense-paywalled.txt", "wpr-bmd-moscow-meeting-paywalled.txt"]


def test_seeds_are_truncated_with_reasons(samples: Path) -> None:
    for name in SEEDS:
        article = load_article(samples / name)
        assert article.paywall.truncated
        assert article.paywall.confidence >= 0.9
        assert any(
            '"Keep reading for free!" after the last paragraph' in r
            for r in article.paywall.reasons
        )
        assert article.source == "World Politics Review"


def test_seed_body_has_no_boilerplate_and_title_once(samples: Path) -> None:
    for name in SEEDS:
        article = load_article(samples / name)
        body = article.body.lower()
        for word in (
            "subscribe",
            "subscription",
            "keep reading",
            "log in",
            "ad-free",
            "newsletter",
        ):
            assert word not in body
        assert article.title.lower() not in body
        assert article.title in article.removed
        assert "Completely ad-free reading." in article.removed
        assert any(r.startswith("What you’ll get with an All-Access") for r in article.removed)
        assert len(article.paragraphs) == 3
        assert article.paywall.visible_words == article.words


def test_seed_keeps_all_article_text(samples: Path) -> None:
    article = load_article(samples / SEEDS[0])
    assert article.paragraphs[0].startswith("George W. Bush and Vladimir Putin")
    assert article.paragraphs[-1].endswith('turn to a truly collective project."')
