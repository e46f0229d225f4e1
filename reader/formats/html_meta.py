"""A web page's own metadata, read as plain strings: headline claims, site names, canonical
URL and host, date and author.

Headline claims: JSON-LD ``headline`` (of an article-like object), ``og:title``,
``twitter:title``, ``dc.title``, the page's first ``<h1>`` s and ``<title>``. Site names:
``og:site_name``, the JSON-LD ``publisher``, ``application-name``. Conventions: the Open Graph
protocol (ogp.me), schema.org ``NewsArticle``, and the Twitter card and Dublin Core meta names.
Choosing the title and the source from them: :mod:`reader.formats.html_title`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from lxml.html import HtmlElement

from reader.formats.html_signals import element_text
from reader.textutil import normalize_space

_FEED_HOST = re.compile(r"^(?:rss|feeds?|rssfeeds|feedproxy)\.(?=[^.]+\.)", re.IGNORECASE)
_ISO_DAY = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article:modified_time",
)
_ARTICLE_TYPES = re.compile(r"article|posting|report|review|story|webpage", re.IGNORECASE)
_GENERIC_TLD = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"})
_OWN_LINKS = frozenset({"alternate", "shortlink", "home", "index", "search", "start"})
"""``<link rel>`` kinds that point to the page's own site (its feed, short link, search)."""
_PLATFORMS = frozenset(
    {
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "pinterest",
        "reddit",
        "whatsapp",
        "instagram",
        "youtube",
        "tiktok",
        "google",
        "github",
        "t",
        "bit",
        "wikipedia",
        "creativecommons",
    }
)
"""Hosts that share buttons, embeds and references point to: never taken as the page's own
from its links alone (a page of their own declares its canonical URL)."""
MAX_LINKS = 2000
"""Links read to find a page's own host when it declares no URL."""
MIN_LINKS = 3
LINK_SHARE_TENTHS = 4
"""A page's own host is the one at least 3 of its absolute links, and 40% of them, go to."""
MAX_SOURCE_CHARS = 60
"""A longer "site name" is a tagline or a sentence, not a name."""


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself, as plain strings."""

    claims: tuple[str, ...]
    """Headline claims from metadata, strongest first (JSON-LD, Open Graph, Twitter, Dublin
    Core)."""
    h1s: tuple[str, ...]
    """The page's first ``<h1>`` texts."""
    title_tag: str
    """The ``<title>`` text."""
    sites: tuple[str, ...]
    """Site names the page declares, strongest first."""
    url: str
    """The canonical URL (``http``/``https`` only), else ''."""
    host: str = ""
    """The site's host: the canonical URL's, else the one most of the page's links go to."""
    date: str = ""
    """The publication date as ``YYYY-MM-DD``, else ''."""
    author: str = ""
    """The author(s), ``; ``-separated, else ''."""


