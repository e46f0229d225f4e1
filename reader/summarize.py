"""Extractive summaries of a clean article: offline, paywall-aware, news-aware, fast, cached.

sumy is the engine. It needs three things we supply here:

* a tokenizer that works with no NLTK data (sumy only calls ``to_sentences`` and ``to_words``):
  sentences from ``nupunkt`` (a Punkt model shipped inside the package), words from a regex;
* vectorised versions of its quadratic algorithms (LexRank, TextRank, Reduction, LSA): the same
  similarity matrices built with numpy, fed to sumy's own ranking, so they pick the same
  sentences in milliseconds instead of seconds;
* a news method (the default): lead position combined with LexRank centrality, over sentences
  with bylines, datelines-only lines and photo captions skipped and near-duplicates removed.

Only ``Article.paragraphs`` (the clean, visible body) is summarised, so boilerplate cannot leak in
and a paywalled piece is summarised from what is visible, marked ``excerpt_only``.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from typing import Any

# Our matrices are small (a few thousand rows at most), so BLAS worker threads only add hand-off
# and spin-wait: in bench/summaries.py one thread halved the time of a 1,000-sentence summary on
# a busy 2-core machine. Takes effect only if numpy is not loaded yet; a user's value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from reader.model import Article, Summary
from reader.store import Store

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "KL_MAX_SENTENCES",
    "SUMMARIZER_VERSION",
    "OfflineTokenizer",
    "SummaryError",
    "cache_key",
    "cached_summary",
    "default_length",
    "summarize",
]

SUMMARIZER_VERSION = "3"
"""Bumped whenever any method would pick different sentences: old cache entries then miss."""

DEFAULT_ALGORITHM = "news"
ALGORITHMS: tuple[str, ...] = (
    "news",
    "lead",
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "edmundson",
    "sumbasic",
    "kl",
    "reduction",
)
KL_MAX_SENTENCES = 60
"""KL-Sum is cubic in the number of sentences in sumy; above this it would take seconds."""

_LANGUAGES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
}


class SummaryError(ValueError):
    """A summary cannot be made as asked (unknown method, too long for KL)."""


# --- tokenizer --------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class OfflineTokenizer:
    """What sumy's parsers and summarizers call on a tokenizer, with no NLTK data needed."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split a paragraph into sentences (Punkt, via nupunkt's bundled model)."""
        return tuple(s.strip() for s in _splitter()(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words: runs of letters, with inner apostrophes and hyphens; numbers left out."""
        return tuple(_WORD.findall(sentence))


@lru_cache(maxsize=1)
def _splitter() -> Callable[[str], list[str]]:
    import nupunkt

    tokenizer = nupunkt.load("default")
    return tokenizer.tokenize


def _language(article: Article) -> str:
    code = article.metadata.get("language", "en").lower()[:2]
    return _LANGUAGES.get(code, "english")


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Callable[[str], str]:
    """sumy's Snowball stemmer for ``language`` behind a memo (for Luhn, Edmundson, SumBasic)."""
    return lru_cache(maxsize=1 << 16)(Stemmer(language))


@lru_cache(maxsize=8)
def _stop_words(language: str) -> frozenset[str]:
    return frozenset(get_stop_words(language))


_MEMOS: dict[str, dict[str, str | None]] = {}
"""language -> word as written -> its stem, or None for a stop word. Snowball costs ~20 µs a
word and news text repeats its words, so each distinct word is stemmed once per process."""
_STOP_STEMS: dict[str, dict[str, str]] = {}
"""language -> stop word as written -> its stem (only LSA looks at stop words' stems)."""


def forget_stems() -> None:
    """Forget every memoised stem (what a first summary in a new process has to do)."""
    _MEMOS.clear()
    _STOP_STEMS.clear()
    _stemmer.cache_clear()


# --- vectorised sumy algorithms ---------------------------------------------------------------

Array = np.ndarray[Any, Any]


def _sparse_counts(terms: Sequence[Collection[str]]) -> tuple[Array, Array, Array, int]:
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


