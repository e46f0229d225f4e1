"""Article text as Rich ``Text`` with explicit spans: never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from reader.model import Article, Entity, Summary

ENTITY_COLOURS: dict[str, str] = {
    "PERSON": "bold magenta",
    "NORP": "bright_magenta",
    "FAC": "bright_cyan",
    "ORG": "bold cyan",
    "GPE": "bold green",
    "LOC": "green",
    "DATE": "yellow",
    "MONEY": "bright_yellow",
    "PERCENT": "bright_yellow",
    "EVENT": "bright_blue",
}
"""One colour per entity label, for the body and the legend."""

LABEL_NAMES: dict[str, str] = {
    "PERSON": "person",
    "NORP": "group",
    "FAC": "facility",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "location",
    "DATE": "date",
    "MONEY": "money",
    "PERCENT": "percent",
    "EVENT": "event",
}
"""Labels as people say them."""


def header_text(article: Article) -> Text:
    """Title, then source · words · format · URL."""
    text = Text()
    text.append(article.title, style="bold")
    text.append("\n")
    facts = [article.source, f"{article.words} words", article.format]
    if article.url:
        facts.append(article.url)
    text.append(" · ".join(f for f in facts if f), style="dim")
    return text


def body_text(
    article: Article,
    entities: Sequence[Entity] = (),
    colours: dict[str, str] | None = None,
) -> Text:
    """The clean body, one paragraph per block, with entity spans coloured by label.

    ``entities`` index into ``article.body``; list items get a bullet prefix, so each paragraph's
    offset into the displayed text is tracked to keep the spans on the right words.
    """
    text = Text()
    starts: list[tuple[int, int]] = []  # (offset in body, shift to displayed offset)
    body_offset = 0
    kinds = article.kinds or ("paragraph",) * len(article.paragraphs)
    for index, (paragraph, kind) in enumerate(zip(article.paragraphs, kinds, strict=False)):
        if index:
            text.append("\n\n")
            body_offset += 2
        prefix = "  • " if kind == "list_item" else ""
        text.append(prefix)
        starts.append((body_offset, len(text.plain) - body_offset))
        style = {"heading": "bold", "quote": "italic", "code": "dim"}.get(kind, "")
        text.append(paragraph, style=style)
        body_offset += len(paragraph)
    if entities and colours:
        for entity in entities:
            shift = _shift_for(starts, entity.start)
            colour = colours.get(entity.label)
            if colour:
                text.stylize(colour, entity.start + shift, entity.end + shift)
    return text


def _shift_for(starts: list[tuple[int, int]], offset: int) -> int:
    shift = 0
    for start, paragraph_shift in starts:
        if start > offset:
            break
        shift = paragraph_shift
    return shift


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
        text.append(reason)
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
            text.append(f"■ {LABEL_NAMES.get(label, label)}", style=colour)
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
        text.append("\n⚠ Excerpt only — cut off by a paywall: ", style="bold yellow")
        text.append("this summarises the visible part.", style="yellow")
    if not summary.sentences:
        text.append("\nNo sentence to summarise.", style="dim")
    for sentence in summary.sentences:
        text.append("\n • ")
        text.append(sentence)
    return text
