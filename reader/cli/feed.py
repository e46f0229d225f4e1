"""``reader feed add|list|remove|import|export``, ``reader update`` and ``reader fetch``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.cli.common import InputError, open_store, path_arg, print_json
from reader.textutil import safe_line

if TYPE_CHECKING:
    from reader.feeds import FeedResult, FullResult


class _Ended(Protocol):
    @property
    def ok(self) -> bool: ...


@contextmanager
def _bar(label: str, enabled: bool) -> Iterator[Callable[[int, int, Any], None] | None]:
    """``reader import``'s progress bar, fed with feed or page results."""
    from reader.adding import FAILED, Outcome
    from reader.cli.add import progress_bar

    failed = Outcome("", FAILED)
    with progress_bar(label, enabled) as update:
        if update is None:
            yield None
            return
        bar = update

        def step(done: int, total: int, last: _Ended | None) -> None:
            bar(done, total, failed if last is not None and not last.ok else None)

        yield step


def _result_line(r: FeedResult) -> list[str]:
    head = f"{r.status}: {safe_line(r.title)} ({safe_line(r.url)})"
    if r.new:
        head += f"  {len(r.new)} new"
        if r.teasers:
            head += f", {r.teasers} teasers"
        if r.fetched_pages:
            head += f", {r.fetched_pages} full pages fetched"
    lines = [head]
    if r.moved_to:
        lines.append(f"  moved permanently to {safe_line(r.moved_to)}")
    if r.error:
        lines.append(f"  {safe_line(r.error)}")
    lines += [f"  note: {safe_line(n)}" for n in r.notes]
    return lines


def _result_json(r: FeedResult) -> dict[str, Any]:
    return {
        "url": r.url,
        "title": r.title,
        "status": r.status,
        "new": list(r.new),
        "teasers": r.teasers,
        "fetched_pages": r.fetched_pages,
        "error": r.error or None,
        "notes": list(r.notes),
        "moved_to": r.moved_to or None,
    }


def cmd_feed_add(args: argparse.Namespace) -> int:
    from reader.feeds import FeedError, subscribe

    store = open_store()
    try:
        done = subscribe(
            args.url,
            title=args.title or "",
            tags=args.tag or (),
            full_pages=args.full_pages,
            store=store,
        )
    except FeedError as exc:
        raise InputError(f"{args.url}: {exc.reason}") from None
    except OSError as exc:
        raise InputError(f"cannot save: {exc.strerror or exc}") from None
    if args.json:
        print_json({"feed": _result_json(done.result), "added": done.added})
        return 0
    verb = "subscribed" if done.added else "already subscribed (options updated)"
    print(f"{verb}: {safe_line(done.result.title)} ({safe_line(done.subscription.url)})")
    print(f"  {len(done.result.new)} new items, {done.result.teasers} of them teasers")
    for line in _result_line(done.result)[1:]:
        print(line)
    return 0


def cmd_feed_list(args: argparse.Namespace) -> int:
    from reader.feeds import feed_rows

    rows = feed_rows(open_store())
    if args.json:
        print_json({"feeds": [r.to_json() for r in rows]})
        return 0
    if not rows:
        print("no subscriptions (reader feed add URL, or reader feed import FILE)")
    for r in rows:
        when = r.updated or "never updated"
        print(f"{r.unread:>5} unread {r.items:>6} items  {safe_line(r.title)}  ({when})")
        print(f"      {safe_line(r.url)}")
        if r.error:
            print(f"      error: {safe_line(r.error)}")
    return 0


def cmd_feed_remove(args: argparse.Namespace) -> int:
    from reader.feeds import unsubscribe

    removed = unsubscribe(args.feed, open_store())
    if removed is None:
        raise InputError(f"no subscription {safe_line(args.feed)!r} (see reader feed list)")
    print(f"unsubscribed: {safe_line(removed.title or removed.url)}; its items stay in the library")
    return 0


def cmd_feed_import(args: argparse.Namespace) -> int:
    from reader.feeds import FeedError, import_subscriptions
    from reader.feeds.newsboat import read_urls
    from reader.feeds.opml import read_opml

    path = Path(path_arg(args.file))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    fmt = args.format or ("opml" if data.lstrip()[:1] == b"<" else "newsboat")
    try:
        if fmt == "opml":
            found, notes = read_opml(data)
        else:
            found, notes = read_urls(data.decode("utf-8", "replace"))
    except FeedError as exc:
        raise InputError(f"{args.file}: {exc.reason}") from None
    added, already = import_subscriptions(found)
    if args.json:
        print_json(
            {
                "added": [{"url": s.url, "title": s.title, "tags": list(s.tags)} for s in added],
                "already": already,
                "notes": notes,
            }
        )
        return 0
    print(f"{len(added)} feeds added, {already} already followed (run reader update to fetch them)")
    for note in notes:
        print(f"  note: {safe_line(note)}")
    return 0


