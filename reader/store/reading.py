"""Store tables that save time or hold read marks: the summary cache, the stem memo, the
library index, which summary each file showed last, and reading state."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

from reader.store.base import StoreBase, path_forms
from reader.store.dbfile import path_key
from reader.textutil import unescape_surrogates


class ReadingTables(StoreBase):
    """Summary cache, stem memo, library index and read marks."""

    # --- summary cache ----------------------------------------------------------------------

    def get_summary(self, key: str) -> dict[str, Any] | None:
        """The cached value for ``key``, or None (a miss, or a value that cannot be read)."""
        row = self._fetchone("SELECT value FROM summaries WHERE key = ?", (key,))
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except (TypeError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def put_summary(self, key: str, value: dict[str, Any]) -> None:
        """Store ``value`` (JSON-serialisable) under ``key``, replacing any older value."""
        data = json.dumps(value, ensure_ascii=False)
        self._write(
            "INSERT OR REPLACE INTO summaries (key, value, created) VALUES (?, ?, ?)",
            (key, data, time.time()),
        )

    # --- stem memo --------------------------------------------------------------------------

    def get_stems(self, stemmer: str, words: Iterable[str]) -> dict[str, str]:
        """The remembered stems of those of ``words`` that ``stemmer`` has stemmed before."""
        rows = self._fetchall(
            "SELECT word, stem FROM stems WHERE stemmer = ?"
            " AND word IN (SELECT value FROM json_each(?))",
            (stemmer, json.dumps(list(words), ensure_ascii=False)),
        )
        return {str(w): str(s) for w, s in rows}

    def put_stems(self, stemmer: str, stems: Mapping[str, str]) -> None:
        """Remember ``{word: stem}`` for ``stemmer`` (Snowball is slow on a first summary)."""
        if stems:
            self._write_many(
                "INSERT OR IGNORE INTO stems (stemmer, word, stem) VALUES (?, ?, ?)",
                [(stemmer, w, s) for w, s in stems.items()],
            )

    # --- library index ----------------------------------------------------------------------

    def index_rows(self, fingerprint: str) -> dict[str, tuple[int, int, str]]:
        """``{path: (size, mtime_ns, entry_json)}`` for every file indexed by this pipeline."""
        rows = self._fetchall(
            "SELECT path, size, mtime_ns, entry FROM library WHERE fingerprint = ?", (fingerprint,)
        )
        return {unescape_surrogates(str(r[0])): (int(r[1]), int(r[2]), str(r[3])) for r in rows}

    def index_put(self, fingerprint: str, rows: list[tuple[str, int, int, str]]) -> None:
        """Remember list entries, ``(path, size, mtime_ns, entry_json)`` each, in one go."""
        if rows:
            self._write_many(
                "INSERT OR REPLACE INTO library (path, size, mtime_ns, fingerprint, entry)"
                " VALUES (?, ?, ?, ?, ?)",
                [(p, size, mtime, fingerprint, e) for p, size, mtime, e in rows],
            )

    def note_summary(self, path: str, key: str) -> None:
        """Remember that the summary last shown for the file ``path`` is cached under ``key``."""
        self._write(
            "INSERT OR REPLACE INTO summarized (path, key) VALUES (?, ?)", (path_key(path), key)
        )

    def summarized_paths(self) -> set[str]:
        """Files whose last summary is still in the cache (for a "summary cached" mark): each
        by its resolved path and, under the current folder, that path relative to it."""
        rows = self._fetchall("SELECT s.path FROM summarized s JOIN summaries m ON m.key = s.key")
        return path_forms(rows)

    # --- reading state ----------------------------------------------------------------------

    def is_read(self, path: str) -> bool:
        """True when the file ``path`` (by whatever path it is named) was marked read."""
        row = self._fetchone(
            "SELECT MAX(read) FROM reading WHERE path IN (?, ?)", (path_key(path), path)
        )
        return bool(row and row[0])

    def set_read(self, path: str, read: bool) -> None:
        """Mark the file ``path`` read or unread, at once (committed before this returns)."""
        key = path_key(path)
        if read:
            self._write(
                "INSERT OR REPLACE INTO reading (path, read, updated) VALUES (?, 1, ?)",
                (key, time.time()),
            )
        else:
            # ``path`` itself too: a mark kept by an older version under the path as typed.
            self._write("DELETE FROM reading WHERE path IN (?, ?)", (key, path))

    def read_paths(self) -> set[str]:
        """Every file marked read: by its resolved path and, under the current folder, that
        path relative to it (compare a path of your own with :func:`path_key` to be exact)."""
        return path_forms(self._fetchall("SELECT path FROM reading WHERE read = 1"))

    def read_among(self, paths: Iterable[str]) -> set[str]:
        """Those of ``paths`` (returned as given) whose files are marked read, by whatever
        path they were marked: the exact way to match the paths a caller holds."""
        return self._among("SELECT path FROM reading WHERE read = 1", paths)

    def _among(self, sql: str, paths: Iterable[str]) -> set[str]:
        keys = {unescape_surrogates(str(r[0])) for r in self._fetchall(sql)}
        return {p for p in paths if path_key(p) in keys or p in keys}
