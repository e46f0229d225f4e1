"""The sumy methods: vectorised versions of sumy's quadratic algorithms (LexRank, TextRank,
Reduction, LSA) and quicker SumBasic and Luhn (the same similarity matrices built with numpy, fed
to sumy's own ranking, so they pick the same sentences in milliseconds instead of seconds), and
how any sumy method the registry names is configured and run over the candidate sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from reader.summary.graph import Array, gram, lexrank_scores, log_lengths, sparse_counts
from reader.summary.methods import METHODS, resolve
from reader.summary.tokens import (
    STEM_MEMOS,
    STOP_STEMS,
    WORD,
    OfflineTokenizer,
    stemmer,
    stop_words,
)


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
        rows, cols, counts, _width = sparse_counts(sentences_words)
        shared = gram(rows, cols, counts, n)
        i, j = np.nonzero(shared)
        rank = shared[i, j]
        logs = log_lengths(sentences_words)
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
        rows, cols, counts, _width = sparse_counts(words)
        shared = gram(rows, cols, counts, n)
        np.fill_diagonal(shared, 0.0)
        i, j = np.nonzero(shared)  # row-major: by sentence, then by the other sentence
        logs = log_lengths(words)
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
        rows, _cols, counts, _width = sparse_counts(terms)
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


# Edmundson's cue method needs "stigma" words (hedges that mark a sentence as less central).
_STIGMA = ("perhaps", "hardly", "allegedly", "reportedly", "apparently", "meanwhile")


def summarizer_class(name: str, *, plain: bool = False) -> type[Any]:
    """The sumy summarizer class the registry names for ``name`` (sumy's own with ``plain``)."""
    entry = METHODS[name]
    cls = resolve(entry.plain if plain and entry.plain else entry.code)
    if not isinstance(cls, type):
        raise TypeError(f"{name} is not a sumy method")
    return cls


def stems(name: str) -> bool:
    """Whether method ``name`` stems its words through the shared memo (its class mixes in
    ``_MemoWords``): the store can then save it stemming again in a new process."""
    code = resolve(METHODS[name].code)
    return isinstance(code, type) and issubclass(code, _MemoWords)


def sumy_summarizer(
    name: str, language: str = "english", *, plain: bool = False, bonus: Sequence[str] = ()
) -> Any:
    """A configured sumy summarizer (stemmer, stop words); ``plain`` skips our fast paths.

    ``bonus`` words (e.g. the title's) feed Edmundson's cue and key methods.
    """
    cls = summarizer_class(name, plain=plain)
    stops = stop_words(language)
    stem = Stemmer(language) if plain else stemmer(language)
    if issubclass(cls, EdmundsonSummarizer):
        summarizer = cls(stem, cue_weight=1.0, key_weight=1.0, title_weight=0.0)
        summarizer.null_words = stops
        summarizer.bonus_words = [w for w in bonus if w.lower() not in stops] or ["said"]
        summarizer.stigma_words = _STIGMA
        return summarizer
    summarizer = cls(stem)
    summarizer.stop_words = stops
    if isinstance(summarizer, _MemoWords):  # the memo is valid for this language's stop words
        summarizer._memo = STEM_MEMOS.setdefault(language, {})
        summarizer._stop_stems = STOP_STEMS.setdefault(language, {})
    return summarizer


def frequent_words(sentences: Sequence[str], language: str, top: int = 10) -> list[str]:
    """The ``top`` most frequent content words of ``sentences`` (Edmundson's bonus words when
    the title has none)."""
    stops = stop_words(language)
    counts: dict[str, int] = defaultdict(int)
    for sentence in sentences:
        for word in WORD.findall(sentence):
            if word.lower() not in stops:
                counts[word.lower()] += 1
    return sorted(counts, key=lambda w: -counts[w])[:top]


def sumy_pick(
    name: str,
    pool: Sequence[str],
    words: Sequence[Sequence[str]],
    count: int,
    language: str,
    title: str,
) -> list[int]:
    """Positions in ``pool`` of the sentences sumy's method ``name`` picks (at most ``count``)."""
    document = make_document(pool, language, words)
    bonus: Sequence[str] = ()
    if issubclass(summarizer_class(name), EdmundsonSummarizer):
        bonus = WORD.findall(title) or frequent_words(pool, language)
    picked = sumy_summarizer(name, language, bonus=bonus)(document, count)
    chosen = {str(s) for s in picked}
    return [i for i, s in enumerate(pool) if s in chosen][:count]


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
