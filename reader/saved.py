"""The library folder's saved pages: file names, atomic writes, and which URL is where.

A page is saved as ``<title>-<hash>.<ext>`` (the hash from the page's URL key, so two pages
with one title never collide), written to a hidden temporary file in the same folder and
renamed into place: a crash or Ctrl-C never leaves half a file under an article's name.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from reader import origin as origin_mod
from reader.fetch.urls import short_hash, url_key
from reader.store import Store
from reader.textutil import NotText, decode, safe_line

SUFFIXES = {"html": ".html", "xhtml": ".xhtml", "text": ".txt", "markdown": ".md"}
"""The file suffix each kind of page is saved under (the loaders go by suffix)."""
NAME_CHARS = 60
"""Longest title part of a file name, in characters."""

_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.I | re.S)
_OG_TITLE = re.compile(
    r"""<meta[^>]+property\s*=\s*["']og:title["'][^>]*content\s*=\s*["']([^"']*)""", re.I
)
_UNSAFE = re.compile(r"[^\w]+", re.UNICODE)
# mkstemp makes owner-only files; saved pages get the permissions of any file the user makes.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def page_title(data: bytes, kind: str, declared: str | None = None) -> str:
    """A quick title for naming the file: ``og:title`` or ``<title>`` for HTML, the first line
    for text and Markdown. Empty when none is found. (The list shows the loader's title.)"""
    try:
        text, _ = decode(data[:262_144], declared)
    except NotText:
        return ""
    if kind in ("html", "xhtml"):
        for pattern in (_OG_TITLE, _TITLE):
            match = pattern.search(text)
            if match:
                title = safe_line(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))))
                if title:
                    return title
        return ""
    for line in text.splitlines():
        line = safe_line(line.lstrip("#").strip())
        if line and not line.startswith("---"):
            return line
    return ""


def slug(title: str) -> str:
    """``title`` as the first part of a file name: letters and digits of any script, joined by
    hyphens, at most :data:`NAME_CHARS` characters, never empty."""
    text = unicodedata.normalize("NFKC", title).lower()
    text = _UNSAFE.sub("-", text).strip("-_")
    text = text[:NAME_CHARS].rstrip("-_")
    return text or "page"


def file_name(title: str, url: str, kind: str) -> str:
    """The file name for a page: title slug, short hash of the URL, suffix for the kind."""
    return f"{slug(title)}-{short_hash(url)}{SUFFIXES[kind]}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a hidden temporary file in the same folder,
    flushed to disk, then renamed over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def save_page(
    folder: Path,
    body: bytes,
    kind: str,
    origin: origin_mod.Origin,
    encoding: str,
    title: str,
    replace: Path | None = None,
) -> Path:
    """Save ``body`` (the bytes as received) followed by the origin marker; return the path.

    ``replace`` names an existing file to overwrite (a refresh keeps the file's name, so its
    tags and read state stay with it).
    """
    target = replace or folder / file_name(title, origin.url, kind)
    write_atomic(target, body + origin_mod.marker_bytes(origin, encoding, body))
    return target


def read_origin(path: Path) -> origin_mod.Origin | None:
    """What the saved file says about where it came from (None: not saved by reader)."""
    try:
        with path.open("rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - origin_mod.TAIL_BYTES))
            tail = f.read()
    except OSError:
        return None
    return origin_mod.split(tail)[1]


def _files(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and Path(name).suffix in SUFFIXES.values():
                yield Path(root, name)


def rebuild_index(store: Store, folder: Path) -> int:
    """Fill the store's URL index from the files in ``folder`` (after the store was deleted);
    how many saved pages were found."""
    rows = []
    for path in _files(folder):
        found = read_origin(path)
        if found is not None and found.url:
            rows.append((url_key(found.url), found.url, str(path)))
            if len(rows) >= 500:
                store.put_saved(rows)
                rows = []
    # A row that says this folder was looked at, so a folder of pages saved by hand (without
    # markers) is not read again on every `reader add`.
    rows.append((f"indexed:{folder}", "", str(folder)))
    store.put_saved(rows)
    return store.saved_count()


def find_saved(store: Store, key: str) -> Path | None:
    """The file saved for the URL key ``key``, if it is still there."""
    path = store.saved_path(key)
    if path is None:
        return None
    p = Path(path)
    return p if p.is_file() else None
