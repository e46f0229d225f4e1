"""Fetching one page: redirects, size cap, decompression, content type and a total deadline.

Redirects are followed here rather than by httpx, so that each hop is checked (only http and
https; a loop is named as one; at most :attr:`Settings.max_redirects`) and no redirect body is
ever read. The body is read raw and decompressed here with a bounded output, so a small gzip
bomb cannot expand past the cap in memory: the cap counts the decompressed bytes.
"""

from __future__ import annotations

import asyncio
import re
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from reader.fetch.client import DEFAULTS, FetchFailed, Settings, describe_error
from reader.fetch.urls import ALLOWED_SCHEMES, RefusedURL, check_url

if TYPE_CHECKING:  # httpx is imported where it is used: it pulls in rich, click and pygments
    import httpx

KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "xhtml",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
"""The content types that are saved, and the format each is saved as."""

Progress = Callable[[int, int | None], None]
"""``progress(bytes_so_far, total_or_None)`` while a body is read."""


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page, its body as the server sent it (content-encoding undone)."""

    url: str
    final_url: str
    status: int
    content_type: str
    """The media type, lower case, without parameters."""
    charset: str
    """The charset the header declared, or empty."""
    kind: str
    """``html``, ``xhtml``, ``text`` or ``markdown``."""
    body: bytes
    fetched: str
    """When the body arrived, ISO 8601 UTC."""
    etag: str = ""
    """The ``ETag`` the server gave (for a conditional GET next time), or empty."""
    last_modified: str = ""
    """The ``Last-Modified`` the server gave, or empty."""
    moved_to: str = ""
    """Where ``url`` now lives when every redirect on the way was permanent (301, 308):
    the address to use from now on (a feed's subscription follows it); else empty."""


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


class _Decoder:
    """Undo a Content-Encoding chain with a bound on the output."""

    def __init__(self, encodings: list[str], limit: int) -> None:
        self._steps: list[zlib._Decompress] = []
        for enc in reversed(encodings):  # the last applied is undone first
            if enc in ("gzip", "x-gzip"):
                self._steps.append(zlib.decompressobj(wbits=31))
            elif enc == "deflate":
                self._steps.append(zlib.decompressobj(wbits=47))
            elif enc in ("identity", ""):
                continue
            else:
                raise FetchFailed(f"unsupported content encoding '{enc}'")
        self._limit = limit
        self.produced = 0

    def feed(self, data: bytes) -> bytes:
        for step in self._steps:
            out: list[bytes] = []
            size = 0
            buf = data
            while buf:
                # Never more than the room left (+1 to notice going over): bounded memory.
                piece = step.decompress(buf, max(1, self._limit + 1 - self.produced - size))
                out.append(piece)
                size += len(piece)
                if self.produced + size > self._limit:
                    raise FetchFailed(f"too large (over {_mb(self._limit)} once decompressed)")
                buf = step.unconsumed_tail
            data = b"".join(out)
        self.produced += len(data)
        if self.produced > self._limit:
            raise FetchFailed(f"too large (over {_mb(self._limit)} once decompressed)")
        return data


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


_SNIFF_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", re.I | re.S)


def _kind(
    content_type: str, body_start: bytes, url: str, kinds: Mapping[str, str] = KINDS
) -> str | None:
    if not content_type:
        return "html" if _SNIFF_HTML.match(body_start) else kinds.get("")
    kind = kinds.get(content_type)
    if kind == "text" and url.lower().split("?")[0].endswith((".md", ".markdown")):
        return "markdown"
    return kind


async def fetch_page(
    client: httpx.AsyncClient,
    url: str,
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] = KINDS,
) -> Page:
    """Fetch ``url`` and return its page, or raise :class:`FetchFailed` with the reason.

    ``headers`` are sent with the request (e.g. ``If-None-Match``: a 304 answer raises
    :class:`FetchFailed` with ``status`` 304 and reads no body); ``kinds`` maps the content
    types accepted to the kind each is given (``""``: what a body with no type is, when it
    does not look like HTML), for callers that want more than article pages (feeds)."""
    import httpx

    try:
        check_url(url)
    except RefusedURL as exc:
        raise FetchFailed(str(exc)) from None
    try:
        async with asyncio.timeout(settings.deadline):
            return await _fetch(client, url, settings, progress, headers, kinds)
    except TimeoutError:
        raise FetchFailed(
            f"took longer than {settings.deadline:.0f} s (the server is too slow)"
        ) from None
    except httpx.HTTPError as exc:
        raise FetchFailed(describe_error(exc)) from None
    except zlib.error as exc:
        raise FetchFailed(f"corrupt compressed body ({exc})") from None