def cmd_feed_export(args: argparse.Namespace) -> int:
    from reader.feeds import subscriptions
    from reader.feeds.opml import write_opml

    names = {url: str(s["title"]) for url, s in open_store().feed_states().items()}
    sys.stdout.write(write_opml(subscriptions.load(), names=names))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from reader.feeds import FeedError, subscriptions, update_feeds
    from reader.feeds.manage import find_subscriptions

    store = open_store()
    try:
        subs = find_subscriptions(args.feeds, store) if args.feeds else subscriptions.load()
    except FeedError as exc:
        raise InputError(exc.reason) from None
    results: list[FeedResult] = []
    try:
        with _bar("Updating", not args.quiet and len(subs) > 1) as step:
            update_feeds(subs, store=store, progress=step, results=results)
    except KeyboardInterrupt:
        print(f"reader: stopped; {len(results)} of {len(subs)} feeds done", file=sys.stderr)
        return 130
    except (FeedError, OSError) as exc:
        raise InputError(str(exc)) from None
    if args.json:
        print_json({"feeds": [_result_json(r) for r in results]})
    else:
        for r in results:
            if r.status != "not modified" or args.verbose:
                print("\n".join(_result_line(r)))
        new = sum(len(r.new) for r in results)
        failed = sum(1 for r in results if not r.ok)
        print(f"{len(results)} feeds: {new} new items, {failed} failed")
    return 0


def _full_lines(r: FullResult) -> list[str]:
    lines = [f"{r.status}: {safe_line(r.path)}"]
    if r.status != "failed":
        lines.append(f"  {r.words_before} words before, the page has {r.words_after}")
    if r.reason:
        lines.append(f"  {safe_line(r.reason)}")
    if r.truncated:
        lines.append("  still an excerpt:")
        lines += [f"    - {safe_line(x)}" for x in r.reasons]
    return lines


def cmd_fetch(args: argparse.Namespace) -> int:
    from reader.feeds import fetch_full_pages

    store = open_store()
    files = [path_arg(f) for f in args.files]
    with _bar("Fetching", not args.quiet and len(files) > 1) as step:
        results = fetch_full_pages(files, store=store, progress=step)
    if args.json:
        print_json(
            {
                "results": [
                    {
                        "path": r.path,
                        "status": r.status,
                        "reason": r.reason or None,
                        "words_before": r.words_before,
                        "words_after": r.words_after,
                        "truncated": r.truncated,
                        "reasons": list(r.reasons),
                    }
                    for r in results
                ]
            }
        )
    else:
        for r in results:
            print("\n".join(_full_lines(r)))
    return 1 if any(not r.ok for r in results) else 0


def add_feed_commands(sub: Any) -> None:
    """The ``feed``, ``update`` and ``fetch`` subcommands."""
    feed = sub.add_parser("feed", help="subscribe to RSS, Atom and JSON feeds")
    fsub = feed.add_subparsers(dest="feed_command", metavar="ACTION")

    def feed_help(args: argparse.Namespace) -> int:
        feed.print_help()
        return 2

    feed.set_defaults(handler=feed_help)
    p = fsub.add_parser("add", help="subscribe to a feed (or the feed a page links)")
    p.add_argument("url", metavar="URL")
    p.add_argument("--title", help="your name for the feed")
    p.add_argument("--tag", "-t", action="append", metavar="TAG", help="tag its items")
    p.add_argument(
        "--full-pages",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fetch each new teaser item's page on update",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_feed_add)
    p = fsub.add_parser("list", help="the subscriptions, with item and unread counts")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_feed_list)
    p = fsub.add_parser("remove", help="unsubscribe (the items stay in the library)")
    p.add_argument("feed", metavar="URL|TITLE")
    p.set_defaults(handler=cmd_feed_remove)
    p = fsub.add_parser("import", help="subscribe to the feeds of an OPML or newsboat urls file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("opml", "newsboat"), help="default: guess")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_feed_import)
    p = fsub.add_parser("export", help="write the subscriptions as OPML to stdout")
    p.set_defaults(handler=cmd_feed_export)

    p = sub.add_parser("update", help="fetch every feed (or those named) and save new items")
    p.add_argument("feeds", nargs="*", metavar="URL|TITLE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--verbose", "-v", action="store_true", help="list unchanged feeds too")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(handler=cmd_update)

    p = sub.add_parser("fetch", help="fetch a feed item's full page and keep it if it holds more")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(handler=cmd_fetch)
