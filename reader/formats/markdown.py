"""Markdown files: front matter, ``#`` headings, lists, quotes and fenced code as blocks.

This is a structural reading of the file, not a renderer: inline link and emphasis syntax is
unwrapped to its words, and nothing is ever interpreted as terminal markup.
"""

from __future__ import annotations

import re

from reader.formats.blocks import chunk_to_blocks, drop_repeated_title, split_paragraphs
from reader.model import Block, RawDocument
from reader.textutil import normalize_space

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(.+)\n(=+|-+)[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(
    r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)"
)
_CODE = re.compile(r"`([^`]+)`")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)[^\n]*\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

META_KEYS = {
    "source": "source",
    "site": "source",
    "publication": "source",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
    "date": "date",
    "published": "date",
    "author": "author",
    "by": "author",
    "lang": "language",
    "language": "language",
}


def inline(text: str) -> str:
    """Unwrap inline Markdown (links, emphasis, code spans) to the words it marks up."""
    # Each pattern runs only when its marker is present: most prose has none of them.
    if "[" in text:
        text = _IMAGE.sub(lambda m: m.group(1), text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EMPH.sub(lambda m: m.group(1) or m.group(2), text)
    return text


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and not key.startswith((" ", "\t")):
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def parse(path: str, text: str) -> RawDocument:
    meta, body = _front_matter(text)
    metadata = {META_KEYS[k]: v for k, v in meta.items() if k in META_KEYS and v}
    title = normalize_space(meta.get("title", ""))
    body = _HTML_COMMENT.sub("", _LINK_DEF.sub("", body))

    # Protect fenced code: it is kept verbatim as one block.
    fences: list[str] = []

    def keep_fence(m: re.Match[str]) -> str:
        fences.append(m.group(2).rstrip("\n"))
        return f"\n\n\x00{len(fences) - 1}\x00\n\n"

    body = _FENCE.sub(keep_fence, body)
    blocks: list[Block] = []
    for chunk in split_paragraphs(body):
        if chunk.startswith("\x00") and chunk.rstrip().endswith("\x00"):
            blocks.append(Block(fences[int(chunk.strip("\x00 \n"))], "code"))
            continue
        lines = chunk.split("\n")
        heading = _HEADING.match(lines[0]) or (_SETEXT.match(chunk) if len(lines) == 2 else None)
        if heading:
            level = len(heading.group(1)) if heading.re is _HEADING else 1
            words = normalize_space(inline(heading.group(2 if heading.re is _HEADING else 1)))
            if not title and level == 1 and not blocks:
                title = words
            else:
                blocks.append(Block(words, "heading"))
            rest = "\n".join(lines[1:]) if heading.re is _HEADING else ""
            if rest.strip():
                blocks.extend(_chunk(rest))
            continue
        blocks.extend(_chunk(chunk))
    blocks, dropped = drop_repeated_title(title, blocks)
    if not title and blocks and blocks[0].kind == "paragraph" and len(blocks[0].text) < 150:
        title = blocks[0].text
        blocks.pop(0)
    return RawDocument(
        path=path,
        format="markdown",
        title=title,
        blocks=tuple(blocks),
        metadata=metadata,
        dropped=tuple(dropped),
    )


def _chunk(chunk: str) -> list[Block]:
    lines = chunk.split("\n")
    if all(line.lstrip().startswith(">") for line in lines if line.strip()):
        quoted = "\n".join(re.sub(r"^\s*>\s?", "", line) for line in lines)
        return [Block(b.text, "quote") for b in chunk_to_blocks(inline(quoted))]
    if re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", chunk):  # thematic break
        return []
    return chunk_to_blocks(inline(chunk))
