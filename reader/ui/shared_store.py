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

    def new_warning(self) -> str | None:
        """What went wrong with the store that the user has not been told yet (damaged and set
        aside, disk full, read-only: reading goes on without caching), else None.

        LEAD: the one place to wire the Store's warning API (issue 12); today it reads
        ``Store.warning``, which the store sets on opening and on its first error.
        """
        warning = self._store.warning if self._store is not None else None
        if not warning or warning in self._told:
            return None
        self._told.add(warning)
        return warning

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
