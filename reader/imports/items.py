"""The record every export reader yields, and the helpers they share."""

from __future__ import annotations

import codecs
import csv
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from reader.textutil import safe_line


class ImportFormatError(Exception):
    """The export as a whole cannot be read (not an export, damaged, no URL column)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of an export."""

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    added: str = ""
    """When it was saved in the other service, ISO 8601 UTC ('' when unknown)."""
    read: bool = False
    archived: bool = False
    content: bytes | None = None
    """The page itself, when the export carries it (wallabag, Omnivore): no fetch needed."""
    kind: str = ""
    """The content's format: ``html`` or ``markdown``."""
    error: str = ""
    """Why this entry could not be read (the import goes on without it)."""
    where: str = ""
    """Where it is in the export (``row 12``, ``entry 3``), for messages."""


def iso_time(value: object) -> str:
    """A Unix time (number or digits) or an ISO date as ISO 8601 UTC; '' when unreadable."""
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            seconds = float(value)
            if seconds > 1e11:  # milliseconds
                seconds /= 1000
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
        except (ValueError, OverflowError, OSError):
            return ""
    if isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00")
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            return ""
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ""


def clean_tags(tags: Iterable[object]) -> tuple[str, ...]:
    """Tags as safe single-line strings, empty ones dropped, each once."""
    out = (safe_line(str(t)) for t in tags if t is not None)
    return tuple(dict.fromkeys(t for t in out if t))


def text_lines(raw: IO[bytes], notes: list[str]) -> Iterator[str]:
    """The lines of a byte stream as text: UTF-8 (BOM dropped); a line that is not UTF-8 is
    read as Windows-1252 and noted, so one bad byte never loses the rest of the file."""
    first = True
    for number, line in enumerate(raw, 1):
        if first:
            line = line.removeprefix(codecs.BOM_UTF8)
            first = False
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            notes.append(f"line {number} is not UTF-8: read as Windows-1252")
            yield line.decode("cp1252", errors="replace")


def csv_rows(
    raw: IO[bytes], required: str, source: str
) -> Iterator[tuple[int, dict[str, str] | None, str]]:
    """``(row_number, row, error)`` for each data row of a CSV export, header names folded
    to lower case. :class:`ImportFormatError` when the header lacks the ``required`` column."""
    csv.field_size_limit(50_000_000)
    notes: list[str] = []
    reader = csv.reader(text_lines(raw, notes))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImportFormatError(f"{source}: empty file") from None
    except csv.Error as exc:
        raise ImportFormatError(f"{source}: not CSV ({exc})") from None
    if required not in header:
        found = ", ".join(h for h in header if h) or "none"
        raise ImportFormatError(f"{source}: no '{required}' column (columns: {found})")
    number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield number, None, f"row {number}: malformed CSV ({exc})"
            continue
        number += 1
        if not any(v.strip() for v in values):
            continue
        row = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header)}
        note = notes.pop() if notes else ""
        notes.clear()
        yield number, row, note