def _gram(rows: Array, cols: Array, values: Array, n: int) -> Array:
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


def _log_lengths(terms: Sequence[Sequence[str]]) -> Array:
    """``math.log(len(words))`` per sentence (0 for none), as sumy computes it."""
    return np.array([math.log(len(w)) if w else 0.0 for w in terms])


def lexrank_scores(
    terms: Sequence[Sequence[str]], threshold: float, epsilon: float, *, sparse: bool = False
) -> Array:
    """LexRank centrality of each sentence, given its terms: sumy's idf-modified cosine, its
    threshold and degree normalisation, then sumy's own power method on the same matrix.

    ``sparse`` runs the same power iteration over the graph's edges instead (no dense matrix,
    no BLAS call): equal scores up to rounding in the last bits, for our own news method.
    """
    n = len(terms)
    rows, cols, counts, width = _sparse_counts(terms)
    max_tf = np.zeros(n)
    np.maximum.at(max_tf, rows, counts)
    max_tf[max_tf == 0] = 1.0
    df = np.bincount(cols, minlength=width)
    idf = np.array([math.log(n / (1 + d)) for d in df.tolist()])
    numerator = _gram(rows, cols, counts / max_tf[rows] * idf[cols], n)
    norms = np.sqrt(np.diag(numerator).copy())
    i, j = np.nonzero(numerator)
    denominator = norms[i] * norms[j]
    linked = denominator > 0
    i, j = i[linked], j[linked]
    linked = numerator[i, j] / denominator[linked] > threshold
    i, j = i[linked], j[linked]
    degrees = np.bincount(i, minlength=n).astype(float)
    degrees[degrees == 0] = 1.0
    if sparse:
        weights = 1.0 / degrees[i]
        p_vector = np.full(n, 1.0 / n)
        change = 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            while change > epsilon:
                following: Array = np.bincount(j, weights=weights * p_vector[i], minlength=n)
                following = following / math.sqrt(float(np.sum(following * following)))
                change = math.sqrt(float(np.sum((following - p_vector) ** 2)))
                p_vector = following
        return p_vector
    matrix = np.zeros((n, n))
    matrix[i, j] = 1.0 / degrees[i]
    with np.errstate(divide="ignore", invalid="ignore"):
        return LexRankSummarizer.power_method(matrix, epsilon)  # type: ignore[no-any-return]


class _MemoWords:
    """sumy's ``_to_words_set`` (normalise, drop stop words, stem) through the stem memo."""

    _memo: dict[str, str | None] | None = None
    _stop_stems: dict[str, str] | None = None

    def _to_words_set(self, sentence: Any) -> list[str]:
        me: Any = self  # the sumy summarizer this is mixed into
        memo = me._memo
        if memo is None:
            memo = me._memo = {}
        out: list[str] = []
        for word in sentence.words:
            if word in memo:
                stem = memo[word]
            else:
                normal = me.normalize_word(word)
                stem = None if normal in me._stop_words else me.stem_word(normal)
                memo[word] = stem
            if stem is not None:
                out.append(stem)
        return out


class FastLexRank(_MemoWords, LexRankSummarizer):  # type: ignore[misc]
    """LexRank with the idf-modified-cosine graph built sparsely by numpy; sumy's power method."""

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        sentences = document.sentences
        if not sentences:
            return ()
        scores = self.scores([self._to_words_set(s) for s in sentences])
        ratings = dict(zip(sentences, scores, strict=True))
        return self._get_best_sentences(sentences, sentences_count, ratings)

    def scores(self, sentences_words: Sequence[Sequence[str]]) -> Array:
        """LexRank centrality of each sentence."""
        return lexrank_scores(sentences_words, self.threshold, self.epsilon)


