"""The shapes the recognizer reads: capitalised runs and their tokens, and the word lists and
patterns of the context around a name (titles, speech verbs, place nouns, scores, lists).

Shared by :mod:`reader.ner.context`, :mod:`reader.ner.labels`, :mod:`reader.ner.memory` and
:mod:`reader.ner.rules`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_U = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŻŹŽ"
_ABBR = (
    r"(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Corp|Co|Ltd|Gen|Sen|Rep|Gov|Lt|Col|Maj|Sgt|Capt|Cmdr|Adm"
    r"|Prof|Rev|Mt|Ft|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich"
    r"|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Va|Vt|Wash|Wis|Wyo)\."
)
_WORD = rf"(?:{_ABBR}|(?:[{_U}]\.){{2,}}|[{_U}]\.(?=[ \t]+[{_U}])|[{_U}]['’][{_U}]\w+|[{_U}][\w&]*)"
_CONN = (
    r"(?:of\ the|of|for\ the|for|de\ la|de|del|della|di|da|das|dos|du|des|le|la|van\ der"
    r"|van\ den|van|von\ der|von|der|den|bin|ibn|y|&)"
)
# The lookahead first lets the regex engine skip to the next capital letter (twice as fast).
RUN = re.compile(rf"(?=[{_U}])(?<![\w'’]){_WORD}(?:(?:[ \t]+(?:{_CONN}[ \t]+)?|-){_WORD})*", re.X)
TOKEN = re.compile(rf"(?P<w>{_WORD})|(?P<c>{_CONN})", re.X)
SPLITTERS = frozenset({"of", "of the", "for", "for the", "&"})
ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z&]{1,7})s?\)")
NOT_ACRONYMS = frozenset(
    {"MP", "MPs", "MPP", "MLA", "MSP", "MEP"}
    | {"OK", "TV", "AM", "PM", "CEO", "CFO", "GDP", "PhD", "II", "III", "IV", "VI", "DNA", "AIDS"}
    | {"DJ", "MC", "VIP", "UFO", "FAQ", "EP", "LP", "CD", "DVD", "PC", "SUV", "AI", "HIV", "ID"}
    | {"EST", "EDT", "PST", "PDT", "CST", "CDT", "GMT", "BST", "UTC", "CET", "CEST", "MSK"}
)
# Sentence words that never end a name: a run that ends in one ran into the next sentence.
NEVER_LAST = frozenset(
    {"The", "A", "An", "And", "But", "Or", "If", "When", "While", "From", "In", "On", "At", "By"}
    | {"With", "As", "After", "Before", "During", "Since", "Until", "Despite", "However"}
    | {"Meanwhile", "Also", "Then", "Thus", "There", "Here", "This", "That", "These", "Those"}
)
DESIGNATION = re.compile(r"-(?:\d|[A-Z]+\b)")
ROMAN = re.compile(r"[IVXL]+")
SMALL = frozenset({"of", "and", "the", "for", "&", "on", "in", "to"})
PREPS_PLACE = frozenset({"in", "near", "outside", "across", "throughout"})
PREPS_CITY = frozenset({"at", "from", "to", "of", "and", "via"})
PLACE_PREFIXES = frozenset(
    {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central"}
    | {"Upper", "Lower", "New", "San", "Santa", "Los", "Las", "Saint", "St.", "Greater"}
)
ORDINAL_ENDS = frozenset("tdh")
ORDINAL_BEFORE = re.compile(r"(?<![\w.,])\d{1,3}(?:st|nd|rd|th|d) $")
NUMBER_WORDS = frozenset(
    {"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven"}
    | {"Twelve", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"}
    | {"Hundred", "Thousand", "First", "Second", "Third", "Fourth", "Fifth"}
)
"""Capitalised numbers: a span that starts with one is no person's name."""
PARLIAMENT = frozenset({"MP", "MEP", "MPP", "MLA", "MSP"})
"""Titles of a member of a parliament: the word before one is a party ("Labour MP")."""
SPEECH = frozenset({"said", "says", "told", "added", "wrote", "asked", "argued"})
# "the island of Kessling", "the town of Harlan Crossing": a lower-case place noun before "of".
# Also a direction ("40 km north of Kessling", "south-east of ...") and a seat ("the MP for
# Sedgefield", "MPP for Kenora").
PLACE_NOUN = re.compile(
    r"(?:\b(?:island|islands|towns?|city|cities|villages?|ports?|county|counties|provinces?"
    r"|regions?|state|district|districts|suburbs?|municipality|borough|hamlet|republic|capital"
    r"|harbou?r|parish|commune"
    r"|(?:north|south)(?:-?(?:east|west))?|east|west|(?:north|south|east|west)ern)\s+of"
    r"|\b(?:MPs?|MPPs?|MLAs?|MSPs?|MEPs?|TDs?|constituency|riding)\s+for)\s+$"
)
# Person evidence around an unknown two- or three-word span ("Daniel Reyes, a nurse" is not).
PERSON_AFTER = re.compile(
    r"(?:,?\s+(?:said|says|told|added|wrote|asked|argued|explained|recalled|insisted)\b"
    r"|[ \t]?,\s+(?:who|whose)\s|[ \t]?,\s+\d{1,3}[ \t]?,|\s*\(\s*(?:born|b\.|née|aged)\s"
    r"|[ \t]?['’]s\s+(?:wife|husband|son|daughter|father|mother|brother|sister|family)\b"
    # An author's bio: "Maya Lind covers city hall ...", "... writes about chips".
    r"|\s+(?:covers|writes|reports|edits|teaches|joined|has\s+covered|has\s+written)\b"
    # What only people do: "Tomas Veld was born in ...", "... died in 1961", "... resigned".
    r"|,?\s+(?:was\s+born|died|married|graduated|starred|resigned|retired|pleaded|testified)\b)"
)
PERSON_BEFORE = re.compile(
    r"(?:\b(?:said|says|told|according\s+to|spokesman|spokeswoman|spokesperson|by|wife"
    r"|husband|son|daughter|father|mother|brother|sister|widow|actor|actress|singer|player"
    r"|coach|manager|director|author|writer|artist|leader|chief|founder|chairman|chairwoman)"
    r",?\s+)$"
)


