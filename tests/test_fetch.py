"""`reader add`: fetching from a server on 127.0.0.1 that serves pages these tests wrote."""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from webserver import ARTICLE, TEASER, Handler, Site

from reader import __version__, origin
from reader.adding import ALREADY, FAILED, KEPT, REFRESHED, SAVED, Outcome, add_url, add_urls
from reader.fetch import Settings, fetch_all, normalize
from reader.fetch.client import FetchFailed
from reader.fetch.page import Page
from reader.store import Store

FAST = Settings(host_delay=0.0)


def add(url: str, **kw: object) -> Outcome:
    kw.setdefault("settings", FAST)
    return add_url(url, **kw)  # type: ignore[arg-type]


def test_a_complete_article_is_saved_as_received_with_its_origin(web: Site, library: Path) -> None:
    out = add(web.url("/article.html"))
    assert out.status == SAVED
    assert out.entry is not None
    assert out.entry.words > 300 and not out.entry.paywall.truncated
    assert out.entry.title.startswith("Valley library reopens")
    assert out.entry.url == web.url("/article.html")
    path = Path(out.path)
    assert path.parent == library and path.suffix == ".html"
    assert "valley-library-reopens" in path.name
    data = path.read_bytes()
    assert data.startswith(ARTICLE)  # the bytes as received, then one marker line
    page, found = origin.split(data)
    assert page == ARTICLE
    assert found is not None and found.url == web.url("/article.html")
    assert found.final_url == web.url("/article.html")
    assert found.fetched.endswith("Z")
    assert not list(library.glob(".*"))  # no temporary file left behind


def test_a_paywalled_teaser_is_saved_and_flagged_with_reasons(web: Site, library: Path) -> None:
    out = add(web.url("/teaser.html"))
    assert out.status == SAVED and out.entry is not None
    assert out.entry.paywall.truncated
    assert any("teaser" in r or "paywall" in r for r in out.entry.paywall.reasons)


def test_the_same_url_spelled_otherwise_is_already_saved(web: Site, library: Path) -> None:
    first = add(web.url("/article.html"))
    again = add(
        web.url("/article.html?utm_source=feed&fbclid=x#comments").replace("http:", "HTTP:")
    )
    assert again.status == ALREADY and again.path == first.path
    assert web.hits["/article.html"] == 1
    assert len(list(library.iterdir())) == 1


def test_normalize_drops_tracking_fragments_default_port_and_host_case() -> None:
    assert normalize("HTTPS://Example.COM:443/a/B?utm_medium=x&id=3&gclid=y#top") == (
        "https://example.com/a/B?id=3"
    )
    assert normalize("http://example.com") == "http://example.com/"
    assert normalize("http://example.com:8080/x") == "http://example.com:8080/x"


def test_refresh_keeps_the_older_copy_when_the_site_now_shows_a_teaser(
    web: Site, library: Path
) -> None:
    served = {"body": ARTICLE}
    web.routes["/story"] = lambda h: h.send(served["body"])
    first = add(web.url("/story"))
    assert first.status == SAVED
    served["body"] = TEASER
    kept = add(web.url("/story"), refresh=True)
    assert kept.status == KEPT
    assert "teaser" in kept.reason
    assert origin.split(Path(first.path).read_bytes())[0] == ARTICLE
    longer = ARTICLE.replace(
        b"</article>", b"<p>" + b"An added paragraph here. " * 30 + b"</p></article>"
    )
    served["body"] = longer
    fresh = add(web.url("/story"), refresh=True)
    assert fresh.status == REFRESHED and fresh.path == first.path
    assert origin.split(Path(first.path).read_bytes())[0] == longer


def test_redirects_are_followed_and_the_final_url_recorded(web: Site, library: Path) -> None:
    out = add(web.url("/redirect"))
    assert out.status == SAVED
    found = origin.split(Path(out.path).read_bytes())[1]
    assert found is not None
    assert found.url == web.url("/redirect")
    assert found.final_url == web.url("/article.html")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loop-a", "redirect loop"),
        ("/to-js", "redirected to a refused scheme 'javascript:'"),
        ("/to-file", "redirected to a refused scheme 'file:'"),
        ("/missing", "HTTP 404"),
        ("/broken", "HTTP 500"),
        ("/busy", "HTTP 429"),
        ("/doc.pdf", "application/pdf"),
        ("/huge-declared.html", "too large"),
    ],
)
def test_failures_name_their_reason(web: Site, library: Path, path: str, reason: str) -> None:
    out = add(web.url(path))
    assert out.status == FAILED
    assert reason in out.reason
    assert not any(library.iterdir())


def test_too_many_redirects(web: Site, library: Path) -> None:
    for i in range(12):
        web.routes[f"/chain{i}"] = lambda h, i=i: h.send(b"", 302, "", Location=f"/chain{i + 1}")
    web.routes["/chain12"] = lambda h: h.send(ARTICLE)
    assert "too many redirects" in add(web.url("/chain0")).reason
    web.routes["/chain10"] = lambda h: h.send(ARTICLE)
    assert add(web.url("/chain0")).status == SAVED  # ten redirects are fine


