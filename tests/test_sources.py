"""The library index's fingerprint follows the code: every module the pipeline loads is in it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reader
from reader.sources import digest, source_files

PACKAGE = Path(reader.__file__).resolve().parent
ROOT = PACKAGE.parent


def loaded_by_the_pipeline(samples: Path) -> list[str]:
    """Files of the reader modules a fresh interpreter has loaded after scanning every sample
    (every format, so the loaders imported on first use are in)."""
    code = (
        "import json, sys\n"
        "from reader.library import scan\n"
        f"list(scan([{str(samples)!r}], store=None, workers=1))\n"
        "print(json.dumps(sorted(m.__file__ for n, m in list(sys.modules.items())\n"
        "    if n.split('.')[0] == 'reader' and getattr(m, '__file__', None))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return [str(Path(f).resolve()) for f in json.loads(result.stdout)]


def test_every_module_the_pipeline_loads_is_in_the_fingerprint(samples: Path) -> None:
    loaded = loaded_by_the_pipeline(samples)
    assert any(f.endswith("html.py") for f in loaded), "the samples exercise the HTML loader"
    covered = {str(p) for p in source_files(["reader.library"], ROOT)}
    assert set(loaded) <= covered


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the reader package to edit (the folder holding it is returned)."""
    shutil.copytree(PACKAGE, tmp_path / "reader", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_changing_any_stage_module_or_phrase_list_changes_the_fingerprint(
    package_copy: Path, samples: Path
) -> None:
    before = digest(["reader.library"], package_copy)
    stage_files = [Path(f).relative_to(PACKAGE) for f in loaded_by_the_pipeline(samples)]
    stage_files += [p.relative_to(PACKAGE) for p in (PACKAGE / "phrases").glob("*.toml")]
    assert {Path("clean.py"), Path("paywall.py"), Path("formats/text.py")} <= set(stage_files)
    for relative in stage_files:
        target = package_copy / "reader" / relative
        original = target.read_bytes()
        target.write_bytes(original + b"\n# edited\n")
        assert digest(["reader.library"], package_copy) != before, relative
        target.write_bytes(original)
    assert digest(["reader.library"], package_copy) == before


def test_a_split_module_is_followed(package_copy: Path) -> None:
    """clean.py split in two: the new module's edits count, with no list to update."""
    before = digest(["reader.library"], package_copy)
    folder = package_copy / "reader"
    (folder / "clean_rules.py").write_text("LIMIT = 3\n")
    clean = folder / "clean.py"
    clean.write_text(
        clean.read_text().replace("import re\n", "import re\n\nfrom reader import clean_rules\n", 1)
    )
    split = digest(["reader.library"], package_copy)
    assert split != before
    (folder / "clean_rules.py").write_text("LIMIT = 4\n")
    assert digest(["reader.library"], package_copy) != split


def test_modules_the_pipeline_does_not_import_are_left_out(package_copy: Path) -> None:
    before = digest(["reader.library"], package_copy)
    for relative in ("ui/app.py", "cli/dispatch.py", "summary/news.py"):
        target = package_copy / "reader" / relative
        target.write_text(target.read_text() + "\n# edited\n")
    assert digest(["reader.library"], package_copy) == before
