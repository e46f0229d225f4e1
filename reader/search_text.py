"""How the full-text index sees text: its words, folded, with Chinese, Japanese and Korean
split into overlapping pairs of characters.

Shared by :mod:`reader.search_index` (what it hands FTS5 to index) and :mod:`reader.search`
(what a query asks for, and where the matches lie in a text), so that the two always agree.

FTS5's ``unicode61`` tokenizer (:data:`TOKENIZER`) makes a word of every run of letters and
numbers. Scripts written without spaces between words would then give one "word" per clause, so
a Chinese word inside a sentence could never be found. Before text reaches FTS5, each run of CJK
characters (:data:`CJK`: Han, kana, Hangul) becomes its overlapping bigrams followed by its last
character alone, as separate words: ``中华人民`` is indexed as ``中华 华人 人民 民``. A query's
CJK run becomes the phrase of its bigrams (``人民`` is the one-word phrase ``人民``, found inside
``中华人民``); a lone CJK character is a prefix, finding the bigrams it begins and the last
character of a run. Bigrams rather than the ``trigram`` tokenizer: most Chinese words are two
characters long, and a trigram index cannot answer a two-character query (and would triple the
size of the index for every script, not just these).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = [
    "CJK",
    "TOKENIZER",
    "WIDE",
    "fold",
    "index_text",
    "is_cjk",
    "query_words",
    "tokens",
    "width",
]

TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N*'"
"""FTS5's tokenizer: letters and numbers make words; case and Latin diacritics folded."""

CJK = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3005\u3007"  # 々 〇
    "\u3041-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana (with ー)
    "\u3131-\u318e"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK unified ideographs, extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\ua960-\ua97f"  # Hangul Jamo extended A
    "\uac00-\ud7af"  # Hangul syllables
    "\ud7b0-\ud7ff"  # Hangul Jamo extended B
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # halfwidth katakana
    "\U00020000-\U0003134f"  # CJK unified ideographs, extensions B to G
)
"""The letters indexed as bigrams (all are letters to ``unicode61``)."""

_CJK_RUN = re.compile(f"[{CJK}]+")
_HAS_CJK = re.compile(f"[{CJK}]")
_WORD = re.compile(r"[^\W_]+")
"""A word as ``unicode61`` sees it: a run of letters and numbers (Unicode L* and N*)."""
WIDE = re.compile(f"[{CJK}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]")
"""Characters a terminal draws two cells wide (the CJK letters, their punctuation)."""

_FOLDED: dict[str, str] = {}


def _fold_char(c: str) -> str:
    """A lowercase character without its diacritic when it is a Latin letter with one (as
    the tokenizer's ``remove_diacritics`` folds them; other scripts keep their marks)."""
    got = _FOLDED.get(c)
    if got is None:
        base = unicodedata.normalize("NFD", c)
        got = base[0] if base[0].isascii() and base[0].isalpha() else c
        _FOLDED[c] = got
    return got


def fold(word: str) -> str:
    """``word`` as the index compares it: lowercase, Latin diacritics removed."""
    low = word.lower()
    if low.isascii():
        return low
    return "".join(_fold_char(c) if not c.isascii() else c for c in low)


def is_cjk(c: str) -> bool:
    """Whether the character ``c`` is one the index splits into bigrams."""
    return _HAS_CJK.match(c) is not None


def width(c: str) -> int:
    """Terminal cells the character ``c`` takes (2 for CJK letters and punctuation)."""
    return 2 if WIDE.match(c) else 1


def _units(run: str) -> list[str]:
    """What the index holds for a CJK run: its bigrams, then its last character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text: str) -> str:
    """``text`` as it is handed to FTS5: every CJK run replaced by its units (see the module
    docstring) between spaces; text without CJK is returned as it is."""
    if _HAS_CJK.search(text) is None:
        return text
    return _CJK_RUN.sub(lambda m: " " + " ".join(_units(m.group())) + " ", text)


def tokens(text: str, pos: int = 0) -> Iterator[tuple[str, int, int]]:
    """The index's words of ``text`` from ``pos`` (a word start), folded, with their
    ``(start, end)`` offsets in ``text``: what FTS5 indexed, placed in the original text."""
    for m in _WORD.finditer(text, pos):
        word, start = m.group(), m.start()
        if _HAS_CJK.search(word) is None:
            yield fold(word), start, m.end()
            continue
        at = 0
        for run in _CJK_RUN.finditer(word):
            if run.start() > at:
                yield fold(word[at : run.start()]), start + at, start + run.start()
            s, e = run.start(), run.end()
            for i in range(s, e - 1):
                yield word[i : i + 2], start + i, start + i + 2
            yield word[e - 1], start + e - 1, start + e
            at = e
        if at < len(word):
            yield fold(word[at:]), start + at, m.end()


def query_words(chunk: str) -> tuple[tuple[str, ...], bool]:
    """The words a query's ``chunk`` (a word, or a quoted phrase) asks for, in order, and
    whether its last word must be a prefix (it is a lone CJK character).

    A CJK run of two or more characters asks for its bigrams; its last character also when
    other words follow it in the phrase (as the index holds it there); a run of one character
    asks for it as a prefix when it ends the phrase (it may begin a bigram)."""
    pieces: list[tuple[str, bool]] = []  # (word, is a CJK run)
    for m in _WORD.finditer(chunk):
        word, at = m.group(), 0
        for run in _CJK_RUN.finditer(word):
            if run.start() > at:
                pieces.append((fold(word[at : run.start()]), False))
            pieces.append((run.group(), True))
            at = run.end()
        if at < len(word):
            pieces.append((fold(word[at:]), False))
    words: list[str] = []
    for i, (piece, cjk) in enumerate(pieces):
        last = i == len(pieces) - 1
        if not cjk or len(piece) == 1:
            words.append(piece)
        else:
            words += [piece[j : j + 2] for j in range(len(piece) - 1)]
            if not last:
                words.append(piece[-1])
    lone = bool(pieces) and pieces[-1][1] and len(pieces[-1][0]) == 1
    return tuple(words), lone
