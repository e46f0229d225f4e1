"""The command line: ``reader [PATH ...]`` opens the app; subcommands script the core.

Exit codes: 0 success, 1 the input could not be processed (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reader import __version__
from reader.entities import BACKENDS, BackendUnavailable, count_entities, find_entities
from reader.formats import LoadError
from reader.library import Entry, scan_all
from reader.model import Article, Entity
from reader.pipeline import load_article
from reader.store import Store

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad arguments: exit code 2."""


class InputError(Exception):
    """The input could not be processed: exit code 1."""


def _print_json(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _load(path: str) -> Article:
    try:
        return load_article(path)
    except LoadError as exc:
        raise InputError(f"{path}: {exc}") from None


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def cells(text: str) -> int:
    """Terminal cells taken by ``text`` (wide characters such as emoji take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


# --- list -------------------------------------------------------------------------------------


def paywall_mark(entry: Entry) -> str:
    return "🔒 excerpt" if entry.paywall.truncated else ""


def _open_store() -> Store:
    """The user's store; a warning on stderr when it is not what was asked for."""
    store = Store.open()
    if store.warning:
        print(f"reader: warning: {store.warning}", file=sys.stderr)
    return store


def cmd_list(args: argparse.Namespace) -> int:
    entries, skipped = scan_all(args.paths, store=None if args.no_index else _open_store())
    if args.json:
        _print_json(
            {
                "articles": [e.to_json() for e in entries],
                "skipped": [s.to_json() for s in skipped],
            }
        )
        return 0
    if not entries:
        print("No articles found.")
    else:
        source_w = min(24, max(len("SOURCE"), *(len(e.source) for e in entries)))
        header = f"{'PAYWALL':<10}  {'WORDS':>6}  {'SOURCE':<{source_w}}  TITLE"
        print(header)
        title_w = max(20, _width() - len(header) + len("TITLE"))
        for e in entries:
            print(
                f"{pad(paywall_mark(e), 10)}  {e.words:>6}  "
                f"{_clip(e.source, source_w):<{source_w}}  {_clip(e.title, title_w)}"
            )
    for s in skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    return 0


# --- show -------------------------------------------------------------------------------------


def _entities(text: str, backend: str, language: str | None = None) -> list[Entity]:
    try:
        return find_entities(text, backend, language)
    except BackendUnavailable as exc:
        raise InputError(f"--ner {backend}: {exc}") from None


def show_json(article: Article, ner: str = "rules") -> dict[str, Any]:
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
        "entities": [
            e.to_json() for e in _entities(article.body, ner, article.metadata.get("language"))
        ],
    }


def cmd_show(args: argparse.Namespace) -> int:
    article = _load(args.file)
    if args.json:
        _print_json(show_json(article, args.ner))
        return 0
    verdict = article.paywall
    print(article.title)
    print("=" * min(len(article.title), _width()))
    facts = [article.source, f"{article.words} words", article.format]
    if article.url:
        facts.append(article.url)
    print(" · ".join(f for f in facts if f))
    if verdict.truncated:
        print(f"🔒 Excerpt only: cut off by a paywall after {verdict.visible_words} words.")
        for reason in verdict.reasons:
            print(f"   - {reason}")
    print()
    color = sys.stdout.isatty()
    found = _entities(article.body, args.ner, article.metadata.get("language")) if color else []
    offset = 0
    for paragraph, kind in zip(article.paragraphs, article.kinds, strict=False):
        end = offset + len(paragraph)
        local = [
            Entity(e.text, e.label, e.start - offset, e.end - offset)
            for e in found
            if offset <= e.start and e.end <= end
        ]
        shown = mark_entities(paragraph, local, color)
        print(f"  • {shown}" if kind == "list_item" else shown)
        print()
        offset = end + 2
    if article.removed:
        n = len(article.removed)
        print(f"[{n} block{'s' if n != 1 else ''} removed by cleaning; `--json` lists them]")
    return 0


# --- entities ---------------------------------------------------------------------------------

_LABEL_STYLE = {
    "PERSON": "1;36",
    "NORP": "35",
    "FAC": "33",
    "ORG": "1;33",
    "GPE": "1;32",
    "LOC": "32",
    "DATE": "34",
    "MONEY": "31",
    "PERCENT": "31",
}


