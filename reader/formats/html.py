"""Saved web pages: main text by trafilatura, read whole; title and source from the page's metadata.

* The page is made safe to parse first: numeric references to control characters are resolved
  as HTML5 does (``&#150;`` is "–", ``&#x1b;`` nothing), and inline scripts or styles too large
  for the parser are cut, so one odd byte or a 15 MB bundle cannot cost the article.
* trafilatura (in its recall mode) finds the article's part of the page. Its output tree is
  read whole: text beside elements (tails), line breaks, nested lists, tables (row by row, or
  the blocks inside a layout cell) and ``<pre>`` text. Cleaning then removes what is boilerplate,
  so reader keeps what trafilatura found and only refines it.
* A page is refused ("no article text found") only when nothing article-like is left: no
  sentence of prose (Chinese and Japanese count by characters and end with 。！？), and fewer
  than :data:`MIN_WORDS` words in blocks of some length (an index page, an empty shell).
* Title and source come from :mod:`reader.formats.html_meta`; paywall signals from
  :mod:`reader.formats.html_signals`; trafilatura's output tree becomes blocks in
  :mod:`reader.formats.html_tree`.
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
from reader.formats.html_meta import read_meta
from reader.formats.html_signals import find_signals, jsonld_objects
from reader.formats.html_title import page_source, page_title
from reader.formats.html_tree import preformatted, read_blocks
from reader.model import Block, RawDocument
from reader.textutil import CJK_SENTENCE_END, normalize_space, word_count

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
_SENTENCE = re.compile(rf"\w[.!?…](?:[\s\"'’”)]|$)|[{CJK_SENTENCE_END}]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")

MIN_WORDS = 50
"""A page without a sentence of prose still counts when its longer blocks (headings, list
items, table rows, ``<pre>`` text of at least
:data:`~reader.formats.html_tree.BLOCK_WORDS` words) hold this many words."""
LARGE_PAGE = 1_000_000
"""Pages above this many characters have their oversized scripts and styles cut."""
RECALL_CHECK_WORDS = 200
"""Below this many words from trafilatura's recall mode, its default mode is tried as well."""
SCRIPT_KEEP = 100_000
"""Characters of a script or style kept (paywall vendor snippets and JSON-LD sit well within)."""


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top (BOMs are handled earlier)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _control_ref(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code in (9, 10, 13):
        return match.group(0)
    if 0x80 <= code <= 0x9F:
        # HTML5 reads these references as Windows-1252 (&#150; is "–"); the five codes that
        # code page leaves undefined stay C1 controls, which are never shown.
        return bytes([code]).decode("cp1252", errors="ignore")
    if (
        code < 0x20
        or code == 0x7F
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        or 0xD800 <= code <= 0xDFFF
        or code > 0x10FFFF
    ):
        return ""
    return match.group(0)


def prepare(text: str) -> str:
    """The page text made safe to parse: references to controls resolved, huge scripts cut.

    The loader has stripped raw control characters already; a *reference* to one would come
    back in the parsed text (and make trafilatura's XML output fail, refusing the page).
    """
    if "&#" in text:
        text = _CHAR_REF.sub(_control_ref, text)
    if len(text) > LARGE_PAGE:
        text = _cut_scripts(text)
    return text


def _cut_scripts(text: str) -> str:
    """``text`` with every script or style body over :data:`SCRIPT_KEEP` characters cut.

    One linear scan (an unclosed ``<script>`` runs to the end, as browsers read it).
    """
    lower = text.lower()
    out: list[str] = []
    pos = 0
    while True:
        starts = [i for i in (lower.find("<script", pos), lower.find("<style", pos)) if i >= 0]
        if not starts:
            break
        start = min(starts)
        tag = "script" if lower.startswith("<script", start) else "style"
        body = lower.find(">", start)
        if body < 0:
            break
        body += 1
        end = lower.find(f"</{tag}", body)
        if end < 0:
            end = len(text)
        out.append(text[pos:body])
        out.append(text[body : min(end, body + SCRIPT_KEEP)])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def is_prose(block: Block) -> bool:
    """A sentence or more of running text: what an index page or an app shell lacks."""
    return (
        block.kind in ("paragraph", "quote")
        and word_count(block.text) >= 8
        and bool(_SENTENCE.search(block.text))
    )


def has_article(blocks: list[Block], long_words: int) -> bool:
    """Prose, or enough words in lines of some length (a list-, table- or ``<pre>``-shaped
    article): ``long_words`` counts the words in lines of at least
    :data:`~reader.formats.html_tree.BLOCK_WORDS`."""
    return any(is_prose(b) for b in blocks) or long_words >= MIN_WORDS


def _language(tree: HtmlElement) -> str:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        for meta in tree.iter("meta"):
            key = (meta.get("http-equiv") or meta.get("property") or "").lower()
            if key in ("content-language", "og:locale"):
                lang = (meta.get("content") or "").replace("_", "-")
                break
    return lang.split(",")[0].strip()


def _symbols(element: etree._Element) -> list[str]:
    """The symbols of a MathML element, in order, leaving out ``<annotation>`` (TeX source)."""
    out: list[str] = []
    if (element.text or "").strip():
        out.append((element.text or "").strip())
    for child in element:
        if isinstance(child.tag, str) and not child.tag.startswith("annotation"):
            out.extend(_symbols(child))
    return out


def _math_as_text(tree: HtmlElement) -> None:
    """MathML formulas (which the extractor drops) become their symbols as plain text:
    ``<math><mi>a</mi><mo>≠</mo><mn>0</mn></math>`` reads "a ≠ 0". TeX annotations are left
    out; formulas hidden by the page stay hidden."""
    for math in list(tree.iter("math")):
        pieces = _symbols(math)
        # MathJax wraps its copy of the formula in custom elements the extractor drops:
        # the text takes the place of the outermost wrapper.
        target = math
        for ancestor in math.iterancestors():
            if isinstance(ancestor.tag, str) and ancestor.tag.startswith("mjx-"):
                target = ancestor
        parent = target.getparent()
        if parent is None:
            continue
        span = etree.Element("span")
        span.text = " ".join(pieces)
        span.tail = target.tail
        parent.replace(target, span)


def _extract(tree: HtmlElement, favor_recall: bool) -> Document | None:
    """trafilatura's reading of the page (it works on its own copy of ``tree``)."""
    # Metadata comes from html_meta (trafilatura's own pass took a third of the time).
    document = bare_extraction(
        tree, with_metadata=False, include_comments=False, favor_recall=favor_recall
    )
    if not isinstance(document, Document) or document.body is None:
        return None
    return document


def parse(path: str, text: str) -> RawDocument:
    """Extract a saved web page's article: title, blocks, metadata and paywall signals.

    Raises :class:`~reader.formats.LoadError` ("no article text found") for pages that hold no
    article (index pages, empty shells, markup without text).
    """
    tree = load_html(prepare(text))
    if tree is None or not isinstance(tree, HtmlElement):
        raise LoadError(NO_TEXT)
    objects = jsonld_objects(tree)
    signals = find_signals(tree, objects)
    meta = read_meta(tree, objects)
    for template in list(tree.iter("template")):
        template.drop_tree()  # inert markup the browser never shows (its tail text stays)
    _math_as_text(tree)
    document = _extract(tree, favor_recall=True)
    pre = preformatted(tree)
    blocks, long_words = read_blocks(document.body, pre) if document else ([], 0)
    words = sum(word_count(b.text) for b in blocks)
    if words < RECALL_CHECK_WORDS:
        # Recall mode sometimes settles on a small part of the page: the default mode's
        # reading is taken when it holds more.
        other = _extract(tree, favor_recall=False)
        if other is not None:
            other_blocks, other_long = read_blocks(other.body, pre)
            if sum(word_count(b.text) for b in other_blocks) > words:
                document, blocks, long_words = other, other_blocks, other_long
    if document is None:
        raise LoadError(NO_TEXT)
    url = meta.url
    title = page_title(meta, "", blocks, url)
    fields = {
        "source": page_source(meta, "", url, title),
        "url": url,
        "date": meta.date,
        "author": meta.author,
        "language": _language(tree),
    }
    metadata = {key: normalize_space(value) for key, value in fields.items() if value}
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
    if not has_article(kept, long_words):
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
