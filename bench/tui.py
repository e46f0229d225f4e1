"""Headless TUI timings on 10,000 generated articles: first paint, full scan, key latency.

Prints figures and, as a same-run baseline, the time to merely read every generated file.
Targets (issue 5): first paint < 1 s, full scan < 5 s, opening an article < 50 ms p95.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList

COUNT = 10_000
WORDS = ("harbour", "council", "budget", "storm", "election", "river", "market", "school")


def generate(folder: Path, count: int = COUNT) -> None:
    """``count`` small Markdown articles spread over 100 folders; every 7th is paywalled."""
    for i in range(count):
        sub = folder / f"f{i % 100:02d}"
        sub.mkdir(exist_ok=True)
        words = [WORDS[(i + j) % len(WORDS)] for j in range(40)]
        paragraph = " ".join(words).capitalize() + "."
        body = "\n\n".join(f"{paragraph} Part {k} of story {i}." for k in range(6))
        if i % 7 == 0:
            body += "\n\nSubscribe to continue reading. This article is for subscribers only."
        (sub / f"a{i:05d}.md").write_text(
            f"---\nsource: Bench Daily {i % 13}\n---\n"
            f"# Story {i}: {words[0]} {words[1]}\n\n{body}\n",
            "utf-8",
        )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def show(name: str, values: list[float]) -> None:
    print(
        f"{name:<34} median {statistics.median(values) * 1000:7.1f} ms"
        f"   p95 {pct(values, 0.95) * 1000:7.1f} ms   (n={len(values)})"
    )


async def run(folder: Path) -> None:
    start = time.perf_counter()
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        lst = app.query_one(LibraryList)
        while not lst.option_count:
            await asyncio.sleep(0.002)
        first = time.perf_counter() - start
        while app.scanning:
            await asyncio.sleep(0.01)
        await pilot.pause()
        full = time.perf_counter() - start
        print(f"first list paint                   {first:7.3f} s   (target < 1 s)")
        print(
            f"full scan of {len(lst.entries):>5} articles          {full:7.3f} s   (target < 5 s)"
        )

        moves: list[float] = []
        for _ in range(200):
            t = time.perf_counter()
            await pilot.press("j")
            moves.append(time.perf_counter() - t)
        show("move down (j) to repaint", moves)

        view = app.query_one(ArticleView)

        async def open_next(step: str) -> float:
            await pilot.press("h", step)
            target = lst.current_entry
            assert target is not None
            await app.workers.wait_for_complete()  # the previous summary is done
            t = time.perf_counter()
            await pilot.press("enter")
            while view.article is None or view.article.path != target.path:
                await asyncio.sleep(0.001)
            await pilot.pause()
            return time.perf_counter() - t

        opens = [await open_next("j") for _ in range(40)]
        show("open article, summary computed", opens)
        await app.workers.wait_for_complete()
        # Walk back over the same 40: every summary is now in the cache.
        cached = [await open_next("k") for _ in range(40)]
        show("open article, summary cached", cached)
        print("  (target: cached open < 50 ms p95)")

        searches: list[float] = []
        await pilot.press("slash")
        for ch in "story 12":
            t = time.perf_counter()
            await pilot.press(ch if ch != " " else "space")
            searches.append(time.perf_counter() - t)
        show("search keystroke over 10,000", searches)
        sorts: list[float] = []
        await pilot.press("escape")
        for _ in range(5):
            t = time.perf_counter()
            await pilot.press("s")
            sorts.append(time.perf_counter() - t)
        show("sort cycle (s) over the filtered list", sorts)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        generate(folder)
        print(f"generated {COUNT} articles in {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        total = sum(len(p.read_bytes()) for p in folder.rglob("*.md"))
        baseline = time.perf_counter() - t
        print(f"baseline: reading the raw files     {baseline:7.3f} s   ({total / 1e6:.1f} MB)")
        asyncio.run(run(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
