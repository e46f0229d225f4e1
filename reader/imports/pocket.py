"""Pocket's CSV export (``title,url,time_added,cursor,tags,status``), alone or as a zip of
several CSV files (``part_000000.csv``...). Tags are separated by ``|``; a status of
``archive`` means read and archived."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from reader.imports.items import ImportFormatError, Item, clean_tags, csv_rows, iso_time
from reader.textutil import safe_line


def read_csv(raw: IO[bytes], source: str) -> Iterator[Item]:
    """The entries of one Pocket CSV file."""
    for number, row, note in csv_rows(raw, "url", source):
        where = f"{source} row {number}"
        if row is None:
            yield Item(url="", error=note, where=where)
            continue
        url = row.get("url", "").strip()
        if not url:
            yield Item(url="", title=safe_line(row.get("title", "")), error="no URL", where=where)
            continue
        status = row.get("status", "").strip().lower()
        title = safe_line(row.get("title", ""))
        yield Item(
            url=url,
            title="" if title == url else title,
            tags=clean_tags(row.get("tags", "").split("|")),
            added=iso_time(row.get("time_added", "")),
            read=status in ("archive", "archived", "read"),
            archived=status in ("archive", "archived"),
            where=where,
            error="",
        )


def read_csv_or_zip(path: Path) -> Iterator[Item]:
    """Every entry of a Pocket CSV file, or of every CSV file inside a Pocket zip."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            names = sorted(n for n in zf.namelist() if n.lower().endswith(".csv"))
            if not names:
                raise ImportFormatError("the zip holds no CSV file")
            for name in names:
                with zf.open(name) as member:
                    yield from read_csv(member, name)
        return
    with path.open("rb") as f:
        yield from read_csv(f, path.name)
