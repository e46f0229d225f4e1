"""Splitting plain text into blocks: shared by the text and Markdown loaders."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.model import Block, BlockKind
from reader.textutil import normalize_space

_BULLET = re.compile(r"^\s*(?:[•·▪◦‣∙*+\-–]|\d{1,3}[.)])\s+")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated chunks, stripped, empty ones dropped."""
    return [chunk for chunk in (c.strip("\n") for c in _BLANK_LINES.split(text)) if chunk.strip()]


def chunk_to_blocks(chunk: str) -> list[Block]:
    """One blank-line separated chunk to blocks: bullet lines become list items.

    Lines that continue a bullet (indented, no marker) join the item before them.
    """
    lines = [line for line in chunk.split("\n") if line.strip()]
    if not any(_BULLET.match(line) for line in lines):
        return [Block(normalize_space(chunk), "paragraph")]
    blocks: list[Block] = []
    current: list[str] = []
    kind: BlockKind = "paragraph"
    for line in lines:
        marker = _BULLET.match(line)
        if marker or not current:
            if current:
                blocks.append(Block(normalize_space(" ".join(current)), kind))
            kind = "list_item" if marker else "paragraph"
            current = [line[marker.end() :] if marker else line]
        else:
            current.append(line)
    if current:
        blocks.append(Block(normalize_space(" ".join(current)), kind))
    return [b for b in blocks if b.text]


def same_title(a: str, b: str) -> bool:
    """True when two lines are the same title up to case, spacing and trailing punctuation."""

    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s.casefold()).strip()

    return bool(a.strip()) and norm(a) == norm(b)


TITLE_WINDOW = 3
"""How many kept blocks from the top of the body may be a repeat of the headline."""


def drop_repeated_title(
    title: str, blocks: Iterable[Block], within: int = TITLE_WINDOW
) -> tuple[list[Block], list[str]]:
    """Drop the headline that saved pages repeat at the top of the body: ``(kept, dropped)``.

    A heading or paragraph that is the same title as ``title`` (see :func:`same_title`) is
    dropped while fewer than ``within`` blocks have been kept, so a repeat still goes when a
    short line ("Member-only story", a byline) sits above it. Every format uses this rule.
    """
    kept: list[Block] = []
    dropped: list[str] = []
    for block in blocks:
        if (
            title
            and len(kept) < within
            and block.kind in ("heading", "paragraph")
            and same_title(block.text, title)
        ):
            dropped.append(block.text)
        else:
            kept.append(block)
    return kept, dropped
