"""Bounded work on long texts: which part of an article is split into sentences, and which
sentences are filtered and ranked.

Real articles (a few hundred sentences at most) are read whole and nothing here changes their
summaries. A text far longer than any article (a 19 MB file, 200,000 short paragraphs) is
sampled instead, with one rule at every step: **the opening in order, then an even spread over
the rest**. News puts what matters first, so the opening is kept whole; the spread keeps the
rest represented without reading all of it. Each step has a cap, so time and memory stay flat
whatever the length:

1. At most :data:`TEXT_BUDGET` characters are split into sentences: the opening paragraphs up to
   half the budget, then an even spread of the remaining paragraphs for the other half. A
   paragraph longer than :data:`WINDOW` characters is read as consecutive windows of that size
   (the spread then picks windows); a sentence a window cuts in two is dropped.
2. At most :data:`MAX_LOOKED` sentences go through the noise and near-duplicate filter (which
   compares sentences with each other): the first :data:`LEAD` and an even spread of the rest.
3. At most :data:`MAX_RANKED` candidates are ranked (every method builds a sentence x sentence
   similarity matrix): the first :data:`LEAD` candidates and an even spread of the rest.

The caps were chosen by measurement (``python bench/summaries.py --long``, one run on a busy
shared 2-core machine): on a worst case for the similarity matrices (a 24-word vocabulary, so
every sentence shares words with nearly every other), the filter takes 0.38 s for 1,000
sentences, 1.1 s for 2,000 and 5 s for 4,000; LexRank's similarity matrix (the news method
once blended it in) ranks 1,000 candidates in 0.6-1 s at 145 MB traced, 2,000 in 1.9-3.8 s at
460 MB and 4,000 in 6.4-9.7 s at 1.3 GB (the matrices are quadratic). The news method, which
builds no matrix, takes 17 ms for 1,000 and 72 ms for 4,000 (issue 17's run). With these caps
a 19 MB article is summarised in 0.2-0.4 s after loading, in a process peaking at 176 MB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["LEAD", "MAX_LOOKED", "MAX_RANKED", "TEXT_BUDGET", "WINDOW", "Piece", "pieces", "spread"]

TEXT_BUDGET = 400_000
"""Characters split into sentences at most (about 2,500 sentences of news prose)."""
WINDOW = 20_000
"""A paragraph longer than this is read as windows of this many characters."""
MAX_LOOKED = 2_000
"""Sentences given to the noise and near-duplicate filter at most."""
MAX_RANKED = 1_000
"""Candidate sentences a method ranks at most."""
LEAD = 250
"""Sentences (and candidates) of the opening always kept, in order, before the spread."""

T = TypeVar("T")


def spread(items: Sequence[T], limit: int, lead: int = LEAD) -> list[T]:
    """``items`` when there are at most ``limit``; else the first ``lead`` and ``limit - lead``
    evenly spaced over the rest, in their order."""
    if len(items) <= limit:
        return list(items)
    lead = min(lead, limit)
    rest = items[lead:]
    room = limit - lead
    step = len(rest) / room if room else 0.0
    return [*items[:lead], *(rest[int(k * step)] for k in range(room))]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one paragraph to split into sentences."""

    text: str
    """The characters."""
    cut_start: bool
    """True when the stretch starts inside the paragraph (its first sentence may be cut)."""
    cut_end: bool
    """True when it stops before the paragraph's end (its last sentence may be cut)."""


def pieces(paragraphs: Sequence[str], budget: int = TEXT_BUDGET) -> list[Piece]:
    """What of ``paragraphs`` to split into sentences: all of them when they fit ``budget``
    characters, else the opening up to half the budget and an even spread of the rest."""
    if sum(map(len, paragraphs)) <= budget:
        return [Piece(p, False, False) for p in paragraphs]
    # (paragraph, start) of every window; only the chosen ones become pieces.
    spans = [
        (i, start)
        for i, p in enumerate(paragraphs)
        for start in (range(0, len(p), WINDOW) if len(p) > WINDOW else (0,))
    ]
    used = 0
    split = 0
    while split < len(spans) and used < budget // 2:
        i, start = spans[split]
        used += min(WINDOW, len(paragraphs[i]) - start)
        split += 1
    rest = spans[split:]
    chosen = spans[:split]
    if rest:
        average = sum(min(WINDOW, len(paragraphs[i]) - s) for i, s in rest) / len(rest)
        chosen += spread(rest, max(1, int((budget - used) / max(average, 1.0))), lead=0)
    out: list[Piece] = []
    for i, start in chosen:
        paragraph = paragraphs[i]
        end = start + WINDOW
        out.append(Piece(paragraph[start:end], start > 0, end < len(paragraph)))
    return out
