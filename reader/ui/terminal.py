"""The terminal the app draws on: noticing that it went away (no Textual import)."""

from __future__ import annotations

import os

TERMINAL_FD = 0
"""Standard input: the terminal Textual reads keys from."""


def terminal_alive(fd: int = TERMINAL_FD) -> bool:
    """True while ``fd`` is an open terminal (after a hangup it no longer answers as one)."""
    try:
        return os.isatty(fd)
    except OSError:
        return False
