"""``reader search QUERY [PATH...]``: full-text search of the library, best match first."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from reader import filters
from reader.cli.common import open_store, path_arg, print_json, print_skipped, shown
from reader.cli.filters import add_filter_options, spec_from_args
from reader.cli.launch import library_folder
from reader.library import scan_all, with_tags
from reader.search import Hit, parse_query, search
from reader.textutil import safe_line

OPEN_QUOTE, CLOSE_QUOTE = "«", "»"
"""How a match is marked when the output is not a terminal (no markup, nothing to parse)."""
BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


def marked(text: str, spans: tuple[tuple[int, int], ...], tty: bool) -> str:
    """``text`` made safe for one line (each piece through ``safe_line``) with the matches at
    ``spans`` in bold on a terminal, else between « and »."""
    start, end = (BOLD, PLAIN) if tty else (OPEN_QUOTE, CLOSE_QUOTE)
    out: list[str] = []
    pos = 0

    def piece(s: str) -> str:
        # safe_line trims; keep the single spaces at the edges that join the pieces.
        core = safe_line(s)
        if not core:
            return " " if s[:1].isspace() else ""
        return (" " if s[:1].isspace() else "") + core + (" " if s[-1:].isspace() else "")

    joined: list[tuple[int, int]] = []
    for s, e in spans:  # "port avery" as one mark, not two
        if joined and s >= joined[-1][1] and not text[joined[-1][1] : s].strip():
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    for s, e in joined:
        if s < pos or e > len(text):
            continue
        out.append(piece(text[pos:s]))
        out.append(start + safe_line(text[s:e]) + end)
        pos = e
    out.append(piece(text[pos:]))
    return "".join(out).strip()


def _print_hits(hits: list[Hit]) -> None:
    tty = sys.stdout.isatty()
    if not hits:
        print("No matches.")
        return
    for n, h in enumerate(hits, 1):
        title = marked(h.title, h.title_spans, tty)
        source = f" — {shown(h.source)}" if h.source else ""
        print(f"{n:>3}. {title}{source}")
        print(f"     {shown(h.path)}  (score {h.score:.2f})")
        if h.snippet:
            print(f"     {marked(h.snippet, h.spans, tty)}")
        print()


def cmd_search(args: argparse.Namespace) -> int:
    """Bring the index up to date for the paths, then print the best matches of the query."""
    query = parse_query(args.query)
    paths = args.paths or [library_folder() or "."]
    store = open_store()
    entries, skipped = scan_all(paths, store=store)
    spec = spec_from_args(args)
    if spec:
        entries = filters.apply(spec, with_tags(entries, store), store)
    within = {os.path.abspath(e.path): e.path for e in entries}  # noqa: PTH100
    hits = search(store, query, within=within, limit=args.limit) if query else []
    if args.json:
        out: dict[str, Any] = {"results": [h.to_json() for h in hits]}
        print_json(out)
    else:
        if not query:
            print("Nothing to search for: the query has no words.", file=sys.stderr)
        _print_hits(hits)
    if args.verbose:
        print_skipped(skipped)
    return 0


def add_search_command(sub: Any) -> None:
    """The ``search`` subcommand."""
    p = sub.add_parser(
        "search",
        help='full-text search: words, "phrases", prefix*',
        description='Find articles by their text. Words must all match; "quoted words" match '
        "as a phrase; word* matches words it begins. Every other character is plain text.",
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument(
        "paths",
        nargs="*",
        type=path_arg,
        metavar="PATH",
        help="files or folders to search (default: the library folder, else the current one)",
    )
    p.add_argument("-n", "--limit", type=int, default=20, help="at most this many (default 20)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("-v", "--verbose", action="store_true", help="also list the files skipped")
    add_filter_options(p)
    p.set_defaults(handler=cmd_search)
