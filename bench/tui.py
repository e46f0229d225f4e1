"""Headless TUI timings on N (default 10,000) generated articles: first paint, full scan, key
latency, and this process's memory (the app runs in it); then one article of 200,000 short
paragraphs: its first screen, scrolling, the end.

The articles are of realistic shape by default (``bench/corpus.py``: 300-3,000 words, text,
Markdown and HTML, a third paywalled; the search types a name that about one title in fifteen
holds); ``--simple`` makes the small Markdown articles of earlier rounds instead (250 words,
the search types "story 12"). ``--dir DIR`` keeps the generated articles in DIR/tui-N (and the
kind) for the next run; the store is always a new one, so the first launch is always cold.

Prints figures and, as a same-run baseline, the time to merely read every generated file.
Targets (issue 5): first paint < 1 s, full scan < 5 s, opening an article < 50 ms p95;
(issue 12) the huge article's first screen < 1 s, scrolling it as quick as a small one;
(issue 16, at 100,000) the relaunch paints from the index in < 1 s, j/k, sort and filter
< 50 ms p95, the app under 500 MB.

    python bench/tui.py [-n N] [--skip-huge] [--simple] [--dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import checkout  # noqa: F401  (this checkout's reader first)
from corpus import NAMES
from corpus import generate as generate_realistic
from textual.pilot import Pilot
from textual.widgets import Input

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList

COUNT = 10_000
PAUSE = 0.8
"""Seconds a reader spends between opens in the paced run (the app collects after 0.5 s)."""
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


class Frames:
    """Times from a key press to the first frame the app composes that shows its effect.

    The headless driver writes nothing, but every frame still goes through ``App._display``;
    the pilot's own waiting after a key (it polls for idleness) is not counted.
    """

    def __init__(self, app: ReaderApp) -> None:
        self.checks: list[Callable[[], bool]] = []
        self.at: list[float | None] = []
        self.cpu_at = 0.0
        self.cpu: list[float] = []
        """CPU seconds (all threads of this process) of each measured key, up to its frame."""
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            for i, check in enumerate(self.checks):
                if self.at[i] is None and check():
                    self.at[i] = time.perf_counter()
                    if i == 0:
                        self.cpu_at = time.process_time()

        app._display = display  # type: ignore[method-assign]

    async def latencies(
        self, pilot: Pilot[None], key: str, *checks: Callable[[], bool]
    ) -> list[float]:
        """Seconds from pressing ``key`` to the first frame composed once each check holds."""
        self.checks, self.at = list(checks), [None] * len(checks)
        start, cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)
        while None in self.at:
            if time.perf_counter() - start > 10:
                raise TimeoutError(f"no frame showed the effect of {key!r}")
            await asyncio.sleep(0.001)
        self.cpu.append(self.cpu_at - cpu)
        return [at - start for at in self.at if at is not None]

    async def latency(self, pilot: Pilot[None], key: str, done: Callable[[], bool]) -> float:
        """Seconds from pressing ``key`` to the first frame composed once ``done()`` holds."""
        return (await self.latencies(pilot, key, done))[0]


def memory() -> str:
    """This process's resident memory now and at its peak (Linux; "" elsewhere)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return ""
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    now, peak = (int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))
    return f"{now:.0f} MB resident, peak {peak:.0f} MB (target < 500 MB)"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class FullPasses:
    """The garbage collector's full (oldest generation) passes: how many, and how long, since
    the last look."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self._started = 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self.count += 1
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started

    def take(self) -> tuple[int, float]:
        """The passes since the last call and their mean length in ms; starts counting anew."""
        count, seconds = self.count, self.seconds
        self.count, self.seconds = 0, 0.0
        return count, seconds * 1000 / count if count else 0.0


FULL_PASSES = FullPasses()


def show(name: str, values: list[float]) -> None:
    """A series' median and p95, and the full GC passes since the last series (each 20-50 ms
    on a 2-core machine: with keys back to back, they land on keys; the app runs them in a
    reader's pauses)."""
    passes, took = FULL_PASSES.take()
    gc_note = f", {passes} full GC passes of {took:.1f} ms mean" if passes else ""
    print(
        f"{name:<38} median {statistics.median(values) * 1000:7.1f} ms"
        f"   p95 {pct(values, 0.95) * 1000:7.1f} ms   (n={len(values)}{gc_note})"
    )


SIMPLE_QUERY = "story 12"
REALISTIC_QUERY = NAMES[2].lower()
"""A name that begins about one generated title in fifteen (6,700 matches at 100,000)."""


