"""Copy text to the clipboard: a system tool when one works, else OSC 52 through the terminal.

Every attempt ends in a :class:`CopyResult` that says what was tried, so the caller can tell the
user plainly whether the text is on the clipboard. What is copied (a summary, an article as
text) is built in :mod:`reader.present`.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "OSC52_MAX",
    "TMUX_TOOL",
    "TOOLS",
    "CopyResult",
    "copy",
    "copy_or_export",
    "osc52_sequence",
    "terminal_writer",
]

TOOLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("wl-copy", ("wl-copy",)),
    ("xclip", ("xclip", "-selection", "clipboard")),
    ("xsel", ("xsel", "--clipboard", "--input")),
    ("pbcopy", ("pbcopy",)),
    ("clip.exe", ("clip.exe",)),
)
"""System clipboard tools in the order tried, each with the arguments that read stdin."""

TMUX_TOOL: tuple[str, tuple[str, ...]] = ("tmux", ("tmux", "load-buffer", "-w", "-"))
"""Inside tmux (``$TMUX`` set), after the system tools: the text becomes tmux's paste buffer
and, with ``-w`` (tmux 3.2+), tmux forwards it to the outer terminal's clipboard itself. Unlike
an application's own OSC 52, this works with tmux's default settings, also over SSH."""

OSC52_MAX = 100_000
"""Longest OSC 52 sequence we send, counted whole (escape codes, base64 payload and any tmux
wrapping): many terminals drop longer ones."""

TOOL_TIMEOUT = 3.0


@dataclass(frozen=True)
class CopyResult:
    """What happened when copying."""

    ok: bool
    """True when a tool accepted the text or the OSC 52 sequence was written."""
    method: str
    """The tool's name, ``osc52``, or ``none``."""
    message: str
    """One line for people."""


def osc52_sequence(text: str, tmux: bool) -> str:
    """The OSC 52 "set clipboard" sequence for ``text``; wrapped for tmux passthrough."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{payload}\x07"
    if tmux:
        return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence


def _run_tool(name: str, argv: tuple[str, ...], text: str) -> str | None:
    """Run one tool with ``text`` on stdin; None on success, else why it failed."""
    exe = shutil.which(argv[0])
    if exe is None:
        return "not found"
    data = text.encode("utf-16") if name == "clip.exe" else text.encode("utf-8")
    try:
        # No pipes for output: xclip/xsel fork a child that keeps serving the selection and
        # would hold a pipe (and us) open.
        proc = subprocess.run(
            [exe, *argv[1:]],
            input=data,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc) or type(exc).__name__
    return None if proc.returncode == 0 else f"exit status {proc.returncode}"


def copy(text: str, *, osc52: Callable[[str], None] | None = None) -> CopyResult:
    """Copy ``text``: try each system tool found on PATH, then OSC 52 through ``osc52``.

    ``osc52`` writes an escape sequence to the terminal (the TUI passes its own writer; the CLI
    passes one for its tty). Without it, OSC 52 is not tried.
    """
    failures: list[str] = []
    tmux = bool(os.environ.get("TMUX"))
    tools = TOOLS + ((TMUX_TOOL,) if tmux else ())
    for name, argv in tools:
        problem = _run_tool(name, argv, text)
        if problem is None:
            if name == "tmux":
                return CopyResult(
                    True,
                    name,
                    "Copied into tmux's paste buffer (prefix ] pastes it); tmux passes it on "
                    "to the terminal's clipboard where the terminal allows it.",
                )
            return CopyResult(True, name, f"Copied to the clipboard with {name}.")
        if problem != "not found":
            failures.append(f"{name}: {problem}")
    tried = f" ({'; '.join(failures)})" if failures else ""
    if osc52 is not None:
        sequence = osc52_sequence(text, tmux=tmux)
        if len(sequence) > OSC52_MAX:
            return CopyResult(
                False,
                "none",
                f"Not copied: too long for OSC 52 and no clipboard tool worked{tried}.",
            )
        try:
            osc52(sequence)
        except OSError as exc:
            return CopyResult(
                False,
                "none",
                f"Not copied: no clipboard tool worked{tried} and cannot write to the terminal "
                f"({exc}).",
            )
        return CopyResult(
            True,
            "osc52",
            "Sent to the terminal's clipboard (OSC 52); it works where the terminal allows it"
            f"{tried}.",
        )
    names = ", ".join(name for name, _argv in tools)
    return CopyResult(
        False,
        "none",
        f"Not copied: no clipboard tool worked ({names}) and no terminal to send OSC 52 to{tried}.",
    )


def copy_or_export(
    text: str,
    *,
    osc52: Callable[[str], None] | None = None,
    export: Callable[[], object] | None = None,
) -> tuple[CopyResult, str | None]:
    """Copy ``text`` as :func:`copy` does; when nothing took it, call ``export`` (which writes
    the text somewhere and returns where) so that nothing is lost.

    Returns how the copy went and where the export went (None: not needed, none given, or it
    failed with an OSError).
    """
    result = copy(text, osc52=osc52)
    if result.ok or export is None:
        return result, None
    try:
        return result, str(export())
    except OSError:
        return result, None


def terminal_writer(path: str = "/dev/tty") -> Callable[[str], None]:
    """A writer of OSC 52 sequences to the controlling terminal (``path``).

    The terminal is opened only when a sequence is written, and closed again right after, so
    nothing is held open when a clipboard tool does the copying. Writing raises OSError when
    there is no terminal; :func:`copy` reports that.
    """

    def write(sequence: str) -> None:
        data = sequence.encode("ascii")
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
        try:
            while data:  # a terminal may take a long sequence in pieces
                data = data[os.write(fd, data) :]
        finally:
            os.close(fd)

    return write
