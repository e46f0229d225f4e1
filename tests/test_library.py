"""Scanning folders into the article list."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Entry, Skipped, scan, scan_all
from reader.model import Article


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file a scan reads (each read, for the list and the search index, is one call)."""
    import reader.library as library

    seen: list[Path] = []
    real = library.article_for

    def counting(path: Path, max_bytes: int = library.MAX_BYTES) -> Article | Skipped:
        seen.append(path)
        return real(path, max_bytes)

    monkeypatch.setattr(library, "article_for", counting)
    return seen


def test_scan_lists_samples_and_flags_seeds(samples: Path) -> None:
    entries, skipped = scan_all([samples])
    assert skipped == []
    by_name = {Path(e.path).name: e for e in entries}
    seed = by_name["wpr-sochi-summit-missile-defense-paywalled.txt"]
    assert seed.paywall.truncated
    assert seed.source == "World Politics Review"
    assert seed.words == seed.paywall.visible_words > 100
    assert not by_name["complete-essay-on-news-subscriptions.txt"].paywall.truncated


def test_hidden_files_skipped_and_symlink_loops_terminate(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A title\n\nSome words here.\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("Hidden\n\nNot listed.\n")
    (tmp_path / ".c.txt").write_text("Hidden file\n\nNot listed.\n")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    entries, skipped = scan_all([tmp_path])
    assert [Path(e.path).name for e in entries] == ["a.txt"]
    assert skipped == []


def test_bad_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "ok.txt").write_text("Fine\n\nA readable article body.\n")
    entries, skipped = scan_all([tmp_path, tmp_path / "missing.txt"])
    assert [Path(e.path).name for e in entries] == ["ok.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.png"] == "unsupported file type '.png'"
    assert reasons["binary.md"] == "binary file (not text)"
    assert reasons["missing.txt"].startswith("cannot open")


