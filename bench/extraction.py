"""Body precision/recall/F1 of reader's HTML pipeline vs plain trafilatura, and pages/s.

Expected bodies are hand-written in ``bench/expected/<sample>.txt`` (the article's own text,
headline and byline excluded). Scores are over word tokens (bag of words, clipped counts), the
usual measure of extraction benchmarks. Run: ``.venv/bin/python bench/extraction.py``.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import checkout  # noqa: F401  (this checkout's reader first)
import trafilatura

from reader.formats import LoadError, format_for, load_bytes
from reader.pipeline import build_article
from reader.textutil import decode

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles" / "html"
EXPECTED = Path(__file__).resolve().parent / "expected"
ROUNDS = 10
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in _TOKEN.findall(text))


def prf(got: str, want: str) -> tuple[float, float, float]:
    g, w = tokens(got), tokens(want)
    overlap = sum((g & w).values())
    p = overlap / max(1, sum(g.values()))
    r = overlap / max(1, sum(w.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ours(path: Path, data: bytes) -> str:
    fmt = format_for(path)
    assert fmt is not None
    try:
        return build_article(load_bytes(str(path), data, fmt)).body
    except LoadError:
        return ""


def plain(path: Path, data: bytes) -> str:
    fmt = format_for(path)
    declared = fmt.declared_encoding(data) if fmt and fmt.declared_encoding else None
    text, _ = decode(data, declared)
    return trafilatura.extract(text, include_comments=False) or ""


def main() -> None:
    pages = sorted(SAMPLES.glob("*.html"))
    data = {p: p.read_bytes() for p in pages}
    totals: dict[str, list[float]] = {"reader": [0, 0, 0], "trafilatura": [0, 0, 0]}
    speed: dict[str, float] = {}
    print(f"{'sample':32} {'reader P/R/F1':>20} {'trafilatura P/R/F1':>22}")
    for page in pages:
        want = (EXPECTED / f"{page.stem}.txt").read_text(encoding="utf-8")
        row = []
        for name, fn in (("reader", ours), ("trafilatura", plain)):
            scores = prf(fn(page, data[page]), want)
            totals[name] = [a + b for a, b in zip(totals[name], scores, strict=True)]
            row.append("/".join(f"{s:.2f}" for s in scores))
        print(f"{page.stem:32} {row[0]:>20} {row[1]:>22}")
    n = len(pages)
    for name, fn in (("reader", ours), ("trafilatura", plain)):
        start = time.perf_counter()
        for _ in range(ROUNDS):
            for page in pages:
                fn(page, data[page])
        speed[name] = ROUNDS * n / (time.perf_counter() - start)
    print()
    for name in ("reader", "trafilatura"):
        p, r, f = (x / n for x in totals[name])
        print(f"{name:12} mean P {p:.3f}  R {r:.3f}  F1 {f:.3f}  {speed[name]:.0f} pages/s")
    ratio = speed["reader"] / speed["trafilatura"]
    print(f"speed ratio reader/trafilatura: {ratio:.2f} (target: >= 20 pages/s for reader)")


if __name__ == "__main__":
    main()
