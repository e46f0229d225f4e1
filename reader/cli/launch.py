"""Opening the terminal app: ``reader [PATH ...]`` without a subcommand."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.cli.common import InputError, path_arg


def library_folder() -> str | None:
    """The library to open with no path: the configured folder, else the default library
    when it exists (``reader add`` made it)."""
    from reader import config

    configured = config.configured_library()
    if configured is not None:
        return str(configured)
    default = config.default_library()
    return str(default) if default.is_dir() else None


def open_app(paths: Sequence[str]) -> int:
    """Open the terminal reader on ``paths`` (no path: the configured library, else ``.``)."""
    chosen = [path_arg(p) for p in paths] or [library_folder() or "."]
    missing = [p for p in chosen if not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    from reader.ui.app import ReaderApp  # imported here so the subcommands never load Textual

    ReaderApp(chosen).run()
    return 0
