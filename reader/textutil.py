"""Bytes to safe text: decoding that never crashes, and removal of terminal control sequences."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

# Terminal control functions as ECMA-48 (5th ed., 1991) defines them and terminals parse them,
# each bounded so that one stray byte can never swallow the text after it:
# - control strings: OSC (ESC ] or U+009D), DCS (ESC P, U+0090), SOS (ESC X, U+0098),
#   PM (ESC ^, U+009E), APC (ESC _, U+009F), ended by ST (ESC \\ or U+009C), OSC also by BEL,
#   any of them by CAN or SUB or by the ESC of a next sequence.
#   A string is removed whole only when its terminator comes within _STRING_MAX characters
#   that may appear inside one (no C0, DEL or C1: a newline ends the chance). An unterminated
#   introducer is removed alone and what follows stays as plain text, which is harmless once
#   every control character is gone.
# - CSI (ESC [ or U+009B): parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, a final byte
#   0x40-0x7E, each part bounded.
# - other escape sequences: ESC, intermediates 0x21-0x2F, a final byte 0x30-0x7E (charset
#   selection, reset, keypad modes...). SPACE as an intermediate (ESC SP F, the rare 7-bit C1
#   announcers) is left out so that an ESC before a word never takes the word's first letter
#   with it; a lone ESC goes with the remaining controls.
_STRING_MAX = 4096
# ST ends a control string; so do CAN and SUB (which cancel it) and an ESC that starts another
# sequence (the terminal leaves the string for it: the ESC is not taken, it is parsed next).
_STRING_END = r"(?:\x1b\\|\x9c|[\x18\x1a]|(?=\x1b))"
_ESCAPES = re.compile(
    rf"""
    (?:\x1b\]|\x9d)[^\x00-\x1f\x7f-\x9f]{{0,{_STRING_MAX}}}(?:\x07|{_STRING_END})   # OSC
  | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x00-\x1f\x7f-\x9f]{{0,{_STRING_MAX}}}{_STRING_END}
  | (?:\x1b\[|\x9b)[0-?]{{0,64}}[ -/]{{0,16}}[@-~]                                  # CSI
  | \x1b[!-/]{{0,16}}[0-~]                                                          # others
    """,
    re.VERBOSE,
)
_INTRODUCERS = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
# C0 controls except TAB and LF, DEL, C1 controls; plus the bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069) that can make text read as something else.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """Remove terminal control functions, control characters and bidi overrides; keep
    newlines and tabs. The one stripper every loader and every shown body goes through.

    Carriage returns become newlines first, so CRLF and old-Mac line ends survive as lines.
    Work is linear in the length of ``text`` (each control string is bounded).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _INTRODUCERS.search(text):
        text = _strip_escapes(text)
    return _CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    """True when :func:`strip_controls` would change ``text`` (a carriage return, a control
    character or a bidi override in it): a quick test before stripping many strings."""
    return _CONTROLS.search(text) is not None or "\r" in text


def _strip_escapes(text: str) -> str:
    """Remove every :data:`_ESCAPES` sequence, trying the pattern only where an introducer
    stands (a plain ``sub`` would try it at every character of a long text)."""
    parts: list[str] = []
    pos = 0
    for found in _INTRODUCERS.finditer(text):
        start = found.start()
        if start < pos:  # inside a sequence already removed (e.g. the ESC of its ST)
            continue
        seq = _ESCAPES.match(text, start)
        if seq is not None:
            parts.append(text[pos:start])
            pos = seq.end()
    parts.append(text[pos:])
    return "".join(parts)


def visible_surrogates(text: str) -> str:
    """Lone surrogates (how Python holds the bytes of a file name that are not UTF-8) written
    as ``\\udcff``-style escapes, so the text can be printed and stored as UTF-8, and a user
    can type the name back (see :func:`unescape_surrogates`)."""
    if not _SURROGATES.search(text):
        return text
    return _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SURROGATE_ESCAPE = re.compile(r"\\u(dc[89a-f][0-9a-f])", re.IGNORECASE)


def unescape_surrogates(text: str) -> str:
    """The inverse of :func:`visible_surrogates` for the escapes of non-UTF-8 bytes
    (``\\udc80`` to ``\\udcff``): a path as printed by ``reader ... --json`` back to the name."""
    if "\\" not in text:  # the common case, and much quicker than the search
        return text
    return _SURROGATE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def safe_line(text: str) -> str:
    """``text`` made safe to show on one line: controls and bidi overrides removed (as
    :func:`strip_controls`), every run of whitespace (newlines and tabs too) one space, and
    the undecodable bytes of a file name shown as ``\\udcff``-style escapes.

    The one function every untrusted single-line string passes through before it is shown,
    printed, copied or exported: paths, file names, titles, sources, URLs, reasons.
    """
    if text.isascii() and text.isprintable():  # no control, bidi mark or surrogate in it
        return normalize_space(text)
    return normalize_space(visible_surrogates(strip_controls(text)))


class NotText(ValueError):
    """The bytes are not text we can read (binary data)."""


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text: many NULs or control bytes in the first 8 KiB.

    A stray NUL inside a text file is tolerated (it is stripped later); UTF-16 and UTF-32,
    with or without a byte order mark, are text.
    """
    head = data[:8192]
    if not head:
        return False
    if _unicode_encoding(head) is not None:
        return False
    if head.count(b"\x00") > max(2, len(head) // 100):
        return True
    # Escape (27) and bell (7) are left out: text saved from a terminal is full of colour codes.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 10)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (7, 9, 10, 12, 13, 27))

_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _unicode_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 (the codec name) when ``head`` starts with its byte order mark or,
    without one, when its NUL bytes fall where that encoding puts the high bytes of Latin,
    Greek, Cyrillic... text (at least a third of the units, the other byte never NUL) and the
    head decodes to text with few control characters. None otherwise."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if head.count(b"\x00") < 2:
        return None
    for width, names in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        units = len(head) // width
        if units < 2:
            continue
        sample = head[: units * width]
        for order, name in enumerate(names):
            # The byte positions (within a unit) that hold high bytes for this order.
            high = range(1, width) if order == 0 else range(width - 1)
            low = 0 if order == 0 else width - 1
            zero_high = sum(
                1 for i in range(0, len(sample), width) if all(sample[i + j] == 0 for j in high)
            )
            zero_low = sample[low::width].count(0)
            if zero_high * 3 < units or zero_low * 20 > units:
                continue
            try:
                text = sample.decode(name)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
            if controls * 20 <= len(text):  # text, not numbers that happen to be small
                return name
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``. Never raises on text-like data.

    Order: a BOM, UTF-16/UTF-32 told by where their NUL bytes fall, UTF-8, the encoding the
    document declared (e.g. an HTML meta tag), then a detected legacy encoding
    (charset-normalizer), and finally cp1252 with replacement.
    Raises :class:`NotText` for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    wide = _unicode_encoding(data[:8192])
    if wide is not None:
        return data.decode(wide, errors="replace"), wide
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
    if measure is len:
        return text[:room].rstrip() + "…"
    used = 0
    end = 0
    for ch in text:
        used += measure(ch)
        if used > room:
            break
        end += 1
    return text[:end].rstrip() + "…"
