"""Finding a page's feeds: its ``<link rel="alternate">`` elements of a feed type."""

from __future__ import annotations

from html.parser import HTMLParser

from reader.feeds.sanitize import safe_url

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
)
"""The link types taken as feeds, in order of preference (RSS and Atom first)."""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base = ""
        self.found: list[tuple[str, str]] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        a = {k: (v or "") for k, v in attrs}
        if tag == "base" and not self.base:
            self.base = a.get("href", "")
        elif tag == "link":
            rel = a.get("rel", "").lower().split()
            kind = a.get("type", "").lower().split(";")[0].strip()
            if "alternate" in rel and kind in FEED_TYPES and a.get("href"):
                self.found.append((kind, a["href"]))
        elif tag == "body":
            self.done = True


def feed_links(page: str, page_url: str) -> list[str]:
    """The feed URLs ``page`` links to, absolute, best first (RSS/Atom before JSON)."""
    parser = _Links()
    parser.feed(page[:1_000_000])
    base = safe_url(parser.base, page_url) or page_url
    ranked = sorted(parser.found, key=lambda f: FEED_TYPES.index(f[0]))
    out: list[str] = []
    for _, href in ranked:
        url = safe_url(href, base)
        if url and url.startswith("http") and url not in out:
            out.append(url)
    return out
