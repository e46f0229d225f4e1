"""Where a saved page came from, written into the saved file itself.

A page saved by ``reader add`` or ``reader import`` is the bytes the server sent, followed by one
line::

    <!-- reader:saved {"url": "...", "final_url": "...", "fetched": "2026-12-02T06:00:00Z", ...} -->

Why a trailer and not a sidecar file or a tag in ``<head>``: a sidecar is lost when the file is
copied or moved alone, and the store can be deleted; a tag inserted at the top would change the
bytes before the page's own ``<meta charset>`` (which decoders look for in the first few KiB)
and after a byte-order mark. Appended at the end, the page's bytes stay exactly as received (a
strict prefix of the file), the line is an HTML comment that browsers and HTML parsers ignore,
Markdown treats it as a hidden HTML block, and the loaders here strip it before parsing, so it
never shows as text. It is written in the page's own encoding (ASCII for every ASCII-compatible
one; UTF-16 for a UTF-16 page) and holds only ASCII: JSON with non-ASCII, ``<``, ``>`` and
``--`` escaped so the comment cannot end early.

The ``charset`` field keeps the encoding the HTTP header declared, which the file alone would
otherwise lose: the loader treats it as declared, ahead of a ``<meta>`` tag, as browsers do.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

MARK = "<!-- reader:saved "
END = " -->"
_ENCODINGS = ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
TAIL_BYTES = 64 * 1024
"""The marker is looked for in the last this many bytes of a file."""


@dataclass(frozen=True, slots=True)
class Origin:
    """What the saved file says about where it came from."""

    url: str
    """The URL the user (or the export) gave."""
    final_url: str = ""
    """Where the last redirect led; empty when the page was not fetched (content from an export)."""
    fetched: str = ""
    """When it was fetched (or imported), ISO 8601 UTC."""
    content_type: str = ""
    charset: str = ""
    """The charset the HTTP header declared, if any."""
    title: str = ""
    """The title the export gave, if any."""
    tags: tuple[str, ...] = ()
    """Tags given when the page was saved (the store holds the current ones)."""
    added: str = ""
    """When the user first saved the URL (from the export), ISO 8601 UTC."""
    via: str = ""
    """How it came in: ``add`` or the export format's name."""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        extra = data.pop("extra")
        data.update(extra)
        return {k: v for k, v in data.items() if v not in ("", [], {}, None)}


_FIELDS = {
    "url",
    "final_url",
    "fetched",
    "content_type",
    "charset",
    "title",
    "tags",
    "added",
    "via",
}


def _line(origin: Origin) -> str:
    text = json.dumps(origin.to_json(), ensure_ascii=True, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    while "--" in text:
        text = text.replace("--", "-\\u002d")
    return f"\n{MARK}{text}{END}\n"


def _codec(encoding: str) -> str:
    """The codec to write the marker in for a page decoded as ``encoding``."""
    name = encoding.lower().replace("_", "-")
    if name.startswith("utf-16") or name.startswith("utf-32"):
        width = name[:6]
        return f"{width}-be" if name.endswith("be") else f"{width}-le"
    return "ascii"


def marker_bytes(origin: Origin, encoding: str = "utf-8", data: bytes = b"") -> bytes:
    """The marker line for a page of ``encoding`` (its first bytes ``data`` tell a UTF-16
    page's byte order when the encoding name does not)."""
    codec = _codec(encoding)
    if codec in ("utf-16-le", "utf-32-le") and encoding.lower() in ("utf-16", "utf-32"):
        if data.startswith(b"\xfe\xff"):
            codec = "utf-16-be"
        elif data.startswith(b"\x00\x00\xfe\xff"):
            codec = "utf-32-be"
    return _line(origin).encode(codec)


def split(data: bytes) -> tuple[bytes, Origin | None]:
    """``(page_bytes, origin)``: the file's bytes without its marker, and what it said
    (``None``, and the bytes unchanged, for a file without one)."""
    tail_start = max(0, len(data) - TAIL_BYTES)
    for codec in _ENCODINGS:
        mark = MARK.encode(codec)
        at = data.rfind(mark, tail_start)
        if at < 0:
            continue
        try:
            rest = data[at:].decode(codec).strip()
        except UnicodeDecodeError:
            continue
        if not rest.endswith(END.strip()):
            continue
        body = rest[len(MARK) : -len(END.strip())].strip()
        origin = _parse(body)
        if origin is None:
            continue
        cut = at
        newline = "\n".encode(codec)
        if data[:cut].endswith(newline):
            cut -= len(newline)
        return data[:cut], origin
    return data, None


def _parse(body: str) -> Origin | None:
    try:
        raw = json.loads(body)
    except ValueError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        return None
    tags = raw.get("tags", [])
    values = {k: raw[k] for k in _FIELDS if isinstance(raw.get(k), str)}
    return Origin(
        url=values.get("url", ""),
        final_url=values.get("final_url", ""),
        fetched=values.get("fetched", ""),
        content_type=values.get("content_type", ""),
        charset=values.get("charset", ""),
        title=values.get("title", ""),
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        added=values.get("added", ""),
        via=values.get("via", ""),
        extra={k: v for k, v in raw.items() if k not in _FIELDS},
    )
