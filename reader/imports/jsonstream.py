"""Reading a JSON array of objects one object at a time, so a large export is never loaded
whole (wallabag's JSON carries every article's HTML)."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

CHUNK = 1 << 20


def array_items(raw: IO[bytes]) -> Iterator[tuple[Any, str]]:
    """``(value, error)`` for each element of the top-level JSON array in ``raw``.

    A top-level object is taken as one element (some tools export a single entry). An element
    that does not parse ends the stream with one error (JSON has no way to resync).
    """
    decoder = json.JSONDecoder()
    text_of = codecs.getincrementaldecoder("utf-8")(errors="replace")
    buf = ""
    pos = 0
    eof = False

    def more() -> bool:
        """Read the next chunk into the buffer (dropping what was consumed); False at EOF."""
        nonlocal buf, pos, eof
        if eof:
            return False
        data = raw.read(CHUNK)
        eof = not data
        buf = buf[pos:] + text_of.decode(data, final=eof)
        pos = 0
        return True

    def skip() -> None:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n\ufeff":
                pos += 1
            if pos < len(buf) or not more():
                return

    skip()
    if pos >= len(buf):
        return
    if buf[pos] == "{":
        buf = "[" + buf[pos:]
        pos = 0
    if buf[pos] != "[":
        yield None, "not a JSON array"
        return
    pos += 1
    while True:
        skip()
        if pos >= len(buf):
            yield None, "the JSON ends early (truncated file)"
            return
        if buf[pos] == "]":
            return
        if buf[pos] == ",":
            pos += 1
            continue
        while True:
            try:
                value, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if more():
                    continue
                yield None, f"malformed JSON ({exc.msg} at character {exc.pos})"
                return
            # A number or literal at the very end of the buffer may be cut short.
            if end >= len(buf) and not eof and more():
                continue
            break
        pos = end
        yield value, ""


def array_objects(raw: IO[bytes]) -> Iterator[tuple[dict[str, Any] | None, str]]:
    """``(object, "")`` for each JSON object of the array in ``raw`` (see :func:`array_items`),
    ``(None, error)`` for an element that is not an object (the stream goes on) or that does
    not parse (the stream ends): the entries of an export, one at a time."""
    for value, error in array_items(raw):
        if error:
            yield None, error
        elif isinstance(value, dict):
            yield value, ""
        else:
            yield None, "not an object"
