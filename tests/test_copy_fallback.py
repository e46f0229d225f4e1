"""The copy chain: a clipboard tool, else OSC 52, else an export so that nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.clipboard import copy_or_export


@pytest.fixture
def no_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("TMUX", raising=False)


def test_osc52_taking_the_text_needs_no_export(no_tools: None) -> None:
    sent: list[str] = []
    exported: list[int] = []
    result, where = copy_or_export("text", osc52=sent.append, export=lambda: exported.append(1))
    assert result.ok and result.method == "osc52" and len(sent) == 1
    assert where is None and exported == []


def test_nothing_working_exports_and_says_where(no_tools: None, tmp_path: Path) -> None:
    def broken(sequence: str) -> None:
        raise OSError("terminal gone")

    target = tmp_path / "saved.md"

    def export() -> Path:
        target.write_text("text", "utf-8")
        return target

    result, where = copy_or_export("text", osc52=broken, export=export)
    assert not result.ok and "terminal gone" in result.message
    assert where == str(target) and target.read_text("utf-8") == "text"


def test_a_failing_export_is_reported_as_none(no_tools: None) -> None:
    def export() -> Path:
        raise OSError("disk full")

    result, where = copy_or_export("text", export=export)
    assert not result.ok and where is None