class FastTextRank(_MemoWords, TextRankSummarizer):  # type: ignore[misc]
    """TextRank on the sparse shared-word graph.

    sumy's matrix is ``(1 - d) / n + d * W`` with ``W`` the row-normalised edge weights, most
    of them zero; its power step ``M.T @ p`` is ``(1 - d) / n * sum(p) + d * W.T @ p``, which we
    compute over the non-zero edges only, with sumy's start vector and stopping rule. The scores
    equal sumy's up to rounding in the last bits.
    """

    def rate_sentences(self, document: Any) -> dict[Any, float]:
        sentences = document.sentences
        ranks = self.scores([self._to_words_set(s) for s in sentences])
        return dict(zip(sentences, ranks, strict=True))

    def scores(self, sentences_words: Sequence[Sequence[str]]) -> Array:
        """TextRank score of each sentence."""
        n = len(sentences_words)
        rows, cols, counts, _width = _sparse_counts(sentences_words)
        shared = _gram(rows, cols, counts, n)
        i, j = np.nonzero(shared)
        rank = shared[i, j]
        logs = _log_lengths(sentences_words)
        norm = logs[i] + logs[j]
        tiny = norm <= 1e-8  # numpy.isclose(norm, 0.0), as in sumy: both sentences one word
        weight = np.where(tiny, rank, rank / np.where(tiny, 1.0, norm))
        totals = np.bincount(i, weights=weight, minlength=n)
        weight = weight / (totals[i] + self._ZERO_DIVISION_PREVENTION)
        damping = float(self.damping)
        edge = damping * weight
        teleport = (1.0 - damping) / n
        p_vector = np.full(n, 1.0 / n)
        change = 1.0
        while change > self.epsilon:
            following = teleport * p_vector.sum() + np.bincount(
                j, weights=edge * p_vector[i], minlength=n
            )
            change = float(np.linalg.norm(following - p_vector))
            p_vector = following
        return p_vector


class FastReduction(_MemoWords, ReductionSummarizer):  # type: ignore[misc]
    """Reduction over the non-zero edges only.

    sumy adds each sentence's edges in pair order, i.e. by the other sentence's position;
    ``np.bincount`` adds its weights one by one in input order, and our edges are sorted by
    (sentence, other sentence), so each total is the same sequence of additions (zero edges add
    nothing).
    """

    def rate_sentences(self, document: Any) -> dict[Any, float]:
        sentences = document.sentences
        ratings: dict[Any, float] = defaultdict(float)
        if not sentences:
            return ratings
        words = [self._to_words_set(s) for s in sentences]
        n = len(words)
        rows, cols, counts, _width = _sparse_counts(words)
        shared = _gram(rows, cols, counts, n)
        np.fill_diagonal(shared, 0.0)
        i, j = np.nonzero(shared)  # row-major: by sentence, then by the other sentence
        logs = _log_lengths(words)
        norm = logs[i] + logs[j]
        zero = norm == 0.0
        edges = np.where(zero, 0.0, shared[i, j] / np.where(zero, 1.0, norm))
        totals = np.bincount(i, weights=edges, minlength=n)
        for sentence, total in zip(sentences, totals.tolist(), strict=True):
            ratings[sentence] += total
        return ratings


