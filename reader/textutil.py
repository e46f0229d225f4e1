"""Bytes to safe text: decoding that never crashes, and removal of terminal control sequences."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/PM/APC/SOS
# strings (ESC P/^/_/X ... ST) and two-character escapes. Then the 8-bit CSI/OSC forms.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # CSI
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?    # OSC, terminated by BEL or ST
  | \x1b[P^_X][^\x1b]*(?:\x1b\\)?         # DCS, PM, APC, SOS
  | \x1b[ -/]*[0-~]?                      # other escapes (charset selection, etc.)
  | \x9b[0-?]*[ -/]*[@-~]?                # 8-bit CSI
  | \x9d[^\x07\x9c]*[\x07\x9c]?           # 8-bit OSC
    """,
    re.VERBOSE,
)
# C0 controls except TAB and LF, DEL, C1 controls; plus bidi overrides that can disguise text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep newlines and tabs.

    Carriage returns become newlines first, so CRLF and old-Mac line ends survive as lines.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def safe_line(text: str) -> str:
    """``text`` made safe to show on one line: controls and bidi overrides removed (as
    :func:`strip_controls`), every run of whitespace (newlines and tabs too) one space.

    The one function every untrusted single-line string passes through before it is shown,
    printed, copied or exported: paths, file names, titles, sources, URLs, reasons.
    """
    return normalize_space(strip_controls(text))


class NotText(ValueError):
    """The bytes are not text we can read (binary data)."""


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text: many NULs or control bytes in the first 8 KiB.

    A stray NUL inside a text file is tolerated (it is stripped later).
    """
    head = data[:8192]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.count(b"\x00") > max(2, len(head) // 100):
        return True
    # Escape (27) and bell (7) are left out: text saved from a terminal is full of colour codes.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 10)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (7, 9, 10, 12, 13, 27))


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``. Never raises on text-like data.

    Order: a BOM, UTF-8, the encoding the document declared (e.g. an HTML meta tag), then a
    detected legacy encoding (charset-normalizer), and finally cp1252 with replacement.
    Raises :class:`NotText` for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if looks_binary(data):
        raise NotText("binary file (not text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes  # imported lazily: only legacy files need it

    best = from_bytes(data[:200_000]).best()
    guess = best.encoding if best is not None and best.encoding else None
    # On short Western text the detector often picks another Latin code page (cp1257, cp1250,
    # latin-2...) whose letters differ only in the accents; saved news is far more often
    # Windows-1252, so prefer it whenever it decodes cleanly and the guess is such a sibling.
    if guess is None or guess in _LATIN_SIBLINGS:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    if guess:
        return data.decode(guess, errors="replace"), guess
    return data.decode("cp1252", errors="replace"), "cp1252"


_LATIN_SIBLINGS = frozenset(
    [
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_latin2",
        "mac_roman",
        "mac_iceland",
        "mac_turkish",
        "cp850",
        "cp437",
        "cp858",
    ]
)


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (incl. non-breaking and other Unicode spaces, and
    newlines) to one space, and trim."""
    return " ".join(text.split())


# Scripts written without spaces between words: Han (CJK ideographs), kana, and the CJK
# punctuation and full-width forms around them. Each such character counts as one word, as
# word counts for Chinese and Japanese are given in characters. (Hangul is spaced: not here.)
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
CJK_SENTENCE_END = "\u3002\uff01\uff1f\uff0e"
"""The full stops of Chinese and Japanese (。！？．), for sentence-end tests."""


def unspaced_chars(text: str) -> int:
    """How many characters of ``text`` belong to scripts written without spaces (CJK, kana)."""
    return 0 if text.isascii() else len(_UNSPACED.findall(text))


def word_count(text: str) -> int:
    """Number of words in ``text``: whitespace-separated words, and each Chinese or Japanese
    character (scripts written without spaces, where a character is the unit of length)."""
    if text.isascii():
        return len(text.split())
    if not _UNSPACED.search(text):
        return len(text.split())
    return len(_UNSPACED.findall(text)) + len(_UNSPACED.sub(" ", text).split())


def clip(text: str, limit: int, measure: Callable[[str], int] = len) -> str:
    """``text`` cut to ``limit`` (characters, or what ``measure`` counts), ending in "…" when cut.

    A cut text keeps what fits in ``limit - 1`` (at least one unit), spaces before the "…"
    dropped. ``measure`` is applied per character: pass a cell counter for terminal columns.
    """
    if measure(text) <= limit:
        return text
    room = max(1, limit - 1)
    used = 0
    end = 0
    for ch in text:
        used += measure(ch)
        if used > room:
            break
        end += 1
    return text[:end].rstrip() + "…"
