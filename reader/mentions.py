"""Which files of a library mention an entity: "show me every piece that mentions X".

A file's entity texts are remembered per file version, keyed as the library index keys its
rows: the file's size and modification time (nanoseconds). A file edited since is read afresh;
one that is gone or unreadable mentions nothing. Plain Python, no I/O beyond reading the files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reader.entities import article_entities
from reader.pipeline import load_article

FileKey = tuple[int, int]
"""A file version: ``(st_size, st_mtime_ns)``, the library index's key for a row."""


def file_key(path: str | Path) -> FileKey | None:
    """The version of the file at ``path``, or None when it cannot be looked at."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def entity_texts(path: str | Path) -> frozenset[str]:
    """Every entity text of the clean article at ``path`` (none when it cannot be read).

    The entities pop-up lists a full name for its surname mentions too, and that full name is
    itself one of the piece's texts, so matching on texts finds the pieces that name it.
    """
    try:
        return frozenset(e.text for e in article_entities(load_article(path)))
    except Exception:  # An unreadable or broken file simply mentions nothing.
        return frozenset()


class Mentions:
    """Finds the files mentioning an entity, reading each file version once."""

    def __init__(self, texts: Callable[[str], frozenset[str]] = entity_texts) -> None:
        self._texts = texts
        self._known: dict[str, tuple[FileKey, frozenset[str]]] = {}
        """Per path: the version read, and the entity texts it held."""

    def texts(self, path: str) -> frozenset[str]:
        """The entity texts of ``path`` as it is now."""
        key = file_key(path)
        if key is None:
            self._known.pop(path, None)
            return frozenset()
        known = self._known.get(path)
        if known is not None and known[0] == key:
            return known[1]
        names = self._texts(path)
        self._known[path] = (key, names)
        return names

    def mentioning(
        self, entity: str, paths: Iterable[str], cancelled: Callable[[], bool] = lambda: False
    ) -> set[str] | None:
        """The paths among ``paths`` whose article mentions ``entity``; None if ``cancelled()``
        turned true on the way."""
        found: set[str] = set()
        for path in paths:
            if cancelled():
                return None
            if entity in self.texts(path):
                found.add(path)
        return found
