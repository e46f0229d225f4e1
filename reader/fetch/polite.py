"""Fetching many pages at once, politely: a global limit, a per-host limit and delay, and
``Retry-After`` honoured on 429 and 503.

URLs come from an iterator that is read a little ahead (never all at once: an import of 100,000
rows stays small in memory); the next URL started is the first one whose host has a free slot
and whose delay has passed, so one slow or busy host never holds up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from reader.fetch.client import DEFAULTS, FetchFailed, Settings, make_client
from reader.fetch.page import KINDS, Page, Progress, fetch_page
from reader.fetch.urls import host_of

if TYPE_CHECKING:
    import httpx

LOOKAHEAD = 256
"""URLs read ahead of the ones running, to find one whose host is free."""


class HasURL(Protocol):
    @property
    def url(self) -> str: ...


J = TypeVar("J", bound=HasURL)
Handler = Callable[[J, Page | FetchFailed], Awaitable[None]]


@dataclass
class _Host:
    active: int = 0
    next_start: float = 0.0


async def _attempt(
    client: httpx.AsyncClient,
    url: str,
    settings: Settings,
    gate: _Host,
    progress: Progress | None = None,
    headers: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] = KINDS,
) -> Page | FetchFailed:
    for attempt in range(settings.retries + 1):
        try:
            if headers is None and kinds is KINDS:
                if progress is None:
                    return await fetch_page(client, url, settings)
                return await fetch_page(client, url, settings, progress)
            return await fetch_page(client, url, settings, progress, headers=headers, kinds=kinds)
        except FetchFailed as failed:
            if failed.status not in (429, 503) or attempt >= settings.retries:
                return failed
            wait = failed.retry_after
            if wait is None:
                wait = settings.retry_wait_default
            if wait > settings.retry_wait_max:
                failed.reason += f" (the server asks to wait {wait:.0f} s)"
                return failed
            # The whole host waits, not only this URL.
            gate.next_start = max(gate.next_start, time.monotonic() + wait)
            await asyncio.sleep(wait)
    raise AssertionError("unreachable")


async def fetch_all(
    jobs: Iterable[J],
    handle: Handler[J],
    settings: Settings = DEFAULTS,
    client: httpx.AsyncClient | None = None,
    received: Callable[[str, int, int | None], None] | None = None,
    *,
    headers: Callable[[J], Mapping[str, str] | None] | None = None,
    kinds: Mapping[str, str] = KINDS,
) -> None:
    """Fetch every job's URL and ``await handle(job, page_or_failure)`` as each one ends.

    ``received(url, bytes_so_far, total_or_None)`` is called as each body arrives (for a
    progress line on a single page). ``headers(job)`` gives the extra request headers of a job
    (a conditional GET's validators) and ``kinds`` the content types accepted (see
    :func:`~reader.fetch.page.fetch_page`).

    Cancelling the call (Ctrl-C) cancels the fetches in flight and returns once they are
    gone; what ``handle`` finished is kept.
    """
    source: Iterator[J] = iter(jobs)
    pending: deque[tuple[str, J]] = deque()  # (host, job): the host parsed once
    hosts: dict[str, _Host] = {}
    running: set[asyncio.Task[None]] = set()
    exhausted = False
    own = client is None
    http = client if client is not None else make_client(settings)
    limit = max(1, settings.concurrency)
    per_host = max(1, settings.per_host)

    async def run(job: J, gate: _Host) -> None:
        try:
            progress = None
            if received is not None:
                url = job.url

                def progress(done: int, total: int | None) -> None:
                    received(url, done, total)

            extra = headers(job) if headers is not None else None
            outcome = await _attempt(http, job.url, settings, gate, progress, extra, kinds)
            await handle(job, outcome)
        finally:
            gate.active -= 1

    try:
        while True:
            while not exhausted and len(pending) < LOOKAHEAD:
                try:
                    job = next(source)
                    pending.append((host_of(job.url), job))
                except StopIteration:
                    exhausted = True
            if not pending and not running:
                return
            now = time.monotonic()
            wake: float | None = None
            if len(running) < limit and pending:
                kept: deque[tuple[str, J]] = deque()
                while pending:
                    host, job = pending.popleft()
                    if len(running) >= limit:
                        kept.append((host, job))
                        continue
                    gate = hosts.setdefault(host, _Host())
                    if gate.active < per_host and gate.next_start <= now:
                        gate.active += 1
                        gate.next_start = now + settings.host_delay
                        running.add(asyncio.create_task(run(job, gate)))
                    else:
                        if gate.active < per_host:
                            wake = gate.next_start if wake is None else min(wake, gate.next_start)
                        kept.append((host, job))
                pending = kept
            if not running:
                await asyncio.sleep(max(0.0, (wake or now) - now) + 0.001)
                continue
            timeout = None if wake is None or len(running) >= limit else max(0.0, wake - now)
            done, _ = await asyncio.wait(
                running, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            for task in done:
                running.discard(task)
                task.result()  # a handler's own error is a bug: let it surface
            # Forget hosts with nothing running and no delay left (bounded memory).
            if len(hosts) > 4 * LOOKAHEAD:
                now = time.monotonic()
                for name in [h for h, g in hosts.items() if not g.active and g.next_start < now]:
                    del hosts[name]
    finally:
        for task in running:
            task.cancel()
        if running:
            with contextlib.suppress(BaseException):
                await asyncio.gather(*running, return_exceptions=True)
        if own:
            with contextlib.suppress(BaseException):
                await http.aclose()
