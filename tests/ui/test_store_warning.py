"""A store problem is told once, however often the app looks at the store."""

from __future__ import annotations

from pathlib import Path

from reader.ui.app import ReaderApp

from .conftest import open_titled, settle


async def test_a_store_warning_is_shown_once(library: Path, tmp_path: Path) -> None:
    bad = tmp_path / "file-not-dir"
    bad.write_text("x")
    app = ReaderApp([library], store_path=bad / "reader.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_titled(app, pilot, "Alpha")  # a summary made: the store is looked at again
        await open_titled(app, pilot, "Beta")
        await pilot.press("R")  # and again when the scan ends
        await settle(pilot)
        told = [n for n in app._notifications if "not caching" in n.message]
        assert len(told) == 1
        assert told[0].severity == "warning"
