"""The SQLite store: cache and reading state survive, bad files and dirs never break us."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.store import SCHEMA_VERSION, Store, default_path


def test_default_path_is_in_the_user_data_dir(isolated_dirs: Path) -> None:
    path = default_path()
    assert path.is_relative_to(isolated_dirs / "data")
    store = Store.open()
    store.put_summary("k", {"sentences": ["a"]})
    assert path.exists()
    assert store.warning is None


def test_summary_round_trip_persists_across_opens(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    store = Store.open(db)
    assert store.get_summary("k") is None
    store.put_summary("k", {"sentences": ["One.", "Two."], "algorithm": "news"})
    store.close()
    again = Store.open(db)
    assert again.get_summary("k") == {"sentences": ["One.", "Two."], "algorithm": "news"}
    again.put_summary("k", {"sentences": ["Three."]})
    assert again.get_summary("k") == {"sentences": ["Three."]}


def test_wal_mode_and_busy_timeout(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "r.sqlite3")
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_reading_state(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    store = Store.open(db)
    assert not store.is_read("/a.txt")
    store.set_read("/a.txt", True)
    store.set_read("/b.txt", True)
    store.set_read("/b.txt", False)
    store.close()
    again = Store.open(db)
    assert again.is_read("/a.txt")
    assert not again.is_read("/b.txt")
    assert again.read_paths() == {"/a.txt"}


def test_info_and_clear(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    store = Store.open(db)
    for i in range(5):
        store.put_summary(f"k{i}", {"sentences": ["x" * 100]})
    store.set_read("/a.txt", True)
    info = store.info()
    assert info["path"] == str(db)
    assert info["entries"] == 5
    assert info["size"] > 0
    assert store.clear() == 5
    assert store.info()["entries"] == 0
    assert store.get_summary("k0") is None
    assert store.is_read("/a.txt"), "clearing the cache keeps reading state"


def test_garbage_file_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "reader.sqlite3"
    garbage = b"this is not a database\x00\xff" * 500
    db.write_bytes(garbage)
    store = Store.open(db)
    assert store.warning is not None
    assert "moved" in store.warning
    assert store.path == db
    store.put_summary("k", {"ok": True})
    assert store.get_summary("k") == {"ok": True}
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1
    assert aside[0].read_bytes() == garbage, "the user's bad file is kept, not deleted"


def test_a_database_held_by_another_process_is_never_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.store.dbfile as store_module

    db = tmp_path / "reader.sqlite3"
    first = Store.open(db)
    first.put_summary("theirs", {"sentences": ["Kept."]})
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    try:
        second = Store.open(db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert second.path is None and second.warning is not None, "no cache this time"
    assert "locked" in second.warning
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert Store.open(db).get_summary("theirs") == {"sentences": ["Kept."]}
    first.close()


def test_unusable_data_dir_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    store = Store.open(blocker / "reader" / "reader.sqlite3")
    assert store.warning is not None
    assert "not caching" in store.warning
    assert store.path is None
    store.put_summary("k", {"v": 1})  # still works for this session
    assert store.get_summary("k") == {"v": 1}
    assert store.info()["path"] is None


@pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(__import__("os"), "geteuid"), reason="posix"
)
def test_read_only_data_dir_falls_back_to_memory(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        store = Store.open(ro / "reader.sqlite3")
        assert store.path is None
        assert store.warning and "not caching" in store.warning
    finally:
        ro.chmod(0o700)


def test_threads_share_one_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "r.sqlite3")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(30):
                store.put_summary(f"{n}-{i}", {"i": i})
                assert store.get_summary(f"{n}-{i}") == {"i": i}
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.info()["entries"] == 120


_WRITER = """
import sys
from pathlib import Path
from reader.store import Store
db, tag = Path(sys.argv[1]), sys.argv[2]
store = Store.open(db)
assert store.warning is None, store.warning
for i in range(200):
    store.put_summary(f"{tag}-{i}", {"i": i, "tag": tag})
    store.set_read(f"/{tag}/{i}", True)
    assert store.get_summary(f"{tag}-{i}") == {"i": i, "tag": tag}
print("ok")
"""


def test_two_processes_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    store = Store.open(db)
    assert store.warning is None
    assert store.info()["entries"] == 400
    assert len(store.read_paths()) == 400


def test_summarized_paths_follow_the_cache(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    store = Store.open(db)
    assert store.summarized_paths() == set()
    store.put_summary("k1", {"sentences": ["One."]})
    store.note_summary("/nonexistent-lib/a.md", "k1")
    store.note_summary("/nonexistent-lib/b.md", "k-missing")  # its summary was never stored
    store.close()
    again = Store.open(db)
    assert again.summarized_paths() == {"/nonexistent-lib/a.md"}
    again.clear()
    assert again.summarized_paths() == set()


def test_another_schema_version_starts_the_cache_again_but_keeps_reading_state(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.sqlite3"
    store = Store.open(db)
    store.put_summary("k1", {"sentences": ["One."]})
    store.note_summary("/nonexistent-lib/a.md", "k1")
    store.put_stems("english", {"running": "run"})
    store.index_put("fp", [("/nonexistent-lib/a.md", 10, 1, "{}")])
    store.set_read("/nonexistent-lib/a.md", True)
    store.close()
    with sqlite3.connect(db) as conn:  # as a different release of reader would have left it
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION + 1,))
    conn.close()
    again = Store.open(db)
    assert again.get_summary("k1") is None
    assert again.summarized_paths() == set()
    assert again.get_stems("english", ["running"]) == {}
    assert again.index_rows("fp") == {}
    assert again.read_paths() == {"/nonexistent-lib/a.md"}, (
        "reading state is the user's, never reset"
    )
    assert again.info()["schema"] == SCHEMA_VERSION


def test_two_damaged_files_in_one_second_are_both_kept(tmp_path: Path) -> None:
    db = tmp_path / "reader.sqlite3"
    first, second = b"first damaged copy\x00" * 300, b"second damaged copy\x00" * 300
    db.write_bytes(first)
    Store.open(db).close()
    db.write_bytes(second)
    Store.open(db).close()
    kept = sorted(p.read_bytes() for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    assert kept == sorted([first, second])
