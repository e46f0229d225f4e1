"""The app's one store: opened on first use from any worker, closed with the app, and its
warnings handed out once each (plain Python: the app turns them into notifications)."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.store import Store


class SharedStore:
    """Opens :class:`Store` lazily (off the UI thread: opening may check and rebuild the file)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        """The SQLite file (None: the default in the user data dir)."""
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._told: set[str] = set()
        """Warnings already handed out."""

    def get(self) -> Store:
        """The store, opened on first use (call it from workers, not the UI thread)."""
        with self._lock:
            if self._store is None:
                self._store = Store.open(self.path)
            return self._store

    def new_warnings(self) -> list[str]:
        """What went wrong with the store that the user has not been told yet (damaged and set
        aside, disk full, read-only: reading goes on without caching), oldest first; each
        warning once (:meth:`Store.take_warnings`)."""
        if self._store is None:
            return []
        fresh = [w for w in self._store.take_warnings() if w not in self._told]
        self._told.update(fresh)
        return fresh

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
