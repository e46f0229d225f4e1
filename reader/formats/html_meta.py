"""A web page's title, source, date and author from its own metadata, chosen by agreement.

Headline claims: JSON-LD ``headline`` (of an article-like object), ``og:title``,
``twitter:title``, ``dc.title``, the page's first ``<h1>`` s and the blocks at the top of the
extracted body. ``<title>`` usually holds the headline plus site parts (" | Site",
" - Section - Site", "Site: …"); without them it is a claim too, and its pieces are weak
candidates. The title is the candidate with the most weight behind it (see
:func:`page_title`); metadata is shown as declared, ``<title>`` without its site part.

Source: ``og:site_name``, the JSON-LD ``publisher``, ``application-name``, the site part of
``<title>`` when it names the page's domain, else the page's host, else the short site piece of
``<title>``. Never a copyright line, never a folder name. Conventions: the Open Graph protocol
(ogp.me), schema.org ``NewsArticle``, and the Twitter card and Dublin Core meta names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from lxml.html import HtmlElement

from reader.formats.html_signals import element_text
from reader.model import Block
from reader.textutil import normalize_space

# A run of dashes, bars, bullets or other symbols between spaces ("Headline ✩ Site"), a bar
# or underscore even without spaces (CJK titles: "标题_频道_网站"), or a colon.
_SEPARATOR = re.compile(
    r"(\s+(?:[^\w\s\"'“”‘’«»()\[\]{},.;:!?&%$#@*+=<>]{1,3}|::)\s+|\s*[|｜_]\s*|:\s+)"
)
_COPYRIGHT = re.compile(
    r"©|\(c\)|\bcopyright\b|all rights reserved|\b(?:19|20)\d\d\b", re.IGNORECASE
)
_FEED_HOST = re.compile(r"^(?:rss|feeds?|rssfeeds|feedproxy)\.(?=[^.]+\.)", re.IGNORECASE)
_DOMAIN_NAME = re.compile(r"\b[\w-]{2,}\.(?:com|net|org|co\.uk|de|fr|es|it|nl|io|jp|cn)\b", re.I)
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
# A date as a title piece: "21/12/2018", "Feb. 1, 2016", "2016", "1 Feb 2016".
_DATE = re.compile(
    r"[\d./-]{6,10}"
    r"|(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+)?(?:19|20)\d\d"
    r"|\d{1,2}\.?\s+[A-Za-z]{3,9}\.?\s+(?:19|20)\d\d"
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
TOP_BLOCKS = 3
"""How many blocks from the top of the body may confirm a headline."""
TRAIL_WORDS = 4
"""Pieces of a title after its headline (site, section, date) have at most this many words."""
TOP_WEIGHT = 0.5
"""What a block at the top of the body adds to a candidate it repeats (a logo or a section
name heads the body as often as the headline does)."""


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


def _pieces(title: str) -> tuple[list[str], list[str]]:
    """``title`` cut at its separators: ``(pieces, separators)``."""
    parts = _SEPARATOR.split(title)
    return parts[::2], parts[1::2]


def _join(pieces: list[str], seps: list[str]) -> str:
    out = pieces[0]
    for sep, piece in zip(seps, pieces[1:], strict=False):
        out += sep + piece
    return normalize_space(out)


def is_site(piece: str, sites: Iterable[str], core: str) -> bool:
    """True when ``piece`` names the site: a declared site name or the page's domain."""
    squashed = squash(piece)
    if not squashed:
        return False
    if any(squashed == squash(s) for s in sites):
        return True
    if len(squashed) >= 4 and any(squash(s).startswith(squashed) for s in sites):
        return True  # "Folha" for "Folha de S.Paulo"
    if not core:
        return False
    if squashed == core or (squashed.startswith(core) and len(squashed) <= len(core) + 4):
        return True  # "NYTimes.com", "BBC News", "Libération.fr"
    if len(squashed) >= 4 and core.startswith(squashed):
        return True
    return _abbreviates(core, [squash(w) for w in piece.split() if squash(w)])


def _abbreviates(core: str, words: list[str]) -> bool:
    """True when the domain name is built from the words, each whole or as its initial, a
    leading "the" optional: "nytimes" from "The New York Times"."""
    if not words:
        return not core
    if len(words) > 8 or not core:
        return False
    head, rest = words[0], words[1:]
    if head == "the" and _abbreviates(core, rest):
        return True
    if core.startswith(head) and _abbreviates(core[len(head) :], rest):
        return True
    return core[0] == head[0] and _abbreviates(core[1:], rest)


def strip_site(title: str, sites: Iterable[str], core: str) -> tuple[str, str]:
    """``title`` without the site-name parts at its ends: ``(headline, site part)``."""
    sites = tuple(sites)
    pieces, seps = _pieces(title)
    site = ""
    while len(pieces) > 1 and (is_site(pieces[-1], sites, core) or _DATE.fullmatch(pieces[-1])):
        if not _DATE.fullmatch(pieces[-1]):
            site = site or pieces[-1]
        pieces.pop()
        seps.pop()
        if site and len(pieces) > 1 and _DATE.fullmatch(pieces[-1]):
            continue
    while len(pieces) > 1 and is_site(pieces[0], sites, core):
        site = site or pieces[0]
        pieces.pop(0)
        seps.pop(0)
    return _join(pieces, seps), site


