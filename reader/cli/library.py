"""``reader list`` and ``reader show``: the library table and one article's clean text."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader import filters, present
from reader.cli.common import (
    clip,
    collector_paused,
    load,
    open_store,
    pad,
    path_arg,
    print_json,
    print_records,
    print_skipped,
    shown,
    terminal_width,
)
from reader.cli.entities import add_ner_option, mark_entities, recognize
from reader.cli.filters import add_filter_options, spec_from_args
from reader.cli.progress import reading_bar
from reader.library import LOCK, Entry, scan_all, with_tags
from reader.model import Article
from reader.present import cells


def paywall_mark(entry: Entry) -> str:
    """The PAYWALL column of ``reader list``: a lock for excerpts, blank for complete pieces."""
    return LOCK if entry.paywall.truncated else ""


def _titled(entry: Entry, width: int) -> str:
    """The TITLE column: the title clipped to leave room for the entry's tags as ``#tag``."""
    tags = " ".join(f"#{shown(t)}" for t in entry.tags)
    if not tags:
        return clip(shown(entry.title), width)
    tags = clip(tags, max(12, width // 3))
    return f"{clip(shown(entry.title), max(20, width - cells(tags) - 2))}  {tags}"


def cmd_list(args: argparse.Namespace) -> int:
    """List the articles under ``args.paths`` with their paywall verdicts."""
    with collector_paused():
        return _list(args)


def _list(args: argparse.Namespace) -> int:
    store = open_store()
    with reading_bar(not args.quiet) as progress:
        entries, skipped = scan_all(
            args.paths, store=None if args.no_index else store, progress=progress
        )
    entries = filters.apply(spec_from_args(args), with_tags(entries, store), store)
    if args.json:
        print_records(
            {
                "articles": [e.to_json() for e in entries],
                "skipped": [s.to_json() for s in skipped],
            }
        )
        return 0
    if not entries:
        print("No articles found.")
    else:
        # Widths are terminal cells: wide characters (CJK, emoji) take two.
        sources = {s: shown(s) for s in {e.source for e in entries}}  # few, each often listed
        source_w = min(24, max(cells("SOURCE"), *(cells(s) for s in sources.values())))
        header = f"{pad('PAYWALL', 10)}  {'WORDS':>6}  {pad('SOURCE', source_w)}  TITLE"
        title_w = max(20, terminal_width() - cells(header) + cells("TITLE"))
        lines = [header]
        for e in entries:
            lines.append(
                f"{pad(paywall_mark(e), 10)}  {e.words:>6}  "
                f"{pad(clip(sources[e.source], source_w), source_w)}  {_titled(e, title_w)}"
            )
        sys.stdout.write("\n".join(lines) + "\n")
    print_skipped(skipped)
    return 0


def show_json(article: Article, ner: str = "rules") -> dict[str, Any]:
    """The ``reader show --json`` object for ``article``, entities found by ``ner``."""
    return {
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "paragraphs": list(article.paragraphs),
        "body": article.body,
        "removed": list(article.removed),
        "paywall": article.paywall.to_json(),
        "entities": [e.to_json() for e in recognize(article, ner)],
    }


def cmd_show(args: argparse.Namespace) -> int:
    """Print one article's clean text and paywall verdict (entities coloured on a terminal)."""
    article = load(args.file)
    if args.json:
        print_json(show_json(article, args.ner))
        return 0
    title = present.title_line(article)
    print(title)
    print("=" * min(cells(title), terminal_width()))
    print(present.facts_line(article))
    verdict, *reasons = present.excerpt_verdict(article) or [""]
    if verdict:
        print(f"🔒 {verdict}")
        for reason in reasons:
            print(f"   - {reason}")
    print()
    color = sys.stdout.isatty()
    found = recognize(article, args.ner) if color else []
    by_paragraph = present.paragraph_entities(article, found)
    for index, (paragraph, kind) in enumerate(zip(article.paragraphs, article.kinds, strict=False)):
        shown = mark_entities(paragraph, by_paragraph.get(index, []), color)
        print(f"  • {shown}" if kind == "list_item" else shown)
        print()
    if article.removed:
        n = len(article.removed)
        print(f"[{n} block{'s' if n != 1 else ''} removed by cleaning; `--json` lists them]")
    return 0


def add_library_commands(sub: Any) -> None:
    """The ``list`` and ``show`` subcommands."""
    p = sub.add_parser("list", help="list articles with their paywall verdicts")
    p.add_argument(
        "paths", nargs="+", type=path_arg, metavar="PATH", help="files or folders (recursive)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--no-index", action="store_true", help="read every file, ignoring the library index"
    )
    p.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar while files are read"
    )
    add_filter_options(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="show one article's clean text and verdict")
    p.add_argument("file", type=path_arg, metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_ner_option(p)
    p.set_defaults(handler=cmd_show)