def squash(text: str) -> str:
    """Letters and digits only, accents and case folded: "Libération.fr" -> "liberationfr"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _http(url: str) -> str:
    url = normalize_space(url)
    if url.startswith("//"):
        url = "https:" + url
    try:
        return url if urlparse(url).scheme in ("http", "https") else ""
    except ValueError:  # "http://[broken": not a URL
        return ""


def _link_host(tree: HtmlElement) -> str:
    """The host most of the page's absolute links point to (a saved page's own menus and
    article links), when it has a clear majority; '' otherwise."""
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if any(r in _OWN_LINKS for r in rel):
            host = _FEED_HOST.sub("", host_of(_http(link.get("href") or "")))
            if host:
                return host
    counts: dict[str, int] = {}
    total = 0
    for n, link in enumerate(tree.iter("a")):
        if n >= MAX_LINKS:
            break
        href = link.get("href") or ""
        if href.startswith(("http://", "https://", "//")):
            host = host_of(_http(href))
            if host and host_core(host) not in _PLATFORMS:
                counts[host] = counts.get(host, 0) + 1
                total += 1
    if not counts:
        return ""
    host, count = max(counts.items(), key=lambda item: item[1])
    return host if count >= MIN_LINKS and count * 10 >= total * LINK_SHARE_TENTHS else ""


def host_of(url: str) -> str:
    """``www.example.co.uk`` from a URL, without ``www.`` ('' when there is none)."""
    try:
        return (urlparse(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def host_core(host: str) -> str:
    """The registered name of a host: ``nytimes`` for ``www.nytimes.com``, ``bbc`` for
    ``bbc.co.uk``."""
    labels = [label for label in host.split(".") if label]
    if len(labels) > 1:
        labels.pop()
        if len(labels) > 1 and labels[-1] in _GENERIC_TLD:
            labels.pop()
    return squash(labels[-1]) if labels else ""


def _text(value: Any) -> str:
    if isinstance(value, str):
        return normalize_space(value)
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list) and value:
        return _text(value[0])
    return ""


def read_meta(tree: HtmlElement, objects: list[dict[str, Any]]) -> PageMeta:
    """The page's headline claims, ``<title>``, declared site names and canonical URL."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = normalize_space(meta.get("content") or "")
        if key and content and key.strip() not in metas:
            metas[key.strip()] = content
    headline = publisher = website = published = ""
    authors: list[str] = []
    for obj in objects:
        if not published:
            published = _day(_text(obj.get("datePublished")) or _text(obj.get("dateCreated")))
        if not authors and obj.get("author"):
            authors = _names(obj.get("author"))
        kind = " ".join(t for t in _as_list(obj.get("@type")) if isinstance(t, str))
        if not headline and _ARTICLE_TYPES.search(kind):
            headline = _text(obj.get("headline")) or (
                _text(obj.get("name")) if "webpage" not in kind.lower() else ""
            )
        if not publisher and obj.get("publisher"):
            publisher = _text(obj.get("publisher"))
        if not website and kind.lower() == "website":
            website = _text(obj.get("name"))
    h1s = []
    for h1 in tree.iter("h1"):
        text = element_text(h1).rstrip("¶#🔗 ")  # documentation pages' permalink marks
        if text:
            h1s.append(text)
        if len(h1s) == 2:
            break
    claims = [
        headline,
        metas.get("og:title", ""),
        metas.get("twitter:title", ""),
        metas.get("dc.title", "") or metas.get("dcterms.title", ""),
    ]
    title_tag = ""
    for element in tree.iter("title"):
        if not any(a.tag == "svg" for a in element.iterancestors()):
            title_tag = element_text(element)
            break
    canonical = ""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = _http(link.get("href") or "")
            if canonical:
                break
    # A "site name" that repeats the headline (a WebSite object named after the page) is not one.
    headlines = {squash(c) for c in claims if c}
    sites = [
        name
        for name in (
            metas.get("og:site_name", ""),
            publisher,
            website,
            metas.get("application-name", ""),
        )
        if name and squash(name) not in headlines
    ]
    if not published:
        for key in _DATE_KEYS:
            published = _day(metas.get(key, ""))
            if published:
                break
    if not published:
        for time in tree.iter("time"):
            published = _day(time.get("datetime") or "")
            if published:
                break
    if not authors:
        for key in ("author", "article:author", "dc.creator", "parsely-author", "byl"):
            value = metas.get(key, "")
            if value and not value.lower().startswith(("http://", "https://")):
                authors = [re.sub(r"^by\s+", "", value, flags=re.IGNORECASE)]
                break
    url = canonical or _http(metas.get("og:url", ""))
    return PageMeta(
        host=host_of(url) if url else _link_host(tree),
        date=published,
        author="; ".join(authors),
        claims=tuple(c for c in claims if c),
        h1s=tuple(h1s),
        title_tag=title_tag,
        sites=tuple(s for s in sites if s),
        url=url,
    )


def _day(value: str) -> str:
    match = _ISO_DAY.search(value)
    return match.group(0) if match else ""


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD ``author`` (a string, an object or a list of them)."""
    names = []
    for item in _as_list(value):
        name = _text(item)
        if name and len(name) <= MAX_SOURCE_CHARS and name not in names:
            names.append(name)
    return names


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
