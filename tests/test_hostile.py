"""Hostile names, devices and damaged stores (issue 12): nothing reaches the terminal, nothing
hangs, nothing is lost. Each test builds its input in a temp dir and runs with a timeout."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.formats import LoadError, load_path, read_limited
from reader.library import Skipped, iter_files, scan_all
from reader.store import Store, path_key
from reader.textutil import decode, safe_line, strip_controls

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")

# What must never reach a terminal: C0 controls but newline and tab, DEL, C1, bidi overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

PROSE = (
    "The council met on Tuesday in Springfield to vote on the harbour budget, and the mayor "
    "said the ferry would keep running through the winter months."
)


def run(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """``reader ARGV`` in a fresh process: its real stdout and stderr bytes. A hang fails."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        timeout=timeout,
        env=os.environ.copy(),
        check=False,
    )


def assert_clean(data: bytes, what: str) -> str:
    """``data`` is valid UTF-8 with nothing a terminal would act on; the decoded text."""
    text = data.decode("utf-8")  # strict: output must be valid UTF-8
    bad = sorted({f"U+{ord(c):04X}" for c in _UNSAFE.findall(text)})
    assert not bad, f"{what}: {bad} in {text[:300]!r}"
    return text


def hostile_library(tmp_path: Path) -> Path:
    """A folder of hostile names and contents, named like the issue's probe."""
    lib = tmp_path / "06-\x1b]0;DIR-PWNED\x07\x1b[31mRED"
    lib.mkdir()
    (lib / "\x1b]0;FILE-PWNED\x07\x1b[2J.html").write_text(
        "<html><head><title>Ref&#x202E;Title&#157;\x1b]0;T\x07</title></head><body><article>"
        "<h1>Ref&#x202E;Title&#157;</h1>"
        f"<p>{PROSE} C1 &#157; &#141; override &#x202E;desrever&#x202C; here.</p>"
        f"<p>{PROSE} An escape &#x1b;[31m red and a bell &#7; too.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    # Not UTF-8: the name's bytes \xff\xfe.
    name = Path(os.fsdecode(os.fsencode(lib) + b"/\xff\xfe.txt"))
    name.write_bytes(f"\xff title line\n\n{PROSE}\n\n{PROSE}\n".encode("latin-1", "replace"))
    (lib / "\u202eevil\u2066\x9d.md").write_text(
        f"# \x1b[31mRed\x1b[0m \u202etitle\x9d\n\n{PROSE} \x1bP1;2qsixel\x1b\\ tail.\n\n{PROSE}\n",
        encoding="utf-8",
    )
    # A title that falls back to the file name (nothing but body text, one paragraph).
    (lib / "\x1b[2Jfallback\x07.md").write_text(f"{PROSE}\n\n{PROSE} Two.\n", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(lib / "article.txt")
    (lib / "zero.txt").symlink_to("/dev/zero")
    return lib


@posix_only
def test_every_cli_command_keeps_controls_off_the_terminal(tmp_path: Path) -> None:
    lib = hostile_library(tmp_path)
    outputs: dict[str, bytes] = {}

    def check(*argv: str, code: int = 0) -> str:
        done = run(*argv)
        label = " ".join(argv[:1] + argv[2:])
        assert done.returncode == code, (label, done.stderr[-500:])
        assert_clean(done.stderr, f"{label} stderr")
        outputs[label] = done.stdout
        return assert_clean(done.stdout, f"{label} stdout")

    listing = json.loads(check("list", str(lib), "--json"))
    check("list", str(lib))
    paths = [a["path"] for a in listing["articles"]]
    assert len(paths) == 4, listing
    skipped = {Path(s["path"]).name: s["reason"] for s in listing["skipped"]}
    assert "FIFO" in skipped["article.txt"] and "device" in skipped["zero.txt"]
    # The exact non-UTF-8 name survives the JSON, and is accepted back as printed.
    raw = [p for p in paths if p.endswith("\udcff\udcfe.txt")]
    assert raw and Path(raw[0]).exists(), paths
    assert b"\\udcff\\udcfe.txt" in outputs["list --json"]
    for path in paths:
        # As a user would type it from the JSON: a name's undecodable bytes as \udcff escapes.
        arg = path.encode("utf-8", "backslashreplace").decode("utf-8")
        shown = json.loads(check("show", arg, "--json"))
        assert shown["path"] == path
        assert not _UNSAFE.search(shown["title"] + shown["source"] + shown["body"])
        check("show", arg)
        check("summary", arg, "--json")
        check("summary", arg)
    check("entities", str(lib), "--json")
    check("entities", str(lib))
    check("cache", "info", "--json")
    check("cache", "info")
    # A file named on the command line that is not one: a reason, exit 1, nothing raw.
    check("show", str(lib / "article.txt"), code=1)
    # Usage errors quote what was typed (here a second, hostile name): exit 2, nothing raw.
    check("show", paths[0], "\x1b]0;ARG-PWNED\x07\x9b2J", code=2)
    # The app refuses a missing path before it starts, naming it safely.
    check(str(lib / "missing\x1b[2J.txt"), code=1)


def test_strip_controls_is_bounded_and_exact() -> None:
    # Whole control strings go, as a terminal would take them.
    assert strip_controls("a\x1b]0;PWNED\x07b\x1b]2;t\x1b\\c") == "abc"
    assert strip_controls("a\x9d8;;http://x\x9cb") == "ab"
    assert strip_controls("x\x1bP1;2qdata\x1b\\y\x1b_apc\x9cz") == "xyz"
    assert strip_controls("\x1b[1;31mred\x1b[0m \x9b2Jok") == "red ok"
    # A string is left for the next sequence's ESC, or cancelled by CAN/SUB, as terminals do.
    assert strip_controls("a\x1b]0;title\x1b[31mb\x1b]0;x\x18c") == "abc"
    # A stray introducer takes nothing with it: no terminator, or a newline first.
    tail = "and the rest of the article, " * 400
    assert strip_controls('title="a\x9dbc" ' + tail) == 'title="abc" ' + tail
    assert strip_controls("lone \x1b]then text\nmore\x07") == "lone then text\nmore"
    assert strip_controls("esc \x1b and") == "esc  and"
    # C0 (but newline and tab), C1, bidi overrides and isolates.
    assert strip_controls("a\tb\nc\x00\x08\x7f\x85\u202a\u202e\u2066\u2069d") == "a\tb\ncd"
    assert safe_line("na\udcffme\n\x1b[2J x") == "na\\udcffme x"


def test_parsed_character_references_are_sanitised(tmp_path: Path) -> None:
    page = tmp_path / "refs.html"
    page.write_text(
        "<html><head><title>T&#x202E;itle&#157;</title></head><body><article>"
        f"<p>{PROSE} one &#157;&#141;&#x202E;&#x2066;&#x1b;[2J&#27 two &#150; three.</p>"
        f"<p>{PROSE}</p></article></body></html>",
        encoding="utf-8",
    )
    doc = load_path(page)
    assert doc.title == "Title"
    text = " ".join(b.text for b in doc.blocks)
    assert not _UNSAFE.search(text)
    # Each reference to a control goes alone: the rest of a referenced sequence stays as
    # harmless text, and nothing after it (markup, words) is taken with it.
    assert "one [2J two – three." in text, "cp1252 references as browsers read them"


def test_a_c1_reference_never_swallows_the_markup_after_it(tmp_path: Path) -> None:
    page = tmp_path / "refs.html"
    page.write_text(
        "<html><head><title>Harbour &#157; vote</title></head><body><article>"
        "<h1>Harbour vote</h1>"
        f"<p>First words stay &#x1b;[31m here. {PROSE}</p><p>{PROSE}</p></article></body></html>",
        encoding="utf-8",
    )
    doc = load_path(page)
    assert doc.title == "Harbour vote"
    text = " ".join(b.text for b in doc.blocks)
    assert "First words stay [31m here." in text


def test_a_huge_inline_script_does_not_hide_the_article(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_text(
        "<html><head><title>Big</title><script>var x='" + "a" * 12_000_000 + "';</script>"
        f"</head><body><article><p>{PROSE}</p><p>{PROSE} Again.</p></article></body></html>",
        encoding="utf-8",
    )
    assert PROSE in " ".join(b.text for b in load_path(page).blocks)


@posix_only
def test_fifo_and_dev_zero_are_skipped_without_opening(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(f"Title\n\n{PROSE}\n")
    os.mkfifo(tmp_path / "article.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    done = run("list", str(tmp_path), "--json", timeout=30)  # a FIFO would hang a read
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert [Path(a["path"]).name for a in data["articles"]] == ["ok.txt"]
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert "FIFO" in reasons["article.txt"]
    assert "character device" in reasons["zero.txt"]
    for named in (tmp_path / "article.txt", tmp_path / "zero.txt"):
        shown = run("show", str(named), timeout=30)
        assert shown.returncode == 1 and b"not a regular file" in shown.stderr
        assert b"Traceback" not in shown.stderr
    assert isinstance(next(iter(iter_files([tmp_path / "zero.txt"]))), Skipped)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_reads_are_bounded_whatever_the_size_says() -> None:
    # /proc files say they are empty and are not: the read stops at the limit plus one byte.
    with pytest.raises(LoadError, match="too large"):
        read_limited(Path("/proc/self/maps"), max_bytes=16)


def test_unreadable_subfolder_is_listed_as_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(f"Title\n\n{PROSE}\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(f"Title\n\n{PROSE}\n")
    real = os.scandir

    def scandir(path: Any = ".") -> Any:  # root ignores permissions: refuse as a kernel would
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries, skipped = scan_all([tmp_path])
    assert [Path(e.path).name for e in entries] == ["a.txt"]
    assert [(s.path, s.reason) for s in skipped] == [
        (str(locked), "cannot read folder: Permission denied")
    ]


def test_non_utf8_name_in_json_is_valid_utf8_and_round_trips(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9-\xff.txt"
    Path(os.fsdecode(name)).write_bytes(f"Title\n\n{PROSE}\n".encode())
    code, out, _ = cli("list", str(tmp_path), "--json")
    assert code == 0
    out.encode("utf-8")  # no lone surrogate: writable as UTF-8
    assert "\\udce9-\\udcff.txt" in out
    path = json.loads(out)["articles"][0]["path"]
    assert os.fsencode(path) == name
    typed = path.encode("utf-8", "backslashreplace").decode("utf-8")  # as the JSON shows it
    code, out, err = cli("show", typed, "--json")
    assert code == 0, err
    assert json.loads(out)["path"] == path
    code, _, err = cli("show", str(tmp_path / "missing\udcff.txt"))
    assert code == 1 and "missing\\udcff.txt" in err, "shown visibly in human output"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_read(tmp_path: Path, encoding: str) -> None:
    text = f"Grüße aus Köln\n\n{PROSE} Ελλάδα, Россия.\n"
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_path(path)
    assert doc.title == "Grüße aus Köln"
    assert "Россия" in doc.blocks[-1].text


def test_binary_data_is_still_refused() -> None:
    from reader.textutil import NotText

    for data in (bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 1000):
        with pytest.raises(NotText):
            decode(data)


def _damage(db: Path) -> None:
    """Overwrite one whole page past the header (page 6 of a 4 KiB-page file)."""
    data = bytearray(db.read_bytes())
    assert len(data) > 6 * 4096, "the test needs a database of several pages"
    data[5 * 4096 : 6 * 4096] = b"\xab" * 4096
    db.write_bytes(bytes(data))


def _filled(db: Path, read: str) -> None:
    store = Store.open(db)
    store.set_read(read, True)
    rows = [(f"/x/{i}.txt", i, i, json.dumps({"pad": "y" * 200})) for i in range(2000)]
    store.index_put("fp", rows)
    store.close()


def test_a_damaged_page_is_noticed_on_open_and_the_marks_kept(tmp_path: Path) -> None:
    db = tmp_path / "reader.sqlite3"
    article = tmp_path / "a.txt"
    article.write_text("x")
    _filled(db, str(article))
    _damage(db)
    store = Store.open(db)
    warnings = store.take_warnings()
    assert len(warnings) == 1 and "damaged" in warnings[0] and "rebuilt" in warnings[0]
    assert store.take_warnings() == [], "told once"
    assert [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert store.is_read(str(article)), "read marks that could be read are kept"
    store.index_put("fp", [("/y.txt", 1, 1, "{}")])
    assert "/y.txt" in store.index_rows("fp"), "the index is stored again"


class _Failing:
    """A connection stand-in whose statements fail as SQLite would with ``name``."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self.conn = conn
        self.name = name

    def execute(self, *args: Any) -> Any:
        if self.name == "":
            return self.conn.execute(*args)
        exc = sqlite3.DatabaseError(f"{self.name} happened")
        exc.sqlite_errorname = self.name  # type: ignore[attr-defined]
        raise exc

    executemany = execute

    def close(self) -> None:
        self.conn.close()


def test_corruption_while_in_use_sets_the_file_aside_once(tmp_path: Path) -> None:
    db = tmp_path / "reader.sqlite3"
    store = Store.open(db)
    store.set_read(str(tmp_path / "a.txt"), True)
    assert store.take_warnings() == []
    store._conn = _Failing(store._conn, "SQLITE_CORRUPT")  # type: ignore[assignment]
    store.set_read(str(tmp_path / "b.txt"), True)  # retried on the rebuilt file
    assert [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    warnings = store.take_warnings()
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert store.is_read(str(tmp_path / "b.txt"))
    again = Store.open(db)
    assert again.is_read(str(tmp_path / "b.txt")), "the mark made after the damage persists"


def test_a_full_disk_is_one_warning_and_reading_goes_on(
    cli: Callable[..., tuple[int, str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.store.dbfile as store_module

    for i in range(40):  # index rows that need more pages than the file has
        (tmp_path / f"{i}.txt").write_text(f"Title {i} {'long ' * 40}\n\n{PROSE}\n")
    real_open = store_module._open_file

    def full(path: Path) -> sqlite3.Connection:
        conn = real_open(path)
        count = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {count}")  # no room to grow: SQLITE_FULL
        return conn

    monkeypatch.setattr(store_module, "_open_file", full)
    code, out, err = cli("list", str(tmp_path), "--json")
    assert code == 0
    assert len(json.loads(out)["articles"]) == 40, "listing goes on"
    lines = [line for line in err.splitlines() if "warning" in line]
    assert len(lines) == 1 and "disk is full" in lines[0], err


def test_read_marks_follow_the_file_not_the_path_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text("x")
    (tmp_path / "link").symlink_to(lib)
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "reader.sqlite3"
    store = Store.open(db)
    store.set_read("lib/a.txt", True)  # marked when opened as `reader lib`
    store.close()
    again = Store.open(db)  # a new process, opened as `reader /abs/lib` or through a link
    assert again.is_read(str(lib / "a.txt"))
    assert again.is_read("link/a.txt")
    assert path_key("lib/a.txt") == path_key(str(tmp_path / "link" / "a.txt"))
    marks = again.read_paths()
    assert {str(lib.resolve() / "a.txt"), str(Path("lib", "a.txt"))} <= marks
    assert again.read_among(["lib/a.txt", "link/a.txt", "other.txt"]) == {
        "lib/a.txt",
        "link/a.txt",
    }
    again.set_read(str(tmp_path / "link" / "a.txt"), False)
    assert not again.is_read("lib/a.txt")


def test_a_non_utf8_name_keeps_its_read_mark_and_summary_note(tmp_path: Path) -> None:
    name = os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe.txt")
    Path(name).write_text("x")
    db = tmp_path / "reader.sqlite3"
    store = Store.open(db)
    store.set_read(name, True)
    store.put_summary("k", {"sentences": ["One."]})
    store.note_summary(name, "k")
    assert store.take_warnings() == []
    store.close()
    again = Store.open(db)
    assert again.is_read(name)
    assert name in again.read_paths() and name in again.summarized_paths()


def test_a_read_only_store_is_one_warning_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.store.dbfile as store_module

    db = tmp_path / "reader.sqlite3"
    Store.open(db).close()
    real_open = store_module._open_file

    def read_only(path: Path) -> sqlite3.Connection:
        conn = real_open(path)
        conn.execute("PRAGMA query_only = 1")  # every write fails as SQLITE_READONLY
        return conn

    monkeypatch.setattr(store_module, "_open_file", read_only)
    store = Store.open(db)
    for i in range(3):
        store.set_read(str(tmp_path / f"{i}.txt"), True)
        store.put_summary(f"k{i}", {"sentences": []})
    warnings = store.take_warnings()
    assert len(warnings) == 1 and "read-only" in warnings[0], warnings
    assert store.get_summary("k0") is None and not store.is_read(str(tmp_path / "0.txt"))
    assert store.take_warnings() == []