def test_a_429_with_a_short_retry_after_is_waited_out(web: Site, library: Path) -> None:
    calls = {"n": 0}

    def busy_once(h: Handler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            h.send(b"busy", 429, Retry_After="1")
        else:
            h.send(ARTICLE)

    web.routes["/busy-once"] = busy_once
    start = time.monotonic()
    out = add(web.url("/busy-once"))
    assert out.status == SAVED
    assert time.monotonic() - start >= 0.9


def test_a_trickling_server_meets_the_total_deadline(web: Site, library: Path) -> None:
    start = time.monotonic()
    out = add(web.url("/trickle.html"), settings=Settings(host_delay=0, deadline=1.0))
    assert out.status == FAILED and "longer than 1 s" in out.reason
    assert time.monotonic() - start < 4


def test_an_endless_body_is_cut_at_the_cap(web: Site, library: Path) -> None:
    out = add(web.url("/endless.html"), settings=Settings(host_delay=0, max_bytes=2_000_000))
    assert out.status == FAILED and "too large" in out.reason


def test_gzip_is_undone_and_a_gzip_bomb_refused(web: Site, library: Path) -> None:
    out = add(web.url("/gzip.html"))
    assert out.status == SAVED
    assert origin.split(Path(out.path).read_bytes())[0] == ARTICLE
    bomb = add(web.url("/bomb.html"))  # 30 KB on the wire, 30 MB unpacked: over 20 MB
    assert bomb.status == FAILED and "once decompressed" in bomb.reason


@pytest.mark.parametrize("path", ["/latin.html", "/wrong-charset.html"])
def test_legacy_and_wrongly_declared_charsets_decode(web: Site, library: Path, path: str) -> None:
    out = add(web.url(path))
    assert out.entry is not None
    assert out.entry.title == "Café society"
    from reader.pipeline import load_article

    assert "crème brûlée" in load_article(out.path).body


@pytest.mark.parametrize(("path", "suffix"), [("/notes.txt", ".txt"), ("/notes.md", ".md")])
def test_text_and_markdown_pages(web: Site, library: Path, path: str, suffix: str) -> None:
    out = add(web.url(path))
    assert out.status == SAVED and out.path.endswith(suffix)
    assert out.entry is not None and out.entry.title == "Harbour notes"
    assert out.entry.words > 300  # the marker line is not part of the text


def test_xhtml_is_saved_as_xhtml(web: Site, library: Path) -> None:
    out = add(web.url("/page.xhtml"))
    assert out.status == SAVED and out.path.endswith(".xhtml")
    assert out.entry is not None and out.entry.words > 300


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<p>x</p>", "ftp://h/x"]
)
def test_refused_schemes_are_never_fetched(web: Site, library: Path, url: str) -> None:
    out = add(url)
    assert out.status == FAILED
    assert f"refused scheme '{url.split(':')[0]}:'" in out.reason
    assert not web.hits


