"""Plain-text saves: the first non-empty line is the title, blank lines separate paragraphs."""

from __future__ import annotations

from reader.formats.blocks import (
    chunk_to_blocks,
    drop_repeated_title,
    same_title,
    split_paragraphs,
)
from reader.model import Block, RawDocument
from reader.textutil import normalize_space


def parse(path: str, text: str) -> RawDocument:
    chunks = split_paragraphs(text)
    title = ""
    if chunks:
        first, _, rest = chunks[0].partition("\n")
        title = normalize_space(first)
        if rest.strip():
            chunks[0] = rest
        else:
            chunks.pop(0)
    if chunks:
        # Plain text has no headings: a repeated headline may sit on the line right above the
        # body. Give that line a block of its own so the shared rule can drop it.
        head, _, rest = chunks[0].partition("\n")
        if rest.strip() and same_title(head, title):
            chunks[0:1] = [head, rest]
    blocks: list[Block] = []
    for chunk in chunks:
        blocks.extend(chunk_to_blocks(chunk))
    kept, dropped = drop_repeated_title(title, blocks)
    return RawDocument(
        path=path, format="text", title=title, blocks=tuple(kept), dropped=tuple(dropped)
    )