async def run(folder: Path, launch: str, keys: bool, query: str = SIMPLE_QUERY) -> float:
    """Start the app on ``folder``; time its first paint and full scan (and keys when asked).
    Returns the full scan time."""
    print(f"## {launch}")
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
        print(f"memory after the scan               {memory()}")
        if not keys:
            return full

        frames = Frames(app)
        FULL_PASSES.take()  # count from the first key on
        moves: list[float] = []
        for _ in range(200):
            expected = (lst.highlighted or 0) + 1
            moves.append(await frames.latency(pilot, "j", lambda e=expected: lst.highlighted == e))
        show("move down (j)", moves)

        view = app.query_one(ArticleView)

        async def open_next(step: str | None) -> tuple[float, float]:
            await pilot.press("h", *([step] if step else []))
            target = lst.current_entry
            assert target is not None
            await app.workers.wait_for_complete()  # the previous summary is done

            def shown() -> bool:
                article = view.article
                return article is not None and article.path == target.path and bool(view.summary)

            # Two frames count: the article with its summary, then the pane taking the focus
            # (the keys then scroll it), which the app leaves to the next frame.
            drawn, focused = await frames.latencies(
                pilot, "enter", shown, lambda: shown() and view.has_focus
            )
            return drawn, focused

        opens = [await open_next("j") for _ in range(40)]
        show("open article + summary, computed", [drawn for drawn, _ in opens])
        await app.workers.wait_for_complete()
        # The same 40 again, last to first: every summary is now in the cache.
        frames.cpu.clear()
        cached = [await open_next(None)] + [await open_next("k") for _ in range(39)]
        show("open article + summary, cached", [drawn for drawn, _ in cached])
        show("  ... and the article pane focused", [focused for _, focused in cached])
        # CPU time of this process (app, workers and the pilot) over the same spans: close to
        # the wall time means the opens are busy, not waiting for a core.
        show("  CPU time of those opens", frames.cpu)
        # Back to back, as above, the garbage collector's full passes (25-50 ms) land on some
        # keys. A reader pauses between articles, and the app collects in such pauses: the
        # same opens with 0.8 s of reading between them.
        paced = []
        for step in [None] + ["j"] * 19:
            paced.append(await open_next(step))
            await asyncio.sleep(PAUSE)
        show(f"  ... with {PAUSE} s of reading between", [drawn for drawn, _ in paced])
        print("  (target: cached open < 50 ms p95)")
        await pilot.press("h")

        searches: list[float] = []
        await pilot.press("slash")
        box = app.query_one("#search", Input)
        typed = ""
        for ch in query:
            typed += ch
            key = ch if ch != " " else "space"
            searches.append(await frames.latency(pilot, key, lambda want=typed: box.value == want))
        show(f"search keystroke echoed, {len(lst.entries):,} rows", searches)
        # The list is filtered once typing pauses (0.15 s): time from the last key to the
        # filtered list on screen.
        await pilot.press("backspace")
        settled = await frames.latency(
            pilot, query[-1], lambda: app.main.filter_pending is None and lst.query_text == query
        )
        print(f"search: {len(lst.shown):,} titles match {query!r}")
        print(f"search: last key to filtered list   {settled * 1000:7.1f} ms  (0.15 s pause incl.)")
        sorts: list[float] = []
        await pilot.press("enter")
        for _ in range(20):
            before = lst.sort
            sorts.append(await frames.latency(pilot, "s", lambda b=before: lst.sort != b))
        show("sort cycle (s) over the filtered list", sorts)
        await toggles(app, pilot, frames, lst)
        print(f"memory at the end                   {memory()}")
    return full


async def toggles(app: ReaderApp, pilot: Pilot[None], frames: Frames, lst: LibraryList) -> None:
    """The filter keys over the whole library (the query emptied first): unread (u) and
    excerpts (x), each on and off; then the sort cycle over it."""
    if not hasattr(lst, "spec"):
        return  # (a tree from before the filter keys)
    box = app.query_one("#search", Input)
    box.value = ""
    while app.main.filter_pending is not None or lst.query_text:
        await asyncio.sleep(0.01)
    await pilot.pause()
    for key, field in (("u", "unread"), ("x", "excerpt_only")):
        times: list[float] = []
        for _ in range(20):
            want = not getattr(lst.spec, field)
            times.append(
                await frames.latency(pilot, key, lambda f=field, w=want: getattr(lst.spec, f) == w)
            )
        show(f"filter toggle ({key}), {len(lst.entries):,} rows", times)
    sorts: list[float] = []
    for _ in range(20):
        before = lst.sort
        sorts.append(await frames.latency(pilot, "s", lambda b=before: lst.sort != b))
    show(f"sort cycle (s), {len(lst.entries):,} rows", sorts)