def mark_entities(text: str, entities: Sequence[Entity], color: bool) -> str:
    """``text`` with entities in bold/colour by label (ANSI) when ``color``, else unchanged."""
    if not color:
        return text
    out: list[str] = []
    pos = 0
    for e in entities:
        if e.start < pos or e.end > len(text):
            continue
        style = _LABEL_STYLE.get(e.label, "1")
        out.append(text[pos : e.start])
        out.append(f"\x1b[{style}m{text[e.start : e.end]}\x1b[0m")
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def cmd_entities(args: argparse.Namespace) -> int:
    entries, skipped = scan_all(args.paths)
    articles: list[dict[str, Any]] = []
    totals: dict[tuple[str, str], list[int]] = {}
    for entry in entries:
        try:
            article = load_article(entry.path)
        except LoadError as exc:
            print(f"skipped {entry.path}: {exc}", file=sys.stderr)
            continue
        counted = count_entities(
            _entities(article.body, args.ner, article.metadata.get("language"))
        )
        articles.append(
            {
                "path": article.path,
                "title": article.title,
                "entities": [{"text": t, "label": lab, "count": n} for t, lab, n in counted],
            }
        )
        for text, label, n in counted:
            slot = totals.setdefault((text, label), [0, 0])
            slot[0] += n
            slot[1] += 1
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    if args.json:
        _print_json(
            {
                "articles": articles,
                "totals": [
                    {"text": t, "label": lab, "count": c, "articles": a}
                    for (t, lab), (c, a) in ranked
                ],
            }
        )
    else:
        for art in articles:
            print(art["title"])
            for e in art["entities"]:
                print(f"  {e['count']:>4}  {e['label']:<8} {e['text']}")
            print()
        if len(articles) > 1:
            print(f"All {len(articles)} articles")
            for (t, lab), (c, a) in ranked:
                print(f"  {c:>4}  {lab:<8} {t}  ({a} articles)")
    for s in skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    return 0


# --- summary & cache --------------------------------------------------------------------------


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _human_size(size: int) -> str:
    amount = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f} {unit}" if unit == "B" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{size} B"


def cmd_summary(args: argparse.Namespace) -> int:
    from reader import clipboard
    from reader.summarize import SummaryError, cached_summary

    article = _load(args.file)
    store = _open_store()
    try:
        summary = cached_summary(article, args.sentences, args.algorithm, store=store)
    except SummaryError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    copied = None
    if args.copy:
        copied = clipboard.copy(
            clipboard.summary_text(article, summary), osc52=clipboard.terminal_writer()
        )
        print(f"reader: {copied.message}", file=sys.stderr)
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
        _print_json(data)
        return 0
    print(article.title)
    print("=" * min(cells(article.title), _width()))
    if summary.excerpt_only:
        print("🔒 Excerpt only — article cut off by a paywall.")
    print()
    for sentence in summary.sentences:
        print(f"  • {sentence}")
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    store = _open_store()
    if args.action == "clear":
        removed = store.clear()
        if args.json:
            _print_json({"cleared": removed, "path": store.info()["path"]})
        else:
            print(f"Cleared {removed} cached summar{'y' if removed == 1 else 'ies'}.")
        return 0
    info = store.info()
    if args.json:
        _print_json(info)
        return 0
    print(f"path     {info['path'] or '(in memory: not caching)'}")
    print(f"entries  {info['entries']} cached summaries")
    print(f"indexed  {info['indexed']} files in the library index")
    print(f"size     {_human_size(info['size'])}")
    print(f"read     {info['read']} articles marked read")
    return 0


def add_summary_commands(sub: Any) -> None:
    """The `summary` and `cache` subcommands."""
    from reader.summarize import ALGORITHMS, DEFAULT_ALGORITHM

    p = sub.add_parser("summary", help="summarise one article (cached)")
    p.add_argument("file", metavar="FILE")
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


# --- parser -----------------------------------------------------------------------------------


def _ner_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ner",
        choices=BACKENDS,
        default="rules",
        help="entity recognizer: built-in rules (default) or an installed spaCy model",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal reader for saved news articles. "
        "`reader [PATH ...]` opens the app; the subcommands script it.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", help="list articles with their paywall verdicts")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--no-index", action="store_true", help="read every file, ignoring the library index"
    )
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="show one article's clean text and verdict")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _ner_option(p)
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("entities", help="people, places, organisations and dates per article")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR", help="files or folders (recursive)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _ner_option(p)
    p.set_defaults(handler=cmd_entities)
    add_summary_commands(sub)
    return parser


SUBCOMMANDS = ("list", "show", "entities", "summary", "cache")


def library_folder() -> str | None:
    """The configured library folder: ``library = "..."`` in the user's ``config.toml``."""
    import tomllib

    from platformdirs import user_config_dir

    config = Path(user_config_dir("reader")) / "config.toml"
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    folder = data.get("library")
    return str(Path(folder).expanduser()) if isinstance(folder, str) and folder else None


def open_app(paths: Sequence[str]) -> int:
    """Open the terminal reader on ``paths`` (no path: the configured library, else ``.``)."""
    chosen = list(paths) or [library_folder() or "."]
    missing = [p for p in chosen if not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    from reader.ui.app import ReaderApp  # imported here so the subcommands never load Textual

    ReaderApp(chosen).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        if args_list and not args_list[0].startswith("-") and args_list[0] not in SUBCOMMANDS:
            return open_app(args_list)
        if not args_list:
            return open_app([])
        args = parser.parse_args(args_list)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        handler: Handler = args.handler
        return handler(args)
    except InputError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
