"""Opening the terminal app: ``reader [PATH ...]`` without a subcommand."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.cli.common import InputError, path_arg


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
    chosen = [path_arg(p) for p in paths] or [library_folder() or "."]
    missing = [p for p in chosen if not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    from reader.ui.app import ReaderApp  # imported here so the subcommands never load Textual

    ReaderApp(chosen).run()
    return 0
