"""Regular expressions for the cheap entity types: DATE, MONEY, PERCENT and news datelines.

Each pattern starts with a literal or a character class (a month, a digit, a currency sign),
which lets the regex engine skip ahead quickly; the context before a match (a preposition
before "May", "the past" before "month") is checked afterwards in Python. That keeps the scan
at a few milliseconds for a 10,000-word article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTHS = rf"(?:{_MONTH_NAMES}|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]|20)\d\d"
_RANGE = r"(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
_PERIOD = r"(?:weekend|week|month|year|decade|century|spring|summer|autumn|fall|winter|quarter)s?"

_MONTH_DATE = re.compile(
    rf"{_MONTHS}(?:\s+{_DAY}{_RANGE}(?:,?\s+{_YEAR})?(?![\d:])|,?\s+{_YEAR}(?!\d))?"
)
_DAY_MONTH = re.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?{_RANGE}\s+{_MONTHS}(?:,?\s+{_YEAR})?")
_WEEKDAYS = re.compile(rf"{_WEEKDAY}(?:,\s+{_MONTHS}\s+{_DAY}(?:,\s+{_YEAR})?)?")
_YEARS = re.compile(rf"{_YEAR}s?(?!\d)")
_PERIODS = re.compile(_PERIOD + r"(?!\w)")
_PERIOD_BEFORE = re.compile(
    r"(?:[Tt]he\s+)?(?:[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming|[Rr]ecent)\s+"
    r"(?:few\s+|two\s+|three\s+|several\s+)?$"
)
# Literal branches, not "[Tt]oday": a pattern that opens with literals scans four times faster.
_DAYS = re.compile(r"(?:Today|today|Yesterday|yesterday|Tomorrow|tomorrow)(?!\w)")
_MONTH_PREPS = frozenset(
    {"in", "on", "since", "until", "till", "by", "early", "late", "mid", "last", "next"}
    | {"this", "of", "during", "through", "from", "before", "after"}
)
_YEAR_PREPS = frozenset(
    {"in", "since", "by", "until", "of", "from", "during", "before", "after", "through"}
)

_MONEY_SIGN = re.compile(
    r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|bn|m)(?!\w))?"
)
_MONEY_WORD = re.compile(r"(?:dollars|euros|pounds|yen|yuan|rubles|roubles|rupees)(?!\w)")
_AMOUNT_BEFORE = re.compile(r"\d[\d,]*(?:\.\d+)?\s(?:(?:million|billion|trillion)\s)?$")
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s?(?:%|percent(?!\w)|per\s+cent(?!\w))")
# "WASHINGTON (Reuters) -" and "LONDON, March 3 (AP) —" at the start of a paragraph.
DATELINE = re.compile(
    r"^([A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*)(?:,\s*[^()\n]{1,40}?)?\s*"
    r"\(([A-Z][\w.&' -]{1,40})\)\s*[-—–]",
    re.MULTILINE,
)


Span = tuple[int, int, str]
"""``(start, end, label)`` of one entity in a text."""


def first_fit(spans: list[Span]) -> list[Span]:
    """``spans`` sorted, without any that overlaps an earlier kept one (leftmost wins)."""
    out: list[Span] = []
    last_end = -1
    for span in sorted(spans):
        if span[0] >= last_end:
            out.append(span)
            last_end = span[1]
    return out


def word_before(text: str, start: int) -> str:
    """The word just before ``start`` ("in" for "... in May"), or ''."""
    j = start - 1
    while j >= 0 and text[j] in " -":
        j -= 1
    end = j + 1
    while j >= 0 and text[j].isalpha():
        j -= 1
    return text[j + 1 : end]


SENTENCE_ENDS = ".!?:…\n"
"""What ends a sentence (or a paragraph) before the next one's first word."""


def starts_sentence(text: str, pos: int, ends: str = SENTENCE_ENDS) -> bool:
    """True when ``pos`` starts a sentence or a paragraph: only spaces, quotes and brackets
    between it and one of ``ends`` or the start of ``text``."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\"'“”‘’([)]":
        j -= 1
    return j < 0 or text[j] in ends


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


_DIGITS = re.compile(r"\d+")


def _at(text: str, starts: list[int], pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` at ``starts``, in order (what ``finditer``
    finds there, for a pattern that can only begin a word at one of them)."""
    last = -1
    for pos in starts:
        if pos >= last and (m := pattern.match(text, pos)):
            last = m.end()
            yield m


def cheap_entities(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, label)`` for dates, money and percentages; may overlap each other."""
    for m in _MONTH_DATE.finditer(text):
        start, end = m.span()
        found = m.group()
        if not _starts_word(text, start) or (end < len(text) and text[end].isalnum()):
            continue  # "Mayor", "Marching"
        if " " in found or "," in found:
            yield start, end, "DATE"  # "March 17-18", "May 2008"
        elif found == "May" or found.endswith("."):
            # Alone, "May" is a name or a verb unless a preposition says it is the month.
            if word_before(text, start) in _MONTH_PREPS:
                yield start, end, "DATE"
        else:
            yield start, end, "DATE"
    # The patterns that open with a digit are tried only where a run of digits starts (one
    # scan for the digits instead of one per pattern: four times fewer full-text scans).
    digits = [m.start() for m in _DIGITS.finditer(text)]
    for m in _at(text, digits, _DAY_MONTH):
        if _starts_word(text, m.start()):
            yield m.start(), m.end(), "DATE"
    for pattern in (_WEEKDAYS, _DAYS):
        for m in pattern.finditer(text):
            if _starts_word(text, m.start()):
                yield m.start(), m.end(), "DATE"
    for m in _at(text, digits, _YEARS):
        if _starts_word(text, m.start()) and word_before(text, m.start()) in _YEAR_PREPS:
            yield m.start(), m.end(), "DATE"
    for m in _PERIODS.finditer(text):
        if not _starts_word(text, m.start()):
            continue
        before = _PERIOD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before and (before.group().split()[-1].lower() != "recent" or m.group() == "years"):
            yield before.start(), m.end(), "DATE"
    for m in _MONEY_SIGN.finditer(text):
        start = m.start()
        if text[max(0, start - 2) : start] in ("US", "HK") and _starts_word(text, start - 2):
            start -= 2
        yield start, m.end(), "MONEY"
    for m in _MONEY_WORD.finditer(text):
        amount = _AMOUNT_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if amount and _starts_word(text, amount.start()):
            yield amount.start(), m.end(), "MONEY"
    for m in _at(text, digits, _PERCENT):
        if _starts_word(text, m.start()):
            yield m.start(), m.end(), "PERCENT"
