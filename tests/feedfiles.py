"""Feeds written for the tests: an article body and an RSS 2.0 document of items, shared by the
core's feed tests and the TUI's feeds pane tests."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from reader.feeds.update import FEED_SETTINGS

FAST = replace(FEED_SETTINGS, host_delay=0.0)
"""Feed settings without the pause between requests to one host."""

SENTENCE = (
    "The harbour council met on Tuesday to argue about the cost of the new ferry pier, and "
    "members asked the port authority for a second estimate before the vote."
)


def body(n: int, words: int = 8) -> str:
    """An article's HTML: ``words`` paragraphs of about 30 words each."""
    return "".join(f"<p>{SENTENCE} Item {n}, part {k}.</p>" for k in range(words))


def rss(items: list[dict[str, str]], title: str = "Harbour Times") -> bytes:
    parts = []
    for it in items:
        xml = "<item>"
        for tag in ("title", "link", "guid", "author", "pubDate"):
            if tag in it:
                xml += f"<{tag}>{escape(it[tag])}</{tag}>"
        if "description" in it:
            xml += f"<description>{escape(it['description'])}</description>"
        if "content" in it:
            xml += f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>"
        parts.append(xml + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>http://harbour.example/</link>"
        f"<description>News</description>{''.join(parts)}</channel></rss>"
    ).encode()