def test_dns_and_tls_failures_are_named(
    web: Site, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    assert add("http://no-such-host.invalid/x").reason.startswith("DNS lookup failed")
    monkeypatch.undo()
    # The local server speaks plain HTTP: a TLS handshake with it fails.
    tls = add(f"https://127.0.0.1:{web.port}/article.html")
    assert tls.status == FAILED and tls.reason.startswith("TLS error")


def test_fetching_is_polite_per_host_and_names_reader(
    web: Site, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.fetch.polite as polite

    real = polite.fetch_page
    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    starts: dict[str, list[float]] = {}
    running = {"now": 0, "peak": 0}

    async def watched(client: object, url: str, settings: Settings) -> Page:
        host = url.split("/")[2]
        starts.setdefault(host, []).append(time.monotonic())
        active[host] = active.get(host, 0) + 1
        peak[host] = max(peak.get(host, 0), active[host])
        running["now"] += 1
        running["peak"] = max(running["peak"], running["now"])
        try:
            return await real(client, url, settings)  # type: ignore[arg-type]
        finally:
            active[host] -= 1
            running["now"] -= 1

    monkeypatch.setattr(polite, "fetch_page", watched)

    def slow(h: Handler) -> None:
        time.sleep(0.4)
        h.send(ARTICLE)

    web.routes["/slow"] = slow
    hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
    urls = [web.url(f"/slow?i={i}", host=h) for h in hosts for i in range(4)]
    settings = Settings(concurrency=4, per_host=2, host_delay=0.2)
    outcomes = add_urls(urls, settings=settings)
    assert [o.status for o in outcomes] == [SAVED] * len(urls)
    assert max(peak.values()) == 2  # two at once per host, never three
    assert running["peak"] == 4  # four at once in all
    for times in starts.values():
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert min(gaps) >= 0.19  # never two starts on one host closer than the delay
    assert len(web.agents) == len(urls)
    assert all(a.startswith(f"reader/{__version__}") for a in web.agents)


def test_cancelling_stops_in_flight_fetches_and_keeps_what_ended(web: Site) -> None:
    done: list[str] = []

    class Job:
        def __init__(self, url: str) -> None:
            self.url = url

    async def handle(job: Job, got: Page | FetchFailed) -> None:
        done.append(job.url)

    async def run() -> float:
        jobs = [Job(web.url("/article.html"))] + [
            Job(web.url("/trickle.html", host=f"127.0.0.{i}")) for i in range(2, 6)
        ]
        task = asyncio.create_task(fetch_all(jobs, handle, FAST))
        while not done:
            await asyncio.sleep(0.02)
        start = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - start

    assert asyncio.run(run()) < 1
    assert done == [web.url("/article.html")]


def test_the_store_is_not_needed_to_know_what_is_saved(web: Site, library: Path) -> None:
    first = add(web.url("/article.html"))
    Store.open().path.unlink()  # type: ignore[union-attr]
    again = add(web.url("/article.html"))
    assert again.status == ALREADY and again.path == first.path


def test_cli_add_json_and_tags_in_list(
    web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, _ = cli(
        "add", web.url("/article.html"), web.url("/missing"), "--tag", "town", "--json"
    )
    assert code == 1  # one of them failed
    data = json.loads(out)
    assert data["failed"] == [{"url": web.url("/missing"), "reason": "HTTP 404 Not Found"}]
    (entry,) = data["articles"]
    assert {"path", "title", "source", "format", "words", "paywall", "tags", "url"} <= set(entry)
    assert entry["tags"] == ["town"] and entry["url"] == web.url("/article.html")
    code, out, _ = cli("list", str(library), "--json")
    listed = json.loads(out)["articles"]
    assert [a["tags"] for a in listed] == [["town"]]
    assert listed[0]["url"] == web.url("/article.html")
    code, out, _ = cli("list", str(library))
    assert "#town" in out.splitlines()[1]
    code, out, _ = cli("cache", "clear")
    assert code == 0 and Path(entry["path"]).is_file()  # the library is not a cache
    code, out, _ = cli("list", str(library), "--json")
    assert [a["tags"] for a in json.loads(out)["articles"]] == [["town"]]


def test_cli_add_prints_what_list_shows(
    web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, _ = cli("add", web.url("/teaser.html"))
    assert code == 0
    _, listed, _ = cli("list", str(library), "--json")
    (entry,) = json.loads(listed)["articles"]
    assert entry["paywall"]["truncated"]
    assert "saved:" in out and "🔒 excerpt" in out and f"{entry['words']} words" in out
    assert entry["title"] in out and entry["path"] in out
    assert all(reason in out for reason in entry["paywall"]["reasons"])


def test_the_network_guard_catches_a_non_loopback_connection(no_network: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    assert no_network and "192.0.2.1" in no_network[0]
    no_network.clear()


def test_reader_with_no_path_opens_the_library(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import config
    from reader.cli.launch import library_folder

    documents = isolated_dirs / "documents"
    monkeypatch.setattr(config.platformdirs, "user_documents_dir", lambda: str(documents))
    assert config.library_folder() == documents / "Reader"  # the default: not the data dir
    assert library_folder() is None  # it does not exist yet: the current folder opens
    (documents / "Reader").mkdir(parents=True)
    assert library_folder() == str(documents / "Reader")
    chosen = isolated_dirs / "my articles"
    conf = isolated_dirs / "config" / "reader" / "config.toml"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text(f'library = "{chosen.as_posix()}"\n', encoding="utf-8")
    assert library_folder() == str(chosen) and config.library_folder() == chosen


def test_add_url_reports_progress_for_a_progress_line(web: Site, library: Path) -> None:
    """What the app's "add URL" calls: counts as URLs end, bytes as the body arrives."""
    counts: list[tuple[int, int, str]] = []
    sizes: list[tuple[str, int, int | None]] = []
    out = add_url(
        web.url("/article.html"),
        settings=FAST,
        progress=lambda done, total, last: counts.append(
            (done, total, last.status if last else "")
        ),
        received=lambda url, done, total: sizes.append((url, done, total)),
    )
    assert out.status == SAVED
    assert counts == [(0, 1, ""), (1, 1, SAVED)]
    assert sizes and sizes[-1] == (web.url("/article.html"), len(ARTICLE), len(ARTICLE))


def test_a_stopped_add_keeps_what_was_saved_and_fetches_no_more(web: Site, library: Path) -> None:
    import threading

    stop = threading.Event()
    urls = [web.url("/article.html")] + [web.url(f"/slow-{i}.html") for i in range(6)]

    def slow(h: Handler) -> None:
        time.sleep(1.0)
        h.send(ARTICLE.replace(b"Valley library", h.path.encode(), 1))

    for i in range(6):
        web.routes[f"/slow-{i}.html"] = slow

    def progress(done: int, total: int, outcome: Outcome | None) -> None:
        if outcome is not None and outcome.ok:
            stop.set()  # the first page is saved: stop the rest

    out = add_urls(urls, progress=progress, stop=stop)
    assert [o.url for o in out] == [web.url("/article.html")] and out[0].status == SAVED
    assert len(list(library.rglob("*.html"))) == 1  # nothing else was saved
    assert sum(web.hits.get(f"/slow-{i}.html", 0) for i in range(6)) <= 2  # at most in flight