class FastLsa(_MemoWords, LsaSummarizer):  # type: ignore[misc]
    """LSA without the SVD and without the dense term x sentence matrix.

    sumy keeps every dimension (``REDUCTION_RATIO`` 1), so a sentence's rank
    ``sqrt(sum(sigma_i**2 * v_ij**2))`` is the length of column j of ``A = U S V``: with
    ``U^T U = I`` it equals the length of column j of ``A``. After sumy's smoothing a column
    holds ``0.4`` for every dictionary term the sentence lacks and ``0.4 + 0.6 * tf / max_tf``
    for those it has, so the length needs only the sentence's own terms.
    """

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        sentences = document.sentences
        content = [self._to_words_set(s) for s in sentences]
        dictionary = {t for words in content for t in words}
        if not dictionary:
            return ()
        # sumy counts every word whose stem is in the dictionary, stop words included.
        memo = self._memo  # filled by _to_words_set above
        assert memo is not None
        if self._stop_stems is None:
            self._stop_stems = {}
        stop_stems = self._stop_stems
        terms: list[list[str]] = []
        for sentence, words in zip(sentences, content, strict=True):
            if len(sentence.words) == len(words):  # no stop words: the content terms are all
                terms.append(words)
                continue
            found: list[str] = []
            for word in sentence.words:
                term = memo[word]
                if term is None:
                    term = stop_stems.get(word)
                    if term is None:
                        term = stop_stems[word] = self.stem_word(word)
                if term in dictionary:
                    found.append(term)
            terms.append(found)
        n = len(sentences)
        rows, _cols, counts, _width = _sparse_counts(terms)
        max_tf = np.zeros(n)
        np.maximum.at(max_tf, rows, counts)
        smooth = 0.4
        values = smooth + (1.0 - smooth) * counts / np.where(max_tf == 0, 1.0, max_tf)[rows]
        present = np.bincount(rows, minlength=n)
        absent: Array = (len(dictionary) - present) * (smooth * smooth)
        squares: Array = np.bincount(rows, weights=values * values, minlength=n) + absent
        squares[max_tf == 0] = 0.0
        ranks = iter(np.sqrt(squares).tolist())
        return self._get_best_sentences(sentences, sentences_count, lambda _s: next(ranks))


class FastSumBasic(SumBasicSummarizer):  # type: ignore[misc]
    """SumBasic that stops once it has picked the sentences asked for.

    sumy keeps picking until every sentence is rated (n rounds over n sentences), but only the
    first ``count`` rounds decide the summary. With duplicate sentences sumy's ratings overwrite
    each other, so those documents take sumy's own full loop.
    """

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        sentences = document.sentences
        keys = {(s.is_heading, str(s)) for s in sentences}
        if not isinstance(sentences_count, int) or len(keys) != len(sentences):
            return super().__call__(document, sentences_count)
        word_freq = self._compute_tf(sentences)
        words = [self._get_content_words_in_sentence(s) for s in sentences]
        remaining = list(range(len(sentences)))
        ratings = dict.fromkeys(sentences, -float(len(sentences) + 1))
        for step in range(min(sentences_count, len(sentences))):
            best = remaining.pop(
                self._find_index_of_best_sentence(word_freq, [words[i] for i in remaining])
            )
            ratings[sentences[best]] = -float(step)
            self._update_tf(word_freq, words[best])
        return self._get_best_sentences(sentences, sentences_count, ratings)


class FastLuhn(LuhnSummarizer):  # type: ignore[misc]
    """Luhn with its significant words in a set: sumy keeps them in a tuple and tests every
    word of every sentence against it (words x significant words). Same ratings."""

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        significant = frozenset(self._get_significant_words(document.words))
        return self._get_best_sentences(
            document.sentences, sentences_count, self.rate_sentence, significant
        )


_STEMMED = frozenset({"lexrank", "textrank", "reduction", "lsa"})
"""Methods whose words go through the shared stem memo (``_MemoWords``)."""

_PLAIN: dict[str, type[Any]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "edmundson": EdmundsonSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}
_FAST: dict[str, type[Any]] = {
    **_PLAIN,
    "lexrank": FastLexRank,
    "textrank": FastTextRank,
    "lsa": FastLsa,
    "reduction": FastReduction,
    "sumbasic": FastSumBasic,
    "luhn": FastLuhn,
}


# Edmundson's cue method needs "stigma" words (hedges that mark a sentence as less central).
_STIGMA = ("perhaps", "hardly", "allegedly", "reportedly", "apparently", "meanwhile")


