"""The user's settings: ``config.toml`` in ``platformdirs.user_config_dir("reader")``.

Only one setting so far: ``library = "~/Articles"``, the folder where ``reader add`` and
``reader import`` save pages and that ``reader`` opens with no path.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import platformdirs

CONFIG_NAME = "config.toml"
DEFAULT_LIBRARY_NAME = "Reader"
"""The default library is this folder in the user's documents folder (``~/Documents/Reader``)."""


def config_path() -> Path:
    """Where the settings file lives."""
    return Path(platformdirs.user_config_dir("reader")) / CONFIG_NAME


def load() -> dict[str, Any]:
    """The settings (empty when the file is missing or unreadable)."""
    try:
        return tomllib.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def configured_library() -> Path | None:
    """The library folder the settings name, if they name one."""
    folder = load().get("library")
    if isinstance(folder, str) and folder.strip():
        return Path(folder.strip()).expanduser().absolute()
    return None


def default_library() -> Path:
    """The library folder when the settings name none.

    Under the documents folder, not the data folder: saved pages are the user's own data, and
    the data folder (``user_data_dir``) holds only what can be rebuilt.
    """
    return Path(platformdirs.user_documents_dir()).absolute() / DEFAULT_LIBRARY_NAME


def library_folder() -> Path:
    """Where saved pages go: the configured folder, else :func:`default_library`."""
    return configured_library() or default_library()
