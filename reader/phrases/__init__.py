"""Paywall and boilerplate phrase lists (one TOML file per language) and a fast matcher.

Every list is data with its source named in the file. All languages are matched at once: the
phrases are compiled into a single prefix-tree regular expression, so one pass over a block
finds every category it mentions.
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


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation that shares prefixes, so matching is fast for hundreds of phrases."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@cache
def load_lists() -> dict[str, dict[str, list[str]]]:
    """``{language: {"phrases": {...}, "patterns": {...}}}`` from the TOML files."""
    out: dict[str, dict[str, list[str]]] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            merged: dict[str, list[str]] = {}
            for table in ("phrases", "patterns"):
                for category, items in data.get(table, {}).items():
                    key = category if table == "phrases" else f"re:{category}"
                    merged.setdefault(key, []).extend(items)
            out[data["language"]] = merged
    return out


@cache
def _matcher() -> re.Pattern[str]:
    groups: list[str] = []
    for category in (*CATEGORIES, ADDRESS):
        phrases: set[str] = set()
        patterns: list[str] = []
        for lists in load_lists().values():
            phrases.update(fold(p) for p in lists.get(category, []))
            patterns.extend(lists.get(f"re:{category}", []))
        alternatives = [f"(?:{p})" for p in patterns]
        if phrases:
            alternatives.append(_trie_pattern(sorted(phrases)))
        if alternatives:
            groups.append(f"(?P<{category}>{'|'.join(alternatives)})")
    # Whole words only: no letter or digit may touch either end of a phrase.
    return re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])")


def find(text: str) -> list[Hit]:
    """Every phrase occurrence in ``text`` (which should be :func:`fold`-ed)."""
    hits = []
    for match in _matcher().finditer(text):
        category = match.lastgroup
        if category:
            hits.append(Hit(category, match.start(), match.end()))
    return hits
