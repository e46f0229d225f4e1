"""OPML 1.0/2.0 subscription lists: read any reader's export, write ours.

Reading takes every ``<outline>`` with an ``xmlUrl`` at any depth; the ``text`` of the folders
around it become its tags (how readers export folders), as do the entries of its ``category``
attribute. Writing gives one outline per feed with ``type="rss"``, ``text``, ``title``,
``xmlUrl``, ``htmlUrl`` and ``category`` (the tags), plus reader's own ``readerFullPages`` and
``readerFolder``: other readers ignore attributes they do not know.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import quoteattr

from reader.feeds.model import FeedError, Subscription
from reader.textutil import safe_line

OWN = {"readerFullPages", "readerFolder"}
KNOWN = {"text", "title", "type", "xmlUrl", "htmlUrl", "category", "version", *OWN}


def _tags(value: str) -> list[str]:
    out = []
    for part in value.split(","):
        for piece in part.strip().strip("/").split("/"):
            piece = safe_line(piece)
            if piece:
                out.append(piece)
    return out


def read_opml(data: bytes) -> tuple[list[Subscription], list[str]]:
    """The feeds an OPML document lists, and notes on what was left out."""
    if b"<!ENTITY" in data[:65536].upper():
        raise FeedError("not a usable OPML file: it declares XML entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedError(f"not an OPML file: invalid XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise FeedError(f"not an OPML file (its root element is <{safe_line(root.tag)[:40]}>)")
    body = root.find("body")
    if body is None:
        raise FeedError("not an OPML file: no <body>")
    subs: list[Subscription] = []
    notes: list[str] = []

    def walk(node: ET.Element, folders: list[str]) -> None:
        for child in node:
            if child.tag != "outline":
                continue
            attrs = child.attrib
            url = (attrs.get("xmlUrl") or attrs.get("xmlurl") or "").strip()
            name = safe_line(attrs.get("title") or attrs.get("text") or "")
            if url:
                name = "" if name == url else name
                tags = folders + _tags(attrs.get("category", ""))
                subs.append(
                    Subscription(
                        url=url,
                        title=name,
                        tags=tuple(dict.fromkeys(tags)),
                        full_pages=attrs.get("readerFullPages", "") == "true",
                        folder=safe_line(attrs.get("readerFolder", "")),
                        site=(attrs.get("htmlUrl") or "").strip(),
                        extra={k: v for k, v in attrs.items() if k not in KNOWN},
                    )
                )
            elif len(child):
                walk(child, [*folders, name] if name else folders)
            elif name:
                notes.append(f"outline {name!r} has no xmlUrl: left out")

    walk(body, [])
    return subs, notes


def write_opml(
    subs: Iterable[Subscription],
    title: str = "reader subscriptions",
    names: Mapping[str, str] | None = None,
) -> str:
    """An OPML 2.0 document listing ``subs``; ``names`` gives the feeds' own titles (by URL)
    for those the user did not name."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime())}"
        "</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for sub in subs:
        name = sub.title or (names or {}).get(sub.url, "") or sub.url
        attrs: dict[str, str] = {"type": "rss", "text": name, "title": name, "xmlUrl": sub.url}
        if sub.site:
            attrs["htmlUrl"] = sub.site
        if sub.tags:
            attrs["category"] = ",".join(t.replace(",", " ") for t in sub.tags)
        if sub.full_pages:
            attrs["readerFullPages"] = "true"
        if sub.folder:
            attrs["readerFolder"] = sub.folder
        for key, value in sub.extra.items():
            attrs.setdefault(key, value)
        rendered = " ".join(f"{k}={_attr(v)}" for k, v in attrs.items() if _name_ok(k))
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _name_ok(name: str) -> bool:
    return name.replace("_", "a").replace("-", "a").replace(".", "a").isalnum()


def _clean(value: str) -> str:
    # Characters XML 1.0 cannot hold at all.
    return "".join(
        c
        for c in value
        if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff" and not "\ud800" <= c <= "\udfff")
    )


def _attr(value: str) -> str:
    return quoteattr(_clean(value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _text(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(_clean(value))
