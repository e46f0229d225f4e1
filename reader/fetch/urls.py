"""URLs as the user gave them: which ones may be fetched, and one key per article.

Two spellings of the same page (``HTTP://Example.com:80/a?utm_source=x#top`` and
``http://example.com/a``) share a :func:`url_key`, so saving either says "already saved".
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from reader.urls import WEB_SCHEMES

ALLOWED_SCHEMES = WEB_SCHEMES
"""Schemes fetched: the same policy as for opening in a browser (:mod:`reader.urls`)."""

# Query parameters that only say where a click came from, never which page it is.
# Source: the parameters documented by Google Analytics (utm_*), Google Ads (gclid, dclid,
# gbraid, wbraid), Facebook (fbclid), Microsoft Ads (msclkid), Yandex (yclid), Mailchimp
# (mc_cid, mc_eid), HubSpot (_hsenc, _hsmi), Marketo (mkt_tok), Instagram (igshid) and
# Pocket's own "pocket_*" share parameters.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "igshid",
        "ocid",
    }
)
TRACKING_PREFIXES = ("utm_", "pocket_")


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


class RefusedURL(ValueError):
    """A URL reader will not fetch; the message says why, for people."""


def check_url(url: str) -> str:
    """``url`` trimmed, if it is an absolute http(s) URL with a host; else :class:`RefusedURL`.

    ``javascript:``, ``file:``, ``data:`` and every other scheme are refused by name.
    """
    url = url.strip()
    if not url:
        raise RefusedURL("empty URL")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise RefusedURL(f"malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise RefusedURL("not an absolute URL (no http:// or https://)")
    if scheme not in ALLOWED_SCHEMES:
        raise RefusedURL(f"refused scheme '{scheme}:' (only http and https are fetched)")
    try:
        host = parts.hostname
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError as exc:
        raise RefusedURL(f"malformed URL ({exc})") from None
    if not host:
        raise RefusedURL("URL has no host")
    if _SPACE_OR_CONTROL.search(url):
        raise RefusedURL("URL contains spaces or control characters")
    return url


def normalize(url: str) -> str:
    """The URL in one canonical spelling: scheme and host lower case, default port, fragment
    and tracking parameters dropped, an empty path as ``/``. Other query parameters keep
    their order (some sites care about it)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    user, _, hostport = parts.netloc.rpartition("@")
    hostport = hostport.lower()
    for default in (":80",) if scheme == "http" else (":443",) if scheme == "https" else ():
        hostport = hostport.removesuffix(default)
    netloc = f"{user}@{hostport}" if user else hostport
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def url_key(url: str) -> str:
    """The key under which a page counts as saved: its :func:`normalize` form."""
    return normalize(url)


def short_hash(url: str, length: int = 8) -> str:
    """A few hex digits that tell two pages apart in file names: from :func:`url_key`."""
    return hashlib.sha256(url_key(url).encode("utf-8")).hexdigest()[:length]


def host_of(url: str) -> str:
    """The host that politeness limits count against (lower case, no port)."""
    return (urlsplit(url).hostname or "").lower()