# An apposition or a bio after a name: "Halvard Line, the Danish shipping group"; "Jana Novak
# is a software engineer at ..."; "Mira Okonjo, chief executive of ...".
APPOS = re.compile(
    r"(?:[ \t]?(?P<comma>,))?[ \t]+(?:(?P<verb>is|was|has\ been|remains|became)[ \t]+)?"
    r"(?:(?P<art>the|a|an|its|their|his|her|[A-Z][\w.-]*[ \t]?['’]s)[ \t]+)?"
)
PHRASE_WORD = re.compile(r"[\w'’-]+|\S")
PHRASE_ENDS = frozenset(
    {"of", "at", "in", "for", "from", "that", "which", "who", "whose", "based", "with"}
    | {"and", "or", "on", "to", "since", "by", "near", "founded", "owned", "run", "known"}
)
BYLINE = re.compile(
    r"(?:^|\n|;)[ \t]*(?:By|Written by|Words by|(?:Additional )?[Rr]eporting by|Text by"
    r"|Editing by|Edited by|Compiled by)[ \t]+(?:[^\n;]{0,60}?(?:,|\band\b)[ \t]+)?$"
)
BYLINE_START = re.compile(
    r"[ \t]*(?:By|(?:Written|Words|(?:Additional )?[Rr]eporting|Text|Editing|Edited|Compiled)"
    r"[ \t]+by)[ \t]"
)
"""A line that opens as a byline ("By ...", "Reporting by ...; Editing by ...")."""
# After a name: "... said its ...", "... said on Monday his ...": an organisation or a person.
SAID_ITS = re.compile(
    r"[ \t]+(?:said|says|reported|announced|posted|expects|expected)\b[^.!?\n]{0,40}?"
    r"\b(its|his|her)\b"
)


DIGIT_AHEAD = "(?=[0-9\x80-\U0010ffff])"
"""Put before a pattern that opens with a lookbehind and then a digit: the regex engine then
skips to the next ASCII digit or non-ASCII character (where any other digit would be) instead
of trying the lookbehind at every position (twice as fast on a long text)."""
# A match and its score: "63-7", "2 - 1".
SCORE = re.compile(DIGIT_AHEAD + r"(?<![\d.,])\d{1,3}[ \t]?[-–][ \t]?\d{1,3}(?!\d|[.,]\d|%)")
# A result written without a dash, after the first team's name: "[Harlow] 2 Kessling 1".
TEAM = r"[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3}"
RESULT = re.compile(
    DIGIT_AHEAD + rf"(?<![\w.,:])\d{{1,2}}[ \t]+({TEAM})[ \t]+\d{{1,2}}(?![\w%]|[.,:]\d)"
)
VS_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeating|against|versus|vs\.?|v\.?|to|over|host"
    r"|hosts|hosted|edged|thrashed|routed|overcame|and)[ \t]+$"
)
VS_AFTER = re.compile(
    r"[ \t]+(?:beat|beats|defeated|drew|draw|lost|lose|won|win|edged|thrashed|routed"
    r"|overcame|held|led|trail|trailed)\b|[ \t]+\d{1,3}[ \t]?[-–][ \t]?\d{1,3}(?!\d|[.,]\d|%)"
)
LOWER_NEXT = re.compile(r"[ \t]+[a-z]{3,}\b")
# Between two names of a list: "A, B", "A and B", "A, and B", "A & B".
LIST_BEFORE = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)$")
LIST_AFTER = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+")


class Tok(NamedTuple):
    """A word or name particle inside a capitalised run (a tuple: cheap to make by the
    hundred thousand)."""

    start: int
    end: int
    text: str
    conn: bool
    hyphen: bool
    """Joined to the previous token by a hyphen."""
