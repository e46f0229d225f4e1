"""Loaders turn a file's text into a :class:`~reader.model.RawDocument`, one module per format.

A loader is registered for a set of file suffixes. ``load_path`` reads, checks and decodes the
bytes once, then hands the text to the loader for the suffix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from reader import origin as saved_origin
from reader.model import RawDocument
from reader.textutil import NotText, decode, strip_controls

MAX_BYTES = 20_000_000
"""Files above this size are skipped (20 MB)."""


class LoadError(Exception):
    """A file that cannot be read as an article; the message says why, for people."""


NO_TEXT = "no article text found"
"""Why a file that holds no article (an index page, an empty shell) is skipped."""


Parser = Callable[[str, str], RawDocument]
"""``parse(path, text)``: a file's decoded, control-free text to a document."""


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    parse: Parser
    declared_encoding: Callable[[bytes], str | None] | None = None
    """Optional: find the encoding the file declares (e.g. HTML's meta charset)."""


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> None:
    for suffix in fmt.suffixes:
        _REGISTRY[suffix] = fmt


def format_for(path: Path) -> Format | None:
    _ensure_loaded()
    return _REGISTRY.get(path.suffix.lower())


_loaded = False


def _ensure_loaded() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from reader.formats import markdown, text

    register(Format("text", (".txt", ".text"), text.parse))
    register(Format("markdown", (".md", ".markdown", ".mdown"), markdown.parse))
    register(Format("html", (".html", ".htm", ".xhtml"), _parse_html, _html_encoding))


# The HTML loader imports trafilatura and lxml (~0.2 s): only pay for it when a page is read.
def _parse_html(path: str, text: str) -> RawDocument:
    from reader.formats import html

    return html.parse(path, text)


def _html_encoding(data: bytes) -> str | None:
    from reader.formats import html

    return html.declared_encoding(data)


def load_bytes(path: str, data: bytes, fmt: Format) -> RawDocument:
    """Decode and parse bytes already read from ``path``. Raises :class:`LoadError`."""
    # A page saved by `reader add`/`reader import` ends in a line saying where it came from.
    data, origin = saved_origin.split(data)
    if not data.strip():
        raise LoadError("empty file")
    declared = origin.charset if origin is not None and origin.charset else None
    if declared is None and fmt.declared_encoding:
        declared = fmt.declared_encoding(data)
    try:
        text, _encoding = decode(data, declared)
    except NotText as exc:
        raise LoadError(str(exc)) from None
    text = strip_controls(text)
    if not text.strip():
        raise LoadError("no text in file")
    doc = fmt.parse(path, text)
    if origin is None:
        return doc
    found = {"url": origin.url, "final_url": origin.final_url, "fetched": origin.fetched}
    return replace(doc, metadata={**doc.metadata, **{k: v for k, v in found.items() if v}})


def load_path(path: Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read one file into a RawDocument. Raises :class:`LoadError` with a reason for people."""
    fmt = format_for(path)
    if fmt is None:
        raise LoadError(f"unsupported file type {path.suffix or '(no extension)'!r}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from None
    return load_bytes(str(path), data, fmt)
