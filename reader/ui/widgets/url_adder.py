"""The owner of the "add URL" work: fetching pages into the library, off the UI thread.

A widget that shows nothing (``display: none``): it only gives the worker a home. Each add
command runs :func:`reader.adding.add_urls` in a thread (the network only on this explicit
command) and posts, as they happen, ``AddProgressed`` (pages done, bytes arriving),
``UrlAdded`` or ``UrlFailed`` per URL, and ``AddFinished``. The main screen turns them into
the status line, list rows and notifications.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from time import monotonic

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reader.adding import Outcome, add_urls
from reader.store import Store
from reader.ui.background import in_thread
from reader.ui.messages import AddFinished, AddProgressed, UrlAdded, UrlFailed, WorkFailed

PROGRESS_EVERY = 0.1
"""Seconds between two progress messages while bytes arrive (each costs the UI a redraw)."""


class UrlAdder(Widget):
    """Runs add commands; several may run at once, each with its own job number."""

    DEFAULT_CSS = "UrlAdder { display: none; }"

    def __init__(self, store: Callable[[], Store], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._store = store
        self._jobs = 0
        self._stops: dict[int, threading.Event] = {}
        """The stop event of each add command under way, by job number."""

    def add(self, urls: list[str]) -> int:
        """Fetch and save ``urls`` in a worker; the job number its messages carry."""
        self._jobs += 1
        self._stops[self._jobs] = threading.Event()
        self._add_worker(self._jobs, list(urls))
        return self._jobs

    def stop(self) -> int:
        """Stop every add under way: the pages being written finish, the rest are not
        fetched. How many commands were told to stop."""
        running = [e for e in self._stops.values() if not e.is_set()]
        for event in running:
            event.set()
        return len(running)

    @work(exit_on_error=False, group="add", description="Adding from the web")
    async def _add_worker(self, job: int, urls: list[str]) -> None:
        outcomes: list[Outcome] = []
        try:
            outcomes = await in_thread(lambda cancelled: self._add(job, urls, cancelled))
        finally:  # failed or not, the command is over (the status line stops showing it)
            failed = sum(not o.ok for o in outcomes)
            stopped = self._stops.pop(job).is_set()
            left = len(urls) - len(outcomes) if stopped else 0
            self.post_message(AddFinished(job, len(outcomes) - failed, failed, left))

    def _add(self, job: int, urls: list[str], cancelled: threading.Event) -> list[Outcome]:
        """Add ``urls`` (in a thread), posting each outcome as it ends."""
        arriving: dict[str, int] = {}
        done, total, sent, first = 0, len(urls), 0.0, True

        def progress(now_done: int, now_total: int, outcome: Outcome | None) -> None:
            nonlocal done, total, first
            done, total = now_done, now_total
            if cancelled.is_set():
                return
            if outcome is not None:
                arriving.pop(outcome.url, None)
                if outcome.ok and outcome.entry is not None:
                    self._post(UrlAdded(job, outcome.url, outcome.entry, outcome.status, first))
                    first = False
                else:
                    reason = outcome.reason or "saved, but it cannot be listed"
                    self._post(UrlFailed(job, outcome.url, reason))
            self._post(AddProgressed(job, done, total, sum(arriving.values())))

        def received(url: str, size: int, expected: int | None) -> None:
            nonlocal sent
            arriving[url] = size
            now = monotonic()
            whole = expected is not None and size >= expected  # (then it is being saved)
            if not cancelled.is_set() and (whole or now - sent >= PROGRESS_EVERY):
                sent = now
                self._post(AddProgressed(job, done, total, sum(arriving.values())))

        return add_urls(
            urls, store=self._store(), progress=progress, received=received, stop=self._stops[job]
        )

    def _post(self, message: Message) -> None:
        """Post from the worker's thread; after the app has quit there is nobody to tell."""
        with suppress(RuntimeError):
            self.post_message(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed add is reported (the app says so), never fatal."""
        if event.state == WorkerState.ERROR:
            self.post_message(WorkFailed(event.worker.description, str(event.worker.error)))
