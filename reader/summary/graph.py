"""The sentence graph the ranking methods share, built with numpy: the sparse sentence x term
counts, their Gram matrix (shared-word weights between every pair of sentences), and LexRank
centrality over it (used by the fast LexRank)."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer

__all__ = ["Array", "gram", "lexrank_scores", "log_lengths", "sparse_counts"]

Array = np.ndarray[Any, Any]


def sparse_counts(terms: Sequence[Collection[str]]) -> tuple[Array, Array, Array, int]:
    """The sentence x term count matrix as (rows, cols, counts, number of terms), entries
    sorted by sentence then term."""
    vocab: dict[str, int] = {}
    ids = [vocab.setdefault(t, len(vocab)) for words in terms for t in words]
    width = max(len(vocab), 1)
    lengths = np.fromiter(map(len, terms), dtype=np.intp, count=len(terms))
    keys = np.repeat(np.arange(len(terms), dtype=np.intp), lengths) * width
    keys += np.asarray(ids, dtype=np.intp)
    unique, counts = np.unique(keys, return_counts=True)
    return unique // width, unique % width, counts.astype(float), len(vocab)


def gram(rows: Array, cols: Array, values: Array, n: int) -> Array:
    """``A @ A.T`` (dense, n x n) for the sparse sentence x term matrix ``A``.

    Every pair of entries under one term adds ``value_i * value_j`` at ``(i, j)``: the work is
    the sum of (sentences per term)**2, not sentences**2 x vocabulary. With the small integer
    counts of TextRank and Reduction every sum is exact, so the order of additions cannot matter.
    """
    if len(rows) == 0:
        return np.zeros((n, n))
    order = np.argsort(cols, kind="stable")
    rows, values = rows[order], values[order]
    sizes = np.bincount(cols)
    sizes = sizes[sizes > 0]
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)  # first entry of each entry's group
    reps = np.repeat(sizes, sizes)  # each entry pairs with every entry of its group
    left = np.repeat(np.arange(len(rows)), reps)
    offsets = np.arange(len(left)) - np.repeat(np.cumsum(reps) - reps, reps)
    right = np.repeat(starts, reps) + offsets
    flat = rows[left] * n + rows[right]
    return np.bincount(flat, weights=values[left] * values[right], minlength=n * n).reshape(n, n)


def log_lengths(terms: Sequence[Sequence[str]]) -> Array:
    """``math.log(len(words))`` per sentence (0 for none), as sumy computes it."""
    return np.array([math.log(len(w)) if w else 0.0 for w in terms])


def lexrank_scores(terms: Sequence[Sequence[str]], threshold: float, epsilon: float) -> Array:
    """LexRank centrality of each sentence, given its terms: sumy's idf-modified cosine, its
    threshold and degree normalisation, then sumy's own power method on the same matrix."""
    n = len(terms)
    rows, cols, counts, width = sparse_counts(terms)
    max_tf = np.zeros(n)
    np.maximum.at(max_tf, rows, counts)
    max_tf[max_tf == 0] = 1.0
    df = np.bincount(cols, minlength=width)
    idf = np.array([math.log(n / (1 + d)) for d in df.tolist()])
    numerator = gram(rows, cols, counts / max_tf[rows] * idf[cols], n)
    norms = np.sqrt(np.diag(numerator).copy())
    i, j = np.nonzero(numerator)
    denominator = norms[i] * norms[j]
    linked = denominator > 0
    i, j = i[linked], j[linked]
    linked = numerator[i, j] / denominator[linked] > threshold
    i, j = i[linked], j[linked]
    degrees = np.bincount(i, minlength=n).astype(float)
    degrees[degrees == 0] = 1.0
    matrix = np.zeros((n, n))
    matrix[i, j] = 1.0 / degrees[i]
    with np.errstate(divide="ignore", invalid="ignore"):
        return LexRankSummarizer.power_method(matrix, epsilon)  # type: ignore[no-any-return]
