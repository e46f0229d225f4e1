"""A feed document to a :class:`ParsedFeed`: RSS 0.9x-2.0, RDF and Atom by feedparser, JSON
Feed here; an HTML page, broken XML or an empty document each with a clear reason."""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import html
import io
import json
import re
import time
from collections.abc import Container, Iterable
from typing import Any
from urllib.parse import urljoin

from reader.feeds.model import FeedError, FeedItem, ParsedFeed
from reader.feeds.sanitize import clean_with_text, plain_text, safe_url
from reader.textutil import safe_line

MAX_ITEMS = 1000
"""Items read from one feed document (newest first as feeds list them); the rest are named in
a note. A feed of 10,000 items costs seconds to parse, never the other feeds."""

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_JSON_START = re.compile(rb"^\s*\{")


def looks_like_html(data: bytes) -> bool:
    """True for a web page (not a feed)."""
    return bool(_HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


_ITEM_START = re.compile(rb"<(?:\w+:)?(?:item|entry)[\s>/]")
_GUID = re.compile(
    rb"<(?:guid|id)(?:\s[^>]*)?>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</(?:guid|id)>", re.S
)


def all_known(data: bytes, known: Container[str], url: str) -> bool:
    """True when an XML feed's every item has a GUID already in ``known`` (a cheap scan, no
    parse): an update with nothing new then costs no parse even when the server ignores the
    validators and sends new bytes (a new build date). Anything unusual (a GUID missing,
    unknown or odd, more items than are read) answers False, and the feed is parsed."""
    if _JSON_START.match(data[:64].lstrip(b"\xef\xbb\xbf")):
        return False
    items = len(_ITEM_START.findall(data))
    if not items or items > MAX_ITEMS:
        return False
    ids = _GUID.findall(data)
    # Atom's feed-level <id> comes before the first entry: one more id than entries.
    if len(ids) not in (items, items + 1):
        return False
    if len(ids) == items + 1:
        ids = ids[1:]
    for raw in ids:
        try:
            guid = html.unescape(raw.decode("utf-8")).strip()
        except UnicodeDecodeError:
            return False
        # feedparser reads a GUID as a URI relative to the feed's address
        if not guid or ("guid:" + guid not in known and "guid:" + urljoin(url, guid) not in known):
            return False
    return True


def parse_feed(data: bytes, url: str, content_type: str = "", charset: str = "") -> ParsedFeed:
    """Read the feed document ``data`` fetched from ``url``; :class:`FeedError` when it is
    not a feed (the reason says what it is instead)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if not data.strip():
        raise FeedError("empty document")
    if "json" in content_type or _JSON_START.match(head):
        return parse_json_feed(data, url)
    if looks_like_html(data):
        raise FeedError("an HTML page, not a feed (give the feed's URL, or a page that links one)")
    return _parse_xml(data, url, content_type, charset)


def _iso(parsed: Any) -> str:
    if not parsed:
        return ""
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))
    except (TypeError, ValueError, OverflowError):
        return ""


def _key(guid: str, link: str, title: str, published: str, text: str) -> str:
    if guid:
        return "guid:" + guid
    if link:
        return "link:" + link
    digest = hashlib.sha256(f"{title}\0{published}\0{text[:2000]}".encode()).hexdigest()[:16]
    return "hash:" + digest


def _dedupe(items: Iterable[FeedItem], notes: list[str]) -> tuple[FeedItem, ...]:
    """Items with unique keys: a GUID given to several items keeps the first under it, the
    others under their links (or contents); an item repeated outright is left out."""
    out: list[FeedItem] = []
    seen: set[str] = set()
    shared = 0
    repeated = 0
    empty = 0
    for item in items:
        if not (item.title or item.link or item.content_html or item.summary_html):
            empty += 1
            continue
        key = item.key
        if key in seen and item.guid:
            shared += 1
            key = _key("", item.link, item.title, item.published, item.content_html)
            if key in seen:
                key = _key("", "", item.title, item.published, item.content_html)
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        out.append(item if key == item.key else _with_key(item, key))
    if shared:
        notes.append(f"{shared} items repeat another item's GUID: told apart by link or content")
    if repeated:
        notes.append(f"{repeated} items appear twice: kept once")
    if empty:
        notes.append(f"{empty} items have no title, link or text: left out")
    return tuple(out)


def _with_key(item: FeedItem, key: str) -> FeedItem:
    return dataclasses.replace(item, key=key)


def _cap(entries: list[Any], notes: list[str]) -> list[Any]:
    if len(entries) > MAX_ITEMS:
        notes.append(f"the feed lists {len(entries)} items: read the first {MAX_ITEMS}")
        return entries[:MAX_ITEMS]
    return entries


def _parse_xml(data: bytes, url: str, content_type: str, charset: str) -> ParsedFeed:
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    # feedparser's own sanitizer and link resolver are off: each is a pass over every item's
    # HTML in pure Python (together half the parse time, bench/feeds.py), and every item body
    # goes through clean_with_text anyway (one whitelist for every format, JSON Feed
    # included), which resolves links against the base feedparser reports for that content
    # (xml:base aware).
    doc = feedparser.parse(
        io.BytesIO(data),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    notes: list[str] = []
    version = str(doc.get("version") or "")
    feed = doc.get("feed", {})
    if doc.get("bozo"):
        problem = doc.get("bozo_exception")
        name = type(problem).__name__
        if not version and not doc.entries:
            detail = safe_line(str(problem))[:200] if problem is not None else "unreadable"
            raise FeedError(f"not a feed: invalid XML ({detail})")
        if name == "CharacterEncodingOverride":
            notes.append("the declared encoding was wrong: read as " + str(doc.get("encoding")))
        elif name not in ("NonXMLContentType",):
            notes.append(
                f"the feed is not well-formed XML ({safe_line(str(problem))[:120]}); read leniently"
            )
    if not version and not doc.entries and not feed.get("title"):
        raise FeedError("not a feed (no RSS, RDF or Atom channel in the document)")
    items = []
    for entry in _cap(list(doc.entries), notes):
        link = safe_url(str(entry.get("link") or ""), url)
        guid = str(entry.get("id") or "").strip()
        title = safe_line(plain_text(str(entry.get("title") or "")))
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        content = ""
        base = url
        for part in entry.get("content") or ():
            if part.get("value"):
                content = str(part["value"])
                base = str(part.get("base") or url)
                break
        author = safe_line(str(entry.get("author") or ""))
        content, text = clean_with_text(content, base)
        summary = ""
        if not content:  # the summary is only shown (and judged) when there is no content
            about = entry.get("summary_detail") or {}
            raw = str(entry.get("summary") or "")
            summary, text = clean_with_text(raw, str(about.get("base") or url))
        items.append(
            FeedItem(
                key=_key(guid, link, title, published, content or summary),
                title=title,
                link=link,
                author=author,
                published=published,
                content_html=content,
                summary_html=summary,
                guid=guid,
                text=text,
            )
        )
    return ParsedFeed(
        title=safe_line(plain_text(str(feed.get("title") or ""))),
        link=safe_url(str(feed.get("link") or ""), url),
        format=version or "xml",
        items=_dedupe(items, notes),
        notes=tuple(notes),
    )


def parse_json_feed(data: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (jsonfeed.org/version/1.1)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FeedError("not a feed: JSON that is not UTF-8") from None
    except ValueError as exc:
        raise FeedError(f"not a feed: invalid JSON ({exc})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    raw_items = doc.get("items")
    if not isinstance(raw_items, list):
        raise FeedError("not a feed: JSON Feed without items")
    notes: list[str] = []
    items = []
    feed_authors = _json_authors(doc)
    for raw in _cap(raw_items, notes):
        if not isinstance(raw, dict):
            continue
        link = safe_url(_str(raw.get("url")) or _str(raw.get("external_url")), url)
        guid = _str(raw.get("id")) if raw.get("id") is not None else ""
        if isinstance(raw.get("id"), int | float):
            guid = str(raw["id"])
        base = link or url
        content = _str(raw.get("content_html"))
        if not content and raw.get("content_text"):
            content = _text_html(_str(raw.get("content_text")))
        summary = _str(raw.get("summary"))
        summary = _text_html(summary) if summary else ""
        title = safe_line(_str(raw.get("title")))
        published = _json_date(_str(raw.get("date_published")) or _str(raw.get("date_modified")))
        content, text = clean_with_text(content, base)
        summary, summary_text = clean_with_text(summary, base)
        items.append(
            FeedItem(
                key=_key(guid, link, title, published, content or summary),
                title=title,
                link=link,
                author=safe_line(_json_authors(raw) or feed_authors),
                published=published,
                content_html=content,
                summary_html=summary,
                guid=guid,
                text=text or summary_text,
            )
        )
    return ParsedFeed(
        title=safe_line(_str(doc.get("title"))),
        link=safe_url(_str(doc.get("home_page_url")), url),
        format="json",
        items=_dedupe(items, notes),
        notes=tuple(notes),
    )


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _text_html(text: str) -> str:
    return "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip()
    )


def _json_authors(obj: dict[str, Any]) -> str:
    authors = obj.get("authors")
    if not isinstance(authors, list):
        authors = [obj.get("author")] if isinstance(obj.get("author"), dict) else []
    names = [_str(a.get("name")) for a in authors if isinstance(a, dict)]
    return ", ".join(n for n in names if n)


def _json_date(value: str) -> str:
    if not value:
        return ""
    from datetime import UTC, datetime

    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def absolute(url: str, base: str) -> str:
    """``url`` resolved against ``base``."""
    return urljoin(base, url)
