"""A web page's title and source, chosen by agreement among what it says about itself.

Headline claims come from :func:`reader.formats.html_meta.read_meta` and the blocks at the top
of the extracted body. ``<title>`` usually holds the headline plus site parts (" | Site",
" - Section - Site", "Site: …"); without them it is a claim too, and its pieces are weak
candidates. The title is the candidate with the most weight behind it (see
:func:`page_title`); metadata is shown as declared, ``<title>`` without its site part.

Source: ``og:site_name``, the JSON-LD ``publisher``, ``application-name``, the site part of
``<title>`` when it names the page's domain, else the page's host, else the short site piece of
``<title>``. Never a copyright line, never a folder name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.formats.html_meta import MAX_SOURCE_CHARS, PageMeta, host_core, host_of, squash
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
_DOMAIN_NAME = re.compile(r"\b[\w-]{2,}\.(?:com|net|org|co\.uk|de|fr|es|it|nl|io|jp|cn)\b", re.I)
# A date as a title piece: "21/12/2018", "Feb. 1, 2016", "2016", "1 Feb 2016".
_DATE = re.compile(
    r"[\d./-]{6,10}"
    r"|(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+)?(?:19|20)\d\d"
    r"|\d{1,2}\.?\s+[A-Za-z]{3,9}\.?\s+(?:19|20)\d\d"
)
TOP_BLOCKS = 3
"""How many blocks from the top of the body may confirm a headline."""
TRAIL_WORDS = 4
"""Pieces of a title after its headline (site, section, date) have at most this many words."""
TOP_WEIGHT = 0.5
"""What a block at the top of the body adds to a candidate it repeats (a logo or a section
name heads the body as often as the headline does)."""


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
