"""``reader import FILE``: bring in an export from Pocket, Instapaper, wallabag, Omnivore or
a browser's bookmarks, fetching the entries that came without their content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.add import progress_bar
from reader.cli.common import InputError, open_store, print_json
from reader.imports import FORMATS
from reader.textutil import safe_line


def _summary(report: Any) -> list[str]:
    counts = report.counts
    total = sum(counts.values())
    saved = counts.get("saved", 0)
    lines = [
        f"{report.format} export: {total} entries",
        f"  saved {saved} ({report.already} of them saved before), "
        f"failed {counts.get('failed', 0)}, duplicates {counts.get('duplicate', 0)}, "
        f"still queued {counts.get('pending', 0)}",
    ]
    if report.failed:
        lines.append("failed:")
        for f in report.failed:
            lines.append(f"  {safe_line(f['url']) or '(no URL)'}: {safe_line(f['reason'])}")
    if report.skipped:
        lines.append("left out:")
        for s in report.skipped:
            lines.append(f"  {safe_line(s['url'])}: {safe_line(s['reason'])}")
    return lines


def _json(report: Any) -> dict[str, Any]:
    return {
        "articles": [e.to_json() for e in report.articles],
        "failed": [{"url": f["url"], "reason": f["reason"]} for f in report.failed],
        "queued": report.queued,
        "skipped": report.skipped,
        "format": report.format,
        "counts": report.counts,
    }


def cmd_import(args: argparse.Namespace) -> int:
    """Import one export file; exit 0 even when some entries failed (they are listed)."""
    from reader.imports import ImportFormatError
    from reader.imports.run import import_file, report

    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"no such file: {args.file}")
    store = open_store()
    try:
        with progress_bar("Fetching", not args.quiet) as update:
            result = import_file(
                path,
                fmt=args.format,
                tags=args.tag or (),
                store=store,
                fetch=not args.no_fetch,
                retry_failed=args.retry_failed,
                progress=update,
                entries=args.json,
            )
    except ImportFormatError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    except OSError as exc:
        raise InputError(f"cannot use the library folder: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        print(
            "reader: stopped; what was saved is kept. Run the same command again to continue.",
            file=sys.stderr,
        )
        from reader.imports.run import job_id

        job = job_id(path)
        known = store.import_job(job)
        state = report(store, job, known["format"] if known else args.format or "")
        print("\n".join(_summary(state)), file=sys.stderr)
        return 130
    if args.json:
        print_json(_json(result))
    else:
        print("\n".join(_summary(result)))
    return 0


def add_import_command(sub: Any) -> None:
    """The ``import`` subcommand."""
    p = sub.add_parser(
        "import",
        help="import a Pocket, Instapaper, wallabag, Omnivore or bookmarks export",
        description="Import an export into the library. Entries without content are queued "
        "in the store and fetched; run the same command again to continue an import that "
        "stopped.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=FORMATS, help="the export's format (default: guess)")
    p.add_argument("--tag", "-t", action="append", metavar="TAG", help="also tag every entry")
    p.add_argument("--retry-failed", action="store_true", help="try the failed entries again")
    p.add_argument("--no-fetch", action="store_true", help="only queue; fetch on a later run")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(handler=cmd_import)
