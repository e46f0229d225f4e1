"""Plain-text saves: the first non-empty line is the title, blank lines separate paragraphs."""

from __future__ import annotations

from reader.formats.blocks import chunk_to_blocks, same_title, split_paragraphs
from reader.model import Block, RawDocument
from reader.textutil import normalize_space


def parse(path: str, data: bytes, text: str) -> RawDocument:
    del data
    chunks = split_paragraphs(text)
    title = ""
    dropped: list[str] = []
    if chunks:
        first, _, rest = chunks[0].partition("\n")
        title = normalize_space(first)
        if rest.strip():
            chunks[0] = rest
        else:
            chunks.pop(0)
    # Saved pages often repeat the headline as the first body line.
    if chunks and same_title(chunks[0].split("\n", 1)[0], title):
        first, _, rest = chunks[0].partition("\n")
        dropped.append(normalize_space(first))
        if rest.strip():
            chunks[0] = rest
        else:
            chunks.pop(0)
    blocks: list[Block] = []
    for chunk in chunks:
        blocks.extend(chunk_to_blocks(chunk))
    return RawDocument(
        path=path, format="text", title=title, blocks=tuple(blocks), dropped=tuple(dropped)
    )
