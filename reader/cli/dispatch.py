"""``main``: run a subcommand or open the app, and turn errors into exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from reader.cli.common import InputError, report_store, shown
from reader.cli.launch import open_app
from reader.cli.parser import SUBCOMMANDS, build_parser

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``reader`` with ``argv`` (default: the process's arguments); the exit code."""
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
        print(f"reader: {shown(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        report_store(done=True)
