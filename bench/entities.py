"""Entity recognition: speed (tokens/s, ms per 10k-word article) and Wikigold PER/ORG/LOC F1.

Run: ``python bench/entities.py`` (``make bench``). Speed is measured on the seed articles'
bodies repeated to 10,000 words, against spaCy's ``en_core_web_sm`` on the same text when it is
installed; then ``reader show --json`` on a 50,000-word file (in process and as a command), and
entities on a 1.9 MB and a 19 MB text in child processes (time per token and peak memory).
Accuracy is exact-span precision/recall/F1 on Wikigold (Balasuriya et al. 2009,
CC-BY 4.0), read from ``../shared/data/wikigold`` next to the repository; skipped if absent.
Our PERSON maps to PER, GPE/LOC/FAC to LOC, ORG to ORG; Wikigold's MISC is not scored.
Errors were only ever inspected on the first half of the documents (dev); the second half is
reported as held-out (its errors were never inspected).
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's reader first)

from reader.cli import main
from reader.entities import find_entities
from reader.ner import tagger
from reader.pipeline import load_article

ROOT = Path(__file__).resolve().parent.parent
WIKIGOLD = ROOT.parent / "shared" / "data" / "wikigold" / "wikigold.conll.txt"
WEIGHTS = ROOT / "reader" / "ner" / "data" / tagger.MODEL_FILE
MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def article_text(words: int = 10_000) -> str:
    """The seed bodies repeated to ``words`` words, paragraphs kept."""
    bodies = [load_article(p).body for p in sorted((ROOT / "sample_articles").glob("wpr-*.txt"))]
    paragraphs = "\n\n".join(bodies).split("\n\n")
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    return "\n\n".join(out)


def best_of(fn: object, runs: int = 5) -> float:
    """Fastest of ``runs`` calls, in seconds."""
    assert callable(fn)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def speed() -> None:
    words_wanted = 10_000
    text = article_text(words_wanted)
    tokens = len(text.split())
    t0 = time.perf_counter()
    find_entities("Moscow")  # load the word lists once
    print(f"rules: word lists load once per process in {(time.perf_counter() - t0) * 1000:.0f} ms")
    t0 = time.perf_counter()
    weights = tagger.model()
    size = WEIGHTS.stat().st_size if WEIGHTS.exists() else 0
    print(
        f"span classifier: {len(weights):,} features, {size / 1024:.0f} KB, loaded lazily in "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    ours = best_of(lambda: find_entities(text))
    print(f"rules: {tokens} tokens in {ours * 1000:.1f} ms -> {tokens / ours:,.0f} tokens/s")
    print(f"rules: 10,000-word article in {ours * 1000:.1f} ms (target < 100 ms)")
    german = load_article(ROOT / "sample_articles" / "html" / "german-cp1252-complete.html").body
    german = "\n\n".join([german] * (words_wanted // len(german.split()) + 1))
    other = best_of(lambda: find_entities(german, language="de"))
    print(
        f"rules, German text (gazetteer mode): {len(german.split())} words in {other * 1000:.1f} ms"
    )
    split = best_of(lambda: text.split())
    print(f"baseline str.split(): {tokens / split:,.0f} tokens/s (rules take {ours / split:.0f}x)")
    try:
        import spacy
    except ImportError:
        print("spaCy: not installed, not measured")
        return
    blank = spacy.blank("en")
    tok = best_of(lambda: blank(text), runs=3)
    print(f"spaCy tokenizer only: {tokens / tok:,.0f} tokens/s (rules take {ours / tok:.1f}x)")
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        print("spaCy en_core_web_sm: not installed, not measured")
        return
    theirs = best_of(lambda: nlp(text), runs=2)
    print(f"spaCy sm: {tokens / theirs:,.0f} tokens/s; rules are {theirs / ours:.0f}x faster")


def show_speed() -> None:
    """``reader show FILE --json`` on a 50,000-word file: in process, and as a command."""
    text = article_text(50_000)
    tokens = len(text.split())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")

        def run() -> None:
            with Path(os.devnull).open("w") as sink, contextlib.redirect_stdout(sink):
                main(["show", str(path), "--json"])

        inproc = best_of(run, runs=3)
        cmd = [sys.executable, "-m", "reader", "show", str(path), "--json"]
        wall = best_of(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), 3)
        start = [sys.executable, "-c", "import reader.cli"]
        startup = best_of(lambda: subprocess.run(start, check=True), 3)
        body = load_article(path).body
        ner = best_of(lambda: find_entities(body), runs=3)
    split = best_of(lambda: text.split())
    print(
        f"reader show --json, {tokens:,}-word file: in process {inproc * 1000:.0f} ms "
        f"({tokens / inproc:,.0f} tokens/s; entities {ner * 1000:.0f} ms of it); as a command "
        f"{wall * 1000:.0f} ms ({tokens / wall:,.0f} tokens/s, {startup * 1000:.0f} ms of it "
        f"Python start-up and imports)"
    )
    print(
        f"  baseline str.split(): {tokens / split:,.0f} tokens/s "
        f"(show in process takes {inproc / split:,.0f}x its time)"
    )
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm")
    except (ImportError, OSError):
        print("  spaCy en_core_web_sm: not installed, not measured")
        return
    theirs = best_of(lambda: nlp(text), runs=1)
    print(
        f"  spaCy sm on the same text: {tokens / theirs:,.0f} tokens/s; show is "
        f"{theirs / inproc:.0f}x faster in process, {theirs / wall:.0f}x as a command"
    )


def big_run(megabytes: int) -> None:
    """Child process: entities of a ``megabytes`` MB text; prints seconds, spans, peak RSS."""
    unit = article_text(10_000)
    text = "\n\n".join([unit] * (megabytes * 1_000_000 // len(unit) + 1))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    found = find_entities(text)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(seconds, len(text.split()), len(found), rss0, rss, len(text))


def scale() -> None:
    """Entities on a 1.9 MB and a 19 MB text: time per token and memory should stay linear."""
    rows = []
    for mb in (2, 19):
        cmd = [sys.executable, __file__, "--big", str(mb)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
        seconds, tokens, spans, rss0, rss, chars = (float(x) for x in out)
        rows.append((seconds, tokens))
        print(
            f"entities on a {chars / 1e6:.1f} MB text: {tokens:,.0f} tokens in {seconds:.2f} s "
            f"({tokens / seconds:,.0f} tokens/s), {spans:,.0f} spans; peak RSS {rss / 1024:.0f} MB "
            f"({(rss - rss0) / 1024:.0f} MB above the peak before the call)"
        )
    (s1, t1), (s2, t2) = rows
    print(f"  time per token, 19 MB vs 1.9 MB: {(s2 / t2) / (s1 / t1):.2f}x (1.00 = linear)")


Doc = list[list[tuple[str, str]]]


def read_conll(path: Path) -> list[Doc]:
    """Documents (split at -DOCSTART-) of sentences of (token, tag) pairs, IO-tagged."""
    docs: list[Doc] = [[]]
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or parts[0] == "-DOCSTART-":
            if current:
                docs[-1].append(current)
            current = []
            if parts and parts[0] == "-DOCSTART-" and docs[-1]:
                docs.append([])
            continue
        current.append((parts[0], parts[-1]))
    if current:
        docs[-1].append(current)
    return [d for d in docs if d]


def gold_spans(doc: Doc) -> tuple[str, set[tuple[int, int, str]]]:
    """The document's tokens joined by spaces, and its gold (start, end, type) spans."""
    tokens = [pair for sent in doc for pair in sent]
    offsets: list[tuple[int, int]] = []
    pos = 0
    for token, _ in tokens:
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    text = " ".join(t for t, _ in tokens)
    spans: set[tuple[int, int, str]] = set()
    i = 0
    while i < len(tokens):
        tag = tokens[i][1]
        if tag == "O":
            i += 1
            continue
        kind = tag[2:]
        j = i + 1
        while j < len(tokens) and tokens[j][1] == f"I-{kind}":
            j += 1
        spans.add((offsets[i][0], offsets[j - 1][1], kind))
        i = j
    return text, spans


