"""The project's own source files that a module depends on, found by following its imports.

The library index stores each file's entry with a fingerprint of the code that made it
(:func:`reader.library.fingerprint`). Listing the modules by hand goes stale the day one is
renamed or split; following the imports cannot: any module the pipeline reaches, and any data
file in a package it reaches (phrase lists), is part of the fingerprint.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["digest", "imported_modules", "module_file", "source_files"]


def module_file(name: str, root: Path) -> Path | None:
    """The source file of module ``name`` (``reader.x.y``) under ``root`` (the folder holding
    the ``reader`` package), or None when there is none."""
    base = root.joinpath(*name.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n]*)", re.M)
_COMMENT = re.compile(r"#[^\n]*")


def _names(clause: str) -> list[str]:
    """``a as b, c`` (or a parenthesised list over lines, with comments) -> ``[a, c]``."""
    clause = _COMMENT.sub("", clause).strip("()\n\t ")
    return [part.split()[0] for part in clause.replace("\n", " ").split(",") if part.split()]


def _imports(path: Path, name: str, package: str) -> set[str]:
    """Modules of ``package`` that the source at ``path`` (module ``name``) imports, anywhere
    in it (imports inside functions too), and the packages above each of them.

    A line scan rather than a parse (ten times quicker, and every CLI call that reads the
    index pays it); a line in a string that looks like an import can only add a module.
    """
    text = path.read_text("utf-8", "replace")
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for match in _IMPORT.finditer(text):
        found.update(_names(match.group(1)))
    for match in _FROM.finditer(text):
        module = match.group(1)
        level = len(module) - len(module.lstrip("."))
        if level:  # relative: from . import x, from .y import z
            parts = name.split(".")
            parts = parts[: len(parts) - level + int(is_package)]
            module = ".".join([*parts, module[level:]] if module[level:] else parts)
        found.add(module)
        found.update(f"{module}.{n}" for n in _names(match.group(2)))  # maybe submodules
    ours = {m for m in found if m == package or m.startswith(package + ".")}
    return {".".join(m.split(".")[: k + 1]) for m in ours for k in range(m.count(".") + 1)}


def imported_modules(entries: Iterable[str], root: Path) -> dict[str, Path]:
    """Every module of the entries' top package reachable from ``entries`` through imports,
    with its source file (names that are not modules, e.g. a function, are dropped)."""
    todo = list(entries)
    seen: dict[str, Path] = {}
    not_modules: set[str] = set()  # names looked up once: most are imported by many modules
    while todo:
        name = todo.pop()
        if name in seen or name in not_modules:
            continue
        path = module_file(name, root)
        if path is None:
            not_modules.add(name)
            continue
        seen[name] = path
        todo.extend(_imports(path, name, name.split(".")[0]) - seen.keys() - not_modules)
    return seen


def source_files(entries: Iterable[str], root: Path) -> list[Path]:
    """The sources of :func:`imported_modules` and the data files (any non-Python file) that
    sit directly in a package among them, sorted."""
    files: set[Path] = set()
    for path in imported_modules(entries, root).values():
        files.add(path)
        if path.name == "__init__.py":
            files.update(
                p for p in path.parent.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")
            )
    return sorted(files)


def digest(entries: Iterable[str], root: Path, salt: str = "") -> str:
    """sha256 (hex) of ``salt`` and every file of :func:`source_files`, each by its path
    relative to ``root`` and its bytes: a change, rename, split or new import changes it."""
    hasher = hashlib.sha256(salt.encode())
    for path in source_files(entries, root):
        hasher.update(path.relative_to(root).as_posix().encode() + b"\x00")
        hasher.update(path.read_bytes() + b"\x00")
    return hasher.hexdigest()
