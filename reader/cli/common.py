"""What the subcommands share: the input error, JSON output, text layout and the user's store."""

from __future__ import annotations

import json
import shutil
import sys
from typing import Any

from reader import textutil
from reader.formats import LoadError
from reader.model import Article
from reader.pipeline import load_article
from reader.present import cells
from reader.store import Store


class InputError(Exception):
    """The input could not be processed: exit code 1."""


def print_json(data: dict[str, Any]) -> None:
    """Write ``data`` to stdout as indented JSON (non-ASCII kept as is) and a newline."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def load(path: str) -> Article:
    """The article at ``path``; :class:`InputError` naming the file when it cannot be loaded."""
    try:
        return load_article(path)
    except LoadError as exc:
        raise InputError(f"{path}: {exc}") from None


def open_store() -> Store:
    """The user's store; a warning on stderr when it is not what was asked for."""
    store = Store.open()
    if store.warning:
        print(f"reader: warning: {store.warning}", file=sys.stderr)
    return store


def terminal_width() -> int:
    """The terminal's width in columns (100 when it cannot be told)."""
    return shutil.get_terminal_size((100, 24)).columns


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells."""
    return text + " " * max(0, width - cells(text))


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in an ellipsis when cut."""
    return textutil.clip(text, width, cells)
