"""Named entities in an article's clean body: fast, offline, no model download.

``find_entities(text)`` returns :class:`~reader.model.Entity` spans with OntoNotes labels
(PERSON, NORP, FAC, ORG, GPE, LOC, DATE, MONEY, PERCENT, EVENT) whose ``start``/``end`` index into
``text``. The default recognizer is rules plus gazetteers (:mod:`reader.ner.rules`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reader.model import Entity
from reader.ner.rules import recognize

__all__ = ["LABELS", "Entity", "count_entities", "find_entities"]

LABELS: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "DATE",
    "MONEY",
    "PERCENT",
    "EVENT",
)
"""The labels the built-in recognizer produces (OntoNotes names, as spaCy uses them)."""


def find_entities(text: str) -> list[Entity]:
    """Named entities of ``text`` in order, non-overlapping, with offsets into ``text``."""
    return [Entity(text[s:e], label, s, e) for s, e, label in recognize(text)]


def count_entities(entities: Iterable[Entity]) -> list[tuple[str, str, int]]:
    """``(text, label, count)`` per distinct entity, most mentioned first (ties: first seen)."""
    counts: Counter[tuple[str, str]] = Counter((e.text, e.label) for e in entities)
    return [(text, label, n) for (text, label), n in counts.most_common()]
