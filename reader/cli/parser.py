"""The argument parser: one subparser group from each subcommand module."""

from __future__ import annotations

import argparse
from typing import NoReturn

from reader import __version__
from reader.cli.add import add_add_command
from reader.cli.entities import add_entities_command
from reader.cli.feed import add_feed_commands
from reader.cli.imports import add_import_command
from reader.cli.library import add_library_commands
from reader.cli.search import add_search_command
from reader.cli.summary import add_summary_commands
from reader.textutil import safe_line

SUBCOMMANDS = (
    "list",
    "show",
    "entities",
    "summary",
    "cache",
    "add",
    "import",
    "feed",
    "update",
    "fetch",
    "search",
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose error messages (which quote what was typed, e.g. a file name
    from a glob) are made safe to print."""

    def error(self, message: str) -> NoReturn:
        super().error(safe_line(message))


def build_parser() -> argparse.ArgumentParser:
    """The ``reader`` parser; each subcommand sets ``handler`` to the function that runs it."""
    parser = _Parser(
        prog="reader",
        description="A terminal reader for saved news articles. "
        "`reader [PATH ...]` opens the app; the subcommands script it.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_library_commands(sub)
    add_entities_command(sub)
    add_summary_commands(sub)
    add_add_command(sub)
    add_import_command(sub)
    add_feed_commands(sub)
    add_search_command(sub)
    return parser
