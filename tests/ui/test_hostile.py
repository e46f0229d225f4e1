"""Hostile names and contents: nothing but text reaches the screen or the clipboard; `o` opens
only web pages; a stalled read never keeps `q` from quitting."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList

from .conftest import settle

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates."""

FOLDER = "06-\x1b]0;DIR-PWNED\x07\x1b[31mRED"
EVIL = "\x1b]0;TITLE-PWNED\x07\x1b[31mRed\x96 title \u202eesrever\u202c end\x1b[0m"

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body><article>
<p>The harbour reopened on Monday after a storm closed it for a week, officials said.</p>
<p>Fishing boats returned to their moorings and the market opened again by noon.</p>
<p>Engineers will inspect the quay once more before the ferries run at full speed.</p>
</article></body></html>
"""


def hostile_library(root: Path) -> Path:
    """A folder whose name and files carry escape sequences, C1 controls and bidi overrides."""
    folder = root / FOLDER
    folder.mkdir()
    (folder / "\x1b]0;FILE-PWNED\x07\x1b[2J.html").write_text(PAGE, "utf-8")
    # (The page declares no title: its title falls back to the file's name, and every
    # source here but one falls back to the folder's name.)
    (folder / "\x1b[31mred\u202e.txt").write_text(
        "Notes \x1b[5mfrom\x1b[0m the \u2067quay\n\nA plain piece whose words go on long "
        "enough to count as an article, with a stray \x1b[5mblink\x1b[0m and a \x9b2J in the "
        "middle of it.\n\nAnd more words after that, so that the piece reads as a whole one.\n",
        "utf-8",
    )
    (folder / "front.md").write_text(
        f"---\ntitle: {EVIL}\nsource: \x1b[32mGreen\x8fWire\u2066\nurl: javascript:alert(1)\n"
        "---\n\nThe council met on Tuesday and agreed the budget after a long debate about "
        "the harbour, the schools and the roads, which every member had a view on.\n\n"
        "Mayor Ines Duarte said the vote showed the town could still agree on the things "
        "that matter, and promised a report on spending by the end of the month.\n",
        "utf-8",
    )
    return folder


def fake_clipboard(bin_dir: Path, out: Path) -> None:
    bin_dir.mkdir()
    tool = bin_dir / "xclip"
    tool.write_text(f"#!/bin/sh\nexec /bin/cat >> '{out}'\n", "utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)


def bad(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})


async def test_no_control_character_reaches_the_screen_or_the_clipboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hostile_library(tmp_path)
    out = tmp_path / "clipboard.bin"
    fake_clipboard(tmp_path / "bin", out)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    app = ReaderApp([folder], export_dir=tmp_path / "exports")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        assert len(lst.shown) == 3, [s.reason for s in lst.skipped]
        assert not bad(app.title + app.sub_title)
        for index in range(len(lst.shown)):
            lst.highlighted = index
            await pilot.press("enter")
            await settle(pilot)
            view = app.query_one(ArticleView)
            assert view.article is not None and view.summary is not None
            await pilot.press("y")
            await settle(pilot)
            await pilot.press("Y")
            await settle(pilot)
            assert not bad("\n".join(view.rows)), view.article.path
            assert not bad(app.export_screenshot()), view.article.path
            for key in ("E", "question_mark"):  # the entities pop-up, the help screen
                await pilot.press(key)
                assert not bad(app.export_screenshot()), key
                await pilot.press("escape")
            await pilot.press("h")
        assert not bad("\n".join(str(o.prompt) for o in lst.options))
        assert not bad("\n".join(n.message + n.title for n in app._notifications))
        assert not bad(app.export_screenshot())
    copied = out.read_bytes().decode("utf-8")
    assert copied.count("\n") > 10 and "Mayor Ines Duarte" in copied  # it was copied...
    assert not bad(copied)  # ...as text only


async def test_o_refuses_anything_but_web_addresses(tmp_path: Path) -> None:
    folder = hostile_library(tmp_path)
    opened: list[str] = []
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await settle(pilot)
        lst = app.query_one(LibraryList)
        lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.url)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        assert opened == []
        assert any("javascript" in n.message for n in app._notifications)


QUIT_WITHIN = 5.0
"""Seconds from q to the end of the process (the app gives stuck work 1 s to finish)."""

STALLED = """
import sys, threading, time
from pathlib import Path
import reader.ui.widgets.{module} as module
from reader.ui.app import ReaderApp

{patch}

async def auto_pilot(pilot):
    await pilot.pause(0.5)
{steps}
    print("pressing q", time.monotonic(), flush=True)
    await pilot.press("q")

ReaderApp([sys.argv[1]]).run(headless=True, size=(100, 30), auto_pilot=auto_pilot)
print("returned", flush=True)
"""


def run_stalled(folder: Path, module: str, patch: str = "", steps: str = "") -> float:
    """Run the app in a child process that presses q while a read is stuck; the seconds from
    q to the process's end (it must end well, and print no traceback)."""
    script = STALLED.format(
        module=module, patch=textwrap.dedent(patch), steps=textwrap.indent(steps, "    ")
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Traceback" not in output
    pressed = next(line for line in proc.stdout.splitlines() if line.startswith("pressing q"))
    return time.monotonic() - float(pressed.split()[-1])  # (one clock for every process)


def stalled_library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.md").write_text("# A piece\n\nSome words of a piece.\n", "utf-8")
    return folder


def test_q_quits_while_the_scan_is_stuck_on_a_fifo(tmp_path: Path) -> None:
    folder = stalled_library(tmp_path)
    os.mkfifo(folder / "article.txt")  # opening it for reading waits for a writer forever
    assert run_stalled(folder, "library_list") < QUIT_WITHIN


def test_q_quits_while_a_scan_and_an_open_are_stalled(tmp_path: Path) -> None:
    """Whatever the read is stuck on (a hung mount, a device): q still ends the process."""
    folder = stalled_library(tmp_path)
    patch = """
    import reader.ui.widgets.article_view as view
    def stuck(*args, **kwargs):
        threading.Event().wait()
    def stuck_scan(paths, **kwargs):
        yield from ()
        threading.Event().wait()
    module.scan = stuck_scan
    view.load_article = stuck
    """
    steps = 'pilot.app.open_path(str(Path(sys.argv[1]) / "a.md"))\nawait pilot.pause(0.5)'
    assert run_stalled(folder, "library_list", patch, steps) < QUIT_WITHIN