def score(docs: list[Doc], name: str) -> None:
    """Print exact-span P/R/F1 per type over ``docs``."""
    stats = {k: [0, 0, 0] for k in ("PER", "ORG", "LOC")}  # tp, fp, fn
    for doc in docs:
        text, gold = gold_spans(doc)
        pred = {(e.start, e.end, MAP[e.label]) for e in find_entities(text) if e.label in MAP}
        for kind in stats:
            p = {s for s in pred if s[2] == kind}
            g = {s for s in gold if s[2] == kind}
            stats[kind][0] += len(p & g)
            stats[kind][1] += len(p - g)
            stats[kind][2] += len(g - p)
    total = [sum(v[i] for v in stats.values()) for i in range(3)]
    print(f"  {name}:")
    for kind, (tp, fp, fn) in [*stats.items(), ("ALL", total)]:
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"    {kind:<4} P={prec:.3f} R={rec:.3f} F1={f1:.3f}")


def accuracy() -> None:
    if not WIKIGOLD.exists():
        print(f"wikigold: skipped ({WIKIGOLD} not found)")
        return
    docs = read_conll(WIKIGOLD)
    half = len(docs) // 2
    print("wikigold exact-span PER/ORG/LOC (CC-BY 4.0, Balasuriya et al. 2009), per document:")
    score(docs[:half], f"dev, docs 1-{half} (rules were tuned looking at its errors)")
    score(docs[half:], f"held-out, docs {half + 1}-{len(docs)} (errors never inspected)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--big"]:
        big_run(int(sys.argv[2]))
        sys.exit()
    speed()
    show_speed()
    scale()
    accuracy()
