"""Markdown files: front matter, ``#`` headings, lists, quotes and fenced code as blocks.

This is a structural reading of the file, not a renderer: inline link and emphasis syntax is
unwrapped to its words, and nothing is ever interpreted as terminal markup.
"""

from __future__ import annotations

import re

from reader.formats import TAG_SEPARATOR, TAGS_KEY
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


def _front_matter(text: str) -> tuple[dict[str, str], list[str], str]:
    """The front matter's ``key: value`` lines (keys lower case), its tags, and the rest."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, [], text
    meta: dict[str, str] = {}
    tags: list[str] = []
    listing = False  # inside the indented "- item" lines of a tags key with no value
    for line in match.group(1).split("\n"):
        if listing and line[:1] in (" ", "\t", "-") and line.strip().startswith("-"):
            tags.append(line.strip()[1:])
            continue
        listing = False
        key, sep, value = line.partition(":")
        if sep and not key.startswith((" ", "\t")):
            key = key.strip().lower()
            meta[key] = value.strip().strip("\"'")
            if key in _TAG_KEYS:
                inline_tags = value.strip()
                listing = not inline_tags
                if inline_tags.startswith("[") and inline_tags.endswith("]"):
                    tags += inline_tags[1:-1].split(",")
                else:
                    tags += inline_tags.split("," if "," in inline_tags else None)
    return meta, _clean_tags(tags), text[match.end() :]


_TAG_KEYS = ("tags", "tag")
"""Front-matter keys that list tags (Jekyll, Hugo, Obsidian): ``[a, b]``, ``a, b``, ``a b``,
or one ``- a`` line each."""


def _clean_tags(raw: list[str]) -> list[str]:
    """Each tag without quotes, a leading ``#`` or commas (the separator of joined tags)."""
    out = []
    for tag in raw:
        tag = normalize_space(tag.strip().strip("\"'").lstrip("#").replace(",", " "))
        if tag and tag not in out:
            out.append(tag)
    return out


def parse(path: str, text: str) -> RawDocument:
    meta, tags, body = _front_matter(text)
    metadata = {META_KEYS[k]: v for k, v in meta.items() if k in META_KEYS and v}
    if tags:
        metadata[TAGS_KEY] = TAG_SEPARATOR.join(tags)
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
