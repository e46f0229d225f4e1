"""Article text as Rich ``Text`` with explicit spans: never parsed as markup.

The words, notes, label names and colours come from :mod:`reader.present` (shared with the CLI,
the clipboard and exports); this module only turns them into styled ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from reader.model import Article, Entity, Summary
from reader.present import (
    ENTITY_LABELS,
    EXCERPT_PANEL_NOTE,
    facts_line,
    label_name,
    paragraph_entities,
    rich_style,
    title_line,
)
from reader.textutil import safe_line

ENTITY_COLOURS: dict[str, str] = {label: rich_style(label) for label in ENTITY_LABELS}
"""One colour per entity label, for the body and the legend (from :data:`ENTITY_LABELS`)."""

LABEL_NAMES: dict[str, str] = {label: look.name for label, look in ENTITY_LABELS.items()}
"""Labels as people say them (from :data:`ENTITY_LABELS`)."""


def header_text(article: Article) -> Text:
    """Title, then source · words · format · URL."""
    text = Text()
    text.append(title_line(article), style="bold")
    text.append("\n")
    text.append(facts_line(article), style="dim")
    return text


def body_text(
    article: Article,
    entities: Sequence[Entity] = (),
    colours: dict[str, str] | None = None,
) -> Text:
    """The clean body, one paragraph per block, with entity spans coloured by label.

    ``entities`` index into ``article.body``; each paragraph's own are coloured from where the
    paragraph starts in the displayed text (list items get a bullet prefix).
    """
    text = Text()
    kinds = article.kinds or ("paragraph",) * len(article.paragraphs)
    by_paragraph = paragraph_entities(article, entities) if entities and colours else None
    for index, (paragraph, kind) in enumerate(zip(article.paragraphs, kinds, strict=False)):
        if index:
            text.append("\n\n")
        text.append("  • " if kind == "list_item" else "")
        start = len(text)
        style = {"heading": "bold", "quote": "italic", "code": "dim"}.get(kind, "")
        text.append(paragraph, style=style)
        if by_paragraph and colours:
            for entity in by_paragraph.get(index, ()):
                colour = colours.get(entity.label)
                if colour:
                    text.stylize(colour, start + entity.start, start + entity.end)
    return text


def banner_text(article: Article) -> Text:
    """The paywall banner shown where the visible text stops."""
    verdict = article.paywall
    text = Text()
    text.append("🔒 The text stops here: this copy is cut off by a paywall.", style="bold")
    text.append(
        f"\n{verdict.visible_words} words are visible"
        f" (confidence {round(verdict.confidence * 100)}%)."
    )
    for reason in verdict.reasons:
        text.append("\n  – ")
        text.append(safe_line(reason))
    return text


def removed_text(article: Article) -> Text:
    """The blocks cleaning removed, numbered, for the dimmed 'removed' section."""
    text = Text()
    count = len(article.removed)
    text.append(f"Removed by cleaning ({count} block{'s' if count != 1 else ''})", style="bold")
    if not article.removed:
        text.append("\nNothing was removed.")
    for block in article.removed:
        text.append("\n\n")
        text.append(block)
    return text


def legend_text(entities: Sequence[Entity], highlight: bool) -> Text:
    """One swatch per label present in ``entities``, or how to turn highlighting back on."""
    text = Text()
    if not entities:
        return text
    if not highlight:
        text.append("Entity highlighting off (H turns it on)", style="dim")
        return text
    present = {e.label for e in entities}
    text.append("Entities: ", style="dim")
    first = True
    for label, colour in ENTITY_COLOURS.items():
        if label in present:
            if not first:
                text.append("  ")
            text.append(f"■ {label_name(label)}", style=colour)
            first = False
    text.append("   (H off, E list)", style="dim")
    return text


def summary_panel(summary: Summary | None, *, loading: bool = False, error: str = "") -> Text:
    """The summary panel: a loading line, the reason it failed, or the sentences as bullets."""
    text = Text()
    if error:
        text.append("Summary unavailable: ", style="bold")
        text.append(error)
        return text
    if loading or summary is None:
        text.append("Summarising…", style="dim italic")
        return text
    count = len(summary.sentences)
    text.append("Summary", style="bold")
    facts = f" · {summary.algorithm} · {count} sentence{'s' if count != 1 else ''}"
    if summary.cached:
        facts += " · cached"
    text.append(facts + "   (+/- length, y copy, e export)", style="dim")
    if summary.excerpt_only:
        lead, meaning = EXCERPT_PANEL_NOTE
        text.append(f"\n⚠ {lead}", style="bold yellow")
        text.append(meaning, style="yellow")
    if not summary.sentences:
        text.append("\nNo sentence to summarise.", style="dim")
    for sentence in summary.sentences:
        text.append("\n • ")
        text.append(sentence)
    return text
