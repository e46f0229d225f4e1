"""Plain, frozen data passed between the stages of the pipeline.

file -> RawDocument (formats/) -> Classified blocks (clean.py) -> PaywallVerdict (paywall.py)
-> Article -> entities, summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from reader.textutil import safe_line, word_count

BlockKind = Literal["paragraph", "list_item", "heading", "quote", "code"]


@dataclass(frozen=True, slots=True)
class Block:
    """One block of text as the file laid it out, before cleaning."""

    text: str
    """The block's text, control characters already stripped."""
    kind: BlockKind = "paragraph"
    """How the source marked the block up."""


@dataclass(frozen=True, slots=True)
class Signal:
    """Structured paywall evidence that a format found in the file itself (e.g. HTML markup)."""

    name: str
    """Short machine name, e.g. ``jsonld-not-free`` or ``gate-markup``."""
    detail: str
    """Human-readable explanation used in the verdict's reasons."""
    gate: bool
    """True when *this copy* is cut off; False when it only says the site has a paywall."""


@dataclass(frozen=True, slots=True)
class Classified:
    """A block with cleaning's verdict on it (clean.py makes these, paywall.py reads them)."""

    block: Block
    """The block as the file laid it out."""
    category: str | None
    """None for article text, else the phrase category that made it boilerplate (``gate``,
    ``login``, ... as in :data:`reader.phrases.CATEGORIES`)."""
    evidence: str
    """The matched phrase as it appears in the block (or the rule that fired)."""

    @property
    def is_content(self) -> bool:
        """True for article text."""
        return self.category is None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a loader read from a file: a title, blocks in order, and metadata."""

    path: str
    """The file the document came from (as given by the user)."""
    format: str
    """``text``, ``markdown`` or ``html``."""
    title: str
    """The document title ('' when none was found)."""
    blocks: tuple[Block, ...]
    """Body blocks in file order, the title line not included."""
    metadata: dict[str, str] = field(default_factory=dict)
    """Optional ``source``, ``url``, ``date``, ``author``, ``language``."""
    signals: tuple[Signal, ...] = ()
    """Paywall evidence from markup; plain text and Markdown have none."""
    dropped: tuple[str, ...] = ()
    """Text the loader itself set aside (e.g. a repeated title line), reported in ``removed``."""


@dataclass(frozen=True, slots=True)
class PaywallVerdict:
    """Is the text cut off by a paywall, how sure are we, and why."""

    truncated: bool
    """True when the visible text stops at a paywall."""
    confidence: float
    """Confidence in the value of ``truncated`` (0..1)."""
    reasons: tuple[str, ...]
    """Human-readable evidence, strongest first."""
    visible_words: int
    """Words of article text that are visible."""

    def to_json(self) -> dict[str, Any]:
        return {
            "truncated": self.truncated,
            "confidence": round(self.confidence, 2),
            "reasons": list(self.reasons),
            "visible_words": self.visible_words,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: its own text in order, and everything that was removed."""

    path: str
    """The file the article came from."""
    format: str
    """``text``, ``markdown`` or ``html``."""
    title: str
    """The article title."""
    source: str
    """Site or publication name when known, else the domain or folder."""
    paragraphs: tuple[str, ...]
    """The article's own blocks, in order, whitespace-normalised."""
    removed: tuple[str, ...]
    """Blocks that cleaning dropped, in order, so nothing is silently lost."""
    paywall: PaywallVerdict
    """The truncation verdict."""
    metadata: dict[str, str] = field(default_factory=dict)
    """``url``, ``date``, ``author``, ``language`` when the file declared them."""
    kinds: tuple[BlockKind, ...] = ()
    """The kind of each paragraph (parallel to ``paragraphs``)."""

    def __post_init__(self) -> None:
        # Titles and sources may fall back to a file or folder name, which is untrusted text
        # like any other: whatever chose them, an Article only ever holds them safe to show.
        for name in ("title", "source"):
            value = getattr(self, name)
            safe = safe_line(value)
            if safe != value:
                object.__setattr__(self, name, safe)

    @property
    def body(self) -> str:
        """The paragraphs joined by a blank line; entity offsets index into this."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        """Word count of the clean body."""
        return sum(word_count(p) for p in self.paragraphs)

    @property
    def url(self) -> str:
        """The source URL when the file declared one, else ''."""
        return self.metadata.get("url", "")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: a span of ``Article.body`` with an OntoNotes label."""

    text: str
    label: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Summary:
    """An extractive summary: sentences of the clean body in article order."""

    algorithm: str
    sentences: tuple[str, ...]
    excerpt_only: bool
    cached: bool = False
