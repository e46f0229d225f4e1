"""The app's garbage-collector policy: long-lived objects frozen, full passes while the user is
idle rather than in the middle of a keypress.

Every frame Textual draws leaves reference cycles behind (its line strips cache themselves), so
CPython's full passes have real work to do. They start on their own every few article opens and
took 40-70 ms each on a 2-CPU machine, stalling whichever key was being handled. Running one
as soon as input has been quiet for a moment frees that garbage while nobody is waiting, and
restarts the count towards the next automatic pass. Plain Python: the app feeds it input times
and a timer tick.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from time import monotonic

QUIET = 0.5
"""Seconds without input before a full pass runs (people reading pause longer than that
between keys; a key pressed during a pass waits for it, 20-50 ms)."""


def keep_long_lived() -> None:
    """Move every object alive now out of the collector's way for good: call it once the
    objects that live as long as the app exist (the scanned library, the summarizer's modules
    and tables). Reference counting still frees them if they are dropped (a rescan)."""
    gc.freeze()


def _pending() -> bool:
    """Whether objects reached the oldest generation since the last full pass."""
    return gc.get_count()[2] > 0


class IdleCollector:
    """Runs ``collect`` once input has been quiet for ``quiet`` seconds, when there is
    something new for it to walk and the app is not ``busy`` (a scan, a summary: a pass would
    only slow them down)."""

    def __init__(
        self,
        quiet: float = QUIET,
        *,
        clock: Callable[[], float] = monotonic,
        collect: Callable[[], object] = gc.collect,
        pending: Callable[[], bool] = _pending,
        busy: Callable[[], bool] = lambda: False,
    ) -> None:
        self.quiet = quiet
        self._clock = clock
        self._collect = collect
        self._pending = pending
        self._busy = busy
        self._last_input = clock()
        self.collections = 0
        """Full passes run so far."""

    def input_seen(self) -> None:
        """Note a key press or mouse event."""
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Collect if input has been quiet long enough and there is something new to walk.
        Returns whether a pass ran."""
        if self._clock() - self._last_input < self.quiet or self._busy() or not self._pending():
            return False
        self._collect()
        self.collections += 1
        return True
