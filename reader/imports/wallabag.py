"""wallabag's JSON export: an array of entries with ``url``, ``title``, ``content`` (the
article's HTML, used as is: no fetch), ``tags``, ``is_archived``, ``is_starred`` and
``created_at``."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader.imports.items import Item, clean_tags, iso_time
from reader.imports.jsonstream import array_objects
from reader.textutil import safe_line


def page_html(title: str, body: str, url: str = "") -> bytes:
    """An export's article HTML (a fragment) as a page of its own, title in ``<title>``."""
    head = f"<title>{html.escape(title)}</title>" if title else ""
    if url:
        head += f'<link rel="canonical" href="{html.escape(url, quote=True)}">'
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"{head}</head>\n<body><article>\n{body}\n</article></body></html>\n"
    ).encode()


def _tag_names(tags: Any) -> list[str]:
    if not isinstance(tags, list):
        return []
    out = []
    for tag in tags:
        if isinstance(tag, dict):
            tag = tag.get("label") or tag.get("slug") or ""
        out.append(str(tag))
    return out


def read_wallabag(path: Path) -> Iterator[Item]:
    with path.open("rb") as f:
        for number, (entry, error) in enumerate(array_objects(f), 1):
            where = f"entry {number}"
            if entry is None:
                yield Item(url="", error=error, where=where)
                continue
            url = str(entry.get("url") or entry.get("given_url") or "").strip()
            title = safe_line(str(entry.get("title") or ""))
            if not url:
                yield Item(url="", title=title, error="no URL", where=where)
                continue
            content = entry.get("content")
            body = page_html(title, content, url) if isinstance(content, str) and content else None
            archived = bool(entry.get("is_archived"))
            tags = _tag_names(entry.get("tags"))
            if entry.get("is_starred"):
                tags.append("starred")
            yield Item(
                url=url,
                title=title,
                tags=clean_tags(tags),
                added=iso_time(entry.get("created_at") or ""),
                read=archived,
                archived=archived,
                content=body,
                kind="html" if body is not None else "",
                where=where,
            )
