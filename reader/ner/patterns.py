"""Regular expressions for the cheap entity types: DATE, MONEY, PERCENT and news datelines."""

from __future__ import annotations

import re
from collections.abc import Iterator

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_MONTHS_NOT_MAY = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]|20)\d\d"
_RANGE = r"(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
_PERIOD = r"(?:week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter|quarter)"
_PREP = (
    r"(?:in|on|since|until|till|by|early|late|mid|last|next|this|of|during|through|from"
    r"|before|after)"
)

# Each pattern's group 1 is the date. Ordered so that longer forms win on overlap.
_DATES = [
    re.compile(rf"\b({_MONTHS}\s+{_DAY}{_RANGE}(?:,?\s+{_YEAR})?)(?![\d:])"),
    re.compile(rf"\b({_DAY}{_RANGE}\s+{_MONTHS}(?:,?\s+{_YEAR})?)\b"),
    re.compile(rf"\b({_MONTHS},?\s+{_YEAR})\b"),
    re.compile(rf"\b({_WEEKDAY}(?:,\s+{_MONTHS}\s+{_DAY}(?:,\s+{_YEAR})?)?)\b"),
    re.compile(rf"\b{_PREP}[ -]({_MONTHS})(?!\w)"),
    re.compile(rf"(?<![\w.])({_MONTHS_NOT_MAY})\b"),
    re.compile(rf"\b(?:in|since|by|until|of|from|during|before|after|through)\s+({_YEAR}s?)\b"),
    re.compile(
        rf"\b((?:the\s+)?(?:this|last|next|past|previous|coming)\s+(?:few\s+|two\s+|three\s+)?"
        rf"{_PERIOD}s?|(?:the\s+)?\d{{4}}s|today|yesterday|tomorrow|recent\s+years)\b",
        re.IGNORECASE,
    ),
]
_MONEY = re.compile(
    r"(?:(?:US|A|C|HK)?[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|bn|m)\b)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s(?:(?:million|billion|trillion)\s)?"
    r"(?:dollars|euros|pounds|yen|yuan|rubles|roubles|rupees)\b)"
)
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)")
# "WASHINGTON (Reuters) -" and "LONDON, March 3 (AP) —" at the start of a paragraph.
DATELINE = re.compile(
    r"^([A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*)(?:,\s*[^()\n]{1,40}?)?\s*"
    r"\(([A-Z][\w.&' -]{1,40})\)\s*[-—–]",
    re.MULTILINE,
)


def cheap_entities(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, label)`` for dates, money and percentages; may overlap each other."""
    for pattern in _DATES:
        for m in pattern.finditer(text):
            yield m.start(1), m.end(1), "DATE"
    for m in _MONEY.finditer(text):
        yield m.start(), m.end(), "MONEY"
    for m in _PERCENT.finditer(text):
        yield m.start(), m.end(), "PERCENT"
