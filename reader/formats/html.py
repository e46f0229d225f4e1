"""Saved web pages: main text and metadata by trafilatura, paywall signals from the markup.

trafilatura finds the article's own paragraphs (lists and block quotes kept as such) and the
page's metadata; :mod:`reader.formats.html_signals` reads what the page declares about its
paywall. Cleaning and the paywall verdict then run as for every other format.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from reader.formats import NO_TEXT, LoadError
from reader.formats.blocks import drop_repeated_title
from reader.formats.html_signals import element_text, find_signals
from reader.model import Block, BlockKind, RawDocument
from reader.textutil import normalize_space, word_count

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
_SENTENCE = re.compile(r"\w[.!?…](?:[\s\"'’”)]|$)")
_KIND: dict[str, BlockKind] = {"p": "paragraph", "head": "heading", "code": "code"}


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top (BOMs are handled earlier)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _blocks(body: etree._Element) -> list[Block]:
    """trafilatura's output tree (``p``, ``head``, ``list/item``, ``quote``...) to blocks."""
    blocks: list[Block] = []
    for child in body:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "list":
            for item in child.iter("item"):
                text = element_text(item)
                if text:
                    blocks.append(Block(text, "list_item"))
        elif tag == "quote":
            parts = [element_text(p) for p in child if isinstance(p.tag, str)] or [
                element_text(child)
            ]
            blocks.extend(Block(t, "quote") for t in parts if t)
        else:
            text = element_text(child)
            if text:
                blocks.append(Block(text, _KIND.get(tag, "paragraph")))
    return blocks


def _is_prose(block: Block) -> bool:
    """A sentence or more of running text: what an index page or an app shell lacks."""
    words = word_count(block.text)
    return (
        block.kind in ("paragraph", "quote") and words >= 8 and bool(_SENTENCE.search(block.text))
    )


def _language(tree: HtmlElement, document: Document) -> str:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                lang = meta.get("content") or ""
                break
    return (lang.strip() or document.language or "").split(",")[0].strip()


def _metadata(tree: HtmlElement, document: Document) -> dict[str, str]:
    fields = {
        "source": document.sitename,
        "url": document.url,
        "date": document.date,
        "author": document.author,
        "language": _language(tree, document),
    }
    return {key: normalize_space(value) for key, value in fields.items() if value}


def parse(path: str, text: str) -> RawDocument:
    """Extract a saved web page's article: title, blocks, metadata and paywall signals.

    Raises :class:`~reader.formats.LoadError` ("no article text found") for pages that hold no
    article (index pages, empty shells, markup without text).
    """
    tree = load_html(text)
    if tree is None or not isinstance(tree, HtmlElement):
        raise LoadError(NO_TEXT)
    signals = find_signals(tree)
    document = bare_extraction(tree, with_metadata=True, include_comments=False)
    if not isinstance(document, Document) or document.body is None:
        raise LoadError(NO_TEXT)
    blocks = _blocks(document.body)
    title = normalize_space(document.title or "")
    metadata = _metadata(tree, document)
    candidates, dropped = drop_repeated_title(title, blocks)
    author = metadata.get("author", "")
    kept: list[Block] = []
    for block in candidates:
        if (
            author
            and word_count(block.text) <= 12
            and _BYLINE.match(block.text)
            and author.split(";")[0].strip().casefold() in block.text.casefold()
        ):
            dropped.append(block.text)  # "By Jane Doe": already in the metadata
        else:
            kept.append(block)
    if not title and kept and kept[0].kind == "heading":
        title = kept.pop(0).text
    if not any(_is_prose(b) for b in kept):
        raise LoadError(NO_TEXT)
    return RawDocument(
        path=path,
        format="html",
        title=title,
        blocks=tuple(kept),
        metadata=metadata,
        signals=signals,
        dropped=tuple(dropped),
    )
