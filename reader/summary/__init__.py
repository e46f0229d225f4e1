"""Extractive summaries of a clean article: offline, paywall-aware, news-aware, fast, cached.

The public face of the summary engine; the modules behind it:

* :mod:`~reader.summary.methods`: the registry of methods (names, where each one's code lives,
  limits). Light: the CLI's parser and the TUI's palette import it at start-up.
* :mod:`~reader.summary.tokens`: sentences (``nupunkt``, no NLTK data), words, stop words, the
  stemmer and the stem memo.
* :mod:`~reader.summary.candidates`: the sentences every method ranks: noise (bylines,
  datelines, captions), the title and near-duplicates left out.
* :mod:`~reader.summary.sample`: bounded work on huge texts (which part is read, filtered and
  ranked).
* :mod:`~reader.summary.graph`: the sentence graph (sparse counts, shared-word weights, LexRank
  centrality) the ranking methods share.
* :mod:`~reader.summary.news`: the news method (the default: the lead, passing over the
  sentences that cannot stand alone, and a first line that misses the title's words) and the
  lead method.
* :mod:`~reader.summary.lead_quality`: the rules for those (teasers, quotations, fragments,
  sentences leaning on the one before), from a sentence's form.
* :mod:`~reader.summary.sumy_fast`: sumy's methods, vectorised where sumy is quadratic, and how
  they are configured and run.
* :mod:`~reader.summary.engine`: an article's sentences, the candidates, the pick.
* :mod:`~reader.summary.cache`: the cache key, the cached summary and stem persistence.

The engine (numpy, sumy: a third of a second of imports) loads on first use of a function
below, not when this package is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reader.summary.methods import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    KL_MAX_SENTENCES,
    METHODS,
    Method,
    SummaryError,
)

if TYPE_CHECKING:
    from reader.summary.cache import (
        SUMMARIZER_VERSION,
        cache_key,
        cached_summary,
        stored_summary,
    )
    from reader.summary.engine import (
        article_sentences,
        default_length,
        select,
        summarize,
        warm_up,
    )

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "KL_MAX_SENTENCES",
    "METHODS",
    "SUMMARIZER_VERSION",
    "Method",
    "SummaryError",
    "article_sentences",
    "cache_key",
    "cached_summary",
    "default_length",
    "select",
    "stored_summary",
    "summarize",
    "warm_up",
]

_LAZY = {
    "SUMMARIZER_VERSION": "reader.summary.cache",
    "cache_key": "reader.summary.cache",
    "cached_summary": "reader.summary.cache",
    "stored_summary": "reader.summary.cache",
    "article_sentences": "reader.summary.engine",
    "default_length": "reader.summary.engine",
    "select": "reader.summary.engine",
    "summarize": "reader.summary.engine",
    "warm_up": "reader.summary.engine",
}


def __getattr__(name: str) -> Any:
    """The engine's names, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
