"""From a file (or a string) to a clean :class:`Article`: load, classify, assess."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from reader import clean, paywall
from reader.formats import EXCERPT_SIGNAL, MAX_BYTES, LoadError, load_path
from reader.model import Article, PaywallVerdict, RawDocument

__all__ = ["LoadError", "build_article", "load_article", "source_for"]


def source_for(doc: RawDocument, removed: list[str] | tuple[str, ...]) -> str:
    """The publication: from metadata, the boilerplate, else the URL's domain, else ''.

    Never the folder a file sits in, nor a copyright line: a file with no source of its own
    has none (the list shows a blank).
    """
    if doc.metadata.get("source"):
        return doc.metadata["source"]
    named = clean.site_name(removed)
    if named:
        return named
    url = doc.metadata.get("url", "")
    if url:
        try:
            host = urlparse(url).hostname or ""
        except ValueError:  # "http://[broken": no host to show
            host = ""
        if host:
            return host.removeprefix("www.")
    return ""


def build_article(doc: RawDocument) -> Article:
    """Clean a loaded document and judge whether it is cut off. Pure: no I/O."""
    classified = clean.classify(doc.blocks)
    kept = [c for c in classified if c.is_content]
    removed = list(doc.dropped) + [c.block.text for c in classified if not c.is_content]
    verdict = paywall.assess(classified, doc.signals)
    told = [s.detail for s in doc.signals if s.name == EXCERPT_SIGNAL]
    if told:  # the file says it is an excerpt (a feed's teaser): that decides, reasons first
        rest = tuple(r for r in verdict.reasons if r not in told)
        verdict = PaywallVerdict(
            True, max(verdict.confidence, 0.9), (*told, *rest), verdict.visible_words
        )
    return Article(
        path=doc.path,
        format=doc.format,
        title=doc.title or Path(doc.path).stem,
        source=source_for(doc, removed),
        paragraphs=tuple(c.block.text for c in kept),
        kinds=tuple(c.block.kind for c in kept),
        removed=tuple(removed),
        paywall=verdict,
        metadata={k: v for k, v in doc.metadata.items() if k != "source"},
    )


def load_article(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """Load and clean one file. Raises :class:`LoadError` with a reason for people."""
    return build_article(load_path(Path(path), max_bytes))
