"""``reader add URL...``: fetch pages and save them into the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reader.cli.common import InputError, open_store, print_json
from reader.library import LOCK, Entry
from reader.textutil import safe_line

if TYPE_CHECKING:  # imported when a command runs: fetching loads httpx (a tenth of a second)
    from reader.adding import Outcome, Progress


@contextmanager
def progress_bar(label: str, enabled: bool) -> Iterator[Progress | None]:
    """A rich progress bar on stderr (counts, rate, time left) while the block runs; None when
    stderr is not a terminal. ``label`` is a fixed string of ours, never page text."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from reader.cli.progress import stderr_bar

    bar = stderr_bar("failed {task.fields[failed]}")
    task = bar.add_task(label, total=None, rate="", failed=0)
    failed = 0

    def update(done: int, total: int, last: Outcome | None) -> None:
        nonlocal failed
        if last is not None and not last.ok:
            failed += 1
        speed = bar.tasks[0].speed if bar.tasks else None
        rate = f"{speed:.1f}/s" if speed else ""
        bar.update(task, completed=done, total=total, rate=rate, failed=failed)

    with bar:
        yield update


def entry_lines(entry: Entry) -> list[str]:
    """What ``reader list`` shows for ``entry``, plus the paywall reasons and the file."""
    mark = LOCK if entry.paywall.truncated else "complete"
    head = f"{mark}  {entry.words} words  {safe_line(entry.source)}  {safe_line(entry.title)}"
    if entry.tags:
        head += "  " + " ".join(f"#{safe_line(t)}" for t in entry.tags)
    lines = [head]
    lines += [f"    - {safe_line(r)}" for r in entry.paywall.reasons]
    lines.append(f"    {safe_line(entry.path)}")
    return lines


def outcome_lines(outcome: Outcome) -> list[str]:
    """An outcome for people: the status and URL, then the entry or the reason."""
    lines = [f"{outcome.status}: {safe_line(outcome.url)}"]
    if outcome.entry is not None:
        lines += ["  " + line for line in entry_lines(outcome.entry)]
    elif outcome.path:
        lines.append(f"    {safe_line(outcome.path)}")
    if outcome.reason:
        lines.append(f"  {safe_line(outcome.reason)}")
    return lines


def outcomes_json(outcomes: list[Outcome]) -> dict[str, Any]:
    """``{"articles": [...list entries, with "status"...], "failed": [{"url", "reason"}]}``."""
    articles = []
    failed = []
    for o in outcomes:
        if not o.ok:
            failed.append({"url": o.url, "reason": o.reason})
        elif o.entry is not None:
            data = o.entry.to_json()
            data["status"] = o.status
            if o.reason:
                data["note"] = o.reason
            articles.append(data)
        else:
            failed.append({"url": o.url, "reason": o.reason or "saved, but not readable"})
    return {"articles": articles, "failed": failed}


def cmd_add(args: argparse.Namespace) -> int:
    """Fetch and save every URL given; exit 1 when any of them failed."""
    from reader.adding import add_urls

    store = open_store()
    results: list[Outcome] = []
    interrupted = False
    try:
        with progress_bar("Fetching", len(args.urls) > 1 and not args.quiet) as update:
            add_urls(
                args.urls,
                tags=args.tag or (),
                refresh=args.refresh,
                store=store,
                progress=update,
                results=results,
            )
    except KeyboardInterrupt:
        interrupted = True
    except OSError as exc:
        raise InputError(f"cannot use the library folder: {exc.strerror or exc}") from None
    if args.json:
        print_json(outcomes_json(results))
    else:
        for outcome in results:
            print("\n".join(outcome_lines(outcome)))
    if interrupted:
        print(f"reader: stopped; {len(results)} of {len(args.urls)} done", file=sys.stderr)
        return 130
    return 1 if any(not o.ok for o in results) else 0


def add_add_command(sub: Any) -> None:
    """The ``add`` subcommand."""
    p = sub.add_parser("add", help="fetch web pages and save them into the library")
    p.add_argument("urls", nargs="+", metavar="URL", help="http or https URLs")
    p.add_argument(
        "--tag", "-t", action="append", metavar="TAG", help="tag the saved pages (repeatable)"
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        help="fetch again pages already saved (the older copy stays if the new one holds less)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(handler=cmd_add)
