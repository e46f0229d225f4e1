"""How fast is `reader list`? Articles per second against reading the same files raw.

Generates N synthetic articles (a mix of complete pieces and paywalled teasers, ~400 words) in a
temp dir, then times, in this one process: reading every file with Path.read_bytes (the
baseline) and scanning them into list entries. Target: 10,000 articles in under 3x raw read.

    python bench/library.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from reader.library import Entry, scan

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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = generate(root, n)
        size = sum(p.stat().st_size for p in paths)
        # Warm the page cache for both measurements alike.
        for p in paths:
            p.read_bytes()

        t0 = time.perf_counter()
        for p in paths:
            p.read_bytes()
        raw = time.perf_counter() - t0

        t0 = time.perf_counter()
        entries = [e for e in scan([root]) if isinstance(e, Entry)]
        listed = time.perf_counter() - t0

    truncated = sum(e.paywall.truncated for e in entries)
    print(f"articles: {n} ({size / 1e6:.1f} MB), listed {len(entries)}, truncated {truncated}")
    print(f"raw read (Path.read_bytes): {raw:.3f} s  ({n / raw:,.0f} files/s)")
    print(f"reader list (scan):         {listed:.3f} s  ({n / listed:,.0f} articles/s)")
    print(f"ratio list/raw: {listed / raw:.1f}x  (target < 3x)")


if __name__ == "__main__":
    main()
