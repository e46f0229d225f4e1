"""Extractive summaries of a clean article: offline, paywall-aware, news-aware, fast, cached.

sumy is the engine. It needs three things we supply in sibling modules:

* ``reader.summary_tokens``: a tokenizer that works with no NLTK data (sumy only calls
  ``to_sentences`` and ``to_words``): sentences from ``nupunkt`` (a Punkt model shipped inside
  the package), words from a regex; with the stemmer, stop words and the stem memo;
* ``reader.summary_fast``: vectorised versions of its quadratic algorithms (LexRank, TextRank,
  Reduction, LSA): the same similarity matrices built with numpy, fed to sumy's own ranking, so
  they pick the same sentences in milliseconds instead of seconds;
* ``reader.summary_news``: a news method (the default): lead position combined with LexRank
  centrality, over sentences with bylines, datelines-only lines and photo captions skipped and
  near-duplicates removed.

This module is the public entry point: ``summarize``, ``select``, ``cached_summary`` and the
summary cache's key and stem persistence.

Only ``Article.paragraphs`` (the clean, visible body) is summarised, so boilerplate cannot leak in
and a paywalled piece is summarised from what is visible, marked ``excerpt_only``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from typing import Any

from reader.model import Article, Summary
from reader.store import Store
from reader.summary_fast import _STEMMED, make_document, sumy_summarizer
from reader.summary_methods import ALGORITHMS, DEFAULT_ALGORITHM, KL_MAX_SENTENCES, SummaryError
from reader.summary_news import _candidates, _frequent_words, _word_set, news_scores
from reader.summary_tokens import (
    _MEMOS,
    _WORD,
    OfflineTokenizer,
    _language,
    _splitter,
    _stemmer,
    _stop_words,
)

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
    "stored_summary",
    "summarize",
    "warm_up",
]

SUMMARIZER_VERSION = "3"
"""Bumped whenever any method would pick different sentences: old cache entries then miss."""

# --- public API -------------------------------------------------------------------------------


def warm_up(language: str = "english") -> None:
    """Load now what summaries load on first use: the sentence model and the stop words (every
    method), the stemmer with sumy's language table (the methods that stem: LexRank, TextRank,
    Reduction, LSA)."""
    _splitter()
    _stemmer(language)
    _stop_words(language)


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
        scores = news_scores(pool, words, language)
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


def _from_cache(article: Article, algorithm: str, value: dict[str, Any] | None) -> Summary | None:
    if value is None or not isinstance(value.get("sentences"), list):
        return None
    return Summary(
        algorithm=algorithm,
        sentences=tuple(str(s) for s in value["sentences"]),
        excerpt_only=article.paywall.truncated,
        cached=True,
    )


def stored_summary(
    article: Article, sentences: int | None, algorithm: str, store: Store
) -> Summary | None:
    """The summary the cache holds for this article, length and method, else None (nothing is
    computed: cheap enough to ask before deciding to summarise)."""
    return _from_cache(
        article, algorithm, store.get_summary(cache_key(article, sentences, algorithm))
    )


def cached_summary(
    article: Article,
    sentences: int | None = None,
    algorithm: str = "news",
    store: Store | None = None,
) -> Summary:
    """:func:`summarize` through the store's cache (``cached`` says whether it was a hit).

    A summary computed here is also noted against the article's file, for the reader's
    "summary cached" mark (:meth:`Store.summarized_paths`).
    """
    store = store if store is not None else Store.open()
    key = cache_key(article, sentences, algorithm)
    hit = _from_cache(article, algorithm, store.get_summary(key))
    if hit is not None:
        return hit
    primed = _prime_stems(article, algorithm, store)
    summary = summarize(article, sentences, algorithm)
    store.put_summary(key, {"algorithm": algorithm, "sentences": list(summary.sentences)})
    store.note_summary(article.path, key)
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
