"""Blocking work (reading files, the store, summaries) in daemon threads the app can abandon.

A Textual thread worker runs in the event loop's default executor, whose threads the
interpreter joins at exit: one read stalled on a FIFO or a hung mount then kept the process
alive after ``q`` (and Ctrl-C printed a traceback). Here each call gets a daemon thread of its
own, awaited from an async Textual worker: cancelling the worker stops the wait at once, and
:func:`leave_stuck_work` ends a process whose work did not finish when the app quit.
No Textual import: the workers that use it live in the widgets.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_busy: set[threading.Thread] = set()
"""Threads started by :func:`in_thread` that have not returned yet."""
_lock = threading.Lock()


async def in_thread(work: Callable[[threading.Event], T]) -> T:
    """Run ``work(cancelled)`` in a new daemon thread and return (or raise) what it does.

    When the awaiting task is cancelled (the worker was, or the app is quitting), the event
    ``cancelled`` is set for ``work`` to check between steps, and the result is dropped.
    """
    loop = asyncio.get_running_loop()
    waiter: asyncio.Future[T] = loop.create_future()
    cancelled = threading.Event()

    def deliver(ok: bool, value: object) -> None:
        if waiter.done():
            return
        if ok:
            waiter.set_result(value)  # type: ignore[arg-type]
        else:
            assert isinstance(value, BaseException)
            waiter.set_exception(value)

    def run() -> None:
        ok, value = False, None
        try:
            value, ok = work(cancelled), True
        except BaseException as exc:  # handed to the awaiting task, never printed here
            value = exc  # type: ignore[assignment]
        finally:
            with _lock:
                _busy.discard(thread)
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(deliver, ok, value)

    thread = threading.Thread(target=run, name=f"reader:{_name(work)}", daemon=True)
    with _lock:
        _busy.add(thread)
    thread.start()
    try:
        return await waiter
    finally:
        cancelled.set()


def _name(work: Callable[..., object]) -> str:
    return str(getattr(work, "__name__", "work"))


def busy() -> int:
    """How many :func:`in_thread` calls are still running."""
    with _lock:
        return len(_busy)


def _stuck() -> bool:
    """Whether something would hold the interpreter's exit: a call still running, a child
    process (a scan's pool), or a thread the interpreter joins."""
    if busy() or multiprocessing.active_children():
        return True
    main = threading.main_thread()
    return any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate())


def leave_stuck_work(return_code: int, grace: float = 1.0) -> None:
    """Call once the app has quit: give running work ``grace`` seconds to end, then, if some is
    still stuck (a read that never returns), stop child processes and end the process now with
    ``return_code`` rather than wait for it."""
    deadline = time.monotonic() + grace
    while _stuck() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not _stuck():
        return
    children = multiprocessing.active_children()
    for child in children:
        with contextlib.suppress(OSError, ValueError):
            child.terminate()
    for child in children:
        child.join(0.2)
        if child.is_alive():
            with contextlib.suppress(OSError, ValueError):
                child.kill()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(return_code)
