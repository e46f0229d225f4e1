"""Paywall and boilerplate phrase lists (one TOML file per language) and a fast matcher.

Every list is data with its source named in the file. All languages are matched at once: the
phrases are keyed by their longest word, so one pass over a block's words picks the few
phrase patterns worth running and finds every category it mentions. A phrase may hold the
placeholders ``{name}`` (a publication's name, one to six words) and ``{price}`` ("$1",
"4,99 €"), so "subscribe to {name} today" matches every paper's prompt, not one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

CATEGORIES = (
    "percent",
    "gate",
    "login",
    "member",
    "marketing",
    "newsletter",
    "share",
    "navigation",
)
"""Boilerplate categories, strongest paywall evidence first."""
ADDRESS = "address"
"""Not boilerplate by itself: words that speak to the reader ("you", "vous")."""

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


@dataclass(frozen=True, slots=True)
class Hit:
    category: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case and straighten quotes, keeping length (offsets stay valid)."""
    return text.lower().translate(_APOSTROPHES)


@cache
def load_lists() -> dict[str, dict[str, list[str]]]:
    """``{language: {category: [phrase, ...], "re:category": [regex, ...]}}`` from the TOML
    files (``[phrases]`` and ``[shapes]``, the phrases with placeholders, merged)."""
    out: dict[str, dict[str, list[str]]] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            merged: dict[str, list[str]] = {}
            for table in ("phrases", "shapes", "patterns"):
                for category, items in data.get(table, {}).items():
                    key = f"re:{category}" if table == "patterns" else category
                    merged.setdefault(key, []).extend(items)
            out[data["language"]] = merged
    return out


_WORD = re.compile(r"\w+")
_SLOTS = {
    # A publication's name: one to six words ("subscribe to {name} today").
    "{name}": r"[\w&'.-]+(?:\W+[\w&'.-]+){0,5}?",
    # An amount of money: "$1", "€ 4,99", "99p", "5 euros".
    "{price}": (
        r"(?:[$€£¥]\s?\d+(?:[.,]\d+)?"
        r"|\d+(?:[.,]\d+)?\s?(?:[$€£¥]|euros?|dollars?|cents?|kr|p)(?!\w))"
    ),
}
"""Placeholders a phrase may hold, so one phrase covers every publication and price."""
_TOKEN = re.compile(r"\{name\}|\{price\}|\w+")


@cache
def _index() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Phrases grouped under their longest word, one small regex per group (its source:
    :func:`_group` compiles a group the first time a text holds its word; compiling all 191
    took 30 ms of every command that cleans an article); and the words that address the
    reader.

    Finding phrases is then: the block's words (one C-level ``findall``), the keys among them
    (a set intersection), and only those keys' regexes run. Most blocks of an article have no
    key at all, and the rest a few.
    """
    groups: dict[str, dict[str, list[str]]] = {}
    address: set[str] = set()
    for lists in load_lists().values():
        for phrase in lists.get(ADDRESS, []):
            address.update(_WORD.findall(fold(phrase)))
        for category in CATEGORIES:
            for phrase in lists.get(category, []):
                tokens = _TOKEN.findall(fold(phrase))
                words = [t for t in tokens if t not in _SLOTS]
                if not words:
                    continue
                key = max(words, key=len)
                pattern = r"\W+".join(_SLOTS.get(t) or re.escape(t) for t in tokens)
                groups.setdefault(key, {}).setdefault(category, []).append(pattern)
    sources = {
        key: r"(?<!\w)(?:"
        + "|".join(
            f"(?P<{cat}>{'|'.join(sorted(set(pats), key=len, reverse=True))})"
            for cat, pats in by_cat.items()
        )
        + r")(?!\w)"
        for key, by_cat in groups.items()
    }
    return sources, frozenset(sources), frozenset(address)


@cache
def _group(key: str) -> re.Pattern[str]:
    """The compiled regex of the phrases grouped under ``key``."""
    return re.compile(_index()[0][key])


@cache
def _patterns() -> re.Pattern[str] | None:
    """The few phrases that need a regular expression (e.g. "74 % of this article")."""
    by_category: dict[str, list[str]] = {}
    for lists in load_lists().values():
        for key, patterns in lists.items():
            if key.startswith("re:") and patterns:
                by_category.setdefault(key[3:], []).extend(patterns)
    alternatives = [f"(?P<{c}>{'|'.join(ps)})" for c, ps in by_category.items()]
    return re.compile("|".join(alternatives)) if alternatives else None


def find(text: str) -> list[Hit]:
    """Every phrase occurrence in ``text`` (which should be :func:`fold`-ed), in order.

    Phrases match whole words; any punctuation or spacing may stand between their words.
    """
    keys = _index()[1]
    hits: list[Hit] = []
    for key in keys.intersection(_WORD.findall(text)):
        for match in _group(key).finditer(text):
            if match.lastgroup:
                hits.append(Hit(match.lastgroup, match.start(), match.end()))
    pattern = _patterns()
    if pattern is not None and "%" in text:
        for match in pattern.finditer(text):
            if match.lastgroup:
                hits.append(Hit(match.lastgroup, match.start(), match.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def addresses_reader(text: str) -> bool:
    """True when ``text`` (folded) speaks to the reader: "you", "vous", "Sie"..."""
    return not _index()[2].isdisjoint(_WORD.findall(text))
