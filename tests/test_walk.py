"""Finding the files under the paths given: order, names, skips, and the stat kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.entries import Skipped
from reader.walk import Found, walk


def tree(root: Path) -> None:
    for rel in ["b.txt", "a.md", "z/2.txt", "z/1.txt", "m/x.html", "m/deep/y.txt", ".h/no.txt"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{rel}\n\nwords\n")
    (root / ".hidden.txt").write_text("no\n")


def test_a_folders_files_come_by_name_before_its_subfolders(tmp_path: Path) -> None:
    tree(tmp_path)
    (tmp_path / "m" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = list(walk([tmp_path]))
    assert [Path(f.path).relative_to(tmp_path).as_posix() for f in found] == [
        "a.md",
        "b.txt",
        "m/x.html",
        "m/deep/y.txt",
        "z/1.txt",
        "z/2.txt",
    ]  # hidden ones left out; the loop back to the top is not followed


def test_each_file_carries_its_index_key_and_stat(tmp_path: Path) -> None:
    tree(tmp_path)
    for f in walk([tmp_path]):
        assert isinstance(f, Found)
        st = os.stat(f.path)  # noqa: PTH116
        assert f.key == os.path.abspath(f.path)  # noqa: PTH100
        assert (f.stat.st_size, f.stat.st_mtime_ns) == (st.st_size, st.st_mtime_ns)


@pytest.mark.parametrize("given", [".", "./", "lib/..", "lib/../."])
def test_paths_are_shown_as_the_folder_was_typed_normalised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.txt").write_text("A\n\nwords\n")
    monkeypatch.chdir(tmp_path)
    paths = [f.path for f in walk([given]) if isinstance(f, Found)]
    assert paths == [str(Path(given, "lib", "a.txt"))]
    assert [f.key for f in walk([given]) if isinstance(f, Found)] == [
        str(tmp_path / "lib" / "a.txt")
    ]


def test_bad_entries_are_skips_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text("Fine\n\nwords\n")
    out = list(walk([tmp_path, tmp_path / "absent"]))
    assert isinstance(out[0], Skipped) and out[0].reason.startswith("cannot open")
    assert isinstance(out[1], Found) and out[1].path.endswith("ok.txt")
    assert isinstance(out[2], Skipped) and "FIFO" in out[2].reason
    assert isinstance(out[3], Skipped) and out[3].path == str(tmp_path / "absent")
