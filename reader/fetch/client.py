"""The HTTP client one run shares, the limits and manners it keeps, and failures told for
people.

:class:`Settings` bound every fetch (sizes, deadline, redirects) and the scheduler
(:mod:`reader.fetch.polite`: pages at once, per host, delays, retries); :func:`make_client`
builds the client with them (our User-Agent, no automatic redirects, and a hook that refuses a
redirect to another scheme). :class:`FetchFailed` is how any fetch ends when it cannot, with a
reason; :func:`describe_error` words a transport error (DNS, TLS, refused, timeouts...).
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.fetch.urls import ALLOWED_SCHEMES

if TYPE_CHECKING:  # httpx is imported where it is used: it pulls in rich, click and pygments
    import httpx


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits and manners for fetching; the defaults are what ``reader add`` and ``import``
    use."""

    max_bytes: int = 20_000_000
    """Largest body kept, counted after decompression (20 MB)."""
    deadline: float = 60.0
    """Seconds one page may take in all (redirects and a trickling body included)."""
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    """Seconds without a byte before giving up."""
    max_redirects: int = 10
    concurrency: int = 8
    """Pages fetched at once."""
    per_host: int = 2
    """Pages fetched at once from one host."""
    host_delay: float = 0.5
    """Seconds between the starts of two requests to the same host."""
    retries: int = 2
    """Further tries after a 429 or 503 answer."""
    retry_wait_max: float = 120.0
    """A ``Retry-After`` longer than this fails the page instead of waiting."""
    retry_wait_default: float = 5.0
    """Wait after a 429/503 that gives no ``Retry-After``."""


DEFAULTS = Settings()
"""The settings ``reader add`` and ``reader import`` use."""


def user_agent() -> str:
    """The User-Agent sent with every request: names reader and its version."""
    import httpx

    return f"reader/{__version__} (terminal reader for saved articles; httpx/{httpx.__version__})"


def make_client(settings: Settings) -> httpx.AsyncClient:
    """The HTTP client for one run: timeouts, no automatic redirects, our own headers."""
    import httpx

    return httpx.AsyncClient(
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=None,
        ),
        # The scheduler bounds the requests in flight; the pool keeps idle connections to
        # many hosts so that the next page from a host reuses its connection.
        limits=httpx.Limits(
            max_connections=None,
            max_keepalive_connections=max(settings.concurrency, 4),
            keepalive_expiry=10.0,
        ),
        follow_redirects=False,
        event_hooks={"response": [_check_redirect]},
        headers={
            "User-Agent": user_agent(),
            "Accept": "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8",
            # Only what :class:`_Decoder` undoes; never brotli or zstd.
            "Accept-Encoding": "gzip, deflate",
        },
        trust_env=True,
    )


async def _check_redirect(response: httpx.Response) -> None:
    """Refuse a redirect to another scheme before httpx builds the next request from it
    (``javascript:`` and the like do not even parse as URLs there)."""
    location = response.headers.get("Location")
    if location is None or not 300 <= response.status_code < 400:
        return
    target = urljoin(str(response.request.url), location.strip())
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchFailed(f"redirected to a refused scheme '{scheme}:'")


class FetchFailed(Exception):
    """A page that could not be fetched; ``reason`` is for people."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after
        """Seconds the server asked us to wait (429/503), if it said."""


def describe_error(exc: BaseException) -> str:
    """A reason for people for a transport error (DNS, TLS, refused, timeouts...)."""
    import httpx

    text = str(exc) or exc.__class__.__name__
    low = text.lower()
    cause: BaseException | None = exc
    while cause is not None:  # httpx wraps the socket's own error: look at the chain
        if isinstance(cause, socket.gaierror):
            return f"DNS lookup failed ({cause.strerror or cause})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error ({cause.reason or cause})"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out waiting for the server"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "refused scheme (only http and https are fetched)"
    if isinstance(exc, httpx.ConnectError):
        if any(
            s in low
            for s in (
                "name or service not known",
                "nodename nor servname",
                "getaddrinfo",
                "no address associated",
                "temporary failure in name resolution",
            )
        ):
            return f"DNS lookup failed ({text})"
        if "ssl" in low or "certificate" in low or "tls" in low:
            return f"TLS error ({text})"
        if "refused" in low:
            return "connection refused"
        return f"cannot connect ({text})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the protocol ({text})"
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return f"connection lost ({text})"
    if isinstance(exc, httpx.InvalidURL):
        return f"malformed URL ({text})"
    return f"{exc.__class__.__name__}: {text}"
