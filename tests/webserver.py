"""A web server on 127.0.0.1 for the fetching tests, serving pages the tests wrote.

Each route is a function of the request handler; :class:`Site` counts the requests (and how
many ran at once per host) so tests can check politeness.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

WEB = Path(__file__).resolve().parent / "data" / "web"
ARTICLE = (WEB / "article.html").read_bytes()
TEASER = (WEB / "teaser.html").read_bytes()

Route = Callable[["Handler"], None]


@dataclass
class Site:
    """What the server serves and what it saw."""

    base: str
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    agents: list[str] = field(default_factory=list)
    active: dict[str, int] = field(default_factory=dict)
    peak: dict[str, int] = field(default_factory=dict)
    all_active: int = 0
    all_peak: int = 0
    starts: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()
            self.agents.clear()
            self.peak.clear()
            self.all_peak = 0
            self.starts.clear()


class Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def send(
        self, body: bytes, status: int = 200, ctype: str = "text/html; charset=utf-8", **hdr: str
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in hdr.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        site = self.site
        host = self.headers.get("Host", "").split(":")[0]
        path = self.path.split("?")[0]
        with site.lock:
            site.hits[path] = site.hits.get(path, 0) + 1
            site.agents.append(self.headers.get("User-Agent", ""))
            site.active[host] = site.active.get(host, 0) + 1
            site.peak[host] = max(site.peak.get(host, 0), site.active[host])
            site.all_active += 1
            site.all_peak = max(site.all_peak, site.all_active)
            site.starts.setdefault(host, []).append(time.monotonic())
        try:
            route = site.routes.get(path)
            if route is None:
                self.send(b"<h1>Not found</h1>", 404)
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with site.lock:
                site.active[host] -= 1
                site.all_active -= 1


def _redirect(to: str, status: int = 302) -> Route:
    return lambda h: h.send(b"", status, "", Location=to)


def _trickle(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    for _ in range(200):
        h.wfile.write(b" ")
        h.wfile.flush()
        time.sleep(0.05)


def _endless(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    chunk = b"<p>" + b"x" * 65536 + b"</p>"
    for _ in range(400):  # 26 MB if nobody stops reading
        h.wfile.write(chunk)


def _slow_article(h: Handler) -> None:
    time.sleep(0.3)
    h.send(ARTICLE)


@functools.cache
def _bomb() -> bytes:
    """30 MB of zeros, gzipped to about 30 KB."""
    return gzip.compress(b"\0" * 30_000_000, compresslevel=9)


def _huge_declared(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "900000000")
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(b"<html>")


def default_routes(site: Site) -> dict[str, Route]:
    """The pages every test can use."""
    bomb = _bomb()
    latin = (
        "<html><head><title>Caf\u00e9 society</title></head><body><article>"
        + "<p>The caf\u00e9 on the square served cr\u00e8me br\u00fbl\u00e9e to na\u00efve"
        " visitors every afternoon, and the owner \u201ccounted\u201d them all.</p>"
        * 12
        + "</article></body></html>"
    ).encode("cp1252")
    return {
        "/article.html": lambda h: h.send(ARTICLE),
        "/teaser.html": lambda h: h.send(TEASER),
        "/gzip.html": lambda h: h.send(gzip.compress(ARTICLE), Content_Encoding="gzip"),
        "/bomb.html": lambda h: h.send(bomb, Content_Encoding="gzip"),
        "/latin.html": lambda h: h.send(latin, ctype="text/html; charset=windows-1252"),
        "/wrong-charset.html": lambda h: h.send(latin, ctype="text/html; charset=utf-8"),
        "/page.xhtml": lambda h: h.send(ARTICLE, ctype="application/xhtml+xml"),
        "/doc.pdf": lambda h: h.send(b"%PDF-1.4 ...", ctype="application/pdf"),
        "/notes.txt": lambda h: h.send(
            b"Harbour notes\n\n" + b"The ferry left at nine and came back at noon. " * 40,
            ctype="text/plain; charset=utf-8",
        ),
        "/notes.md": lambda h: h.send(
            b"# Harbour notes\n\n" + b"The ferry left at nine and came back at noon. " * 40,
            ctype="text/markdown",
        ),
        "/missing": lambda h: h.send(b"<h1>Gone</h1>", 404),
        "/broken": lambda h: h.send(b"<h1>Oops</h1>", 500),
        "/busy": lambda h: h.send(b"slow down", 429, Retry_After="3600"),
        "/redirect": _redirect("/hop1"),
        "/hop1": _redirect("/hop2", 301),
        "/hop2": _redirect("/article.html", 307),
        "/loop-a": _redirect("/loop-b"),
        "/loop-b": _redirect("/loop-a"),
        "/to-js": _redirect("javascript:alert(1)"),
        "/to-file": _redirect("file:///etc/passwd"),
        "/slow.html": _slow_article,
        "/trickle.html": _trickle,
        "/endless.html": _endless,
        "/huge-declared.html": _huge_declared,
    }


HOSTS = [f"127.0.0.{i}" for i in range(1, 6)]
"""Loopback addresses the site answers on (one port), so tests can fetch from several hosts."""


def _bind() -> list[ThreadingHTTPServer]:
    for _ in range(20):
        servers = [ThreadingHTTPServer((HOSTS[0], 0), Handler)]
        port = servers[0].server_address[1]
        try:
            servers += [ThreadingHTTPServer((h, port), Handler) for h in HOSTS[1:]]
        except OSError:  # that port is taken on another address: try another
            for server in servers:
                server.server_close()
            continue
        return servers
    raise RuntimeError("no free port on the loopback addresses")


@pytest.fixture(scope="session")
def _server() -> Iterator[Site]:
    servers = _bind()
    port = servers[0].server_address[1]
    site = Site(base=f"http://127.0.0.1:{port}", port=port)
    Handler.site = site
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def web(_server: Site) -> Iterator[Site]:
    """The local site with its default pages, counters reset; routes a test adds are removed
    after it."""
    _server.routes = default_routes(_server)
    _server.reset()
    yield _server
