"""The progress bar of a long first scan (``reader list`` and the like), on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

SHOWN_FROM = 200
"""Files to read from which a scan shows its bar (fewer are read before it would be seen)."""


@contextmanager
def reading_bar(enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback for :func:`reader.library.scan`: while the block
    runs, a bar on stderr (files read of those to read, rate, time elapsed and left) once a
    scan has at least :data:`SHOWN_FROM` files to read; nothing when stderr is not a terminal
    or ``enabled`` is false. The bar is left on screen when the block ends (or is
    interrupted: the next run reads only the files not read yet)."""
    with ExitStack() as stack:
        bar: Any = None
        task: Any = None
        show = enabled and sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            nonlocal bar, task
            if bar is None:
                if not show or total < SHOWN_FROM:
                    return
                bar, task = _bar(total)
                stack.enter_context(bar)
            speed = bar.tasks[0].speed
            rate = f"{speed:,.0f} files/s" if speed else ""
            bar.update(task, completed=done, total=total, rate=rate)

        yield progress


def stderr_bar(*extra: str) -> Any:
    """A rich progress bar on stderr, left on screen when it ends: the task's description,
    the bar, done of total, percent, ``{task.fields[rate]}``, then each of ``extra`` (more
    ``task.fields`` templates, e.g. ``"failed {task.fields[failed]}"``), time elapsed and left.
    Every column is plain text, never markup (descriptions are fixed strings of ours)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}", markup=False),
        *(TextColumn(column, markup=False) for column in extra),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )


def _bar(total: int) -> tuple[Any, Any]:
    bar = stderr_bar()
    return bar, bar.add_task("Reading", total=total, rate="")
