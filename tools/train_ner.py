"""Train the span classifier of ``reader/ner/tagger.py`` and write its weights file.

Run: ``python tools/train_ner.py`` (needs ``../shared/data/wikigold`` next to the repository).
``--cv``: only print 4-fold cross-validated P/R/F1 of the development half, per type, writing
nothing (``--cv --errors``: and every error of the held-back folds, to read; the held-out half
is never read). ``--kfold``: 5-fold cross-validation over all of Wikigold (training on four
fifths of all documents, held-out ones included, scoring the fifth): how much a change moves F1
beyond the noise of one split; it writes nothing and the shipped model never sees the
held-out half.
It reads Wikigold (Balasuriya et al. 2009, CC-BY 4.0), keeps only the development half of the
documents (the first half, as ``bench/entities.py`` splits them; the held-out half is never
read here), runs the rules over each document and trains an averaged perceptron on its
capitalised runs (all of them, covered by the rules or not, for more examples; at run time only
the stretches the rules leave unlabelled are asked). A candidate's gold class is Wikigold's type
when the candidate is exactly a gold span, else "none". Deterministic: fixed epochs and
seeded shuffles (the model is the mean of one perceptron per seed), so the same data and rules
give the same file. Writes
``reader/ner/data/span_model.tsv``: one feature per line, a tab, one weight per class.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this repository's reader, not an installed one
sys.path.insert(0, str(ROOT / "bench"))

from entities import MAP, WIKIGOLD, Doc, gold_spans, read_conll  # noqa: E402

from reader.entities import find_entities  # noqa: E402
from reader.ner import tagger  # noqa: E402
from reader.ner.lexicon import lexicon  # noqa: E402
from reader.ner.rules import rule_spans  # noqa: E402

OUT = ROOT / "reader" / "ner" / "data" / tagger.MODEL_FILE
GOLD_TO_CLASS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
EPOCHS = 10
SEEDS = (17, 18, 19, 20, 21)
"""One perceptron per seed; the model is their mean."""
PRUNE = 1.0
"""Features whose largest mean weight is below this are dropped (a smaller file). Pruning
harder raised cross-validated dev F1 (0.730 at 1.0, 0.734 at 2.0, 0.740 at 3.0) by dropping
names the rules cannot decide ("Velvet Harrows", "Queenslander Mitchell Rawlins"): recall on
names no list holds is what the classifier is for, so it stays at 1.0."""


def instances(docs: list[Doc]) -> list[tuple[list[str], int]]:
    """(features, class index) for every candidate of ``docs``."""
    lex = lexicon()
    out: list[tuple[list[str], int]] = []
    for doc in docs:
        text, gold = gold_spans(doc)
        kinds = {(s, e): GOLD_TO_CLASS[k] for s, e, k in gold}
        _, stretches = rule_spans(text, every_run=True)
        doc = tagger.Text(text)
        for stretch, initial in stretches:
            for i, cand in enumerate(tagger.candidates(stretch, lex, initial)):
                feats = tagger.features(doc, cand, initial and i == 0, lex)
                label = kinds.get((cand[0].start, cand[-1].end), "O")
                out.append((feats, tagger.CLASSES.index(label)))
    return out


def train(data: list[tuple[list[str], int]]) -> dict[str, list[float]]:
    """The mean of averaged perceptrons trained in differently shuffled orders, pruned.

    One perceptron depends much on the order it saw the examples in (held-out F1 moved by
    two points between seeds); the mean of several is steadier."""
    n = len(tagger.CLASSES)
    runs = [_perceptron(data, seed) for seed in SEEDS]
    mean: dict[str, list[float]] = {}
    for f in sorted({f for run in runs for f in run}):
        rows = [run.get(f, [0.0] * n) for run in runs]
        avg = [sum(r[k] for r in rows) / len(rows) for k in range(n)]
        if max(abs(v) for v in avg) >= PRUNE:
            mean[f] = avg
    return mean


def _perceptron(data: list[tuple[list[str], int]], seed: int) -> dict[str, list[float]]:
    """Averaged multi-class perceptron weights."""
    n = len(tagger.CLASSES)
    w: dict[str, list[float]] = defaultdict(lambda: [0.0] * n)
    total: dict[str, list[float]] = defaultdict(lambda: [0.0] * n)
    stamp: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    step = 0
    rng = random.Random(seed)
    order = list(range(len(data)))
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for idx in order:
            feats, gold = data[idx]
            step += 1
            s = [0.0] * n
            for f in feats:
                if f in w:
                    for k, v in enumerate(w[f]):
                        s[k] += v
            guess = max(range(n), key=lambda k: (s[k], -k))
            if guess == gold:
                continue
            for f in feats:
                for k, delta in ((gold, 1.0), (guess, -1.0)):
                    total[f][k] += (step - stamp[f][k]) * w[f][k]
                    stamp[f][k] = step
                    w[f][k] += delta
    averaged: dict[str, list[float]] = {}
    for f, row in w.items():
        averaged[f] = [(total[f][k] + (step - stamp[f][k]) * row[k]) / step for k in range(n)]
    return averaged


Counts = dict[str, list[int]]
"""Per type (PER/ORG/LOC): [true positives, false positives, false negatives]."""


def counts(docs: list[Doc], errors: list[str] | None = None) -> Counts:
    """Exact-span counts per type; with ``errors``, one line per error is appended to it."""
    out: Counts = {k: [0, 0, 0] for k in ("PER", "ORG", "LOC")}
    for doc in docs:
        text, gold = gold_spans(doc)
        want = {g for g in gold if g[2] != "MISC"}
        got = {(e.start, e.end, MAP[e.label]) for e in find_entities(text) if e.label in MAP}
        for kind, row in out.items():
            p = {s for s in got if s[2] == kind}
            g = {s for s in want if s[2] == kind}
            row[0] += len(p & g)
            row[1] += len(p - g)
            row[2] += len(g - p)
        if errors is not None:
            for tag, spans, other in (("FP", got - want, gold), ("FN", want - got, got)):
                for s, e, kind in sorted(spans):
                    near = "/".join(
                        f"{k}:{text[a:b]}" for a, b, k in sorted(other) if a < e and s < b
                    )
                    around = f"{text[max(0, s - 50) : s]}[[{text[s:e]}]]{text[e : e + 50]}"
                    errors.append(f"{tag}\t{kind}\t{near or '-'}\t{around}")
    return out


def f1(stats: Counts) -> float:
    """F1 over PER, ORG and LOC together."""
    tp, fp, fn = (sum(row[i] for row in stats.values()) for i in range(3))
    return 2 * tp / max(1, 2 * tp + fp + fn)


def report(name: str, stats: Counts) -> None:
    """Print P/R/F1 per type and over all three."""
    total = [sum(row[i] for row in stats.values()) for i in range(3)]
    cells = []
    for kind, (tp, fp, fn) in [*stats.items(), ("ALL", total)]:
        prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * prec * rec / max(1e-9, prec + rec)
        cells.append(f"{kind} P={prec:.3f} R={rec:.3f} F1={f1:.3f}")
    print(f"{name}: " + "; ".join(cells))


def cross_validate(
    docs: list[Doc],
    folds: int,
    errors: list[str] | None = None,
    per_fold: list[Counts] | None = None,
) -> Counts:
    """Train on all but one fold of ``docs`` (document ``i`` is in fold ``i % folds``), score
    the whole recognizer on that fold; the counts summed over the folds (how much of the
    model generalises beyond the documents it saw)."""
    total: Counts = {k: [0, 0, 0] for k in ("PER", "ORG", "LOC")}
    shipped = tagger.model
    try:
        for k in range(folds):
            train_docs = [d for i, d in enumerate(docs) if i % folds != k]
            weights = {f: tuple(row) for f, row in train(instances(train_docs)).items()}
            tagger.model = lambda weights=weights: weights  # type: ignore[assignment]
            fold = counts([d for i, d in enumerate(docs) if i % folds == k], errors)
            if per_fold is not None:
                per_fold.append(fold)
            for kind, row in fold.items():
                for i, n in enumerate(row):
                    total[kind][i] += n
    finally:
        tagger.model = shipped  # type: ignore[assignment]
    return total


def rules_alone(docs: list[Doc]) -> Counts:
    """The counts with no span classifier."""
    shipped = tagger.model
    try:
        tagger.model = lambda: {}  # type: ignore[assignment]
        return counts(docs)
    finally:
        tagger.model = shipped  # type: ignore[assignment]


def main() -> None:
    if not WIKIGOLD.exists():
        sys.exit(f"{WIKIGOLD} not found")
    docs = read_conll(WIKIGOLD)
    dev = docs[: len(docs) // 2]
    args = sys.argv[1:]
    if args[:1] == ["--cv"]:
        errors: list[str] | None = [] if "--errors" in args else None
        report("4-fold CV on dev, rules + model", cross_validate(dev, 4, errors))
        report("dev, rules alone", rules_alone(dev))
        if errors is not None:
            print("\n".join(sorted(errors, key=lambda line: line.split("\t")[:2])))
        return
    if args[:1] == ["--kfold"]:
        each: list[Counts] = []
        report("5-fold CV on all of Wikigold, rules + model", cross_validate(docs, 5, None, each))
        f1s = [f1(fold) for fold in each]
        mean = sum(f1s) / len(f1s)
        spread = (sum((x - mean) ** 2 for x in f1s) / (len(f1s) - 1)) ** 0.5
        print("  F1 per fold: " + ", ".join(f"{x:.3f}" for x in f1s), f"(sd {spread:.3f})")
        return
    if args:
        sys.exit(__doc__)
    data = instances(docs[: len(docs) // 2])
    per_class = [sum(1 for _, y in data if y == k) for k in range(len(tagger.CLASSES))]
    mix = ", ".join(f"{c} {n}" for c, n in zip(tagger.CLASSES, per_class, strict=True))
    print(f"{len(data)} candidates: {mix}")
    weights = train(data)
    lines = [
        "# Span classifier weights for reader/ner/tagger.py, written by tools/train_ner.py.",
        "# Trained on the development half (documents 1-72) of Wikigold: Balasuriya, Ringland,",
        "# Nothman, Murphy and Curran (2009), 'Named Entity Recognition in Wikipedia', licensed",
        "# CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/). This file holds feature",
        "# weights derived from it, not its text. Columns: feature, then one weight per class",
        f"# ({', '.join(tagger.CLASSES)}).",
    ]
    for f in sorted(weights):
        lines.append(f + "\t" + ",".join(f"{v:.3g}" for v in weights[f]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(weights)} features -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