async def _fetch(
    client: httpx.AsyncClient,
    url: str,
    settings: Settings,
    progress: Progress | None,
    headers: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] = KINDS,
) -> Page:
    request = client.build_request("GET", url, headers=headers)
    seen = {str(request.url)}
    hops = 0
    permanent = True
    while True:
        response = await client.send(request, stream=True)
        try:
            if response.has_redirect_location and response.next_request is not None:
                nxt = response.next_request
                if nxt.url.scheme not in ALLOWED_SCHEMES:
                    raise FetchFailed(f"redirected to a refused scheme '{nxt.url.scheme}:'")
                target = str(nxt.url.copy_with(fragment=None))
                if target in seen:
                    raise FetchFailed(f"redirect loop (back to {target})")
                hops += 1
                if hops > settings.max_redirects:
                    raise FetchFailed(f"too many redirects (more than {settings.max_redirects})")
                seen.add(target)
                permanent = permanent and response.status_code in (301, 308)
                request = nxt
                continue
            page = await _read(response, url, settings, progress, kinds)
            if hops and permanent and page.final_url != url:
                return replace(page, moved_to=page.final_url)
            return page
        finally:
            await response.aclose()


async def _read(
    response: httpx.Response,
    url: str,
    settings: Settings,
    progress: Progress | None,
    kinds: Mapping[str, str] = KINDS,
) -> Page:
    status = response.status_code
    if status >= 400 or status < 200:
        phrase = response.reason_phrase or ""
        wait = _retry_after(response.headers.get("Retry-After")) if status in (429, 503) else None
        raise FetchFailed(f"HTTP {status} {phrase}".strip(), status=status, retry_after=wait)
    if status == 204 or (300 <= status < 400):
        raise FetchFailed(f"HTTP {status} {response.reason_phrase or ''}".strip(), status=status)
    raw_type = response.headers.get("Content-Type", "")
    media = raw_type.split(";")[0].strip().lower()
    charset = ""
    for param in raw_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if media and media not in kinds:
        if kinds is not KINDS:
            raise FetchFailed(f"not a feed or a web page (type {media})")
        raise FetchFailed(f"not an article page (type {media}; only HTML, XHTML, text, Markdown)")
    length = response.headers.get("Content-Length", "")
    total = int(length) if length.isdigit() else None
    if total is not None and total > settings.max_bytes:
        raise FetchFailed(
            f"too large ({total / 1e6:.1f} MB; the limit is {_mb(settings.max_bytes)})"
        )
    encodings = [
        e.strip().lower()
        for e in response.headers.get("Content-Encoding", "").split(",")
        if e.strip()
    ]
    decoder = _Decoder(encodings, settings.max_bytes)
    parts: list[bytes] = []
    received = 0
    async for chunk in response.aiter_raw(65536):
        received += len(chunk)
        if received > settings.max_bytes:
            raise FetchFailed(f"too large (over {_mb(settings.max_bytes)})")
        parts.append(decoder.feed(chunk))
        if progress is not None:
            progress(received, total)
    body = b"".join(parts)
    kind = _kind(media, body[:1024], str(response.url), kinds)
    if kind is None:
        raise FetchFailed("not an article page (no Content-Type, and it does not look like HTML)")
    if not body.strip():
        raise FetchFailed("empty page")
    return Page(
        url=url,
        final_url=str(response.url),
        status=status,
        content_type=media or "text/html",
        charset=charset,
        kind=kind,
        body=body,
        fetched=now_iso(),
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
    )
