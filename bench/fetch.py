"""How fast and how lean is `reader import` on a Pocket export? Pages/s against fetching one by
one, peak memory at 2,000 and 20,000 rows, and time to the first saved article.

A local server (its own process) answers on 100 loopback addresses (127.0.0.1-100, one port),
adding 50 ms to every request, with a ~5 KB article per URL. A Pocket CSV of N rows spreads
its URLs over those hosts (a real export has many sites). Each import runs in a fresh process
with its own data, config and library folders and the default politeness (8 at once, 2 per
host, 0.5 s between starts on a host); its peak RSS is its own ru_maxrss. The one-by-one
baseline is the same importer with 1 at a time on the first 300 rows.

    python bench/fetch.py [ROWS ...]      (default: 2000 20000)
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

HOSTS = loopback.hosts(100)
DELAY = 0.05
PARAGRAPH = (
    "The council met on Tuesday to discuss the harbour budget, and members argued for an hour "
    "about the cost of the new ferry pier before agreeing to ask the port authority for a "
    "second estimate. Residents who came to the meeting said the delays had gone on too long."
)


def page(n: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} (Part {k}.)</p>\n" for k in range(8))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour report {n}</title>"
        f"</head><body><article><h1>Harbour report {n}</h1>\n{body}</article></body></html>"
    ).encode()


# --- the server ------------------------------------------------------------------------------


def answer(path: str, head: bytes) -> bytes:
    body = page(path.rsplit("/", 1)[-1])
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


# --- one import in its own process ------------------------------------------------------------


def run_import(csv_path: str, home: str, concurrency: int) -> None:
    """Import ``csv_path``; print JSON figures on stdout."""
    os.environ["XDG_DATA_HOME"] = f"{home}/data"
    os.environ["XDG_CONFIG_HOME"] = f"{home}/config"
    Path(f"{home}/config/reader").mkdir(parents=True, exist_ok=True)
    Path(f"{home}/config/reader/config.toml").write_text(f'library = "{home}/library"\n')
    from reader.adding import Outcome
    from reader.fetch import Settings
    from reader.imports.run import import_file
    from reader.store import Store

    settings = Settings() if concurrency > 1 else Settings(concurrency=1, per_host=1)
    start = time.perf_counter()
    first: list[float] = []

    def progress(done: int, total: int, last: Outcome | None) -> None:
        if last is not None and last.ok and not first:
            first.append(time.perf_counter() - start)

    report = import_file(Path(csv_path), store=Store.open(), settings=settings, progress=progress)
    wall = time.perf_counter() - start
    print(
        json.dumps(
            {
                "wall": wall,
                "saved": report.counts.get("saved", 0),
                "failed": report.counts.get("failed", 0),
                "first": first[0] if first else None,
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


# --- the driver -------------------------------------------------------------------------------


def write_csv(path: Path, rows: int, port: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("title,url,time_added,cursor,tags,status\n")
        for i in range(rows):
            host = HOSTS[i % len(HOSTS)]
            f.write(f"Report {i},http://{host}:{port}/news/{i},1700000000,{i},bench,unread\n")


def measure(rows: int, port: int, tmp: Path, concurrency: int = 8) -> dict[str, float]:
    home = tmp / f"home-{rows}-{concurrency}"
    home.mkdir()
    csv_path = tmp / f"pocket-{rows}-{concurrency}.csv"
    write_csv(csv_path, rows, port)
    out = subprocess.run(
        [sys.executable, __file__, "--import", str(csv_path), str(home), str(concurrency)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 20000]
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
            print(f"server: {len(HOSTS)} loopback hosts, +{DELAY * 1000:.0f} ms per request")
            base = measure(300, port, tmp, concurrency=1)
            base_rate = base["saved"] / base["wall"]
            print(
                f"one by one (300 rows): {base_rate:6.1f} pages/s, peak RSS {base['rss_mb']:.0f} MB"
            )
            for rows in sizes:
                r = measure(rows, port, tmp)
                rate = r["saved"] / r["wall"]
                print(
                    f"import {rows:>6} rows: {r['wall']:6.1f} s, {rate:6.1f} pages/s "
                    f"({rate / base_rate:.1f}x one by one), saved {r['saved']:.0f}, "
                    f"failed {r['failed']:.0f}, first article after {r['first']:.2f} s, "
                    f"peak RSS {r['rss_mb']:.0f} MB"
                )
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        loopback.serve(sys.argv[2], HOSTS, DELAY, answer)
    elif len(sys.argv) > 1 and sys.argv[1] == "--import":
        run_import(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
