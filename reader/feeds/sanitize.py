"""Feed item HTML made safe to save: a whitelist of tags and attributes, links made absolute.

Item content is hostile input. What is kept is text markup (paragraphs, headings, lists,
quotes, code, tables, links, images); ``script``, ``style``, ``iframe``, ``object``, forms and
every event handler or ``style`` attribute are dropped, with the text inside ``script`` and
``style`` (never shown). Links and image sources are resolved against the item's base URL and
kept only when they are http(s) or mailto. feedparser sanitizes RSS and Atom content itself;
JSON Feed content comes through here, and so does every item body before it is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

ALLOWED = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "article",
        "aside",
        "header",
        "footer",
    ]
)
DROPPED_WITH_TEXT = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "applet",
        "frame",
        "frameset",
        "svg",
        "math",
        "form",
        "select",
        "textarea",
        "button",
        "head",
        "title",
    ]
)
ATTRIBUTES = {
    "a": ("href", "title"),
    "img": ("src", "alt", "title", "width", "height"),
    "blockquote": ("cite",),
    "q": ("cite",),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan"),
    "time": ("datetime",),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(value: str, base: str) -> str:
    """``value`` resolved against ``base``; empty when it is not http(s) or mailto."""
    value = value.strip()
    if not value:
        return ""
    try:
        absolute = urljoin(base, value) if base else value
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return ""
    return absolute if scheme in SCHEMES else ""


def _clean_tree(root: HtmlElement, base: str) -> None:
    """Apply the whitelist to ``root``'s descendants in place."""
    for el in list(root.iterdescendants()):
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            el.drop_tree()
            continue
        tag = tag.lower()
        if tag in DROPPED_WITH_TEXT:
            el.drop_tree()
            continue
        if tag not in ALLOWED:
            el.drop_tag()  # unknown markup goes, its text stays
            continue
        allowed = ATTRIBUTES.get(tag, ())
        for name in list(el.attrib):
            if name not in allowed:
                del el.attrib[name]
            elif name in URL_ATTRIBUTES:
                url = safe_url(el.attrib[name], base)
                if url:
                    el.attrib[name] = url
                else:
                    del el.attrib[name]


def clean_with_text(fragment: str, base: str = "") -> tuple[str, str]:
    """``fragment`` with only the allowed markup, every element closed, URLs absolute; and
    its :func:`plain_text`, in one pass."""
    if not fragment or not fragment.strip():
        return "", ""
    from lxml import etree
    from lxml.html import fragment_fromstring, tostring

    try:
        root = fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return "", ""
    _clean_tree(root, base)
    text = " ".join(root.text_content().split())
    markup = tostring(root, encoding="unicode", method="html")
    inner = markup[len("<div>") : -len("</div>")] if markup.startswith("<div>") else markup
    return inner.strip(), text


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment (scripts and styles left out), spaces collapsed."""
    return clean_with_text(fragment)[1]
