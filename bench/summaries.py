"""Summaries: speed against plain sumy, cache-hit latency, ROUGE against Lead-3, and bounded work
on texts far longer than any article.

Run from the repository root (``make bench``; ``python bench/summaries.py --long`` runs only
the long-text part, ``--rouge`` only the ROUGE part). Timings are ratios against plain sumy
measured in this same run. ROUGE uses ``../shared/data/cnndm-dev-50.jsonl`` (50 CNN/DailyMail
stories with human highlights) when it is there, and is skipped with a note when it is not.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

# As the CLI gets it: importing reader sets this before numpy loads; numpy is imported first here.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.model import Article, PaywallVerdict  # noqa: E402
from reader.pipeline import load_article  # noqa: E402
from reader.store import Store  # noqa: E402
from reader.summary import (  # noqa: E402
    ALGORITHMS,
    KL_MAX_SENTENCES,
    cached_summary,
    news,
    sample,
    select,
    summarize,
)
from reader.summary.candidates import candidates  # noqa: E402
from reader.summary.sumy_fast import make_document, sumy_pick, sumy_summarizer  # noqa: E402
from reader.summary.tokens import OfflineTokenizer, forget_stems  # noqa: E402

CNNDM = ROOT.parent / "shared" / "data" / "cnndm-dev-50.jsonl"
SIZES = (50, 200, 1000)
SUMY_ALGORITHMS = ("lexrank", "textrank", "reduction", "lsa", "luhn", "edmundson", "sumbasic", "kl")
PLAIN_LIMIT = {"kl": 200}  # plain KL at 1,000 sentences would take minutes
COMPLETE = PaywallVerdict(truncated=False, confidence=1.0, reasons=(), visible_words=0)


def load_cnndm() -> list[dict[str, str]]:
    """The bench's own loader: one JSON object a line with article and highlights."""
    with CNNDM.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sentence_pool() -> list[str]:
    """Real news sentences to time on: the CNN/DM stories, else the sample articles."""
    tokenizer = OfflineTokenizer()
    pool: list[str] = []
    if CNNDM.exists():
        for row in load_cnndm():
            pool.extend(tokenizer.to_sentences(row["article"]))
    else:
        for path in sorted((ROOT / "sample_articles").iterdir()):
            for paragraph in load_article(path).paragraphs:
                pool.extend(tokenizer.to_sentences(paragraph))
    # Distinct sentences, as the methods receive them after reader's de-duplication.
    pool = list(dict.fromkeys(pool))
    out = list(pool)
    copy = 1
    while len(out) < max(SIZES):  # repeat, but not as exact duplicates
        out.extend(f"{s} (copy {copy})" for s in pool)
        copy += 1
    return out


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, in seconds, and the last result."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms" if seconds >= 0.01 else f"{seconds * 1000:9.3f} ms"


