"""Optional spaCy backend: the same :class:`~reader.model.Entity` spans from a spaCy pipeline.

spaCy is an optional extra (``pip install 'reader-tui[spacy]'``) and its models are installed
by users themselves (e.g. ``en_core_web_sm`` on a connected machine); nothing here downloads.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from reader.model import Entity

DEFAULT_MODEL = "en_core_web_sm"
KEPT = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "EVENT"}
)
"""spaCy labels we pass on; counts and the like (CARDINAL, ORDINAL, QUANTITY) are dropped."""


def model_name() -> str:
    """The pipeline to load: ``$READER_SPACY_MODEL`` or :data:`DEFAULT_MODEL`."""
    return os.environ.get("READER_SPACY_MODEL") or DEFAULT_MODEL


class BackendUnavailable(RuntimeError):
    """spaCy or the requested pipeline is not installed."""


@functools.cache
def load(model: str = DEFAULT_MODEL) -> Any:
    """Load (once) an installed spaCy pipeline; raise :class:`BackendUnavailable` if missing."""
    try:
        import spacy
    except ImportError:
        raise BackendUnavailable(
            "spaCy is not installed (pip install 'reader-tui[spacy]')"
        ) from None
    try:
        return spacy.load(model)
    except OSError:
        raise BackendUnavailable(
            f"spaCy pipeline {model!r} is not installed (install it on a connected machine)"
        ) from None


def entities_from(nlp: Any, text: str) -> list[Entity]:
    """Run the spaCy pipeline ``nlp`` over ``text``; keep the labels in :data:`KEPT`."""
    doc = nlp(text)
    return [
        Entity(ent.text, ent.label_, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ in KEPT
    ]
