"""Named entities in an article's clean body: fast, offline, no model download.

``find_entities(text)`` returns :class:`~reader.model.Entity` spans with OntoNotes labels
(PERSON, NORP, FAC, ORG, GPE, LOC, DATE, MONEY, PERCENT, EVENT) whose ``start``/``end`` index into
``text``. The default recognizer is rules plus gazetteers (:mod:`reader.ner.rules`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from reader.model import Article, Entity
from reader.ner.other import is_english, recognize_other
from reader.ner.rules import recognize
from reader.ner.spacy_backend import BackendUnavailable

__all__ = [
    "BACKENDS",
    "LABELS",
    "BackendUnavailable",
    "Entity",
    "article_entities",
    "count_entities",
    "find_entities",
]

BACKENDS: tuple[str, ...] = ("rules", "spacy")
"""``rules`` (built in, the default) or ``spacy`` (an installed ``en_core_web_sm``)."""

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


def find_entities(text: str, backend: str = "rules", language: str | None = None) -> list[Entity]:
    """Named entities of ``text`` in order, non-overlapping, with offsets into ``text``.

    ``language`` is the article's declared language ("en", "de", from ``Article.metadata``);
    when absent it is guessed from common words. Text not in English gets only gazetteer
    places and organisations, strong place cues, dates, money and percentages, since
    capitalisation says little there (German capitalises every noun).
    ``backend="spacy"`` uses an installed spaCy pipeline instead of the rules; it raises
    :class:`BackendUnavailable` when spaCy or its model is missing.
    """
    if backend == "spacy":
        from reader.ner import spacy_backend

        return spacy_backend.entities_from(spacy_backend.load(spacy_backend.model_name()), text)
    if backend != "rules":
        raise ValueError(f"unknown entity backend {backend!r}; choose from {BACKENDS}")
    spans = recognize(text) if is_english(text, language) else recognize_other(text)
    return [Entity(text[s:e], label, s, e) for s, e, label in spans]


def article_entities(article: Article, backend: str = "rules") -> list[Entity]:
    """:func:`find_entities` over the article's clean body, in its declared language.

    With the built-in rules, the author the file declares ("author" metadata, a byline) is a
    PERSON wherever the body names them in full, whatever else the rules made of the words.
    """
    found = find_entities(article.body, backend, article.metadata.get("language"))
    if backend != "rules":
        return found
    return with_authors(article.body, found, authors(article.metadata.get("author", "")))


def authors(declared: str) -> list[str]:
    """Full names in an "author" field ("Jana Novak; Piet Osterhaag", "A. Lind and B. Kvar")."""
    parts = re.split(r"\s*(?:[;,/&|]|\band\b)\s*", declared)
    return [p for p in (part.strip() for part in parts) if len(p.split()) in (2, 3, 4)]


def with_authors(text: str, found: list[Entity], names: list[str]) -> list[Entity]:
    """``found`` with every full mention of the named authors as a PERSON."""
    spans: list[tuple[int, int]] = []
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            spans.append(m.span())
    if not spans:
        return found
    kept = [e for e in found if not any(s < e.end and e.start < t for s, t in spans)]
    kept.extend(Entity(text[s:t], "PERSON", s, t) for s, t in spans)
    return sorted(kept, key=lambda e: e.start)


def count_entities(entities: Iterable[Entity]) -> list[tuple[str, str, int]]:
    """``(text, label, count)`` per distinct entity, most mentioned first (ties: first seen).

    News names a person in full once and by surname after that: a shorter person mention
    ("Bush", "W. Bush") counts for the one full name in the piece that it ends ("George W.
    Bush"). When it ends several full names ("Rice" for two Rices), it stays on its own.
    """
    found = list(entities)
    full = canonical_people(e.text for e in found if e.label == "PERSON")
    counts: Counter[tuple[str, str]] = Counter(
        (full.get(e.text, e.text) if e.label == "PERSON" else e.text, e.label) for e in found
    )
    return [(text, label, n) for (text, label), n in counts.most_common()]


def canonical_people(names: Iterable[str]) -> dict[str, str]:
    """``{short mention: full name}`` for person mentions that end exactly one longer name."""
    distinct = set(names)
    result: dict[str, str] = {}
    for name in distinct:
        longer = {other for other in distinct if other.endswith(" " + name)}
        # The longest names ending this one: "George W. Bush" over "W. Bush".
        tops = {n for n in longer if not any(o.endswith(" " + n) for o in longer)}
        if len(tops) == 1:
            result[name] = tops.pop()
    return result
