"""Which sentences are worth ranking, for every method: noise (bylines, datelines on their own,
photo captions with a label, share lines, fragments), the title, and near-duplicates of earlier
sentences are left out."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from reader.summary.tokens import WORD, stop_words, word_set

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
# The same with a label in lower case ("Final embrace: These ...", "Tell-tale sign: The ..."):
# 1-3 words before the colon, none of them a stop word (so "He said: ..." and "Why it matters:
# ..." are not labels) nor a verb of saying; before a quotation, only a one-word label ("Mr
# Lane concluded: 'We ...'" introduces what someone said).
_LABEL = re.compile(r"^([A-Z][\w'’-]*(?:\s[\w'’-]+){0,2}):\s+([A-Z'\"‘“])")
_SAYING = frozenset(
    {"told", "tells", "added", "adds", "wrote", "writes", "tweeted", "explained", "asked"}
)
# What remains of a byline block once split into sentences: "Jane Smith For Mailonline."
_BYLINE_REST = re.compile(
    r"(?:\bfor (?:mailonline|the daily mail|dailymail\.com)|^daily mail reporter|"
    r"^associated press|^reuters)\s*\.?$",
    re.IGNORECASE,
)
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .,'()-]{2,40}(?:\(\w+\))?\s*(?:--|—|–|-)?\s*$")
MIN_WORDS = 4
# A sentence ends on . ! ? … (or their CJK forms), maybe inside closing quotes or brackets.
_FINISHED = re.compile(r"[.!?…。！？][\"'’”»)\]]*\s*$")
ENOUGH_FINISHED = 3
"""With at least this many finished sentences to choose from, lines that end without a full
stop (headings, infobox lines, captions, "Related:" lists) are left out."""
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


def is_caption(sentence: str, stops: frozenset[str]) -> bool:
    """A photo caption with a label in lower case (see :data:`_LABEL`)."""
    match = _LABEL.match(sentence) if ":" in sentence[:60] else None
    if match is None:
        return False
    label = [w.lower() for w in match.group(1).split()]
    if len(label) > 1 and match.group(2) in "'\"‘“":
        return False
    return not any(w in stops or w in _SAYING for w in label)


def is_noise(sentence: str, words: Sequence[str]) -> bool:
    """Bylines, datelines on their own, photo captions, share/teaser lines, fragments.

    ``words`` are the sentence's words (``WORD.findall(sentence)``).
    """
    if len(words) < MIN_WORDS:
        return True
    if _DATELINE_ONLY.match(sentence):
        return True
    if sum(w.isalpha() for w in words) * 2 < len(words):
        return True  # figures more than words: coordinates, a table row, a score line
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


NEAR_DUPLICATE = 0.7
"""Jaccard similarity of content words at or above which a later sentence repeats an earlier one
(news pages repeat the lead in photo captions and pull quotes)."""


def near_duplicates(sets: Sequence[frozenset[str]]) -> set[int]:
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


def candidates(
    sentences: Sequence[str], title: str, language: str
) -> tuple[list[int], list[list[str]]]:
    """Indices of sentences worth summarising (no noise, no title, no near-duplicates, and no
    unfinished lines when there are finished sentences enough), with each kept sentence's words
    as :class:`OfflineTokenizer` finds them.

    A sentence is a near-duplicate when its content words overlap (Jaccard) at least
    ``NEAR_DUPLICATE`` with an earlier kept sentence.
    """
    stops = stop_words(language)
    title_words = word_set(title)
    pool: list[int] = []
    found_words: list[list[str]] = []
    sets: list[frozenset[str]] = []
    for i, sentence in enumerate(sentences):
        found = WORD.findall(sentence)
        words = frozenset(map(str.lower, found))
        if (
            is_noise(sentence, found)
            or is_caption(sentence, stops)
            or (title_words and words == title_words)
        ):
            continue
        pool.append(i)
        found_words.append(found)
        sets.append(words - stops or words)
    finished = [bool(_FINISHED.search(sentences[i])) for i in pool]
    if sum(finished) >= ENOUGH_FINISHED and not all(finished):
        kept_at = [k for k, f in enumerate(finished) if f]
        pool = [pool[k] for k in kept_at]
        found_words = [found_words[k] for k in kept_at]
        sets = [sets[k] for k in kept_at]
    n = len(pool)
    dropped = near_duplicates(sets)
    kept = [k for k in range(n) if k not in dropped]
    return [pool[k] for k in kept], [found_words[k] for k in kept]