def sumy_summarizer(
    name: str, language: str = "english", *, plain: bool = False, bonus: Sequence[str] = ()
) -> Any:
    """A configured sumy summarizer (stemmer, stop words); ``plain`` skips our fast paths.

    ``bonus`` words (e.g. the title's) feed Edmundson's cue and key methods.
    """
    cls = (_PLAIN if plain else _FAST)[name]
    stops = _stop_words(language)
    stemmer = Stemmer(language) if plain else _stemmer(language)
    if name == "edmundson":
        summarizer = cls(stemmer, cue_weight=1.0, key_weight=1.0, title_weight=0.0)
        summarizer.null_words = stops
        summarizer.bonus_words = [w for w in bonus if w.lower() not in stops] or ["said"]
        summarizer.stigma_words = _STIGMA
        return summarizer
    summarizer = cls(stemmer)
    summarizer.stop_words = stops
    if isinstance(summarizer, _MemoWords):  # the memo is valid for this language's stop words
        summarizer._memo = _MEMOS.setdefault(language, {})
        summarizer._stop_stems = _STOP_STEMS.setdefault(language, {})
    return summarizer


class _KnownWords(OfflineTokenizer):
    """The offline tokenizer, told some sentences' words already (no second regex pass)."""

    def __init__(self, language: str, known: dict[str, Sequence[str]]) -> None:
        super().__init__(language)
        self._known = known

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The known words of ``sentence``, else :meth:`OfflineTokenizer.to_words`."""
        words = self._known.get(sentence)
        return tuple(words) if words is not None else super().to_words(sentence)


def make_document(
    sentences: Sequence[str],
    language: str = "english",
    words: Sequence[Sequence[str]] | None = None,
) -> Any:
    """A sumy document of one paragraph holding ``sentences`` in order (``words``: each
    sentence's words, when already found with :class:`OfflineTokenizer`)."""
    tokenizer = (
        OfflineTokenizer(language)
        if words is None
        else _KnownWords(language, dict(zip(sentences, words, strict=True)))
    )
    return ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])


# --- news-aware sentence selection ------------------------------------------------------------

_BYLINE = re.compile(
    r"^(?:by\s|published:|updated:|last updated\b|posted\b|written by\b)", re.IGNORECASE
)
_NOISE = re.compile(
    r"\b(?:published:|updated:|getty images|click here|scroll down|read more|"
    r"photo(?:graph)?:|image:|pictured\)|\(pictured|\((?:left|right|above|below|centre|center)\)|"
    r"follow (?:us|@)|all rights reserved)",
    re.IGNORECASE,
)
# Photo captions as news sites inline them: "Respected: Victor Spinetti was ..." (1-3 words, colon).
_CAPTION_LEAD = re.compile(r"^(?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’.-]*:\s+[A-Z'\"‘“]")
# What remains of a byline block once split into sentences: "Jane Smith For Mailonline."
_BYLINE_REST = re.compile(
    r"(?:\bfor (?:mailonline|the daily mail|dailymail\.com)|^daily mail reporter|"
    r"^associated press|^reuters)\s*\.?$",
    re.IGNORECASE,
)
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .,'()-]{2,40}(?:\(\w+\))?\s*(?:--|—|–|-)?\s*$")
MIN_WORDS = 4
# Fixed text that any match of _BYLINE_REST / _NOISE contains (compared case-folded).
_BYLINE_REST_HINTS = (
    "for mailonline",
    "for the daily mail",
    "for dailymail.com",
    "daily mail reporter",
    "associated press",
    "reuters",
)
_NOISE_HINTS = (
    "published:",
    "updated:",
    "getty images",
    "click here",
    "scroll down",
    "read more",
    "photo",
    "image:",
    "pictured",
    "(left)",
    "(right)",
    "(above)",
    "(below)",
    "(centre)",
    "(center)",
    "follow us",
    "follow @",
    "all rights reserved",
)


def is_noise(sentence: str, words: Sequence[str] | None = None) -> bool:
    """Bylines, datelines on their own, photo captions, share/teaser lines, fragments."""
    if words is None:
        words = _WORD.findall(sentence)
    if len(words) < MIN_WORDS:
        return True
    if _DATELINE_ONLY.match(sentence):
        return True
    if _BYLINE.match(sentence) and len(words) < 15:
        return True
    if _CAPTION_LEAD.match(sentence):
        return True
    # The searching patterns scan the whole sentence; most sentences hold none of their words.
    # (Outside ASCII, case-insensitive matching has cases that casefold() does not mirror.)
    folded = sentence.casefold()
    ascii_only = sentence.isascii()
    if (not ascii_only or any(h in folded for h in _BYLINE_REST_HINTS)) and _BYLINE_REST.search(
        sentence
    ):
        return True
    return (not ascii_only or any(h in folded for h in _NOISE_HINTS)) and bool(
        _NOISE.search(sentence)
    )


