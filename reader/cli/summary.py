"""``reader summary`` and ``reader cache``: summarising one article and the summary cache."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.cli.common import (
    InputError,
    load,
    open_store,
    path_arg,
    print_json,
    shown,
    terminal_width,
)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    amount = size / 1024
    for unit in ("KB", "MB"):
        if amount < 1024:
            return f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{amount:.1f} GB"


def cmd_summary(args: argparse.Namespace) -> int:
    """Summarise one article (through the cache), optionally copying it to the clipboard."""
    from reader import clipboard, present
    from reader.summary import SummaryError, cached_summary

    article = load(args.file)
    store = open_store()
    try:
        summary = cached_summary(article, args.sentences, args.algorithm, store=store)
    except SummaryError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    copied = None
    if args.copy:
        copied = clipboard.copy(
            present.summary_text(article, summary), osc52=clipboard.terminal_writer()
        )
        print(f"reader: {shown(copied.message)}", file=sys.stderr)
    if args.json:
        data: dict[str, Any] = {
            "path": article.path,
            "title": article.title,
            "algorithm": summary.algorithm,
            "sentences": list(summary.sentences),
            "excerpt_only": summary.excerpt_only,
            "cached": summary.cached,
        }
        if copied is not None:
            data["copy"] = {"ok": copied.ok, "method": copied.method, "message": copied.message}
        print_json(data)
        return 0
    sys.stdout.write(present.summary_report(article, summary, terminal_width()))
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    """Show what the store holds, or clear its cached summaries."""
    store = open_store()
    if args.action == "clear":
        removed = store.clear()
        if args.json:
            path = str(store.path) if store.path is not None else None
            print_json({"cleared": removed, "path": path})
        else:
            print(f"Cleared {removed} cached summar{'y' if removed == 1 else 'ies'}.")
        return 0
    info = store.info()
    if args.json:
        print_json(info)
        return 0
    print(f"path     {shown(info['path'] or '(in memory: not caching)')}")
    print(f"entries  {info['entries']} cached summaries")
    print(f"indexed  {info['indexed']} files in the library index")
    print(f"size     {_human_size(info['size'])}")
    print(f"read     {info['read']} articles marked read")
    return 0


def add_summary_commands(sub: Any) -> None:
    """The ``summary`` and ``cache`` subcommands."""
    from reader.summary import ALGORITHMS, DEFAULT_ALGORITHM

    p = sub.add_parser("summary", help="summarise one article (cached)")
    p.add_argument("file", type=path_arg, metavar="FILE")
    p.add_argument(
        "-n",
        "--sentences",
        type=_positive,
        default=None,
        metavar="N",
        help="number of sentences (default: 3, fewer for short pieces)",
    )
    p.add_argument(
        "--algorithm",
        choices=ALGORITHMS,
        default=DEFAULT_ALGORITHM,
        metavar="NAME",
        help=f"one of {', '.join(ALGORITHMS)} (default: {DEFAULT_ALGORITHM})",
    )
    p.add_argument("--copy", action="store_true", help="copy the summary to the clipboard")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_summary)

    p = sub.add_parser("cache", help="show or clear the summary cache")
    p.add_argument("action", choices=("info", "clear"))
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_cache)
