"""Presentation: one facts line, one excerpt note, one entity look for the CLI and the TUI,
and no control character from a hostile title, source, URL or path in anything shown."""

from __future__ import annotations

import re
from pathlib import Path

from rich.style import Style

from reader.cli.entities import mark_entities
from reader.entities import find_entities
from reader.export import export_summary
from reader.model import Article, PaywallVerdict, Summary
from reader.present import (
    ENTITY_LABELS,
    EXCERPT_NOTE,
    article_text,
    excerpt_verdict,
    facts_line,
    paragraph_entities,
    summary_markdown,
    summary_report,
    summary_text,
)
from reader.ui.render import ENTITY_COLOURS, body_text, header_text

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _article(
    *,
    title: str = "Bridge Closed",
    source: str = "Harbour News",
    url: str = "https://example.org/bridge",
    path: str = "bridge.txt",
    truncated: bool = False,
    paragraphs: tuple[str, ...] = ("The bridge closed.", "Traffic stopped."),
) -> Article:
    verdict = PaywallVerdict(
        truncated=truncated, confidence=0.9, reasons=("Ends with\x1b[2J a teaser",), visible_words=6
    )
    return Article(
        path=path,
        format="text",
        title=title,
        source=source,
        paragraphs=paragraphs,
        removed=(),
        paywall=verdict,
        metadata={"url": url},
    )


def test_the_facts_line_is_the_same_in_the_tui_and_the_copied_text() -> None:
    article = _article()
    line = facts_line(article)
    assert line == "Harbour News · 5 words · text · https://example.org/bridge"
    assert header_text(article).plain.splitlines()[1] == line
    assert (
        summary_text(article, Summary("news", ("The bridge closed.",), False)).splitlines()[1]
        == line
    )
    assert line in summary_markdown(article, Summary("news", ("The bridge closed.",), False))


def test_hostile_title_source_url_and_path_never_reach_the_output(tmp_path: Path) -> None:
    article = _article(
        title="\x1b]0;PWNED\x07Bridge\u202e Closed",
        source="Harbour\x1b[31m News\x9b",
        url="https://example.org/\u2066bridge\x07",
        path="dir/\x1b]0;FILE\x07a.txt",
        truncated=True,
    )
    summary = Summary("news", ("The bridge closed.",), excerpt_only=True)
    shown = [
        facts_line(article),
        summary_text(article, summary),
        article_text(article),
        summary_markdown(article, summary),
        summary_report(article, summary, 80),
        "\n".join(excerpt_verdict(article)),
        header_text(article).plain,
        export_summary(article, summary, tmp_path).read_text("utf-8"),
    ]
    for text in shown:
        assert text.strip()
        assert not UNSAFE.search(text), repr(text)


def test_one_excerpt_note_in_copied_exported_and_printed_summaries() -> None:
    article = _article(truncated=True)
    summary = Summary("news", ("The bridge closed.",), excerpt_only=True)
    for text in (
        summary_text(article, summary),
        summary_markdown(article, summary),
        summary_report(article, summary, 80),
    ):
        assert EXCERPT_NOTE in text
    complete = Summary("news", ("The bridge closed.",), excerpt_only=False)
    assert EXCERPT_NOTE not in summary_markdown(_article(), complete)


def test_entities_land_on_their_words_in_each_paragraph() -> None:
    paragraphs = (
        "Vladimir Putin met George Bush in Sochi.",
        "Later Angela Merkel flew to Berlin on Friday.",
    )
    article = _article(paragraphs=paragraphs)
    found = find_entities(article.body)
    assert len(found) >= 5
    local = paragraph_entities(article, found)
    assert sum(map(len, local.values())) == len(found)
    assert sorted(local) == [0, 1]
    for index, entities in local.items():
        paragraph = paragraphs[index]
        for entity in entities:
            assert paragraph[entity.start : entity.end] == entity.text


def _sgr_look(marked: str, word: str) -> tuple[int, bool]:
    """The colour number (0-15) and boldness the CLI's ANSI marking gives ``word``."""
    match = re.search(r"\x1b\[([0-9;]+)m" + re.escape(word), marked)
    assert match, marked
    params = match.group(1).split(";")
    code = int(params[-1])
    return (code - 30 if code < 90 else code - 90 + 8), "1" in params[:-1]


def test_the_cli_and_the_tui_colour_each_label_alike() -> None:
    text = "Vladimir Putin met bankers from Goldman Sachs in Sochi on Friday."
    article = _article(paragraphs=(text,))
    found = find_entities(text)
    assert {"PERSON", "GPE", "DATE"} <= {e.label for e in found}
    marked = mark_entities(text, found, color=True)
    styled = body_text(article, found, ENTITY_COLOURS)
    for entity in found:
        spans = [s for s in styled.spans if s.start == entity.start and s.end == entity.end]
        assert spans, entity
        style = Style.parse(str(spans[0].style))
        assert style.color is not None and style.color.number is not None
        assert (style.color.number, bool(style.bold)) == _sgr_look(marked, entity.text), entity
    assert len({(look.colour, look.bold) for look in ENTITY_LABELS.values()}) >= 8


def test_export_writes_markdown_named_after_the_title_and_replaces_it(tmp_path: Path) -> None:
    article = _article()
    first = export_summary(article, Summary("news", ("The bridge closed.",), False), tmp_path)
    assert first.name == "bridge-closed.summary.md"
    again = export_summary(article, Summary("lead", ("Traffic stopped.",), False), tmp_path)
    assert again == first
    text = again.read_text("utf-8")
    assert text.startswith("# Bridge Closed\n")
    assert "- Traffic stopped.\n" in text and "The bridge closed." not in text
    assert "bridge.txt" in text
