"""Clipboard: system tools first (fakes on PATH), then OSC 52, always a clear result."""

from __future__ import annotations

import base64
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reader.clipboard import (
    OSC52_MAX,
    TOOLS,
    copy,
    osc52_sequence,
    terminal_writer,
)
from reader.model import Article, PaywallVerdict, Summary
from reader.present import article_text, summary_text

TEXT = "Summary: café, naïve — 東京 ✓\n- one\n- two\n"


def _fake_tool(bindir: Path, name: str, out: Path, status: int = 0) -> None:
    """A stand-in clipboard tool: writes its stdin to ``out`` and exits with ``status``."""
    script = bindir / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())\n"
        f"sys.exit({status})\n"
    )
    script.chmod(0o755)


@pytest.fixture
def bindir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "bin"
    path.mkdir()
    monkeypatch.setenv("PATH", str(path))  # only our fakes exist
    monkeypatch.delenv("TMUX", raising=False)
    return path


def _decode_osc52(sequence: str) -> str:
    match = re.search(r"\]52;c;([A-Za-z0-9+/=]+)\x07", sequence)
    assert match, sequence
    return base64.b64decode(match.group(1)).decode("utf-8")


def test_system_tool_receives_the_text(bindir: Path, tmp_path: Path) -> None:
    out = tmp_path / "clip.bin"
    _fake_tool(bindir, "xclip", out)
    written: list[str] = []
    result = copy(TEXT, osc52=written.append)
    assert result.ok
    assert result.method == "xclip"
    assert out.read_bytes().decode("utf-8") == TEXT
    assert not written, "OSC 52 is not needed when a tool worked"


def test_a_failing_tool_falls_through_to_the_next(bindir: Path, tmp_path: Path) -> None:
    _fake_tool(bindir, "wl-copy", tmp_path / "wl.bin", status=1)
    _fake_tool(bindir, "xsel", tmp_path / "xsel.bin")
    result = copy(TEXT)
    assert result.ok
    assert result.method == "xsel"
    assert (tmp_path / "xsel.bin").read_bytes().decode("utf-8") == TEXT


def test_osc52_when_no_tool_works(bindir: Path, tmp_path: Path) -> None:
    _fake_tool(bindir, "wl-copy", tmp_path / "wl.bin", status=1)
    written: list[str] = []
    result = copy(TEXT, osc52=written.append)
    assert result.ok
    assert result.method == "osc52"
    assert "wl-copy" in result.message, "the message says what was tried"
    assert len(written) == 1
    assert _decode_osc52(written[0]) == TEXT


def test_inside_tmux_the_text_goes_to_tmux_when_no_system_tool_works(
    bindir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tool(bindir, "tmux", tmp_path / "tmux.bin")
    written: list[str] = []
    assert copy(TEXT, osc52=written.append).method == "osc52", "tmux only inside tmux"
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    result = copy(TEXT, osc52=written.append)
    assert result.ok and result.method == "tmux"
    assert (tmp_path / "tmux.bin").read_bytes().decode("utf-8") == TEXT
    assert "paste buffer" in result.message
    assert len(written) == 1, "no OSC 52 when tmux took the text"


def test_osc52_inside_tmux_is_wrapped(bindir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    written: list[str] = []
    assert copy(TEXT, osc52=written.append).ok
    sequence = written[0]
    assert sequence.startswith("\x1bPtmux;")
    assert sequence.endswith("\x1b\\")
    assert _decode_osc52(sequence.replace("\x1b\x1b", "\x1b")) == TEXT


def test_plain_sequence_outside_tmux() -> None:
    sequence = osc52_sequence("hi", tmux=False)
    assert sequence.startswith("\x1b]52;c;")
    assert _decode_osc52(sequence) == "hi"


def test_nothing_worked_is_a_clear_failure(bindir: Path) -> None:
    result = copy(TEXT)
    assert not result.ok
    assert result.method == "none"
    assert "Not copied" in result.message
    assert all(name in result.message for name, _argv in TOOLS), "it names what it looked for"


def _open_files() -> set[str]:
    """What this process holds open (Linux), to catch a leaked terminal descriptor."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc")
    found = set()
    for fd in fds.iterdir():
        try:
            found.add(str(fd.readlink()))
        except OSError:
            continue
    return found


def test_the_terminal_is_opened_only_to_write_osc52(bindir: Path, tmp_path: Path) -> None:
    tty = tmp_path / "tty"
    tty.touch()
    _fake_tool(bindir, "xclip", tmp_path / "clip.bin")
    open_before = _open_files()
    assert copy(TEXT, osc52=terminal_writer(str(tty))).method == "xclip"
    assert tty.read_bytes() == b"", "a tool did the copying: nothing goes to the terminal"
    assert str(tty) not in _open_files() - open_before, "and the terminal is not left open"
    (bindir / "xclip").unlink()
    result = copy(TEXT, osc52=terminal_writer(str(tty)))
    assert result.ok and result.method == "osc52"
    assert _decode_osc52(tty.read_text(encoding="ascii")) == TEXT


def test_no_terminal_is_a_clear_failure(bindir: Path, tmp_path: Path) -> None:
    _fake_tool(bindir, "wl-copy", tmp_path / "wl.bin", status=1)
    writer = terminal_writer(str(tmp_path / "no-such-tty"))  # opening waits for a write
    result = copy(TEXT, osc52=writer)
    assert not result.ok
    assert "cannot write to the terminal" in result.message
    assert "wl-copy" in result.message, "the message says what was tried"


def test_too_long_for_osc52(bindir: Path) -> None:
    written: list[str] = []
    result = copy("x" * OSC52_MAX, osc52=written.append)
    assert not result.ok
    assert not written


def _article(truncated: bool) -> Article:
    verdict = PaywallVerdict(truncated=truncated, confidence=0.9, reasons=(), visible_words=10)
    return Article(
        path="a.txt",
        format="text",
        title="Bridge Closed",
        source="Harbour News",
        paragraphs=("The bridge closed.",),
        removed=(),
        paywall=verdict,
        metadata={"url": "https://example.org/bridge"},
    )


def test_summary_text_has_title_source_note_and_bullets() -> None:
    summary = Summary("news", ("The bridge closed.", "Traffic stopped."), excerpt_only=True)
    text = summary_text(_article(True), summary)
    lines = text.splitlines()
    assert lines[0] == "Bridge Closed"
    assert "Harbour News" in lines[1]
    assert "https://example.org/bridge" in lines[1]
    assert any("Excerpt only" in line for line in lines)
    assert "- The bridge closed." in lines
    assert "- Traffic stopped." in lines
    whole = summary_text(_article(False), Summary("news", ("The bridge closed.",), False))
    assert "Excerpt only" not in whole


def test_article_text_has_the_summary_s_header_then_every_paragraph() -> None:
    article = replace(_article(True), paragraphs=("The bridge closed.", "Traffic stopped."))
    text = article_text(article)
    summary = Summary("news", ("The bridge closed.",), excerpt_only=True)
    header = summary_text(article, summary).split("\n- ")[0]
    assert text.startswith(header)  # title, source · URL, the same excerpt note
    assert any("Excerpt only" in line for line in header.splitlines())
    assert text.endswith("\n\nThe bridge closed.\n\nTraffic stopped.\n")
    assert "Excerpt only" not in article_text(replace(_article(False), paragraphs=("A.",)))
