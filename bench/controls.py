"""How fast is ``strip_controls`` on long and hostile text? Seconds and MB/s per input, against
deleting the same control characters with ``str.translate`` (a floor: no sequence parsing).

Inputs (about 20 MB each, the loader's limit): plain prose; prose with a colour code every few
words; a stray U+009D (an 8-bit OSC introducer) every 9 KB that must not swallow what follows;
unterminated ``ESC ]`` strings at the 4,096-character bound.

    python bench/controls.py
"""

from __future__ import annotations

import time

import checkout  # noqa: F401  (this checkout's reader first)

from reader.textutil import strip_controls

_DELETE = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])


def timed(label: str, text: str) -> None:
    start = time.perf_counter()
    strip_controls(text)
    took = time.perf_counter() - start
    start = time.perf_counter()
    text.translate(_DELETE)
    floor = time.perf_counter() - start
    mb = len(text) / 1e6
    rate = mb / took
    print(f"{label:<32} {mb:5.1f} MB {took:7.3f} s {rate:7.1f} MB/s {took / floor:6.1f}x translate")


def main() -> None:
    size = 20_000_000
    prose = "The council met on Tuesday to vote on the harbour budget. "
    timed("plain prose", (prose * (size // len(prose)))[:size])
    coloured = "\x1b[1;31mred\x1b[0m " + prose
    timed("a colour code every 10 words", coloured * (size // len(coloured)))
    stray = "word " * 1800 + "\x9d" + "attr value"
    timed("stray U+009D every 9 KB", stray * (size // len(stray)))
    unterminated = "\x1b]" + "y" * 4095
    timed("unterminated OSC at the bound", unterminated * (size // len(unterminated)))


if __name__ == "__main__":
    main()
