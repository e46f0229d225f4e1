"""Which URLs the reader hands to a browser: only web pages (``http`` and ``https``).

A page's canonical link or front matter is untrusted: ``file:///etc/passwd``,
``javascript:alert(1)`` or a custom scheme that launches another program must never be opened.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from reader.textutil import safe_line

WEB_SCHEMES: frozenset[str] = frozenset({"http", "https"})
"""The only schemes opened in a browser or fetched (``reader.fetch`` uses the same set)."""


def refused_scheme(url: str) -> str | None:
    """None when ``url`` is an http(s) address with a host, else the scheme that is refused
    (``"none"`` when there is none), for a message that names it."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unbalanced "[" in the host
        return "malformed"
    scheme = parts.scheme.casefold()
    if scheme in WEB_SCHEMES and parts.hostname and url == safe_line(url):
        return None
    return safe_line(scheme) or "none"
