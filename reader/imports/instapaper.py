"""Instapaper's CSV export: ``URL,Title,Selection,Folder,Timestamp`` and, in newer exports,
``Tags`` (a JSON list). The ``Archive`` folder means read; another folder than ``Unread``,
``Archive`` and ``Starred`` becomes a tag."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from reader.imports.items import Item, clean_tags, csv_rows, iso_time
from reader.textutil import safe_line

_FOLDERS = {"unread", "archive", "starred", ""}


def _tags(cell: str) -> list[str]:
    cell = cell.strip()
    if not cell:
        return []
    try:
        value = json.loads(cell)
    except ValueError:
        return list(cell.split(","))
    return [str(t) for t in value] if isinstance(value, list) else [str(value)]


def read_instapaper(path: Path) -> Iterator[Item]:
    with path.open("rb") as f:
        for number, row, note in csv_rows(f, "url", path.name):
            where = f"row {number}"
            if row is None:
                yield Item(url="", error=note, where=where)
                continue
            url = row.get("url", "").strip()
            title = safe_line(row.get("title", ""))
            if not url:
                yield Item(url="", title=title, error="no URL", where=where)
                continue
            folder = safe_line(row.get("folder", ""))
            tags = _tags(row.get("tags", ""))
            if folder.lower() not in _FOLDERS:
                tags.append(folder)
            if folder.lower() == "starred":
                tags.append("starred")
            yield Item(
                url=url,
                title=title,
                tags=clean_tags(tags),
                added=iso_time(row.get("timestamp", "")),
                read=folder.lower() == "archive",
                archived=folder.lower() == "archive",
                where=where,
            )