def _word_set(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(sentence))


NEAR_DUPLICATE = 0.7
"""Jaccard similarity of content words at or above which a later sentence repeats an earlier one
(news pages repeat the lead in photo captions and pull quotes)."""


def _near_duplicates(sets: Sequence[frozenset[str]]) -> set[int]:
    """Positions of the sets whose Jaccard similarity with an earlier kept set is at least
    ``NEAR_DUPLICATE`` (a kept set is one not dropped itself).

    Prefix filtering keeps this near-linear: order every set's words by one global order (rare
    words first). If ``J(x, y) >= t`` then ``x`` and ``y`` share at least ``o = ceil(t * |x|)``
    words, and the first shared word in that order sits within the first ``|x| - o + 1`` words
    of ``x`` (and likewise of ``y``). So only kept sets whose prefix meets this set's prefix can
    be near-duplicates, and only those are compared exactly. (``floor`` for ``o`` makes the
    prefixes longer, never too short.)
    """
    frequency = Counter(word for words in sets for word in words)
    index: dict[str, list[int]] = defaultdict(list)  # prefix word -> kept positions
    dropped: set[int] = set()
    for position, words in enumerate(sets):
        if not words:
            continue
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(words) - max(1, math.floor(NEAR_DUPLICATE * len(words))) + 1]
        seen: set[int] = set()
        for word in prefix:
            for other in index.get(word, ()):
                if other in seen:
                    continue
                seen.add(other)
                shared = len(words & sets[other])
                if shared / (len(words) + len(sets[other]) - shared) >= NEAR_DUPLICATE:
                    dropped.add(position)
                    break
            if position in dropped:
                break
        if position not in dropped:
            for word in prefix:
                index[word].append(position)
    return dropped


def candidates(sentences: Sequence[str], title: str = "", language: str = "english") -> list[int]:
    """Indices of sentences worth summarising: no noise, no title, no near-duplicates."""
    return _candidates(sentences, title, language)[0]


def _candidates(
    sentences: Sequence[str], title: str, language: str
) -> tuple[list[int], list[list[str]]]:
    """:func:`candidates`, with each kept sentence's words (as :class:`OfflineTokenizer`).

    A sentence is a near-duplicate when its content words overlap (Jaccard) at least
    ``NEAR_DUPLICATE`` with an earlier kept sentence.
    """
    stops = _stop_words(language)
    title_words = _word_set(title)
    pool: list[int] = []
    lowered: list[list[str]] = []
    sets: list[frozenset[str]] = []
    for i, sentence in enumerate(sentences):
        found = _WORD.findall(sentence)
        words = frozenset(map(str.lower, found))
        if is_noise(sentence, found) or (title_words and words == title_words):
            continue
        pool.append(i)
        lowered.append(found)
        sets.append(words - stops or words)
    n = len(pool)
    dropped = _near_duplicates(sets)
    kept = [k for k in range(n) if k not in dropped]
    return [pool[k] for k in kept], [lowered[k] for k in kept]


NEWS_LEAD_WEIGHT = 0.85
"""Share of the news score from lead position; the rest is LexRank centrality."""
NEWS_DECAY = 3.0
"""Lead prior ``exp(-i / NEWS_DECAY)``: the first few sentences dominate, as in news writing."""
NEWS_QUOTE_PENALTY = 0.6
"""A sentence that opens with a quotation mark or asks a question is rarely the news itself."""