def _title_parts(title: str) -> list[str]:
    """The ``<title>`` text, then its leading and trailing runs of pieces, longest first."""
    pieces, seps = _pieces(title)
    out = [normalize_space(title)]
    for k in range(len(pieces) - 1, 0, -1):
        out.append(_join(pieces[:k], seps[: k - 1]))
        out.append(_join(pieces[len(pieces) - k :], seps[len(pieces) - k :]))
    return [p for p in out if p]


def _heads(title: str) -> set[str]:
    """Keys of the leading runs of ``title`` followed only by short pieces: the headline in
    "Headline - 21/12/2018 - Sport - Site" (a section, a date, a site name)."""
    pieces, seps = _pieces(title)
    out: set[str] = set()
    for k in range(len(pieces) - 1, 0, -1):
        if len(pieces[k].split()) > TRAIL_WORDS or ":" in seps[k - 1]:
            break  # a colon starts a subtitle, not a trail
        out.add(squash("".join(pieces[:k])))
    return out


def page_title(meta: PageMeta, fallback: str, blocks: list[Block], url: str) -> str:
    """The headline: the candidate that the page's claims and the body's top agree on most.

    Each candidate has a weight (declared metadata 1, the ``<title>`` without its site part 1,
    an ``<h1>`` 0.5, since logos and section names are ``<h1>`` s too), and gains the weight
    of every other source that says the same (compared without site parts, case or
    punctuation). Metadata is shown as declared; ``<title>`` with its site part removed.
    """
    core = host_core(host_of(url) or meta.host)
    sites = meta.sites
    top = [b.text for b in blocks[:TOP_BLOCKS] if b.kind in ("heading", "paragraph")]
    stripped_tag = strip_site(meta.title_tag, sites, core)[0] if meta.title_tag else ""
    sources: list[tuple[str, float]] = [(c, 1.0) for c in meta.claims]
    if stripped_tag:
        sources.append((stripped_tag, 1.0))
    sources += [(h, 0.5) for h in meta.h1s]
    sources += [(p, 0.25) for p in (_title_parts(meta.title_tag)[1:] if meta.title_tag else [])]
    if fallback:
        sources.append((fallback, 0.25))
    keys = [squash(strip_site(text, sites, core)[0]) for text, _ in sources]
    heads = [_heads(text) for text, _ in sources]
    top_keys = [squash(t) for t in top]
    best, best_score = "", 0.0
    for i, (candidate, weight) in enumerate(sources):
        key = keys[i]
        if not key or len(candidate) > 300 or is_site(candidate, sites, core):
            continue
        score = weight + TOP_WEIGHT * top_keys.count(key)
        score += sum(
            w
            for j, (_, w) in enumerate(sources)
            if j != i and (keys[j] == key or (weight >= 1 and key in heads[j]))
        )
        if score > best_score:
            best, best_score = candidate, score
    return best or normalize_space(meta.title_tag) or fallback


def _clean_source(name: str, sites: Iterable[str], core: str) -> str:
    name = normalize_space(name)
    if name.lower().startswith(("http://", "https://")):
        return host_of(name)
    pieces, _ = _pieces(name)
    if len(pieces) > 1:  # "Site - its tagline", "SITE.COM | BY: A WRITER"
        named = [p for p in pieces if is_site(p, sites, core)]
        name = named[0] if named else pieces[0]
    if not name or len(name) > MAX_SOURCE_CHARS or _COPYRIGHT.search(name):
        return ""
    return name


def page_source(meta: PageMeta, fallback: str, url: str, title: str = "") -> str:
    """The site's name as the page declares it, else the canonical URL's domain ('' if none)."""
    host = host_of(url) or meta.host
    core = host_core(host)
    for name in (*meta.sites, fallback):
        cleaned = _clean_source(name, meta.sites, core)
        if cleaned:
            return cleaned
    if meta.title_tag and core:
        site = strip_site(meta.title_tag, (), core)[1]
        if site and not _COPYRIGHT.search(site):
            return site
    if host:
        return host
    if meta.title_tag and title:
        # No name and no domain: the short piece that <title> adds after (or before) the
        # headline, e.g. "Headline_Channel_Site" or "Headline [LWN.net]".
        named = _DOMAIN_NAME.search(meta.title_tag)
        if named:
            return named.group(0)
        pieces, seps = _pieces(meta.title_tag)
        if len(pieces) > 1:
            head = squash(title)
            rest = [p.strip() for p in pieces if squash(p) and squash(p) not in head]
            if not rest:  # the title is the whole <title>: "Site: Headline", "Headline - Site"
                colon_only = all(":" in sep for sep in seps)
                rest = [pieces[0].strip() if colon_only else pieces[-1].strip()]
            last = rest[-1]
            if (
                len(last.split()) <= TRAIL_WORDS
                and not _COPYRIGHT.search(last)
                and not _DATE.fullmatch(last)
            ):
                return last
    return ""
