"""The summary engine: an article's sentences, the candidates every method ranks, and the pick.

Only ``Article.paragraphs`` (the clean, visible body) is summarised, so boilerplate cannot leak
in and a paywalled piece is summarised from what is visible, marked ``excerpt_only``.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Article, Summary
from reader.summary.candidates import candidates
from reader.summary.methods import SummaryError, method, resolve
from reader.summary.sample import MAX_LOOKED, MAX_RANKED, Piece, pieces, spread
from reader.summary.tokens import (
    WORD,
    OfflineTokenizer,
    language_of,
    splitter,
    stemmer,
    stop_words,
    word_set,
)

__all__ = [
    "SKIPPED",
    "article_sentences",
    "default_length",
    "select",
    "summarize",
    "text_pieces",
    "warm_up",
]

SKIPPED = ("heading", "code")
"""Kinds of block never summarised."""


def warm_up(language: str = "english") -> None:
    """Load now what summaries load on first use: the sentence model and the stop words (every
    method), the stemmer with sumy's language table (the methods that stem: LexRank, TextRank,
    Reduction, LSA)."""
    splitter()
    stemmer(language)
    stop_words(language)


def text_pieces(article: Article) -> list[Piece]:
    """What of the clean body is split into sentences (headings and code left out): all of
    it, or of a text longer than any article the sample :mod:`reader.summary.sample` chooses."""
    kinds = article.kinds or ("paragraph",) * len(article.paragraphs)
    paragraphs = [
        p for p, kind in zip(article.paragraphs, kinds, strict=False) if kind not in SKIPPED
    ]
    return pieces(paragraphs)


def article_sentences(article: Article) -> list[str]:
    """The sentences of :func:`text_pieces` in order (every sentence of a real article);
    a sentence that a window of a huge paragraph cuts in two is left out."""
    tokenizer = OfflineTokenizer(language_of(article))
    out: list[str] = []
    for piece in text_pieces(article):
        found = tokenizer.to_sentences(piece.text)
        out.extend(found[int(piece.cut_start) : len(found) - int(piece.cut_end)])
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
    """Pick ``count`` of ``sentences`` with ``algorithm``; returned in their original order.

    At most :data:`~reader.summary.sample.MAX_LOOKED` sentences are filtered and
    :data:`~reader.summary.sample.MAX_RANKED` candidates ranked (the opening and an even spread
    of the rest), so the work is bounded whatever the length.
    """
    entry = method(algorithm)
    looked = spread(sentences, MAX_LOOKED)
    keep, words = candidates(looked, title, language)
    if not keep:  # Everything looked like noise: better the text than nothing.
        keep = [i for i, s in enumerate(looked) if word_set(s) != word_set(title)]
        words = [WORD.findall(looked[i]) for i in keep]
    ranked = spread(range(len(keep)), MAX_RANKED)
    pool = [looked[keep[k]] for k in ranked]
    words = [words[k] for k in ranked]
    if count >= len(pool):
        return pool
    if entry.max_sentences is not None and len(pool) > entry.max_sentences:
        raise SummaryError(
            f"{algorithm} is too slow for {len(pool)} sentences (limit {entry.max_sentences}: "
            "its cost grows with the cube of the length); use news, lexrank or textrank"
        )
    code = resolve(entry.code)
    if isinstance(code, type):  # a sumy summarizer
        from reader.summary.sumy_fast import sumy_pick

        chosen = sumy_pick(algorithm, pool, words, count, language, title)
    else:
        chosen = code(pool, words, count, language, title)
    return [pool[i] for i in sorted(chosen)][:count]


def summarize(article: Article, sentences: int | None = None, algorithm: str = "news") -> Summary:
    """Summarise the article's clean, visible text. Pure: no cache, no I/O.

    ``sentences`` None adapts the length to the piece; a piece with fewer candidate
    sentences than asked returns them all. ``excerpt_only`` follows the paywall verdict.
    """
    if sentences is not None and sentences < 1:
        raise SummaryError("the number of sentences must be at least 1")
    language = language_of(article)
    all_sentences = article_sentences(article)
    count = sentences if sentences is not None else default_length(len(all_sentences))
    chosen = select(all_sentences, count, algorithm, language, article.title)
    return Summary(
        algorithm=algorithm,
        sentences=tuple(chosen),
        excerpt_only=article.paywall.truncated,
    )
