"""trafilatura's output tree (``p``, ``head``, ``list/item``, ``quote``, ``code``, ``table``,
``row``, ``cell``) read into blocks, every piece of text kept once and in order: text beside
elements (tails), line breaks, nested lists, tables row by row (or the blocks inside a layout
cell), and ``<pre>`` text with its lines (trafilatura makes most of it quotes; the page's own
``<pre>`` blocks, found by :func:`preformatted`, tell them apart).
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from reader.model import Block, BlockKind
from reader.textutil import normalize_space, word_count

BLOCK_WORDS = 6
"""Lines shorter than this (menu entries, section links) do not count as article words (see
:func:`reader.formats.html.has_article`)."""
PRE_KEY_CHARS = 80
MAX_PRE = 200
"""``<pre>`` blocks are recognised in trafilatura's output by their first characters."""

# trafilatura's output vocabulary: blocks, and the inline elements inside them.
_BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "cell"})
_SKIP_TAGS = frozenset({"graphic", "lb"})


class _Reader:
    """trafilatura's output tree to blocks, every piece of text kept once and in order."""

    def __init__(self, preformatted: frozenset[str] = frozenset()) -> None:
        self.preformatted = preformatted
        """Starts of the page's ``<pre>`` texts: trafilatura makes most of them quotes."""
        self.blocks: list[Block] = []
        self.long_words = 0
        """Words in lines of at least :data:`BLOCK_WORDS` words (see
        :func:`reader.formats.html.has_article`)."""
        self._pending: list[str] = []

    def _flush(self) -> None:
        text = "".join(self._pending)
        self._pending = []
        self._add(text, "paragraph")

    def inline(self, element: etree._Element) -> str:
        """An element's text with its inline children and their tails; blocks left out."""
        parts = [element.text or ""]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "lb":
                parts.append("\n")
            elif tag not in _BLOCK_TAGS and tag not in _SKIP_TAGS:
                parts.append(self.inline(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def container(self, element: etree._Element) -> None:
        """Read a container (the body, a layout cell): inline runs become paragraphs."""
        self._pending.append(element.text or "")
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _BLOCK_TAGS:
                self._flush()
                self.block(child, tag)
            elif tag == "lb":
                self._flush()
            elif tag and tag not in _SKIP_TAGS:
                if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in child):
                    self._flush()
                    self.container(child)
                else:
                    self._pending.append(self.inline(child))
            self._pending.append(child.tail or "")
        self._flush()

    def _nested(self, element: etree._Element) -> None:
        for child in element:
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                self.block(child, child.tag)

    def block(self, element: etree._Element, tag: str) -> None:
        if tag == "list":
            for item in element:
                if isinstance(item.tag, str) and item.tag == "item":
                    self._add(self.inline(item), "list_item")
                    self._nested(item)
                elif isinstance(item.tag, str) and item.tag in _BLOCK_TAGS:
                    self.block(item, item.tag)
        elif tag == "table" or tag == "row":
            for row in element:
                if not isinstance(row.tag, str):
                    continue
                if row.tag == "row":
                    self._row(row)
                elif row.tag in _BLOCK_TAGS:
                    self.block(row, row.tag)
        elif tag == "cell":
            self.container(element)
        elif tag == "code" or (
            tag == "quote"
            and self.preformatted
            and _pre_key("".join(element.itertext())) in self.preformatted
        ):
            text = "".join(element.itertext()).strip("\n")
            lines = [line.rstrip() for line in text.split("\n")]
            if any(line.strip() for line in lines):
                self.long_words += word_count(text)
                self.blocks.append(Block("\n".join(lines).strip("\n"), "code"))
        elif tag == "quote":
            if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element):
                start = len(self.blocks)
                self._add(self.inline(element), "quote")
                self._nested(element)
                for i in range(start, len(self.blocks)):
                    if self.blocks[i].kind == "paragraph":
                        self.blocks[i] = Block(self.blocks[i].text, "quote")
            else:
                self._add(self.inline(element), "quote")
        else:  # p, head, item outside a list
            kind: BlockKind = (
                "heading" if tag == "head" else "list_item" if tag == "item" else "paragraph"
            )
            self._add(self.inline(element), kind)
            self._nested(element)

    def _row(self, row: etree._Element) -> None:
        cells = [c for c in row if isinstance(c.tag, str)]
        if any(
            isinstance(g.tag, str) and g.tag in _BLOCK_TAGS and g.tag != "cell"
            for c in cells
            for g in c
        ):
            for cell in cells:  # a layout table: the cells hold blocks of their own
                self.container(cell)
            return
        self._add(
            " · ".join(t for c in cells if (t := normalize_space(self.inline(c)))), "list_item"
        )

    def _add(self, text: str, kind: BlockKind) -> None:
        # Lines count one by one: a menu comes out of the extractor as one block of short
        # lines, a list-shaped article as items (or lines) of some length.
        self.long_words += sum(
            n for line in text.split("\n") if (n := word_count(line)) >= BLOCK_WORDS
        )
        text = normalize_space(text)
        if text:
            self.blocks.append(Block(text, kind))


def _pre_key(text: str) -> str:
    return normalize_space(text)[:PRE_KEY_CHARS]


def preformatted(tree: HtmlElement) -> frozenset[str]:
    """Keys of the page's ``<pre>`` blocks, so their text keeps its lines."""
    keys = set()
    for n, pre in enumerate(tree.iter("pre")):
        if n >= MAX_PRE:
            break
        key = _pre_key(pre.text_content())
        if key:
            keys.add(key)
    return frozenset(keys)


def read_blocks(body: etree._Element, pre: frozenset[str] = frozenset()) -> tuple[list[Block], int]:
    """trafilatura's output tree (``p``, ``head``, ``list/item``, ``table``...) to blocks, and
    the words in its lines of some length."""
    reader = _Reader(pre)
    reader.container(body)
    return reader.blocks, reader.long_words
