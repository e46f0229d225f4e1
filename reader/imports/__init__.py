"""Bringing in what other read-it-later services exported, one module per format.

Each reader yields :class:`Item` records one at a time (a 100,000-row export is never held in
memory); a row that cannot be read becomes an item with an ``error`` instead of stopping the
import. :func:`detect` tells the format from the file; :mod:`reader.imports.run` queues the
items in the store and fetches the ones without content.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.imports.items import ImportFormatError, Item

__all__ = ["FORMATS", "READERS", "ImportFormatError", "Item", "detect", "read_items"]

READERS = {
    "pocket-csv": "reader.imports.pocket:read_csv_or_zip",
    "pocket-html": "reader.imports.bookmarks:read_pocket_html",
    "instapaper": "reader.imports.instapaper:read_instapaper",
    "wallabag": "reader.imports.wallabag:read_wallabag",
    "omnivore": "reader.imports.omnivore:read_omnivore",
    "bookmarks": "reader.imports.bookmarks:read_bookmarks",
}
"""Each format's reader as ``module:function`` (its module is imported on first use); adding a
format is one entry here and a rule in :func:`detect`."""

FORMATS: tuple[str, ...] = tuple(READERS)
"""Formats ``reader import --format`` accepts (without it, the file tells)."""


def detect(path: Path) -> str:
    """The export format of ``path`` (from its first bytes, then its name)."""
    import zipfile

    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError as exc:
        raise ImportFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
        except zipfile.BadZipFile:
            raise ImportFormatError("a damaged zip file") from None
        if any(n.rsplit("/", 1)[-1].startswith("metadata_") and n.endswith(".json") for n in names):
            return "omnivore"
        if any(n.lower().endswith(".csv") for n in names):
            return "pocket-csv"
        raise ImportFormatError("a zip file with neither Pocket CSV files nor Omnivore metadata")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"[", b"{")):
        return "wallabag"
    if b"netscape-bookmark-file" in text[:300]:
        return "bookmarks"
    if text.startswith((b"<", b"<!")):
        if b"pocket" in text[:2000] or b"time_added" in text:
            return "pocket-html"
        return "bookmarks"
    first = text.split(b"\n", 1)[0]
    if b"selection" in first and b"folder" in first:
        return "instapaper"
    if b"url" in first and b"," in first:
        return "pocket-csv"
    raise ImportFormatError(
        "not an export reader knows (Pocket CSV or HTML, Instapaper CSV, wallabag JSON, "
        "Omnivore zip, browser bookmarks HTML); name one with --format"
    )


def read_items(path: Path, fmt: str) -> Iterator[Item]:
    """Every entry of the export at ``path`` in format ``fmt``, in file order."""
    reference = READERS.get(fmt)
    if reference is None:
        raise ImportFormatError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    module, _, function = reference.partition(":")
    read: Callable[[Path], Iterator[Item]] = getattr(importlib.import_module(module), function)
    return read(path)
