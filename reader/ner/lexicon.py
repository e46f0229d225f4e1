"""Word lists for the rule-based recognizer, loaded once from ``reader/ner/data/*.txt``.

Each data file names its source in a header comment. Lines starting with ``#`` are comments;
``[SECTION]`` lines start a section.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the recognizer looks up, as sets and dicts for O(1) membership."""

    names: dict[str, str]
    """Exact span text -> label: places (GPE/LOC), known organisations and facilities, NORP."""
    first_cues: dict[str, str]
    """First word of a span -> label ("Fort" -> FAC, "Lake" -> LOC)."""
    last_cues: dict[str, str]
    """Head word of a span -> label ("Ministry" -> ORG, "Sea" -> LOC, "Base" -> FAC)."""
    title_heads: frozenset[str]
    """Title words that introduce a name ("President", "Minister", "Mr.")."""
    title_modifiers: frozenset[str]
    """Words that extend a title ("Foreign", "Deputy", "State" in "Secretary of State")."""
    title_words: frozenset[str]
    """Heads and modifiers together: words that are never part of a name."""
    common: frozenset[str]
    """Capitalised words that are not names on their own ("Despite", "The", "However")."""
    first_names: frozenset[str]
    """Common given names."""
    cities: frozenset[str]
    """Towns of 15,000+ people (GeoNames); weaker evidence than ``names``."""
    countries: frozenset[str]
    """Countries (GPE in ``names`` too): a team named by one stays the country."""
    kinds: dict[str, str]
    """Lower-case noun -> label it gives a name beside it ("executive" -> PERSON)."""
    org_after: tuple[str, ...]
    """What follows a lone word right after it and makes it an organisation (" chief
    executive"; a possessive both attached and tokenised: "'s board", " 's board")."""
    org_before: re.Pattern[str]
    """Phrases right before a name that make it an organisation ("shares in")."""
    org_roles: frozenset[str]
    """Roles whose "of"/"for" names an organisation ("the chief executive of Nordlys")."""
    org_verbs: re.Pattern[str]
    """Phrases before a name that make it an organisation unless it opens with a given name
    ("played for", "joined": "joined Halvard Line", but "joined Mira Okonjo")."""


_NOT_ENTRY = re.compile(r"^[ \t]*[#\[].*$", re.MULTILINE)


@functools.cache
def _data_dir() -> Traversable:
    return resources.files("reader.ner").joinpath("data")


def data_file(name: str) -> Traversable:
    """A file of ``reader/ner/data/``."""
    return _data_dir().joinpath(name)


def read_data(name: str) -> list[tuple[str, str]]:
    """(section, entry) pairs of a data file, comments and blank lines skipped."""
    text = _data_dir().joinpath(name).read_text(encoding="utf-8")
    section = ""
    rows: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        rows.append((section, line))
    return rows


def read_entries(name: str) -> frozenset[str]:
    """The entries of a data file without sections (the long town list), as a set."""
    text = _data_dir().joinpath(name).read_text(encoding="utf-8")
    skipped = {line.strip() for line in _NOT_ENTRY.findall(text)} | {""}
    return frozenset(map(str.strip, text.splitlines())) - skipped


def _plural(word: str) -> str | None:
    """The people-noun plural of a demonym ("Russian" -> "Russians"); odd forms never occur."""
    return None if word.endswith(("s", "ese", "sh")) else word + "s"


@functools.cache
def lexicon() -> Lexicon:
    """Load (once) and return the recognizer's word lists."""
    names: dict[str, str] = {}
    countries: set[str] = set()
    for section, entry in read_data("places.txt"):
        label, _, tag = section.partition(":")
        names[entry] = label
        if tag == "country":
            countries.add(entry)
    for entry in (e for _, e in read_data("demonyms.txt")):
        names.setdefault(entry, "NORP")
        plural = _plural(entry)
        if plural:
            names.setdefault(plural, "NORP")
    for section, entry in read_data("orgs.txt"):
        names[entry] = section
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    for section, entry in read_data("cues.txt"):
        label, _, where = section.partition("_")
        (first if where == "FIRST" else last).setdefault(entry, label)
    titles = read_data("titles.txt")
    roles = read_data("roles.txt")
    kinds = {w: s for s, line in roles if s in ("PERSON", "ORG", "GPE") for w in line.split()}
    return Lexicon(
        names=names,
        first_cues=first,
        last_cues=last,
        title_heads=frozenset(e for s, e in titles if s == "HEAD"),
        title_modifiers=frozenset(e for s, e in titles if s == "MODIFIER"),
        title_words=frozenset(e for s, e in titles if s in ("HEAD", "MODIFIER")),
        common=frozenset(e for _, e in read_data("common_words.txt")),
        first_names=frozenset(
            w
            for data in ("first_names.txt", "given_names.txt")
            for _, line in read_data(data)
            for w in line.split()
        ),
        cities=read_entries("cities.txt"),
        countries=frozenset(countries),
        kinds=kinds,
        org_after=_after([e for s, e in roles if s == "ORG_AFTER"]),
        org_before=_phrases_before([e for s, e in roles if s == "ORG_BEFORE"]),
        org_roles=frozenset(e for s, e in roles if s == "ROLES_OF"),
        org_verbs=_phrases_before([e for s, e in roles if s == "ORG_VERBS"]),
    )


def _after(phrases: list[str]) -> tuple[str, ...]:
    """``phrases`` as they follow a word: after a space, and a possessive attached too."""
    out = [" " + p for p in phrases]
    out.extend(p for p in phrases if p.startswith(("'", "’")))
    return tuple(out)


def _phrases_before(phrases: list[str]) -> re.Pattern[str]:
    """A pattern for one of ``phrases`` ending right before a name (searched up to it)."""
    return re.compile(
        r"\b(?:" + "|".join(re.escape(e) for e in phrases) + r")[ \t]+(?:the[ \t]+)?$",
        re.IGNORECASE,
    )
