"""Loaders turn a file's text into a :class:`~reader.model.RawDocument`, one module per format.

A loader is registered for a set of file suffixes. ``load_path`` reads, checks and decodes the
bytes once, then hands the text to the loader for the suffix.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from reader import origin as saved_origin
from reader.model import Block, RawDocument, Signal
from reader.textutil import (
    NotText,
    decode,
    has_controls,
    normalize_space,
    safe_line,
    strip_controls,
)

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

    return html.parse(path, text)  # (html.prepare resolves control references, cuts huge scripts)


def _html_encoding(data: bytes) -> str | None:
    from reader.formats import html

    return html.declared_encoding(data)


def load_bytes(path: str, data: bytes, fmt: Format) -> RawDocument:
    """Decode and parse bytes already read from ``path``. Raises :class:`LoadError`.

    Controls are stripped twice: from the decoded text before parsing (so no parser sees an
    escape sequence), and from every string of the parsed document, because a page's
    character references (``&#157;``, ``&#x202E;``) only become characters while it is parsed.
    """
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
    doc = sanitized(fmt.parse(path, text))
    if origin is None:
        return doc
    found = {"url": origin.url, "final_url": origin.final_url, "fetched": origin.fetched}
    extra = {k: safe_line(v) for k, v in found.items() if v}
    tags = [t for t in (safe_line(t) for t in origin.tags) if t]
    if tags:
        extra[TAGS_KEY] = TAG_SEPARATOR.join(tags)
    # A copy the trailer calls an excerpt (a feed item that carries only a teaser): its
    # reasons reach the paywall verdict (see ``pipeline.build_article``).
    excerpt = origin.extra.get("excerpt")
    signals = doc.signals
    if isinstance(excerpt, list):
        signals += tuple(
            Signal(EXCERPT_SIGNAL, safe_line(r), gate=True) for r in excerpt if isinstance(r, str)
        )
    return replace(doc, metadata={**doc.metadata, **extra}, signals=signals)


EXCERPT_SIGNAL = "saved-excerpt"
"""The name of the signal a saved copy's trailer gives when it says the copy is an excerpt."""


TAGS_KEY = "tags"
"""Metadata key of the tags a saved page's trailer gave it (joined by :data:`TAG_SEPARATOR`)."""
TAG_SEPARATOR = ", "


def tags_of(metadata: dict[str, str]) -> tuple[str, ...]:
    """The tags the file itself carries (see :data:`TAGS_KEY`)."""
    joined = metadata.get(TAGS_KEY, "")
    return tuple(t for t in joined.split(TAG_SEPARATOR) if t) if joined else ()


def sanitized(doc: RawDocument) -> RawDocument:
    """``doc`` with controls and bidi overrides gone from every string it shows: the title,
    metadata and signal details as single lines (:func:`~reader.textutil.safe_line`), block and
    dropped text as bodies (:func:`~reader.textutil.strip_controls`). ``path`` is the file's
    name and stays exact. A block that was nothing but controls is dropped."""
    blocks = doc.blocks
    if has_controls("\n".join(b.text for b in blocks)):  # one scan for the common clean case
        blocks = tuple(Block(t, b.kind) for b in blocks if (t := _block_text(b.text, b.kind)))
    return replace(
        doc,
        title=safe_line(doc.title),
        blocks=blocks,
        metadata={k: safe_line(v) for k, v in doc.metadata.items()},
        signals=tuple(replace(s, detail=safe_line(s.detail)) for s in doc.signals),
        dropped=tuple(t for t in (_block_text(d, "paragraph") for d in doc.dropped) if t),
    )


def _block_text(text: str, kind: str) -> str:
    """A block's text without controls; where some were removed, spaces are tidied again
    (but in code, whose layout is its own)."""
    cleaned = strip_controls(text)
    if cleaned == text:
        return text
    if kind == "code":
        return cleaned if cleaned.strip() else ""
    return normalize_space(cleaned)


def load_path(path: Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read one file into a RawDocument. Raises :class:`LoadError` with a reason for people.

    Only regular files are read: a FIFO, socket or device (also behind a symlink) is refused
    before it is opened, and the file is opened without blocking and checked again on the open
    descriptor, so a file swapped in between cannot hang the read. At most ``max_bytes + 1``
    bytes are read, whatever the file's size claims to be.
    """
    fmt = format_for(path)
    if fmt is None:
        raise LoadError(f"unsupported file type {path.suffix or '(no extension)'!r}")
    return load_bytes(str(path), read_limited(path, max_bytes), fmt)


def read_limited(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes``; :class:`LoadError` for
    anything else (not a regular file, too large, unreadable)."""
    try:
        not_regular(path.stat().st_mode)
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | _O_CLOEXEC)
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        not_regular(st.st_mode)
        if st.st_size > max_bytes:
            raise LoadError(_too_large(st.st_size, max_bytes))
        if _O_NONBLOCK:
            os.set_blocking(fd, True)  # a regular file: reads never wait on a writer
        chunks: list[bytes] = []
        have = 0
        while have <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - have))
            if not chunk:
                break
            chunks.append(chunk)
            have += len(chunk)
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if have > max_bytes:  # grew since the stat, or lied about its size
        raise LoadError(_too_large(have, max_bytes, more=True))
    return b"".join(chunks)


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def special_file(mode: int) -> str | None:
    """Why a file of ``mode`` (from ``stat``) is not read: None for a regular file, else a
    reason naming its kind ("a FIFO (named pipe), not a regular file; not read")."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"{kind}, not a regular file; not read"


def not_regular(mode: int) -> None:
    """Raise :class:`LoadError` with :func:`special_file`'s reason unless ``mode`` is a
    regular file's."""
    reason = special_file(mode)
    if reason is not None:
        raise LoadError(reason)


def _too_large(size: int, max_bytes: int, more: bool = False) -> str:
    amount = f"over {max_bytes / 1e6:.1f} MB" if more else f"{size / 1e6:.1f} MB"
    return f"file too large ({amount}; the limit is {max_bytes / 1e6:.0f} MB)"