def news_scores(
    sentences: Sequence[str],
    language: str = "english",
    words: Sequence[Sequence[str]] | None = None,
) -> list[float]:
    """Lead position prior (less for quotes and questions) blended with LexRank centrality.

    Tuned on cnndm-dev-50 (bench/summaries.py): ROUGE-1 34.8 against 34.4 for Lead-3 over the
    same cleaned sentences and 25.0 for Lead-3 over the raw text; centrality alone (LexRank)
    gets 30.
    """
    if not sentences:
        return []
    # Centrality over lower-cased content words, unstemmed: Snowball would cost ~20 µs for each
    # distinct word of a first summary, and stemming did not change the picks' ROUGE here.
    stops = _stop_words(language)
    if words is None:  # each sentence's words, as candidates() found them
        words = [_WORD.findall(s) for s in sentences]
    terms = [[w for w in map(str.lower, ws) if w not in stops] for ws in words]
    central = np.nan_to_num(
        lexrank_scores(terms, LexRankSummarizer.threshold, LexRankSummarizer.epsilon, sparse=True)
    )
    top = float(np.max(central)) if len(central) else 0.0
    central = central / top if top > 0 else np.zeros(len(sentences))
    scores = []
    for i, (sentence, c) in enumerate(zip(sentences, central, strict=True)):
        stripped = sentence.strip()
        quoted = stripped[:1] in "\"'‘“«" or stripped.endswith("?")
        prior = math.exp(-i / NEWS_DECAY) * (1 - NEWS_QUOTE_PENALTY if quoted else 1.0)
        scores.append(NEWS_LEAD_WEIGHT * prior + (1 - NEWS_LEAD_WEIGHT) * float(c))
    return scores


def _frequent_words(sentences: Sequence[str], language: str, top: int = 10) -> list[str]:
    stops = _stop_words(language)
    counts: dict[str, int] = defaultdict(int)
    for sentence in sentences:
        for word in _WORD.findall(sentence):
            if word.lower() not in stops:
                counts[word.lower()] += 1
    return sorted(counts, key=lambda w: -counts[w])[:top]


# --- public API -------------------------------------------------------------------------------


def article_sentences(article: Article) -> list[str]:
    """Every sentence of the clean body in order (headings and code left out)."""
    tokenizer = OfflineTokenizer(_language(article))
    kinds = article.kinds or ("paragraph",) * len(article.paragraphs)
    out: list[str] = []
    for paragraph, kind in zip(article.paragraphs, kinds, strict=False):
        if kind in ("heading", "code"):
            continue
        out.extend(tokenizer.to_sentences(paragraph))
    return out


def default_length(sentence_count: int) -> int:
    """3 sentences; 2 for pieces under 8 sentences; 1 under 4."""
    if sentence_count < 4:
        return 1
    if sentence_count < 8:
        return 2
    return 3


def select(
    sentences: Sequence[str], count: int, algorithm: str, language: str = "english", title: str = ""
) -> list[str]:
    """Pick ``count`` of ``sentences`` with ``algorithm``; returned in their original order."""
    if algorithm not in ALGORITHMS:
        raise SummaryError(f"unknown algorithm {algorithm!r}; choose from {', '.join(ALGORITHMS)}")
    keep, words = _candidates(sentences, title, language)
    if not keep:  # Everything looked like noise: better the text than nothing.
        keep = [i for i, s in enumerate(sentences) if _word_set(s) != _word_set(title)]
        words = [_WORD.findall(sentences[i]) for i in keep]
    pool = [sentences[i] for i in keep]
    if count >= len(pool):
        return pool
    if algorithm == "lead":
        return pool[:count]
    if algorithm == "news":
        scores = news_scores(pool, language, words)
        best = sorted(range(len(pool)), key=lambda i: (-scores[i], i))[:count]
        return [pool[i] for i in sorted(best)]
    if algorithm == "kl" and len(pool) > KL_MAX_SENTENCES:
        raise SummaryError(
            f"kl is too slow for {len(pool)} sentences (limit {KL_MAX_SENTENCES}: its cost grows "
            "with the cube of the length); use news, lexrank or textrank"
        )
    document = make_document(pool, language, words)
    bonus: Sequence[str] = ()
    if algorithm == "edmundson":
        bonus = _WORD.findall(title) or _frequent_words(pool, language)
    picked = sumy_summarizer(algorithm, language, bonus=bonus)(document, count)
    chosen = {str(s) for s in picked}
    return [s for s in pool if s in chosen][:count]


