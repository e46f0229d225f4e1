"""Cleaning and paywall verdicts on the samples and on traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Article
from reader.pipeline import build_article, load_article

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


# name -> (truncated, reason fragment or None, first kept words, last kept words, removed)
EXPECTED = {
    "complete-essay-on-news-subscriptions.txt": (
        False,
        None,
        "Five years ago, most media executives",
        "they leave quickly when they feel tricked.",
        ["Why Readers Keep Paying for News They Could Get Free"],
    ),
    "complete-harbour-ferry-newsletter-footer.md": (
        False,
        "newsletter footer",
        "The blue-and-white ferry that links Port Avery",
        "between 6 a.m. and 8 p.m.",
        [
            "Harbour Ferry Returns After Two-Year Repair",
            "Share this article",
            "Sign up for our newsletter to get the week's top local stories delivered to "
            "your inbox.",
        ],
    ),
    "complete-plain-report-with-share-links.txt": (
        False,
        "navigation footer",
        "The central library will stay open",
        "will keep its current hours.",
        ["Share on Facebook Share on Twitter", "More from City Desk"],
    ),
    "paywalled-ellipsis-then-subscription-offer.txt": (
        True,
        "breaks off with an ellipsis",
        "Farmers across the southern provinces",
        "while others are considering whether to…",
        ["Unlimited digital access for just $1 a week. Cancel anytime.", "Subscribe now"],
    ),
    "paywalled-le-monde-style-percent-notice-fr.txt": (
        True,
        'remaining-text notice "Il vous reste 74 % de cet article à lire.',
        "Depuis l'instauration d'un système",
        "des habitants…",
        [
            "À Marseille, les calanques face à l'afflux des visiteurs",
            "Il vous reste 74 % de cet article à lire. La suite est réservée aux abonnés.",
            "Déjà abonné ? Se connecter",
        ],
    ),
    "complete-council-budget-with-author-bio.md": (
        False,
        None,
        "The Riverside city council approved",
        "she reported on local government in Duluth.",  # the author's bio is the piece's own
        ["Council Passes a Leaner Budget After a Long Night"],
    ),
    "paywalled-nyt-style-subscriber-gate.txt": (
        True,
        "the last paragraph breaks off with an ellipsis",
        "The paper mill on the edge of Alder Falls",
        "a mill with a century of history had…",
        [
            "Thank you for your patience while we verify access.",
            "Already a subscriber? Log in.",
            "Want all of The Morning Ledger? Subscribe to continue reading.",
        ],
    ),
    "paywalled-ft-style-premium-offer.txt": (
        True,
        'teaser phrase "Subscribe to unlock this article" after the last paragraph',
        "Marine insurers have raised war-risk premiums",
        "according to brokers in London.",
        [
            "Subscribe to unlock this article",
            "Try unlimited access Only €1 for 4 weeks",
            "Then €69 per month. Complete digital access to quality journalism on any device. "
            "Cancel anytime during your trial.",
            "Already a subscriber? Sign in here",
        ],
    ),
    "paywalled-substack-style-trial.md": (
        True,
        'teaser phrase "Keep reading with a 7-day free trial" after the last paragraph',
        "Every February the seed library",
        "the mistakes I made with last year's",
        [
            "Notes From the Seed Library",
            "Keep reading with a 7-day free trial",
            "Subscribe to The Allotment Letter to keep reading this post and get 7 days of free "
            "access to the full post archives.",
            "Start trial",
            "Already a paid subscriber? Sign in",
        ],
    ),
    "paywalled-german-plus-abo.txt": (
        True,
        'teaser phrase "Lesen Sie jetzt weiter mit Plus" after the last paragraph',
        "Die Stadtwerke wollen das Fernwärmenetz",
        "von denen ein Teil über Fördermittel des Landes…",
        [
            "Lesen Sie jetzt weiter mit Plus",
            "Jetzt abonnieren und alle Artikel lesen – monatlich kündbar.",
            "Bereits Abonnent? Hier anmelden",
        ],
    ),
    "paywalled-medium-member-only.md": (
        True,
        'member-only marker "Member-only story" at the top',
        "Last spring our team rebuilt",
        "drowning in spreadsheets and the…",
        [
            "What I Learned Rebuilding Our Search Index Twice",
            "Member-only story",
            "Kaito Brennan · 9 min read",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_verdict_and_text(samples: Path, name: str) -> None:
    truncated, reason, first, last, removed = EXPECTED[name]
    article = load_article(samples / name)
    assert article.paywall.truncated is truncated
    if reason:
        assert any(reason in r for r in article.paywall.reasons), article.paywall.reasons
    else:
        assert article.paywall.reasons == ()
    assert article.paragraphs[0].startswith(first)
    assert article.paragraphs[-1].endswith(last)
    assert list(article.removed) == removed


def test_every_sample_has_an_expectation(samples: Path) -> None:
    names = {p.name for p in samples.iterdir() if p.suffix in (".txt", ".md")}
    assert names == set(EXPECTED) | set(SEEDS)


def article_from(text: str) -> Article:
    from reader.formats.text import parse

    return build_article(parse("mem.txt", text))


def test_long_paragraph_about_subscriptions_is_kept() -> None:
    para = (
        "The publisher tested a banner that said subscribe now to get full access, and another "
        "that asked readers to log in to continue reading; neither changed how many people paid, "
        "according to the company's own figures published this week in its annual report."
    )
    article = article_from(f"Title\n\n{para}\n\nIt ended there.\n")
    assert article.paragraphs == (para, "It ended there.")
    assert not article.paywall.truncated


def test_inline_promo_mid_article_does_not_truncate() -> None:
    prose = " ".join(["Officials described the plan in detail to reporters."] * 6)
    text = f"Title\n\n{prose}\n\nSubscribe to continue reading.\n\n{prose}\n\nThe end.\n"
    article = article_from(text)
    assert not article.paywall.truncated
    assert article.removed == ("Subscribe to continue reading.",)
    assert article.paragraphs[-1] == "The end."


def test_mid_sentence_ending_without_paywall_language_is_not_truncated() -> None:
    article = article_from("Title\n\nThe council voted to approve the budget and\n")
    assert not article.paywall.truncated
    assert "ends mid-sentence, but no paywall notice follows" in article.paywall.reasons[0]


def test_gate_after_text_truncates_in_every_language() -> None:
    notices = {
        "de": "Jetzt weiterlesen mit SZ Plus",
        "es": "Suscríbete para seguir leyendo",
        "it": "Articolo riservato agli abbonati",
        "pt": "Este conteúdo é exclusivo para assinantes",
        "nl": "Lees verder met een abonnement",
        "en": "This article is for subscribers only.",
    }
    for lang, notice in notices.items():
        article = article_from(f"Title\n\nSome article text here.\n\n{notice}\n")
        assert article.paywall.truncated, lang
        assert article.removed == (notice,), lang
