"""Fetching pages from the web, only where the user asked: ``reader add`` and ``reader import``.

``urls`` (which URLs may be fetched; one key per page), ``client`` (the client a run shares,
its :class:`Settings`, :class:`FetchFailed` and transport errors worded for people), ``page``
(one page: redirects, size cap, decompression, type, deadline), ``polite`` (many pages at once
within per-host limits).
"""

from __future__ import annotations

from reader.fetch.client import FetchFailed, Settings, make_client, user_agent
from reader.fetch.page import Page, fetch_page
from reader.fetch.polite import fetch_all
from reader.fetch.urls import RefusedURL, check_url, normalize, url_key

__all__ = [
    "FetchFailed",
    "Page",
    "RefusedURL",
    "Settings",
    "check_url",
    "fetch_all",
    "fetch_page",
    "make_client",
    "normalize",
    "url_key",
    "user_agent",
]
