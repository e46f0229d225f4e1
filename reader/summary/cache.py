"""Summaries through the store: the cache key, the cached summary, and the stems the store
remembers so that a first summary in a new process stems only words never seen before."""

from __future__ import annotations

import hashlib
import sys
from typing import Any

from reader.model import Article, Summary
from reader.store import Store
from reader.summary.engine import summarize, text_pieces
from reader.summary.sumy_fast import stems
from reader.summary.tokens import STEM_MEMOS, WORD, language_of, stop_words

__all__ = ["SUMMARIZER_VERSION", "cache_key", "cached_summary", "stemmer_id", "stored_summary"]

SUMMARIZER_VERSION = "8"
"""Bumped whenever any method would pick different sentences: old cache entries then miss."""


def cache_key(article: Article, sentences: int | None, algorithm: str) -> str:
    """sha256 of the clean text, algorithm, length, language and summarizer version."""
    digest = hashlib.sha256()
    for part in (
        SUMMARIZER_VERSION,
        algorithm,
        "auto" if sentences is None else str(sentences),
        language_of(article),
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


def stemmer_id(language: str) -> str:
    """Names the stemmer that made a remembered stem (a new NLTK may stem differently)."""
    nltk_version = getattr(sys.modules.get("nltk"), "__version__", "?")  # sumy imported it
    return f"snowball-{language}-nltk-{nltk_version}"


def _prime_stems(article: Article, algorithm: str, store: Store) -> set[str]:
    """Fill the stem memo from the store for the article's words not memoised yet, so a first
    summary in a new process stems only words never seen before. Returns those words."""
    if not stems(algorithm):
        return set()
    language = language_of(article)
    memo = STEM_MEMOS.setdefault(language, {})
    words = {w for p in text_pieces(article) for w in WORD.findall(p.text)} - memo.keys()
    if not words:
        return words
    stops = stop_words(language)
    content = {w.lower() for w in words if w.lower() not in stops}
    known = store.get_stems(stemmer_id(language), content)
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
    language = language_of(article)
    memo = STEM_MEMOS.get(language, {})
    found = {w.lower(): s for w in words if (s := memo.get(w)) is not None}
    store.put_stems(stemmer_id(language), found)
