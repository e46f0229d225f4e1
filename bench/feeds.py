"""How fast is `reader update`? 200 local feeds of 50 items, 50 ms latency per request: the
first update concurrently against one feed at a time, then a second update with nothing new
(the server answers 304 to the validators it gave), and one where the server ignores them.

A local server (its own process) answers on 200 loopback addresses (127.0.0.1-200, one port):
feed N lives on host N, is RSS 2.0 with 50 full-content items (~3 paragraphs each, ~57 KB a
feed) and carries an ETag under /feed/; under /plain/ it has none, and under /changing/
none and a new lastBuildDate on every answer (new bytes, same items). Each run is a fresh
process with its own data, config and library folders; the subscriptions are written as
feeds.opml first.

    python bench/feeds.py [FEEDS]      (default: 200)
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's reader first)
import loopback

HOSTS = loopback.hosts(200)
DELAY = 0.05
ITEMS = 50
PARAGRAPH = (
    "The council met on Tuesday to discuss the harbour budget, and members argued for an hour "
    "about the cost of the new ferry pier before agreeing to ask the port authority for a "
    "second estimate. Residents who came to the meeting said the delays had gone on too long."
)


def feed(n: str) -> bytes:
    items = []
    for i in range(ITEMS):
        body = "".join(f"<p>{PARAGRAPH} (Feed {n}, item {i}, part {k}.)</p>" for k in range(3))
        items.append(
            f"<item><title>Harbour report {n}-{i}</title>"
            f"<link>http://news.example/{n}/{i}</link><guid>urn:bench:{n}:{i}</guid>"
            "<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>"
            f"<description>Report {i} from feed {n}.</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Bench feed {n}</title><link>http://news.example/{n}/</link>"
        f"<description>d</description>{''.join(items)}</channel></rss>"
    ).encode()


# --- the server ------------------------------------------------------------------------------


_BUILT: dict[str, bytes] = {}


def answer(path: str, head: bytes) -> bytes:
    name = path.rsplit("/", 1)[-1]
    tagged = path.startswith("/feed/")
    etag = f'"{name}-v1"'
    if tagged and f"if-none-match: {etag}".encode() in head.lower():
        return f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n\r\n".encode()
    body = _BUILT.get(name) or _BUILT.setdefault(name, feed(name))
    if path.startswith("/changing/"):  # a new build date on every answer
        stamp = f"<lastBuildDate>{time.time()}</lastBuildDate>".encode()
        body = body.replace(b"<description>d", stamp + b"<description>d", 1)
    extra = f"ETag: {etag}\r\n" if tagged else ""
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\n"
        + f"{extra}Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


# --- one update in its own process ------------------------------------------------------------


def run_update(home: str, one_by_one: bool) -> None:
    """Update every subscription of ``home``; print JSON figures on stdout."""
    os.environ["XDG_DATA_HOME"] = f"{home}/data"
    os.environ["XDG_CONFIG_HOME"] = f"{home}/config"
    from dataclasses import replace

    from reader.feeds import update_feeds
    from reader.feeds.update import FEED_SETTINGS
    from reader.store import Store

    settings = FEED_SETTINGS
    if one_by_one:
        settings = replace(settings, concurrency=1, per_host=1)
    start = time.perf_counter()
    results = update_feeds(store=Store.open(), settings=settings)
    wall = time.perf_counter() - start
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print(
        json.dumps(
            {
                "wall": wall,
                "new": sum(len(r.new) for r in results),
                "statuses": statuses,
                "errors": sorted({r.error for r in results if r.error})[:3],
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


# --- the driver -------------------------------------------------------------------------------


def make_home(tmp: Path, name: str, feeds: int, port: int, prefix: str) -> Path:
    home = tmp / name
    (home / "config" / "reader").mkdir(parents=True)
    (home / "config" / "reader" / "config.toml").write_text(f'library = "{home}/library"\n')
    outlines = "".join(
        f'<outline type="rss" text="Bench {i}" '
        f'xmlUrl="http://{HOSTS[i % len(HOSTS)]}:{port}/{prefix}/{i}"/>'
        for i in range(feeds)
    )
    (home / "config" / "reader" / "feeds.opml").write_text(
        f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'
    )
    return home


def update(home: Path, one_by_one: bool = False) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--update", str(home), "1" if one_by_one else "0"],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def cli_update(home: Path) -> float:
    env = {**os.environ, "XDG_DATA_HOME": f"{home}/data", "XDG_CONFIG_HOME": f"{home}/config"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader", "update", "-q"], check=True, env=env, capture_output=True
    )
    return time.perf_counter() - start


def line(label: str, r: dict[str, object], base: float | None = None) -> str:
    wall = float(r["wall"])  # type: ignore[arg-type]
    ratio = f" ({base / wall:.1f}x faster than one by one)" if base else ""
    errors = f", errors {r['errors']}" if r["errors"] else ""
    return (
        f"{label}: {wall:6.2f} s{ratio}, {r['new']} new items, {r['statuses']}, "
        f"peak RSS {float(r['rss_mb']):.0f} MB{errors}"  # type: ignore[arg-type]
    )


def main() -> None:
    feeds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        port_file = tmp / "port"
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(port_file)])
        try:
            for _ in range(100):
                if port_file.exists() and port_file.read_text():
                    break
                time.sleep(0.05)
            port = int(port_file.read_text())
            print(
                f"server: {feeds} feeds x {ITEMS} items on {min(feeds, len(HOSTS))} loopback "
                f"hosts, +{DELAY * 1000:.0f} ms per request"
            )
            base = update(make_home(tmp, "serial", feeds, port, "feed"), one_by_one=True)
            base_wall = float(base["wall"])  # type: ignore[arg-type]
            print(line("first update, one feed at a time", base))
            home = make_home(tmp, "concurrent", feeds, port, "feed")
            print(line("first update, concurrent       ", update(home), base_wall))
            print(line("second update, nothing new (304)", update(home)))
            print(f"  the same as `reader update -q` (a new process): {cli_update(home):.2f} s")
            plain = make_home(tmp, "plain", feeds, port, "plain")
            update(plain)
            print(line("second update, no validators, same bytes", update(plain)))
            changing = make_home(tmp, "changing", feeds, port, "changing")
            update(changing)
            print(line("second update, no validators, new build date", update(changing)))
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        loopback.serve(sys.argv[2], HOSTS, DELAY, answer)
    elif len(sys.argv) > 1 and sys.argv[1] == "--update":
        run_update(sys.argv[2], sys.argv[3] == "1")
    else:
        main()
