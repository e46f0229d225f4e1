"""What the subcommands share: the input error, JSON output, text layout and the user's store.

Everything the CLI prints passes through here. Human output: every untrusted single-line
string (paths, titles, sources, reasons, messages) through :func:`shown`, i.e.
:func:`reader.textutil.safe_line`. JSON (:func:`print_json`): exact values, but every character
a terminal could act on or that is not valid UTF-8 written as a ``\\uXXXX`` escape, so the
output is valid UTF-8 JSON with no control byte in it; a file name that is not UTF-8 keeps its
bytes as ``\\udcff``-style escapes, which :func:`path_arg` accepts back on the command line.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from reader import textutil
from reader.formats import LoadError
from reader.library import Skipped
from reader.model import Article
from reader.pipeline import load_article
from reader.present import cells
from reader.store import Store


class InputError(Exception):
    """The input could not be processed: exit code 1."""


# Characters JSON may carry raw but a terminal would act on (DEL, C1, bidi overrides, the
# line/paragraph separators), and lone surrogates, which are not UTF-8 at all. They can only be
# inside JSON strings, where a \\uXXXX escape stands for the same character.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


LONG_LIST = 32
"""Items from which a list of :func:`json_text` is written one item a line by the C encoder."""


def json_text(data: dict[str, Any]) -> str:
    """``data`` as indented JSON, non-ASCII kept as is except the characters of
    :data:`_JSON_UNSAFE`, which are escaped (json escapes C0 controls itself).

    A long list under a key (``show``'s entities and paragraphs) has one item a line, each
    encoded by the C encoder: the indenting encoder is pure Python, and took 32 ms of
    ``reader show --json`` on a 50,000-word article (7,700 entities), against 9 ms. Lists of
    strings come out exactly as indented; a record is one line."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and len(value) >= LONG_LIST:
            rows = ",\n".join(f"    {_COMPACT.encode(item)}" for item in value)
            body = f"[\n{rows}\n  ]"
        else:  # strings escape their newlines: every "\n" here is between tokens
            body = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(f"  {_COMPACT.encode(key)}: {body}")
    text = "{\n" + ",\n".join(parts) + "\n}" if parts else "{}"
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(data: dict[str, Any]) -> None:
    """Write ``data`` to stdout as :func:`json_text` and a newline."""
    sys.stdout.write(json_text(data))
    sys.stdout.write("\n")


_COMPACT = json.JSONEncoder(ensure_ascii=False)
"""Encodes without indenting: the C encoder, several times quicker than an indenting one."""


def records_text(data: dict[str, list[dict[str, Any]]]) -> str:
    """``data``, lists of records under each key, as JSON with one record a line (quick for
    100,000 articles, and each line greppable), escaped as :func:`json_text` escapes."""
    parts = []
    for key, records in data.items():
        rows = ",\n".join(f"    {_COMPACT.encode(r)}" for r in records)
        parts.append(f"  {_COMPACT.encode(key)}: " + (f"[\n{rows}\n  ]" if rows else "[]"))
    text = "{\n" + ",\n".join(parts) + "\n}"
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_records(data: dict[str, list[dict[str, Any]]]) -> None:
    """Write ``data`` to stdout as :func:`records_text` and a newline."""
    sys.stdout.write(records_text(data))
    sys.stdout.write("\n")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage-collector passes while the block runs: a command that builds 100,000 list
    entries (none in a reference cycle) would otherwise walk them over and over, a fifth of
    its time. Reference counting still frees everything dropped."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def shown(text: str) -> str:
    """``text`` (a path, title, source, reason, message) safe to print on one line."""
    return textutil.safe_line(text)


def print_skipped(skipped: Iterable[Skipped]) -> None:
    """``skipped PATH: REASON`` on stderr for each file that was left out."""
    for s in skipped:
        print(f"skipped {shown(s.path)}: {shown(s.reason)}", file=sys.stderr)


def warn(message: str) -> None:
    """``reader: warning: <message>`` on stderr, made safe to print."""
    print(f"reader: warning: {shown(message)}", file=sys.stderr)


def path_arg(value: str) -> str:
    """A path given on the command line: as typed when it names something, else with
    ``\\udcff``-style escapes (how JSON output writes bytes that are not UTF-8) turned back
    into those bytes."""
    if os.path.lexists(value):
        return value
    return textutil.unescape_surrogates(value)


def load(path: str) -> Article:
    """The article at ``path``; :class:`InputError` naming the file when it cannot be loaded."""
    try:
        return load_article(path)
    except LoadError as exc:
        raise InputError(f"{path}: {exc}") from None


_STORES: list[Store] = []


def open_store() -> Store:
    """The user's store; a warning on stderr when it is not what was asked for, and any later
    one when the command ends (:func:`report_store`)."""
    store = Store.open()
    _STORES.append(store)
    report_store()
    return store


def report_store(done: bool = False) -> None:
    """Print the warnings of the stores opened so far that were not printed yet (each once);
    ``done``: the command is over, close and forget the stores."""
    for store in _STORES:
        for message in store.take_warnings():
            with contextlib.suppress(OSError, ValueError):  # stderr closed (a broken pipe)
                warn(message)
    if done:
        for store in _STORES:  # the command is over: close the files now, not at exit
            with contextlib.suppress(Exception):
                store.close()
        _STORES.clear()


def terminal_width() -> int:
    """The terminal's width in columns (100 when it cannot be told)."""
    return shutil.get_terminal_size((100, 24)).columns


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells."""
    return text + " " * max(0, width - cells(text))


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in an ellipsis when cut."""
    # An ASCII character takes one cell: count characters, which is quicker.
    return textutil.clip(text, width, len if text.isascii() else cells)
