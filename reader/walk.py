"""Finding the files under the paths a user gave: one ``stat`` per file, in a stable order.

:func:`walk` yields each regular file as a :class:`Found` (the path as the caller will show it,
its absolute form for the library index, and the ``stat`` taken while walking, so a scan need
not ask again), or a :class:`~reader.entries.Skipped` with the reason. Hidden files and folders
are skipped; symlinked folders are followed once (no loops); a FIFO, socket or device is never
opened; a folder that cannot be read is a skip, not silently left out.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from reader.entries import Skipped
from reader.formats import special_file

__all__ = ["Found", "walk"]


class Found(NamedTuple):
    """A regular file found by :func:`walk`."""

    path: str
    """As ``str(Path(...))`` gives it: the form of the path the caller typed."""
    key: str
    """``os.path.abspath(path)``: how the library index names the file."""
    stat: os.stat_result
    """The file's ``stat`` (symlinks followed) when it was found."""


def _join(folder: str, name: str) -> str:
    """``str(Path(folder, name))`` for a normalised ``folder`` and a plain ``name`` (no
    separator, not ``.`` or ``..``), without building a Path."""
    if folder == ".":
        return name
    return folder + name if folder.endswith(os.sep) else folder + os.sep + name


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _cannot(path: str, exc: OSError) -> Skipped:
    return Skipped(path, f"cannot open: {exc.strerror or exc}")


def walk(paths: Iterable[str | Path]) -> Iterator[Found | Skipped]:
    """The files under ``paths``: each path named in turn; a folder's files in name order,
    each before its subfolders, which follow in name order (as ``os.walk`` visits them)."""
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        given = str(path)
        try:
            st = path.stat()
        except OSError as exc:
            yield _cannot(given, exc)
            continue
        if not stat.S_ISDIR(st.st_mode):
            reason = special_file(st.st_mode)
            key = os.path.abspath(given)  # noqa: PTH100 (no syscalls, unlike resolve())
            yield Found(given, key, st) if reason is None else Skipped(given, reason)
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        yield from _folder(os.fspath(path), seen_dirs)


def _folder(top: str, seen_dirs: set[tuple[int, int]]) -> Iterator[Found | Skipped]:
    """The files under the folder ``top`` (depth first, pre-order); ``seen_dirs`` holds the
    folders already visited, by device and inode."""
    stack: list[str] = [top]  # folders to visit, joined as os.walk joins them (for errors)
    while stack:
        root = stack.pop()
        shown = str(Path(root))  # normalised as a Path shows it: the files' paths start so
        key_root = os.path.abspath(shown)  # noqa: PTH100
        try:
            with os.scandir(root) as it:
                found = list(it)
        except OSError as exc:
            name = exc.filename if exc.filename is not None else root
            yield Skipped(os.fsdecode(name), f"cannot read folder: {exc.strerror or exc}")
            continue
        dirs: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in found:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # symlinks followed; no syscall unless one is
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry)
            else:
                files.append(entry)
        subfolders: list[str] = []
        dirs.sort(key=_name)
        for d in dirs:
            try:
                dst = d.stat()  # follows a symlink
            except OSError as exc:
                yield _cannot(_join(shown, d.name), exc)
                continue
            mark = (dst.st_dev, dst.st_ino)
            if mark not in seen_dirs:  # a symlink loop or a second route to the same folder
                seen_dirs.add(mark)
                subfolders.append(d.path)  # as os.walk joins it
        files.sort(key=_name)
        for entry in files:
            file = _join(shown, entry.name)
            try:
                st = entry.stat()  # follows a symlink; one syscall
            except OSError as exc:  # e.g. a dangling symlink
                yield _cannot(file, exc)
                continue
            reason = special_file(st.st_mode)
            if reason is None:
                yield Found(file, _join(key_root, entry.name), st)
            else:
                yield Skipped(file, reason)
        stack.extend(reversed(subfolders))