def summarize(article: Article, sentences: int | None = None, algorithm: str = "news") -> Summary:
    """Summarise the article's clean, visible text. Pure: no cache, no I/O.

    ``sentences`` None adapts the length to the piece; a piece with fewer candidate
    sentences than asked returns them all. ``excerpt_only`` follows the paywall verdict.
    """
    if sentences is not None and sentences < 1:
        raise SummaryError("the number of sentences must be at least 1")
    language = _language(article)
    all_sentences = article_sentences(article)
    count = sentences if sentences is not None else default_length(len(all_sentences))
    chosen = select(all_sentences, count, algorithm, language, article.title)
    return Summary(
        algorithm=algorithm,
        sentences=tuple(chosen),
        excerpt_only=article.paywall.truncated,
    )


def cache_key(article: Article, sentences: int | None, algorithm: str) -> str:
    """sha256 of the clean text, algorithm, length, language and summarizer version."""
    digest = hashlib.sha256()
    for part in (
        SUMMARIZER_VERSION,
        algorithm,
        "auto" if sentences is None else str(sentences),
        _language(article),
        article.title,
        "\x1e".join(f"{k}\x1f{p}" for k, p in zip(article.kinds, article.paragraphs, strict=False))
        if article.kinds
        else "\x1e".join(article.paragraphs),
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def cached_summary(
    article: Article,
    sentences: int | None = None,
    algorithm: str = "news",
    store: Store | None = None,
) -> Summary:
    """:func:`summarize` through the store's cache (``cached`` says whether it was a hit)."""
    store = store if store is not None else Store.open()
    key = cache_key(article, sentences, algorithm)
    hit = store.get_summary(key)
    if hit is not None and isinstance(hit.get("sentences"), list):
        return Summary(
            algorithm=algorithm,
            sentences=tuple(str(s) for s in hit["sentences"]),
            excerpt_only=article.paywall.truncated,
            cached=True,
        )
    primed = _prime_stems(article, algorithm, store)
    summary = summarize(article, sentences, algorithm)
    store.put_summary(key, {"algorithm": algorithm, "sentences": list(summary.sentences)})
    _remember_stems(article, primed, store)
    return summary


def _stemmer_id(language: str) -> str:
    """Names the stemmer that made a remembered stem (a new NLTK may stem differently)."""
    nltk_version = getattr(sys.modules.get("nltk"), "__version__", "?")  # sumy imported it
    return f"snowball-{language}-nltk-{nltk_version}"


def _prime_stems(article: Article, algorithm: str, store: Store) -> set[str]:
    """Fill the stem memo from the store for the article's words not memoised yet, so a first
    summary in a new process stems only words never seen before. Returns those words."""
    if algorithm not in _STEMMED:
        return set()
    language = _language(article)
    memo = _MEMOS.setdefault(language, {})
    words = {w for p in article.paragraphs for w in _WORD.findall(p)} - memo.keys()
    if not words:
        return words
    stops = _stop_words(language)
    content = {w.lower() for w in words if w.lower() not in stops}
    known = store.get_stems(_stemmer_id(language), content)
    unknown: set[str] = set()
    for word in words:
        lower = word.lower()
        if lower in stops:
            memo[word] = None
        elif lower in known:
            memo[word] = known[lower]
        else:
            unknown.add(word)
    return unknown


def _remember_stems(article: Article, words: set[str], store: Store) -> None:
    """Store the stems the summary just computed for ``words`` (see :func:`_prime_stems`)."""
    if not words:
        return
    language = _language(article)
    memo = _MEMOS.get(language, {})
    stems = {w.lower(): s for w in words if (s := memo.get(w)) is not None}
    store.put_stems(_stemmer_id(language), stems)
