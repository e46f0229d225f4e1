"""How fast is `reader list`? Articles per second against reading the same files raw.

Generates N synthetic articles (a mix of complete pieces and paywalled teasers, ~400 words) in a
temp dir, then times, in this one process: reading every file with Path.read_bytes (the
baseline) and scanning them into list entries. Target: 10,000 articles in under 3x raw read.

    python bench/library.py [N]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from reader.library import Entry, scan
from reader.store import Store

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
    print(f"{label:<34} {took:7.3f} s  {n / took:>9,.0f} articles/s  {took / raw:6.1f}x raw")
    return took


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "articles"
        root.mkdir()
        paths = generate(root, n)
        size = sum(p.stat().st_size for p in paths)
        for p in paths:  # warm the page cache for every measurement alike
            p.read_bytes()
        t0 = time.perf_counter()
        for p in paths:
            p.read_bytes()
        raw = time.perf_counter() - t0
        print(f"articles: {n} ({size / 1e6:.1f} MB); CPUs: {os.cpu_count()}")
        print(f"{'raw read (Path.read_bytes)':<34} {raw:7.3f} s  {n / raw:>9,.0f} files/s")
        timed("list, cold, in this process", root, n, raw, workers=0)
        timed("list, cold, one process per CPU", root, n, raw)
        store = Store.open(Path(tmp) / "bench.sqlite3")
        timed("list, building the index", root, n, raw, store=store)
        warm = timed("list, from the index (repeat)", root, n, raw, store=store)
        print(f"target: 10,000 articles in under 3x raw read; repeat listing: {warm / raw:.1f}x")


if __name__ == "__main__":
    main()
