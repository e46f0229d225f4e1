"""Core modules never load Textual or Rich: each is imported alone in a fresh interpreter."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import reader


def core_modules() -> list[str]:
    """Every module outside ``reader.ui`` (``__main__`` runs the program, so it is left out)."""
    names = ["reader"]
    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        if not info.name.startswith("reader.ui") and info.name != "reader.__main__":
            names.append(info.name)
    return names


def test_core_module_list_is_not_empty() -> None:
    assert {"reader.cli", "reader.library", "reader.pipeline"} <= set(core_modules())


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_load_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"


def test_the_ui_does_load_textual() -> None:
    """The check above can fail: the UI package really does pull Textual in."""
    code = "import sys, reader.ui.app\nprint('textual' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize(
    "start",
    [
        "from reader.cli.parser import build_parser; build_parser()",  # every CLI command
        "import reader.ui.app",  # the app, before its first paint
    ],
)
def test_start_up_does_not_load_the_summarizer_engine(start: str) -> None:
    """numpy, sumy and nltk take a third of a second to import: only a summary needs them."""
    code = (
        f"import sys; {start}\n"
        "print(','.join(sorted(m for m in ('numpy', 'sumy', 'nltk') if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def private_imports(root: Path) -> list[str]:
    """Every ``from reader.x import _name`` (or ``import reader.x._y``) under ``root`` that
    takes a private name from another module, as ``file:line name``."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reader"):
                names = [a.name for a in node.names]
                parts = (node.module or "").split(".")
            elif isinstance(node, ast.Import):
                names = []
                parts = [
                    p for a in node.names if a.name.startswith("reader.") for p in a.name.split(".")
                ]
            else:
                continue
            private = [n for n in [*parts, *names] if n.startswith("_") and not n.startswith("__")]
            found.extend(f"{path.relative_to(root.parent)}:{node.lineno} {n}" for n in private)
    return found


def test_no_module_imports_another_modules_private_names() -> None:
    """Modules meet through public names only: a leading underscore stays in its module."""
    assert private_imports(Path(reader.__file__).parent) == []


def test_the_private_import_check_can_fail(tmp_path: Path) -> None:
    package = tmp_path / "reader"
    package.mkdir()
    (package / "a.py").write_text("from reader.b import _secret, public\nimport reader._c\n")
    assert private_imports(package) == ["reader/a.py:1 _secret", "reader/a.py:2 _c"]


def test_the_module_map_names_every_module() -> None:
    """reader/__init__.py's docstring maps the package: a new module needs its line there."""
    import reader.summary

    doc = reader.__doc__ or ""
    listed = set(re.findall(r"[a-z_]+", doc))
    modules = {m.name for m in pkgutil.iter_modules(reader.__path__) if m.name != "__main__"}
    modules |= {m.name for m in pkgutil.iter_modules(reader.summary.__path__)}
    assert modules - listed == set()
