"""Article text as Rich ``Text`` with explicit spans: never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from reader.model import Article, Entity


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
