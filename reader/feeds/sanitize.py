"""Feed item HTML made safe to save: a whitelist of tags and attributes, links made absolute.

Item content is hostile input. What is kept is text markup (paragraphs, headings, lists,
quotes, code, tables, links, images); ``script``, ``style``, ``iframe``, ``object``, forms and
every event handler or ``style`` attribute are dropped, with the text inside ``script`` and
``style`` (never shown). Links and image sources are resolved against the item's base URL and
kept only when they are http(s) or mailto. feedparser sanitizes RSS and Atom content itself;
JSON Feed content comes through here, and so does every item body before it is written.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

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
VOID = frozenset(["br", "hr", "img"])
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


class _Cleaner(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.out: list[str] = []
        self.skip = 0
        """Depth inside an element dropped with its text."""
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_TEXT:
            if tag not in VOID:
                self.skip += 1
            return
        if self.skip or tag not in ALLOWED:
            return
        kept = []
        for name, value in attrs:
            if value is None or name not in ATTRIBUTES.get(tag, ()):
                continue
            if name in URL_ATTRIBUTES:
                value = safe_url(value, self.base)
                if not value:
                    continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_TEXT:
            return
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1] == tag:
            self.open.pop()
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_TEXT:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag not in ALLOWED or tag in VOID or tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(html.escape(data, quote=False))


def clean_html(fragment: str, base: str = "") -> str:
    """``fragment`` with only the allowed markup, every element closed, URLs absolute."""
    if not fragment:
        return ""
    cleaner = _Cleaner(base)
    cleaner.feed(fragment)
    cleaner.close()
    cleaner.out.extend(f"</{t}>" for t in reversed(cleaner.open))
    return "".join(cleaner.out).strip()


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment (scripts and styles left out), spaces collapsed."""
    cleaner = _Cleaner("")
    cleaner.feed(fragment)
    cleaner.close()
    text = "".join(p for p in cleaner.out if not p.startswith("<"))
    return " ".join(html.unescape(text).split())
