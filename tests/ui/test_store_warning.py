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


async def test_a_damaged_store_is_set_aside_and_the_user_told(
    library: Path, tmp_path: Path
) -> None:
    import json

    from reader.store import Store

    db = tmp_path / "reader.sqlite3"
    store = Store.open(db)
    rows = [(f"/x/{i}.txt", i, i, json.dumps({"pad": "y" * 200})) for i in range(2000)]
    store.index_put("fp", rows)
    store.close()
    data = bytearray(db.read_bytes())
    data[5 * 4096 : 6 * 4096] = b"\xab" * 4096  # one page past the header: the header is fine
    db.write_bytes(bytes(data))

    app = ReaderApp([library], store_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_titled(app, pilot, "Alpha")
        await settle(pilot)
        told = [n for n in app._notifications if "damaged" in n.message]
        assert len(told) == 1 and told[0].severity == "warning"
    assert [p for p in tmp_path.iterdir() if ".corrupt-" in p.name], "the bad file is kept"