def cold(fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn`` after forgetting every memoised stem: the cost of a first summary in a process."""

    def run() -> Any:
        forget_stems()
        return fn()

    return run


def same_picks(name: str, document: Any, picked: Any, expected: Any) -> str:
    """'yes' when the picks are equal; for LSA also 'tie' when they differ only among sentences
    whose scores are equal to 9 digits (sumy's SVD orders exact ties by rounding noise)."""
    got, want = [str(x) for x in picked], [str(x) for x in expected]
    if got == want:
        return "yes"
    if name == "lsa":
        plain = sumy_summarizer("lsa", plain=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matrix = plain._create_matrix(document, plain._create_dictionary(document))
        matrix = plain._compute_term_frequency(matrix)
        _u, sigma, v = np.linalg.svd(matrix, full_matrices=False)
        texts = [str(s) for s in document.sentences]
        ranks = dict(zip(texts, plain._compute_ranks(sigma, v), strict=True))
        if sorted(round(ranks[s], 9) for s in got) == sorted(round(ranks[s], 9) for s in want):
            return "tie (equal scores)"
    return "NO"


def speed(pool: list[str]) -> None:
    print("## Speed (3 sentences), best of 3. 'first run': the first summary in a process (no stem")
    print(
        "## memoised, sentences tokenised into words afresh), as in one CLI call; 'repeat': later"
    )
    print("## summaries of the same text. Plain sumy has no memo. Ratio = plain sumy / first run.")
    header = (
        f"{'method':<10} {'sents':>5} {'first run':>12} {'repeat':>12} {'plain sumy':>12} "
        f"{'ratio':>7}"
    )
    print(header + "  same picks")
    for name in SUMY_ALGORITHMS:
        for size in SIZES:
            document = make_document(pool[:size])
            row = f"{name:<10} {size:>5}"
            picked: Any = None
            t_cold = 0.0
            if name == "kl" and size > KL_MAX_SENTENCES:
                row += f" {'(guarded)':>12} {'':>12}"
            else:

                def ours(n: str = name, k: int = size) -> Any:
                    return sumy_summarizer(n, bonus=["said"])(make_document(pool[:k]), 3)

                t_cold, picked = timed(cold(ours), repeat=3)
                t_warm, _ = timed(ours, repeat=3)
                row += f" {ms(t_cold):>12} {ms(t_warm):>12}"
            if size > PLAIN_LIMIT.get(name, 10**9):
                print(f"{row} {'(skipped)':>12}")
                continue
            plain = sumy_summarizer(name, plain=True, bonus=["said"])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t_plain, expected = timed(lambda p=plain, d=document: p(d, 3))  # type: ignore[misc]
            row += f" {ms(t_plain):>12}"
            if picked is not None:
                row += f" {t_plain / t_cold:6.1f}x  {same_picks(name, document, picked, expected)}"
            print(row)
    for name in ("news", "lead"):
        for size in SIZES:

            def run(n: str = name, k: int = size) -> Any:
                return select(pool[:k], 3, n)

            t_cold, _ = timed(cold(run), repeat=3)
            t_warm, _ = timed(run, repeat=3)
            print(f"{name:<10} {size:>5} {ms(t_cold):>12} {ms(t_warm):>12} {'-':>12}")
    long_article = _article(" ".join(pool[:1000]))
    t, _ = timed(cold(lambda: summarize(long_article)), repeat=3)
    print(
        f"summarize() of a 1,000-sentence article, sentence splitting included, first run: {ms(t)}"
    )
    print()


def cache_latency() -> None:
    print("## Cache")
    article = _article(" ".join(sentence_pool()[:200]))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite3")
        t_miss, _ = timed(lambda: cached_summary(article, store=store))
        hits: list[tuple[float, float]] = []  # (wall, CPU) seconds of each hit
        for _ in range(1000):
            wall, cpu = time.perf_counter(), time.process_time()
            summary = cached_summary(article, store=store)
            hits.append((time.perf_counter() - wall, time.process_time() - cpu))
            assert summary.cached
        t_pure, _ = timed(lambda: summarize(article), repeat=3)
        print(f"first call (miss, 200 sentences): {ms(t_miss)}")
        print(f"summarize() without cache:        {ms(t_pure)}")
        walls = sorted(w for w, _ in hits)
        worst = max(hits)
        print(f"cache hit, median of 1000:        {ms(statistics.median(walls))}")
        print(f"cache hit, p95 / p99:             {ms(walls[949])} / {ms(walls[989])}")
        waited = worst[0] > 2 * worst[1]
        note = "; wall far above CPU: the process waited for a core" if waited else ""
        print(
            f"cache hit, worst of 1000:         {ms(worst[0])} (CPU {ms(worst[1]).strip()}{note})"
        )
        store.close()
    print()


def first_run_through_the_cache(pool: list[str]) -> None:
    """``cached_summary`` misses as ``reader summary`` meets them, in a 'new process' (stem
    memo forgotten): with an empty store, after other stories' summaries, and after the same
    story at another length (every word's stem stored)."""
    print("## First run through cached_summary (a cache miss in a new process), 1,000 sentences")
    article = _article(" ".join(pool[:1000]))
    others = _article(" ".join(pool[1000:2000]))
    print(f"{'method':<10} {'empty store':>12} {'other stories':>14} {'same story':>12}")
    for name in ("news", "lexrank", "textrank", "reduction", "lsa"):
        row = f"{name:<10}"
        for warm in (None, others, article):
            best = float("inf")
            for _ in range(3):
                with tempfile.TemporaryDirectory() as tmp:
                    store = Store.open(Path(tmp) / "bench.sqlite3")
                    if warm is not None:
                        cached_summary(warm, 2, name, store=store)
                    forget_stems()
                    start = time.perf_counter()
                    cached_summary(article, 3, name, store=store)
                    best = min(best, time.perf_counter() - start)
                    store.close()
            row += f" {ms(best):>12}" if warm is not others else f" {ms(best):>14}"
        print(row)
    print()


def _article(text: str) -> Article:
    return Article(
        path="bench.txt",
        format="text",
        title="",
        source="",
        paragraphs=(text,),
        removed=(),
        paywall=COMPLETE,
    )


def rouge() -> None:
    """ROUGE of every method against the human highlights, with the differences from Lead-3
    (the ``lead`` method: the first three candidate sentences, bylines and captions dropped);
    then, to see whether the news method's gain holds on stories it was not looked at on, the
    same difference on splits of the stories (halves, five folds, leave one out), and the
    stories where news and lead differ, each with its own difference."""
    print("## ROUGE F1 (x100) on cnndm-dev-50, 3 sentences, against the human highlights")
    if not CNNDM.exists():
        print(f"skipped: {CNNDM} is absent")
        return
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        print("skipped: rouge-score is not installed (pip install -e '.[bench]')")
        return
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rows = load_cnndm()
    tokenizer = OfflineTokenizer()
    systems: dict[str, list[str]] = {"lead-3 (raw)": []}
    for method in ALGORITHMS:
        systems[method] = []
    refused: dict[str, int] = {}
    spent: dict[str, float] = dict.fromkeys(ALGORITHMS, 0.0)
    for row in rows:
        systems["lead-3 (raw)"].append(" ".join(tokenizer.to_sentences(row["article"])[:3]))
        article = _article(row["article"])
        for method in ALGORITHMS:
            start = time.perf_counter()
            try:
                picked = summarize(article, sentences=3, algorithm=method).sentences
            except ValueError:
                refused[method] = refused.get(method, 0) + 1
                picked = ()
            spent[method] += time.perf_counter() - start
            systems[method].append(" ".join(picked))
    keys = ("rouge1", "rouge2", "rougeL")
    per_story: dict[str, list[tuple[float, ...]]] = {}
    for method, outputs in systems.items():
        per_story[method] = []
        for output, row in zip(outputs, rows, strict=True):
            result = scorer.score(row["highlights"], output)
            per_story[method].append(tuple(result[k].fmeasure * 100 for k in keys))

    def means(method: str, part: range | list[int] | None = None) -> tuple[float, ...]:
        scores = per_story[method]
        chosen = [scores[i] for i in (part if part is not None else range(len(scores)))]
        return tuple(statistics.mean(s[k] for s in chosen) for k in range(len(keys)))

    lead3 = means("lead")
    print(
        f"{'method':<14} {'R-1':>6} {'R-2':>6} {'R-L':>6}   {'vs lead-3: R-1':>14} "
        f"{'R-2':>5} {'R-L':>5}  {'ms/story':>8}"
    )
    for method in systems:
        r = means(method)
        note = f" ({refused[method]} refused by the size guard)" if method in refused else ""
        cost = f"{spent[method] * 1000 / len(rows):8.2f}" if method in spent else f"{'':>8}"
        print(
            f"{method:<14} {r[0]:6.2f} {r[1]:6.2f} {r[2]:6.2f}   {r[0] - lead3[0]:+14.2f} "
            f"{r[1] - lead3[1]:+5.2f} {r[2] - lead3[2]:+5.2f}  {cost}{note}"
        )
    print()
    _news_against_lead(rows, per_story, systems, means)


def _news_against_lead(
    rows: list[dict[str, str]],
    per_story: dict[str, list[tuple[float, ...]]],
    systems: dict[str, list[str]],
    means: Callable[..., tuple[float, ...]],
) -> None:
    """news minus lead on splits of the stories, and story by story where they differ."""
    n = len(rows)
    splits: list[tuple[str, list[int]]] = [
        ("half A (even lines)", list(range(0, n, 2))),
        ("half B (odd lines)", list(range(1, n, 2))),
        ("first half", list(range(n // 2))),
        ("second half", list(range(n // 2, n))),
    ]
    splits += [(f"fold {f + 1} of 5 (line % 5 == {f})", list(range(f, n, 5))) for f in range(5)]
    print("## news minus lead on parts of the stories (the target: R-1 >= +1.0, R-2 and R-L >= 0)")
    print(f"{'part':<28} {'stories':>7} {'R-1':>6} {'R-2':>6} {'R-L':>6}")

    def gap(part: list[int]) -> tuple[float, ...]:
        return tuple(a - b for a, b in zip(means("news", part), means("lead", part), strict=True))

    for label, part in [("all", list(range(n))), *splits]:
        d = gap(part)
        print(f"{label:<28} {len(part):>7} {d[0]:+6.2f} {d[1]:+6.2f} {d[2]:+6.2f}")
    left_out = [(gap([j for j in range(n) if j != i])[0], i) for i in range(n)]
    low, high = min(left_out), max(left_out)
    print(
        f"leave one out, R-1: lowest {low[0]:+.2f} (without line {low[1]}), "
        f"highest {high[0]:+.2f} (without line {high[1]})"
    )
    changed = [i for i in range(n) if systems["news"][i] != systems["lead"][i]]
    deltas = [
        tuple(a - b for a, b in zip(per_story["news"][i], per_story["lead"][i], strict=True))
        for i in changed
    ]
    won = sum(1 for d in deltas if d[0] > 0)
    print(
        f"news differs from lead on {len(changed)} of {n} stories: R-1 up on {won}, down on ",
        end="",
    )
    print(f"{sum(1 for d in deltas if d[0] < 0)}; by story (line, id, R-1 R-2 R-L):")
    for i, d in zip(changed, deltas, strict=True):
        print(f"  {i:>3} {rows[i].get('id', '')[:12]:<12} {d[0]:+6.1f} {d[1]:+6.1f} {d[2]:+6.1f}")
    print()


_DENSE_WORDS = [
    a + b for a in ("ka", "lo", "mi", "su") for b in ("ber", "dan", "fil", "gor", "han", "jut")
]


def _dense_sentences(n: int, seed: int = 1) -> list[str]:
    """Sentences over a 24-word made-up vocabulary: every sentence shares words with nearly
    every other, the worst case for the similarity matrices and the near-duplicate filter."""
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(_DENSE_WORDS) for _ in range(rng.randint(6, 20))).capitalize() + "."
        for _ in range(n)
    ]


def caps() -> None:
    """What the caps in reader/summary/sample.py were chosen from: the filter's and the
    ranking's cost by number of sentences, on the worst case, with the caps lifted."""
    print("## Long texts: cost by number of sentences (dense vocabulary, caps lifted)")
    print(f"## caps in use: filter {sample.MAX_LOOKED}, rank {sample.MAX_RANKED} sentences")
    import tracemalloc

    print(f"{'sentences':>9} {'filter':>10} {'news':>10} {'peak':>8} {'lexrank':>10} {'peak':>8}")
    for n in (500, 1000, 2000, 4000):
        pool = _dense_sentences(n)
        t_filter, (keep, words) = timed(lambda p=pool: candidates(p, "", "english"))  # type: ignore[misc]
        kept = [pool[i] for i in keep]
        row = f"{n:>9} {ms(t_filter):>10}"
        for name in ("news", "lexrank"):
            tracemalloc.start()
            if name == "news":
                t, _ = timed(lambda k=kept, w=words: news.pick(k, w, 3, "english", ""))  # type: ignore[misc]
            else:
                t, _ = timed(lambda k=kept, w=words: sumy_pick("lexrank", k, w, 3, "english", ""))  # type: ignore[misc]
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            row += f" {ms(t):>10} {peak / 2**20:6.0f}MB"
        print(row)
    print()


_MEASURE = """
import resource, sys, time
from reader.pipeline import load_article
from reader.summary import summarize
start = time.perf_counter()
article = load_article(sys.argv[1])
loaded = time.perf_counter()
summary = summarize(article, algorithm=sys.argv[2])
done = time.perf_counter()
ok = bool(summary.sentences) and all(s in article.body for s in summary.sentences)
try:  # this process's own high-water mark (ru_maxrss would count the parent's, from fork)
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(loaded - start, done - loaded, peak, ok)
"""


def long_texts() -> None:
    """A 19 MB article and 200,000 short paragraphs, each loaded and summarised in a fresh
    process: wall time of the load (the baseline: reading and cleaning the file), of the
    summary, and the process's peak memory."""
    print("## Long texts: load + summary in a fresh process (the load is the baseline)")
    rng = random.Random(7)
    pool = sentence_pool()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        paragraphs: list[str] = []
        size = 0
        while size < 19_000_000:
            paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))
            paragraphs.append(paragraph)
            size += len(paragraph.encode()) + 2
        big.write_text("A very long article\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
        short = Path(tmp) / "short.txt"
        lines = (" ".join(rng.choice(_DENSE_WORDS) for _ in range(6)) for _ in range(200_000))
        short.write_text("Short paragraphs\n\n" + ".\n\n".join(lines) + ".\n", "utf-8")
        env = {**os.environ, "XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
        print(f"{'text':<28} {'method':<9} {'load':>10} {'summary':>10} {'ratio':>6} {'peak':>8}")
        for label, path in (
            (f"19 MB ({big.stat().st_size / 1e6:.1f} MB)", big),
            ("200,000 short paragraphs", short),
        ):
            for name in ("news", "lexrank", "textrank", "lsa"):
                result = subprocess.run(
                    [sys.executable, "-c", _MEASURE, str(path), name],
                    capture_output=True,
                    text=True,
                    env=env,
                    cwd=ROOT,
                    check=True,
                )
                load_s, summary_s, peak, ok = result.stdout.split()
                row = (
                    f"{label:<28} {name:<9} {ms(float(load_s)):>10} {ms(float(summary_s)):>10} "
                    f"{float(summary_s) / float(load_s):5.2f}x {int(peak) / 2**20:6.0f}MB"
                )
                print(row + ("" if ok == "True" else "  PICKS NOT FROM THE TEXT"))
    print()


def main() -> int:
    if "--long" in sys.argv[1:]:
        caps()
        long_texts()
        return 0
    if "--rouge" in sys.argv[1:]:
        rouge()
        return 0
    pool = sentence_pool()
    speed(pool)
    first_run_through_the_cache(pool)
    cache_latency()
    caps()
    long_texts()
    rouge()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