def test_scan_yields_incrementally(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\n\nBody {i}.\n")
    items = scan([tmp_path])
    first = next(items)
    assert isinstance(first, Entry)
    assert first.title == "Title 0"
    rest = list(items)
    assert len(rest) == 4
    assert not any(isinstance(r, Skipped) for r in rest)


def test_only_boilerplate_is_no_article_text(tmp_path: Path) -> None:
    (tmp_path / "gate.txt").write_text("Title\n\nSubscribe now\n\nAlready a subscriber? Log in\n")
    entries, skipped = scan_all([tmp_path])
    assert entries == []
    assert skipped[0].reason == "no article text found"


def test_parallel_scan_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.library as library

    monkeypatch.setattr(library, "FIRST_INLINE", 2)
    monkeypatch.setattr(library, "PARALLEL_MIN", 4)
    for i in range(14):
        tail = "\n\nKeep reading for free!\n" if i % 3 == 0 else "\n"
        (tmp_path / f"{i:02d}.txt").write_text(f"Title {i}\n\nBody number {i}.{tail}")
    (tmp_path / "zz.bin.txt").write_bytes(bytes(range(256)) * 4)
    serial = list(scan([tmp_path], workers=0))
    parallel = list(scan([tmp_path], workers=2))
    assert parallel == serial
    assert len(serial) == 15
    assert sum(isinstance(e, Entry) and e.paywall.truncated for e in parallel) == 5
    assert isinstance(parallel[-1], Skipped)


def test_scan_reads_inline_when_no_pool_can_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.library as library

    def refuse(*args: object, **kwargs: object) -> None:
        raise ValueError("bad value(s) in fds_to_keep")  # what Textual's test harness causes

    monkeypatch.setattr(library, "FIRST_INLINE", 1)
    monkeypatch.setattr(library, "PARALLEL_MIN", 2)
    monkeypatch.setattr(library, "ProcessPoolExecutor", refuse)
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\n\nBody {i}.\n")
    titles = [e.title for e in scan([tmp_path], workers=2) if isinstance(e, Entry)]
    assert titles == [f"Title {i}" for i in range(6)]


def test_index_answers_unchanged_files_and_rereads_changed_ones(
    tmp_path: Path, reads: list[Path]
) -> None:
    from reader.store import Store

    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Title {i}\n\nBody {i}.\n")
    (folder / "bin.txt").write_bytes(bytes(range(256)) * 4)
    store = Store.open(tmp_path / "db.sqlite3")
    first = list(scan([folder], store=store))

    reads.clear()  # count from here
    assert list(scan([folder], store=store)) == first
    assert reads == []  # every answer, the skipped binary file included, came from the index

    edited = folder / "1.txt"
    edited.write_text("New title\n\nA longer body than before.\n")
    again = list(scan([folder], store=store))
    assert reads == [edited]
    assert [e.title for e in again if isinstance(e, Entry)] == ["Title 0", "New title", "Title 2"]


def test_a_repeat_scan_stats_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a slow or network mount the stats are the cost of a listing from the index."""
    from collections import Counter

    from reader.store import Store

    folder = tmp_path / "lib"
    (folder / "sub").mkdir(parents=True)
    files = [folder / "a.txt", folder / "sub" / "b.md", folder / "sub" / "c.txt"]
    for i, file in enumerate(files):
        file.write_text(f"Title {i}\n\nBody {i}.\n")
    store = Store.open(tmp_path / "db.sqlite3")
    first = list(scan([folder], store=store))
    stats: Counter[str] = Counter()
    real_stat, real_scandir = Path.stat, os.scandir

    def counting(self: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        stats[str(self)] += 1
        return real_stat(self, follow_symlinks=follow_symlinks)

    class Counted:
        """A folder entry whose stat() is counted (os.DirEntry itself cannot be patched)."""

        def __init__(self, entry: os.DirEntry[str]) -> None:
            self._entry = entry

        def __getattr__(self, name: str) -> object:
            return getattr(self._entry, name)

        def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
            stats[self._entry.path] += 1
            return self._entry.stat(follow_symlinks=follow_symlinks)

    @contextlib.contextmanager
    def scandir(path: str) -> Iterator[Iterator[Counted]]:
        with real_scandir(path) as entries:
            yield (Counted(e) for e in entries)

    monkeypatch.setattr(Path, "stat", counting)
    monkeypatch.setattr(os, "scandir", scandir)
    assert list(scan([folder], store=store)) == first
    assert {str(f): stats[str(f)] for f in files} == {str(f): 1 for f in files}


def test_broken_index_row_is_read_again(tmp_path: Path) -> None:
    from reader.library import fingerprint
    from reader.store import Store

    (tmp_path / "a.txt").write_text("A title\n\nSome words.\n")
    store = Store.open(tmp_path / "db.sqlite3")
    first = list(scan([tmp_path / "a.txt"], store=store))
    st = (tmp_path / "a.txt").stat()
    store.index_put(fingerprint(), [(str(tmp_path / "a.txt"), st.st_size, st.st_mtime_ns, "{")])
    assert list(scan([tmp_path / "a.txt"], store=store)) == first


def test_index_follows_the_file_not_the_path_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[Path]
) -> None:
    from reader.store import Store

    store = Store.open(tmp_path / "db.sqlite3")
    one, two = tmp_path / "one", tmp_path / "two"
    for home, title in ((one, "First folder"), (two, "Second folder")):
        (home / "lib").mkdir(parents=True)
        (home / "lib" / "a.txt").write_text(f"{title}\n\nBody words here.\n")
        # Same size and modification time: only the path tells the two files apart.
        os.utime(home / "lib" / "a.txt", ns=(1_000_000_000, 1_000_000_000))

    monkeypatch.chdir(one)
    (first,) = scan(["lib"], store=store)
    monkeypatch.chdir(two)
    (second,) = scan(["lib"], store=store)
    assert isinstance(second, Entry) and second.title == "Second folder"

    reads.clear()  # count from here
    (by_absolute,) = scan([two / "lib"], store=store)
    assert reads == []  # the rows stored for "lib" answer "/abs/lib" too
    assert isinstance(by_absolute, Entry) and by_absolute.title == "Second folder"
    assert by_absolute.path == str(two / "lib" / "a.txt")
    assert isinstance(first, Entry) and first.title == "First folder"


@pytest.mark.parametrize(
    "row",
    [
        '["A title", "", "text", 2, false, 0.9, [], 2, "", [], ""]',  # words say 2: wrong
        '[7, "", "text", 2, false, 0.9, [], 2, "", [], ""]',  # a title that is a number
        '["A title", "", "text", 2, false, 0.9, [3], 2, "", [], ""]',  # a reason not text
        '["A title", "", "text", 2, "no", 0.9, [], 2, "", [], ""]',  # truncated not a bool
        '["A title", "", "text"]',  # fields missing
        '{"path": "a.txt", "title": "A title"}',  # not a row of this pipeline's shape
    ],
)
def test_index_row_of_the_wrong_shape_is_read_again(tmp_path: Path, row: str) -> None:
    from reader.library import fingerprint
    from reader.store import Store

    (tmp_path / "a.txt").write_text("A title\n\nSome words.\n")
    store = Store.open(tmp_path / "db.sqlite3")
    first = list(scan([tmp_path / "a.txt"], store=store, search=False))
    st = (tmp_path / "a.txt").stat()
    store.index_put(fingerprint(), [(str(tmp_path / "a.txt"), st.st_size, st.st_mtime_ns, row)])
    listed = list(scan([tmp_path / "a.txt"], store=store, search=False))
    if row.startswith('["A title", "", "text", 2, false'):
        # A well-formed row is believed (the index is this pipeline's own), whatever it says.
        assert isinstance(listed[0], Entry) and listed[0].words == 2
    else:
        assert listed == first


def test_an_interrupted_scan_keeps_what_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.library as library
    from reader.store import Store

    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(10):
        (folder / f"{i}.txt").write_text(f"Title {i}\n\nBody {i}.\n")
    store = Store.open(tmp_path / "db.sqlite3")
    calls: list[tuple[int, int]] = []
    first = scan([folder], store=store, workers=0, progress=lambda d, t: calls.append((d, t)))
    got = [next(first) for _ in range(4)]
    first.close()  # as Ctrl-C or a closed window ends it
    assert calls == [(0, 10), (1, 10), (2, 10), (3, 10), (4, 10)]

    reads: list[Path] = []
    real = library.article_for

    def counting(path: Path, max_bytes: int = library.MAX_BYTES) -> Article | Skipped:
        reads.append(path)
        return real(path, max_bytes)

    monkeypatch.setattr(library, "article_for", counting)
    calls.clear()
    rest = list(scan([folder], store=store, workers=0, progress=lambda d, t: calls.append((d, t))))
    assert rest[:4] == got
    assert [e.title for e in rest if isinstance(e, Entry)] == [f"Title {i}" for i in range(10)]
    assert reads == [folder / f"{i}.txt" for i in range(4, 10)]  # only the unread ones
    assert calls[0] == (0, 6) and calls[-1] == (6, 6)
    calls.clear()
    list(scan([folder], store=store, workers=0, progress=lambda d, t: calls.append((d, t))))
    assert calls == []  # nothing to read, nothing to report


def test_indexed_entries_come_out_before_the_walk_is_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.library as library
    from reader.store import Store

    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"Title {i}\n\nBody {i}.\n")
    store = Store.open(tmp_path / "db.sqlite3")
    first = list(scan([folder], store=store, workers=0))
    walked: list[str] = []
    real = library.walk

    def watched(paths: list[str]) -> Iterator[object]:
        for item in real(paths):
            walked.append(str(getattr(item, "path", "")))
            yield item

    monkeypatch.setattr(library, "walk", watched)
    (folder / "4.txt").write_text("Changed\n\nThe body is new.\n")  # to read again
    again = scan([folder], store=store, workers=0)
    assert next(again) == first[0]
    assert len(walked) == 1  # a relaunch shows its first rows before walking everything
    rest = list(again)
    assert [e.title for e in rest if isinstance(e, Entry)] == [
        "Title 1",
        "Title 2",
        "Title 3",
        "Changed",
        "Title 5",
    ]
