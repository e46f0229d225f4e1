"""The filter options ``reader list`` and ``reader search`` share, and the spec they build."""

from __future__ import annotations

import argparse
from typing import Any

from reader.filters import FilterSpec, parse_date


def _date(value: str) -> Any:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_filter_options(p: argparse.ArgumentParser) -> None:
    """``--unread --excerpt-only --tag T --source S --mentions NAME --since DATE``."""
    g = p.add_argument_group("filters (all given must hold)")
    g.add_argument("--unread", action="store_true", help="only pieces not marked read")
    g.add_argument("--excerpt-only", action="store_true", help="only pieces cut off by a paywall")
    g.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="with this tag (repeatable: all)"
    )
    g.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="SOURCE",
        help="from a source whose name contains this (repeatable: any)",
    )
    g.add_argument(
        "--mentions",
        action="append",
        default=[],
        metavar="NAME",
        help="whose title or text mentions this name or phrase (repeatable: all)",
    )
    g.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="dated this day or later (YYYY-MM-DD, YYYY-MM, YYYY, or 7d, 2w, 3m)",
    )


def spec_from_args(args: argparse.Namespace) -> FilterSpec:
    """The :class:`FilterSpec` the options describe."""
    return FilterSpec(
        unread=args.unread,
        excerpt_only=args.excerpt_only,
        tags=tuple(args.tag),
        sources=tuple(args.source),
        mentions=tuple(args.mentions),
        since=args.since,
    )
