"""Articles in other languages: tell English from other text, and a careful recognizer for them.

The English rules trust capitalisation; German capitalises every noun and French or Spanish
headlines differ, so for other languages only strong evidence counts: a span the gazetteers
know ("Marseille", "Europe"), a town from the GeoNames list right after a place preposition
("nach Essen"), the word after a place noun ("Insel Föhr" -> "Föhr", "quartier de Luminy"
-> "Luminy"), month and weekday names,
and the language-neutral money and percentage patterns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reader.ner.lexicon import Lexicon, lexicon, read_data
from reader.ner.patterns import Span, cheap_entities, first_fit

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC"})
_OF = frozenset({"de", "di", "del", "della", "du"})
_KEEP_CHEAP = frozenset({"MONEY", "PERCENT"})


@dataclass(frozen=True, slots=True)
class OtherWords:
    """The word lists of ``other_languages.txt``."""

    stop: dict[str, frozenset[str]]
    place_preps: frozenset[str]
    loc_first: frozenset[str]
    place_nouns: dict[str, str]
    dates: frozenset[str]


@functools.cache
def other_words() -> OtherWords:
    """Load (once) the word lists for other languages."""
    sections: dict[str, set[str]] = {}
    for section, line in read_data("other_languages.txt"):
        sections.setdefault(section, set()).update(line.split())
    stop = {k[5:]: frozenset(v) for k, v in sections.items() if k.startswith("STOP_")}
    return OtherWords(
        stop=stop,
        place_preps=frozenset(sections["PLACE_PREPS"]),
        loc_first=frozenset(sections["LOC_FIRST"]),
        place_nouns={w: k[:3] for k in ("GPE_NOUNS", "LOC_NOUNS") for w in sections[k]},
        dates=frozenset(sections["DATE"]),
    )


def is_english(text: str, language: str | None = None) -> bool:
    """True for English text: by the declared ``language`` ("en", "de-DE"), else stop words.

    Undeclared text is English unless another language's function words clearly outnumber
    English ones in its first 3,000 characters.
    """
    if language:
        return language.strip().lower()[:2] == "en"
    words = [w.lower() for w in _WORDS.findall(text[:3000])]
    stop = other_words().stop
    english = sum(w in stop["en"] for w in words)
    other = max(sum(w in s for w in words) for k, s in stop.items() if k != "en")
    return other < 5 or english * 2 >= other


def recognize_other(text: str) -> list[Span]:
    """Non-overlapping ``(start, end, label)`` spans of non-English ``text``, in order."""
    lex = lexicon()
    words = other_words()
    found: list[Span] = [s for s in cheap_entities(text) if s[2] in _KEEP_CHEAP]
    tokens = list(_WORDS.finditer(text))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.group()
        if not word[0].isupper():
            if word in words.dates:
                found.append((tok.start(), tok.end(), "DATE"))  # French "mardi", "octobre"
            i += 1
            continue
        hit = _known(text, tokens, i, lex)
        if hit:
            end_i, label = hit
            found.append((tok.start(), tokens[end_i].end(), label))
            i = end_i + 1
            continue
        before = tokens[i - 1].group() if i else ""
        noun = tokens[i - 2].group() if i > 1 else ""
        if before in _OF and noun in words.place_nouns:
            found.append((tok.start(), tok.end(), words.place_nouns[noun]))
        elif word in words.dates:
            found.append((tok.start(), tok.end(), "DATE"))
        elif (
            word in words.loc_first and i + 1 < len(tokens) and _adjacent(text, tok, tokens[i + 1])
        ):
            nxt = tokens[i + 1]
            if nxt.group()[0].isupper():
                found.append((nxt.start(), nxt.end(), "LOC"))
                i += 2
                continue
        elif (
            word in lex.cities
            and before.lower() in words.place_preps
            and _adjacent(text, tokens[i - 1], tok)
        ):
            found.append((tok.start(), tok.end(), "GPE"))
        i += 1
    return first_fit(found)


def _adjacent(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """True when only spaces separate the two words."""
    return text[a.end() : b.start()].strip(" \t") == ""


def _known(text: str, tokens: list[re.Match[str]], i: int, lex: Lexicon) -> tuple[int, str] | None:
    """The longest gazetteer name (up to 4 words) starting at token ``i``: (last index, label)."""
    for j in range(min(len(tokens) - 1, i + 3), i - 1, -1):
        if not tokens[j].group()[0].isupper():
            continue
        span = text[tokens[i].start() : tokens[j].end()]
        label = lex.names.get(span)
        if label in _NAME_LABELS:
            return j, label
    return None
