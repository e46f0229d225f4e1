"""How fast is `reader list`? Articles per second against reading the same files raw.

Generates N articles in a temp dir: by default of realistic shape (bench/corpus.py: 300-3,000
words, plain text, Markdown and HTML, a third paywalled teasers); with --simple the older
~400-word plain-text pieces. Then times, in this one process: reading every file with
Path.read_bytes (the baseline) and scanning them into list entries, cold (in this process, then
one process per CPU), building the library index alone, building it with the search index (as
`reader list` does), and repeating from the indexes. Then, best of 3 with a raw read before
each (a shared machine is noisy): the repeat scan again, and the whole repeat `reader list`
in this process (its store, the scan, the filters, the output written to /dev/null), as JSON
and as the table. Target: a repeat under 3x raw read.

    python bench/library.py [N] [--simple] [--indexed-only]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's reader first)
from corpus import generate as generate_realistic

from reader.cli.dispatch import main as reader_main
from reader.library import Entry, scan
from reader.store import DB_NAME, Store

WORDS = [
    "the",
    "council",
    "minister",
    "said",
    "officials",
    "market",
    "prices",
    "government",
    "week",
    "report",
    "city",
    "plan",
    "years",
    "people",
    "new",
    "police",
    "court",
    "health",
    "school",
    "energy",
    "water",
    "budget",
    "election",
    "vote",
    "talks",
    "company",
    "workers",
    "union",
    "bank",
    "trade",
    "border",
    "summit",
    "agreement",
    "crisis",
    "weather",
    "storm",
    "road",
]
GATE = (
    "Keep reading for free!\n\nAlready a subscriber? Log in here.\n\n"
    "Subscribe now to get full access."
)
FOOTER = "Sign up for our newsletter to get the week's top stories delivered to your inbox."


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    return " ".join(words).capitalize() + "."


def article(rng: random.Random, i: int) -> str:
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(8)]
    tail = GATE if i % 3 == 0 else FOOTER
    return f"Synthetic headline number {i}\n\n" + "\n\n".join(paras) + "\n\n" + tail + "\n"


def generate(root: Path, n: int) -> list[Path]:
    rng = random.Random(7)
    paths = []
    for i in range(n):
        folder = root / f"d{i // 500:03d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"a{i:05d}.txt"
        path.write_text(article(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


def timed(label: str, root: Path, n: int, raw: float, **kwargs: object) -> float:
    t0 = time.perf_counter()
    entries = [e for e in scan([root], **kwargs) if isinstance(e, Entry)]  # type: ignore[arg-type]
    took = time.perf_counter() - t0
    assert len(entries) == n, len(entries)
    print(f"{label:<38} {took:7.3f} s  {n / took:>9,.0f} articles/s  {took / raw:6.1f}x raw")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10_000, help="articles (default 10,000)")
    ap.add_argument("--simple", action="store_true", help="~400-word plain-text articles")
    ap.add_argument(
        "--indexed-only",
        action="store_true",
        help="skip the cold scans without a store (at 100,000 each takes many minutes)",
    )
    args = ap.parse_args()
    n = args.n
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "articles"
        root.mkdir()
        paths: list[Path] = generate(root, n) if args.simple else generate_realistic(root, n)
        size = sum(p.stat().st_size for p in paths)
        for p in paths:  # warm the page cache for every measurement alike
            p.read_bytes()
        t0 = time.perf_counter()
        for p in paths:
            p.read_bytes()
        raw = time.perf_counter() - t0
        shape = "~400 words, text" if args.simple else "300-3,000 words, text/Markdown/HTML"
        print(f"articles: {n} ({size / 1e6:.1f} MB, {shape}); CPUs: {os.cpu_count()}")
        print(f"{'raw read (Path.read_bytes)':<38} {raw:7.3f} s  {n / raw:>9,.0f} files/s")
        if n <= 20_000 and not args.indexed_only:  # one process at 100,000: most of an hour
            timed("list, cold, in this process", root, n, raw, workers=0)
        alone = 0.0
        if not args.indexed_only:
            timed("list, cold, one process per CPU", root, n, raw)
            plain = Store.open(Path(tmp) / "plain" / "bench.sqlite3")
            alone = timed(
                "list, building the library index", root, n, raw, store=plain, search=False
            )
        # The store `reader list` opens (the user data dir) is this one.
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        store = Store.open(Path(tmp) / "data" / "reader" / DB_NAME)
        both = timed("list, building library + search index", root, n, raw, store=store)
        warm = timed("list, from the indexes (repeat)", root, n, raw, store=store)
        if alone:
            print(f"search indexing: {both / alone:.2f}x the cold scan without it")
        print(f"repeat listing: {warm / raw:.1f}x raw read (target < 3x)")
        repeats(root, paths, n, store)


def repeats(root: Path, paths: list[Path], n: int, store: Store) -> None:
    """Best of 3, each after a raw read of its own: the repeat scan and `reader list`."""
    best: dict[str, float] = {}

    def keep(label: str, took: float) -> None:
        best[label] = min(best.get(label, took), took)

    for _ in range(3):
        t0 = time.perf_counter()
        for p in paths:
            p.read_bytes()
        keep("raw read (Path.read_bytes)", time.perf_counter() - t0)
        t0 = time.perf_counter()
        found = sum(1 for e in scan([root], store=store) if isinstance(e, Entry))
        keep("repeat scan (library.scan)", time.perf_counter() - t0)
        assert found == n, found
        for label, extra in (
            ("repeat `reader list --json`", ["--json"]),
            ("repeat `reader list`", []),
        ):
            with Path(os.devnull).open("w") as sink, contextlib.redirect_stdout(sink):
                t0 = time.perf_counter()
                code = reader_main(["list", str(root), *extra])
                keep(label, time.perf_counter() - t0)
            assert code == 0, code
    raw = best["raw read (Path.read_bytes)"]
    print("best of 3, each after its own raw read:")
    for label, took in best.items():
        ratio = f"{took / raw:6.2f}x raw   (target < 3x)" if "repeat" in label else ""
        print(f"  {label:<36} {took:7.3f} s  {ratio}")


if __name__ == "__main__":
    main()
