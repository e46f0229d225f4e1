"""The offline tokenizer sumy needs, with the stemmer, stop words and the stem memo.

sumy only calls ``to_sentences`` and ``to_words`` on a tokenizer: sentences come from
``nupunkt`` (a Punkt model shipped inside the package), words from a regex, so no NLTK data is
needed. Snowball stems are memoised per process (see :data:`STEM_MEMOS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from reader.model import Article

__all__ = [
    "STEM_MEMOS",
    "STOP_STEMS",
    "WORD",
    "OfflineTokenizer",
    "forget_stems",
    "language_of",
    "splitter",
    "stemmer",
    "stop_words",
    "word_set",
]

_LANGUAGES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
}


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
"""Kana, CJK ideographs and Hangul syllables: scripts written without spaces between words."""
WORD = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+(?:['’-][^\W\d_{_CJK}]+)*")
"""A word: a run of letters, with inner apostrophes and hyphens; numbers left out. In Chinese
and Japanese text, which has no spaces, each character counts as one (so sentences that share
characters are alike, as sentences that share words are elsewhere)."""
_CJK_END = re.compile(r"(?<=[。！？])[」』”’）)】〕]*")
"""Where a Chinese or Japanese sentence ends: after 。！？ (and any closing quotes or brackets),
which Punkt, trained on space-separated text, does not see as ends."""


class OfflineTokenizer:
    """What sumy's parsers and summarizers call on a tokenizer, with no NLTK data needed."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split a paragraph into sentences (Punkt, via nupunkt's bundled model)."""
        return tuple(s.strip() for s in splitter()(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words: runs of letters, with inner apostrophes and hyphens; numbers left out."""
        return tuple(WORD.findall(sentence))


def word_set(sentence: str) -> frozenset[str]:
    """The sentence's words, lower-cased, as a set."""
    return frozenset(w.lower() for w in WORD.findall(sentence))


@lru_cache(maxsize=1)
def splitter() -> Callable[[str], list[str]]:
    """nupunkt's sentence splitter (its model loads on first use)."""
    import nupunkt

    punkt = nupunkt.load("default").tokenize

    def split(text: str) -> list[str]:
        pieces = punkt(text)
        if not any("。" in p or "！" in p or "？" in p for p in pieces):
            return pieces
        out: list[str] = []
        for piece in pieces:
            out.extend(_cjk_sentences(piece))
        return out

    return split


def _cjk_sentences(text: str) -> list[str]:
    """``text`` cut after each full-width sentence end (see :data:`_CJK_END`)."""
    out: list[str] = []
    start = 0
    for match in _CJK_END.finditer(text):
        end = match.end()
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def language_of(article: Article) -> str:
    """sumy's name for the article's language (English when it is not one we know)."""
    code = article.metadata.get("language", "en").lower()[:2]
    return _LANGUAGES.get(code, "english")


@lru_cache(maxsize=8)
def stemmer(language: str) -> Callable[[str], str]:
    """sumy's Snowball stemmer for ``language`` behind a memo (for Luhn, Edmundson, SumBasic)."""
    return lru_cache(maxsize=1 << 16)(Stemmer(language))


@lru_cache(maxsize=8)
def stop_words(language: str) -> frozenset[str]:
    """sumy's stop words for ``language``."""
    return frozenset(get_stop_words(language))


STEM_MEMOS: dict[str, dict[str, str | None]] = {}
"""language -> word as written -> its stem, or None for a stop word. Snowball costs ~20 µs a
word and news text repeats its words, so each distinct word is stemmed once per process."""
STOP_STEMS: dict[str, dict[str, str]] = {}
"""language -> stop word as written -> its stem (only LSA looks at stop words' stems)."""


def forget_stems() -> None:
    """Forget every memoised stem (what a first summary in a new process has to do)."""
    STEM_MEMOS.clear()
    STOP_STEMS.clear()
    stemmer.cache_clear()
