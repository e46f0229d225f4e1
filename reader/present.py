"""How an article and its summary are shown, as plain text: one home for the CLI, the
clipboard, exports and the TUI (which builds its Rich ``Text`` from these pieces in
:mod:`reader.ui.render`).

Here live the facts line ("source · words · format · URL"), the excerpt notes, the summary as
text to paste and as Markdown, the entity labels' names and colours, and entity offsets mapped
onto paragraphs. Every untrusted single-line field (title, source, URL, path, reasons) passes
:func:`reader.textutil.safe_line` here; bodies were stripped of controls when loaded. No Textual,
no Rich: plain strings.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from reader.model import Article, Entity, Summary
from reader.textutil import safe_line

__all__ = [
    "ENTITY_LABELS",
    "EXCERPT_NOTE",
    "EXCERPT_PANEL_NOTE",
    "LabelLook",
    "ansi_style",
    "article_text",
    "cells",
    "excerpt_verdict",
    "facts_line",
    "label_name",
    "paragraph_entities",
    "rich_style",
    "summary_markdown",
    "summary_report",
    "summary_text",
    "title_line",
]

EXCERPT_NOTE = "Excerpt only — article cut off by a paywall."
"""The note a summary or article of a cut-off piece carries wherever it goes (the CLI, the
clipboard, exports)."""
EXCERPT_PANEL_NOTE = ("Excerpt only — cut off by a paywall: ", "this summarises the visible part.")
"""The same note in the TUI's summary panel: the lead (bold) and what it means for the summary."""


@dataclass(frozen=True)
class LabelLook:
    """How an entity label is named and coloured, in the CLI and the TUI alike."""

    name: str
    """The label as people say it (``person``, ``place``)."""
    colour: str
    """One of the 16 terminal colours, by Rich's name (``magenta``, ``bright_cyan``)."""
    bold: bool = False
    """Bold as well as coloured."""


ENTITY_LABELS: dict[str, LabelLook] = {
    "PERSON": LabelLook("person", "cyan", bold=True),
    "NORP": LabelLook("group", "bright_magenta"),
    "FAC": LabelLook("facility", "bright_cyan"),
    "ORG": LabelLook("organisation", "magenta", bold=True),
    "GPE": LabelLook("place", "green", bold=True),
    "LOC": LabelLook("location", "green"),
    "DATE": LabelLook("date", "yellow"),
    "MONEY": LabelLook("money", "bright_yellow"),
    "PERCENT": LabelLook("percent", "bright_yellow"),
    "EVENT": LabelLook("event", "bright_blue"),
}
"""Every entity label we colour, in legend order: the one table the CLI and the TUI use."""

_ANSI = {
    "black": 30,
    "red": 31,
    "green": 32,
    "yellow": 33,
    "blue": 34,
    "magenta": 35,
    "cyan": 36,
    "white": 37,
}


def label_name(label: str) -> str:
    """``PERSON`` -> ``person``; a label we do not know is shown as it is."""
    look = ENTITY_LABELS.get(label)
    return look.name if look else label


def rich_style(label: str) -> str:
    """The label's look as a Rich style (``bold cyan``); '' for a label we do not colour."""
    look = ENTITY_LABELS.get(label)
    if look is None:
        return ""
    return f"bold {look.colour}" if look.bold else look.colour


def ansi_style(label: str) -> str:
    """The label's look as ANSI SGR parameters (``1;36``); bold alone for one we do not
    colour."""
    look = ENTITY_LABELS.get(label)
    if look is None:
        return "1"
    bright = look.colour.startswith("bright_")
    code = _ANSI[look.colour.removeprefix("bright_")] + (60 if bright else 0)
    return f"1;{code}" if look.bold else str(code)


def cells(text: str) -> int:
    """Terminal cells taken by ``text`` (wide characters such as emoji take two)."""
    if text.isascii():  # every ASCII character takes one cell
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def facts_line(article: Article) -> str:
    """``source · N words · format · URL`` (the parts it has)."""
    facts = [safe_line(article.source), f"{article.words} words", article.format]
    if article.url:
        facts.append(safe_line(article.url))
    return " · ".join(f for f in facts if f)


def title_line(article: Article) -> str:
    """The article's title, safe to print on one line."""
    return safe_line(article.title)


def excerpt_verdict(article: Article) -> list[str]:
    """For a cut-off piece: how much is visible, then one line a reason; else nothing."""
    verdict = article.paywall
    if not verdict.truncated:
        return []
    lines = [f"Excerpt only: cut off by a paywall after {verdict.visible_words} words."]
    lines.extend(safe_line(reason) for reason in verdict.reasons)
    return lines


def paragraph_entities(article: Article, entities: Sequence[Entity]) -> dict[int, list[Entity]]:
    """``entities`` (offsets into ``article.body``) by the paragraph they sit in, each with
    offsets into its own paragraph; only paragraphs with entities have a key, and an entity
    that spans two paragraphs is left out. Cheap for a 200,000-paragraph article."""
    out: dict[int, list[Entity]] = {}
    if not article.paragraphs:
        return out
    starts = list(accumulate((len(p) + 2 for p in article.paragraphs[:-1]), initial=0))
    for e in sorted(entities, key=lambda e: e.start):
        index = bisect_right(starts, e.start) - 1
        if index < 0 or e.end > starts[index] + len(article.paragraphs[index]):
            continue
        shift = starts[index]
        out.setdefault(index, []).append(Entity(e.text, e.label, e.start - shift, e.end - shift))
    return out


def _header(article: Article, excerpt: bool) -> list[str]:
    """Title, the facts line, the excerpt note when ``excerpt``, then a blank line."""
    lines = [title_line(article), facts_line(article)]
    if excerpt:
        lines.append(f"({EXCERPT_NOTE})")
    lines.append("")
    return lines


def summary_text(article: Article, summary: Summary) -> str:
    """The summary as plain text to paste elsewhere: title, facts, the note, the sentences."""
    lines = _header(article, summary.excerpt_only)
    lines.extend(f"- {s}" for s in summary.sentences)
    return "\n".join(lines) + "\n"


def article_text(article: Article) -> str:
    """The whole clean article as plain text: the same header, then the paragraphs."""
    header = "\n".join(_header(article, article.paywall.truncated))
    return header + "\n" + "\n\n".join(article.paragraphs) + "\n"


def summary_markdown(article: Article, summary: Summary) -> str:
    """The summary as a Markdown document: heading, facts and file, note, one bullet a
    sentence, and the method."""
    lines = [f"# {title_line(article)}", "", facts_line(article), ""]
    if article.path:
        lines += [f"File: {safe_line(article.path)}", ""]
    if summary.excerpt_only:
        lines += [f"> {EXCERPT_NOTE}", ""]
    lines += [f"- {s}" for s in summary.sentences]
    lines += ["", f"_Summary: {summary.algorithm}, {len(summary.sentences)} sentences._"]
    return "\n".join(lines) + "\n"


def summary_report(article: Article, summary: Summary, width: int) -> str:
    """``reader summary``'s output for people: title, a rule under it (at most ``width``
    cells), the note, and one bullet a sentence."""
    title = title_line(article)
    lines = [title, "=" * min(cells(title), width)]
    if summary.excerpt_only:
        lines.append(f"🔒 {EXCERPT_NOTE}")
    lines.append("")
    lines.extend(f"  • {s}" for s in summary.sentences)
    return "\n".join(lines) + "\n"
