"""The offline tokenizer sumy needs, with the stemmer, stop words and the stem memo.

sumy only calls ``to_sentences`` and ``to_words`` on a tokenizer: sentences come from
``nupunkt`` (a Punkt model shipped inside the package), words from a regex, so no NLTK data is
needed. Snowball stems are memoised per process (see ``_MEMOS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from reader.model import Article

_LANGUAGES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
}


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
