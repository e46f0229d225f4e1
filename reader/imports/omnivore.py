"""Omnivore's export zip: ``metadata_<from>_to_<to>.json`` files (each an array of entries
with ``slug``, ``title``, ``url``, ``labels``, ``state``, ``savedAt``, ``readingProgress``...)
and the content of each entry as ``content/<slug>.md`` (Markdown) or ``content/<slug>.html``.
An entry without a content file is fetched from its URL."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from reader.imports.items import ImportFormatError, Item, clean_tags, iso_time
from reader.imports.jsonstream import array_objects
from reader.imports.wallabag import page_html
from reader.textutil import safe_line

_NUMBER = re.compile(r"metadata_(\d+)")
MAX_CONTENT = 20_000_000
"""Content files larger than this are left out (and the page is fetched instead)."""


def _order(name: str) -> tuple[int, str]:
    match = _NUMBER.search(name)
    return (int(match.group(1)) if match else 0, name)


def _content(zf: zipfile.ZipFile, names: dict[str, str], slug: str) -> tuple[bytes, str] | None:
    for suffix, kind in ((".md", "markdown"), (".html", "html")):
        name = names.get(f"{slug}{suffix}")
        if name is None:
            continue
        if zf.getinfo(name).file_size > MAX_CONTENT:
            return None
        return zf.read(name), kind
    return None


def read_omnivore(path: Path) -> Iterator[Item]:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportFormatError("a damaged zip file") from None
    with zf:
        metadata = sorted(
            (n for n in zf.namelist() if n.rsplit("/", 1)[-1].startswith("metadata_")), key=_order
        )
        if not metadata:
            raise ImportFormatError("an Omnivore zip has metadata_*.json files; this one has none")
        content = {n.rsplit("/", 1)[-1]: n for n in zf.namelist() if "/content/" in f"/{n}"}
        number = 0
        for meta in metadata:
            with zf.open(meta) as f:
                for entry, error in array_objects(f):
                    number += 1
                    where = f"{meta.rsplit('/', 1)[-1]} entry {number}"
                    if entry is None:
                        yield Item(url="", error=error, where=where)
                    else:
                        yield _item(zf, content, entry, where)


def _item(
    zf: zipfile.ZipFile, content: dict[str, str], entry: dict[str, object], where: str
) -> Item:
    url = str(entry.get("url") or "").strip()
    title = safe_line(str(entry.get("title") or ""))
    slug = str(entry.get("slug") or "")
    state = str(entry.get("state") or "").lower()
    progress = entry.get("readingProgress")
    archived = state in ("archived", "archive")
    read = archived or (isinstance(progress, int | float) and progress >= 98)
    labels = entry.get("labels")
    found = _content(zf, content, slug) if slug else None
    body: bytes | None = None
    kind = ""
    if found is not None:
        data, kind = found
        if kind == "html":
            body = page_html(title, data.decode("utf-8", errors="replace"), url)
        else:
            text = data.decode("utf-8", errors="replace")
            if title and not text.lstrip().startswith("#"):
                text = f"# {title}\n\n{text}"
            body = text.encode("utf-8")
    if not url and body is None:
        return Item(url="", title=title, error="no URL and no content", where=where)
    return Item(
        url=url,
        title=title,
        tags=clean_tags(labels if isinstance(labels, list) else []),
        added=iso_time(entry.get("savedAt") or ""),
        read=read,
        archived=archived,
        content=body,
        kind=kind,
        where=where,
    )