HUGE = 200_000


async def huge(folder: Path) -> None:
    """Open one article of ``HUGE`` short paragraphs: time to its first screen, keys on it."""
    print(f"## one article of {HUGE:,} short paragraphs")
    path = folder / "huge.txt"
    path.write_text(
        "A huge piece\n\n" + "\n\n".join(f"Paragraph {i} is short." for i in range(HUGE)),
        "utf-8",
    )
    t = time.perf_counter()
    from reader.pipeline import load_article

    load_article(path)
    print(f"baseline: load_article alone           {time.perf_counter() - t:7.3f} s")
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.scanning:
            await asyncio.sleep(0.01)
        await pilot.pause()
        frames = Frames(app)
        view = app.query_one(ArticleView)

        def first_screen() -> bool:
            return view.showing == str(path)

        def whole() -> bool:
            return view.article is not None and len(view.article.paragraphs) == HUGE

        first, loaded = await frames.latencies(pilot, "enter", first_screen, whole)
        print(f"enter to its first screen               {first:7.3f} s   (target < 1 s)")
        print(f"enter to the whole article on show      {loaded:7.3f} s")
        await pilot.pause(0.2)
        view.focus()
        await pilot.pause()
        scrolls: list[float] = []
        for key in ["j"] * 40 + ["space"] * 20:
            before = view.scroll_y
            scrolls.append(await frames.latency(pilot, key, lambda b=before: view.scroll_y != b))
        show("scroll it (j, space)", scrolls)
        end = await frames.latency(pilot, "G", lambda: view.scroll_y >= view.max_scroll_y > 0)
        print(f"G to its last screen                    {end * 1000:7.1f} ms")
        await pilot.press("q")


def raw_read(folder: Path) -> float:
    """Seconds to read every generated file's bytes (printed as the baseline)."""
    t = time.perf_counter()
    total = sum(len(p.read_bytes()) for p in folder.rglob("*") if p.is_file())
    baseline = time.perf_counter() - t
    print(f"baseline: reading the raw files     {baseline:7.3f} s   ({total / 1e6:.1f} MB)")
    return baseline


def relaunch(folder: Path, query: str) -> None:
    """The relaunch, keys and all, in this process (a new one, as a user's relaunch is: its
    memory is the app's alone), against a raw read of the files in the same process."""
    baseline = raw_read(folder)
    launch = "relaunch (library index in the store; a new process)"
    warm = asyncio.run(run(folder, launch, True, query))
    print(f"full scan vs raw read: relaunch {warm / baseline:.1f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=COUNT, help=f"articles (default {COUNT:,})")
    ap.add_argument("--skip-huge", action="store_true", help="leave out the huge article")
    ap.add_argument("--simple", action="store_true", help="small Markdown articles only")
    ap.add_argument("--dir", type=Path, help="keep the generated articles in DIR/tui-N")
    ap.add_argument("--relaunch", type=Path, help=argparse.SUPPRESS)  # the child's part
    ap.add_argument("--query", default=REALISTIC_QUERY, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.relaunch is not None:
        relaunch(args.relaunch, args.query)
        return 0
    query = SIMPLE_QUERY if args.simple else REALISTIC_QUERY
    kind = "simple" if args.simple else "realistic"
    with tempfile.TemporaryDirectory() as tmp:
        folder = (args.dir or Path(tmp)) / f"tui-{args.n}-{kind}"
        mark = folder.parent / f"{folder.name}.complete"  # beside it: not an article
        t = time.perf_counter()
        if mark.is_file():
            print(f"reusing {args.n} {kind} articles in {folder}")
        else:
            folder.mkdir(parents=True, exist_ok=True)
            if args.simple:
                generate(folder, args.n)
            else:
                generate_realistic(folder, args.n)
            print(f"generated {args.n} {kind} articles in {time.perf_counter() - t:.2f} s")
            mark.write_text(f"{args.n}\n", encoding="utf-8")
        baseline = raw_read(folder)
        # A store of our own: the user's cache is neither read nor touched.
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        cold = asyncio.run(run(folder, "first launch (empty store: every file is read)", False))
        print(f"full scan vs raw read: first launch {cold / baseline:.1f}x", flush=True)
        child = [sys.executable, __file__, "--relaunch", str(folder), "--query", query]
        subprocess.run(child, check=True)
        if not args.skip_huge:
            lone = Path(tmp) / "huge"
            lone.mkdir()
            asyncio.run(huge(lone))
    return 0


if __name__ == "__main__":
    sys.exit(main())
