"""The rule-and-gazetteer recognizer: capitalised runs, cues, titles and document memory.

One pass over the text finds runs of capitalised words (joined by name particles such as "of"
or "van"); each run is labelled by, in order: the gazetteers, a leading function word to drop,
a hyphen split ("U.S.-Russian"), a title ("Foreign Minister X"), an organisation/place cue
("... Ministry", "... Sea", "Fort ..."), a leading demonym, a known given name. Lone words that
no rule decides wait until the whole text is read: a surname of a person named earlier, a text
labelled elsewhere, an acronym and its expansion, a dateline. Title-case headlines only keep
names the rest of the text confirms.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from reader.ner import tagger
from reader.ner.lexicon import Lexicon, lexicon
from reader.ner.patterns import DATELINE, Span, cheap_entities, first_fit, word_before

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
_RUN = re.compile(rf"(?<![\w'’]){_WORD}(?:(?:[ \t]+(?:{_CONN}[ \t]+)?|-){_WORD})*", re.X)
_TOKEN = re.compile(rf"(?P<w>{_WORD})|(?P<c>{_CONN})", re.X)
_SPLITTERS = frozenset({"of", "of the", "for", "for the", "&"})
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z&]{1,7})s?\)")
_NOT_ACRONYMS = frozenset(
    {"MP", "MPs", "MPP", "MLA", "MSP", "MEP"}
    | {"OK", "TV", "AM", "PM", "CEO", "CFO", "GDP", "PhD", "II", "III", "IV", "VI", "DNA", "AIDS"}
    | {"DJ", "MC", "VIP", "UFO", "FAQ", "EP", "LP", "CD", "DVD", "PC", "SUV", "AI", "HIV", "ID"}
    | {"EST", "EDT", "PST", "PDT", "CST", "CDT", "GMT", "BST", "UTC", "CET", "CEST", "MSK"}
)
# Sentence words that never end a name: a run that ends in one ran into the next sentence.
_NEVER_LAST = frozenset(
    {"The", "A", "An", "And", "But", "Or", "If", "When", "While", "From", "In", "On", "At", "By"}
    | {"With", "As", "After", "Before", "During", "Since", "Until", "Despite", "However"}
    | {"Meanwhile", "Also", "Then", "Thus", "There", "Here", "This", "That", "These", "Those"}
)
_DESIGNATION = re.compile(r"-(?:\d|[A-Z]+\b)")
_ROMAN = re.compile(r"[IVXL]+")
_SMALL = frozenset({"of", "and", "the", "for", "&", "on", "in", "to"})
_PREPS_PLACE = frozenset({"in", "near", "outside", "across", "throughout"})
_PREPS_CITY = frozenset({"at", "from", "to", "of", "and", "via"})
_PLACE_PREFIXES = frozenset(
    {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central"}
    | {"Upper", "Lower", "New", "San", "Santa", "Los", "Las", "Saint", "St.", "Greater"}
)
_ORDINAL_ENDS = frozenset("tdh")
_ORDINAL_BEFORE = re.compile(r"(?<![\w.,])\d{1,3}(?:st|nd|rd|th|d) $")
_SPEECH = frozenset({"said", "says", "told", "added", "wrote", "asked", "argued"})
# "the island of Kessling", "the town of Harlan Crossing": a lower-case place noun before "of".
# Also a direction ("40 km north of Kessling", "south-east of ...") and a seat ("the MP for
# Sedgefield", "MPP for Kenora").
_PLACE_NOUN = re.compile(
    r"(?:\b(?:island|islands|town|city|village|port|county|province|region|state|district|suburb"
    r"|municipality|borough|hamlet|republic|capital|harbou?r|parish|commune"
    r"|(?:north|south)(?:-?(?:east|west))?|east|west|(?:north|south|east|west)ern)\s+of"
    r"|\b(?:MPs?|MPPs?|MLAs?|MSPs?|MEPs?|TDs?|constituency|riding)\s+for)\s+$"
)
# Person evidence around an unknown two- or three-word span ("Daniel Reyes, a nurse" is not).
_PERSON_AFTER = re.compile(
    r"(?:,?\s+(?:said|says|told|added|wrote|asked|argued|explained|recalled|insisted)\b"
    r"|,\s+(?:who|whose)\s|,\s+\d{1,3},|\s*\(\s*(?:born|b\.|née|aged)\s"
    r"|['’]s\s+(?:wife|husband|son|daughter|father|mother|brother|sister|family)\b"
    # An author's bio: "Maya Lind covers city hall ...", "... writes about chips".
    r"|\s+(?:covers|writes|reports|edits|teaches|joined|has\s+covered|has\s+written)\b)"
)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:said|says|told|according\s+to|spokesman|spokeswoman|spokesperson|by|wife"
    r"|husband|son|daughter|father|mother|brother|sister|widow|actor|actress|singer|player"
    r"|coach|manager|director|author|writer|artist|leader|chief|founder|chairman|chairwoman)"
    r",?\s+)$"
)


# An apposition or a bio after a name: "Halvard Line, the Danish shipping group"; "Jana Novak
# is a software engineer at ..."; "Mira Okonjo, chief executive of ...".
_APPOS = re.compile(
    r"(?P<comma>,)?[ \t]+(?:(?P<verb>is|was|has\ been|remains|became)[ \t]+)?"
    r"(?:(?P<art>the|a|an|its|their|his|her)[ \t]+)?"
)
_PHRASE_WORD = re.compile(r"[\w'’-]+|\S")
_PHRASE_ENDS = frozenset(
    {"of", "at", "in", "for", "from", "that", "which", "who", "whose", "based", "with"}
    | {"and", "or", "on", "to", "since", "by", "near", "founded", "owned", "run", "known"}
)
_BYLINE = re.compile(
    r"(?:^|\n)[ \t]*(?:By|Written by|Words by|Reporting by|Text by)[ \t]+"
    r"(?:[^\n]{0,60}?(?:,|\band\b)[ \t]+)?$"
)


# A match and its score: "63-7", "2 - 1".
_SCORE = re.compile(r"(?<![\d.,])\d{1,3}[ \t]?[-–][ \t]?\d{1,3}(?!\d|[.,]\d|%)")
_VS_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeating|against|versus|vs\.?|v\.?|to|over|host"
    r"|hosts|hosted|edged|thrashed|routed|overcame|and)[ \t]+$"
)
_VS_AFTER = re.compile(
    r"[ \t]+(?:beat|beats|defeated|drew|draw|lost|lose|won|win|edged|thrashed|routed"
    r"|overcame|held|led|trail|trailed)\b|[ \t]+\d{1,3}[ \t]?[-–][ \t]?\d{1,3}(?!\d|[.,]\d|%)"
)
_LOWER_NEXT = re.compile(r"[ \t]+[a-z]{3,}\b")
# Between two names of a list: "A, B", "A and B", "A, and B", "A & B".
_LIST_BEFORE = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)$")
_LIST_AFTER = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+")


class Tok(NamedTuple):
    """A word or name particle inside a capitalised run (a tuple: cheap to make by the
    hundred thousand)."""

    start: int
    end: int
    text: str
    conn: bool
    hyphen: bool
    """Joined to the previous token by a hyphen."""


class _Pass:
    """State for one text: results so far and words whose label waits for the whole text."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.found: list[Span] = []
        self.deferred: list[tuple[Tok, bool]] = []
        self.headline_runs: list[list[Tok]] = []
        self.pending: list[list[Tok]] = []
        """Unknown two- or three-word spans: people only if the text gives person evidence."""
        self.person_parts: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.rejected: list[tuple[int, int]] = []
        """Spans the rules decided are no entity ("Nobel Prize", a spelled-out acronym)."""
        self.openers: list[list[Tok]] = []
        """Runs that open a sentence whose unknown first word was taken for a plain word."""

    # --- helpers -------------------------------------------------------------------------------

    def emit(self, toks: list[Tok], label: str, strong: bool = True) -> None:
        """Record a span; strong evidence also teaches the text (and a person's names)."""
        start, end = toks[0].start, toks[-1].end
        if label in ("ORG", "FAC") and self.text[start - 2 : start - 1] in _ORDINAL_ENDS:
            # "82nd Airborne Division", "65th Air Division": the unit's number is in its name.
            m = _ORDINAL_BEFORE.search(self.text, max(0, start - 12), start)
            if m:
                start = m.start()
        self.found.append((start, end, label))
        words = [t for t in toks if not t.conn]
        if not strong:
            if label == "PERSON" and len(words) >= 2:
                self.person_parts.setdefault(words[-1].text, "PERSON")
            return
        span = self.text[start:end]
        self.labels.setdefault(span, label)
        if label == "PERSON" and len(words) >= 2:
            self.person_parts[words[-1].text] = "PERSON"
            if words[0].text in self.lex.first_names:
                self.person_parts.setdefault(words[0].text, "PERSON")

    def span(self, toks: list[Tok]) -> str:
        return self.text[toks[0].start : toks[-1].end]

    def is_initial(self, pos: int) -> bool:
        """True when ``pos`` starts a sentence or a paragraph."""
        text = self.text
        j = pos - 1
        while j >= 0 and text[j] in " \t\"'“”‘’([)]":
            j -= 1
        return j < 0 or text[j] in ".!?:…\n"

    # --- runs ----------------------------------------------------------------------------------

    def classify(self, toks: list[Tok], initial: bool) -> None:
        """Label one run of capitalised tokens (or defer a lone word)."""
        lex = self.lex
        while toks and toks[0].conn:
            toks = toks[1:]
            initial = False
        while toks and (toks[-1].conn or (len(toks) > 1 and toks[-1].text in _NEVER_LAST)):
            toks = toks[:-1]  # "... the Perth Glory From 2006, ..." ends at "Glory"
        if not toks:
            return
        span = self.span(toks)
        label = lex.names.get(span)
        if label:
            self.emit(toks, label)
            return
        first = toks[0].text
        if first in _PLACE_PREFIXES and len(toks) > 1 and not toks[1].conn:
            # "Western Australia", "North Bridgton", "Southern California": a direction
            # before a known place is one place, wherever the run stands.
            rest = self.span(toks[1:])
            place = lex.names.get(rest)
            if place in ("GPE", "LOC") or (place is None and rest in lex.cities):
                self.emit(toks, place or "GPE")
                return
        if first in lex.common or first == "The":
            self.classify(toks[1:], False)
            return
        for i in range(1, len(toks)):
            if toks[i].hyphen and (
                lex.names.get(self.span(toks[:i])) or lex.names.get(self.span(toks[i:]))
            ):
                self.classify(toks[:i], initial)
                self.classify(toks[i:], False)
                return
        words = [t for t in toks if not t.conn]
        if len(words) == 1:
            self.deferred.append((toks[0], initial))
            return
        if self.title(toks, initial):
            return
        cut = next((i for i, t in enumerate(toks) if t.conn and t.text in _SPLITTERS), None)
        last = len(toks) - 1
        if last and _ROMAN.fullmatch(toks[last].text):
            last -= 1  # "World War II", "Super Bowl XL"
        head = toks[cut - 1].text if cut else toks[last].text
        if head == "Hall" and toks[last].text == "Fame":
            head = "Fame"  # "Hockey Hall of Fame" is the organisation, not the building
        label = lex.last_cues.get(head) or lex.first_cues.get(first)
        if not label and span in lex.cities:
            label = "GPE"
        if label and cut and toks[cut].text in ("for", "&") and self.two_names(toks, cut):
            # "the Super League for FC Basel", "Kessra Mining & Varn Holdings": two names.
            self.classify(toks[:cut], initial)
            self.classify(toks[cut + 1 :], False)
            return
        if label:
            if label != "NONE":
                self.emit(toks, label)
            else:
                self.rejected.append((toks[0].start, toks[-1].end))
            return
        if (
            cut == 1
            and len(toks) == 3
            and toks[1].text == "&"
            and not {toks[0].text, toks[2].text} & (lex.common | lex.first_names)
        ):
            self.emit(toks, "ORG", strong=False)  # "Marlow & Finch", "Johnson & Johnson"
            return
        if cut:
            self.classify(toks[:cut], initial)
            self.classify(toks[cut + 1 :], False)
            return
        label = self.context(toks[0].start, toks[-1].end)
        if label:
            self.emit(toks, label)
            return
        if lex.names.get(first) == "NORP":
            self.emit(toks[:1], "NORP")
            self.classify(toks[1:], False)
            return
        if lex.kinds.get(first.lower()) == "PERSON" and not toks[1].conn:
            self.emit(toks[1:], "PERSON")  # "Engineer Jana Novak", "Striker Veld"
            return
        if first in lex.first_names:
            self.emit(toks, "PERSON")
            return
        if initial:
            if len(words) <= 3 and _PERSON_AFTER.match(self.text, toks[-1].end):
                self.emit(toks, "PERSON", strong=False)  # "Maya Lind covers city hall ..."
                return
            # "Remarking Smith..." is rare; an unknown sentence opener is most likely a word,
            # unless the text names the whole run elsewhere ("Li Shimin led ..." after "...
            # Wang Shichong and Li Shimin"): see :meth:`openers`.
            self.openers.append(toks)
            self.classify(toks[1:], False)
            return
        if all(t.text.isupper() for t in words):
            for t in words:
                self.deferred.append((t, False))
            return
        if self.place_noun_before(toks[0].start):
            self.emit(toks, "GPE")
            return
        if first.isupper() or self.place_prefix(words):
            # "Perth Glory", "Montreal Canadiens", "Texas Instruments": a place's club or firm.
            self.emit(toks, "ORG", strong=False)
        elif first in _PLACE_PREFIXES and len(words) <= 3:
            self.emit(toks, "GPE", strong=False)
        elif len(words) <= 3 and toks[-1].text[-1] != ".":
            self.pending.append(toks)
        # A longer run with no cue ("Everyone Wants To Be Fuhrer", "Gentle On Your Mind") is
        # left to the span classifier: as often a title as an organisation.

    def two_names(self, toks: list[Tok], cut: int) -> bool:
        """True when the words after ``cut`` are a name of their own (a known one, or one
        whose head or first word is a cue) and not just the rest of the first name."""
        lex = self.lex
        right = [t for t in toks[cut + 1 :] if not t.conn]
        if not right:
            return False
        span = self.span(toks[cut + 1 :])
        label = (
            lex.names.get(span)
            or lex.first_cues.get(right[0].text)
            or (lex.last_cues.get(right[-1].text) if len(right) > 1 else None)
        )
        return label not in (None, "NONE")

    def context(self, start: int, end: int) -> str | None:
        """The label a lower-case role or kind gives a name: before it, or in an apposition.

        "chief executive Mira Okonjo", "the shipping group Halvard Line" (the word before);
        "Halvard Line, the Danish shipping group", "Jana Novak is a software engineer at ..."
        (the head noun of the phrase after a comma or "is"/"was").
        """
        text = self.text
        if text.startswith(("-based", "-born", "-headquartered"), end):
            return "GPE"  # "the Valdoria-based miner"
        if self.lex.org_before.search(text, max(0, start - 30), start):
            return "ORG"  # "shares in Tovaro", "a stake in Halvard Line"
        before = word_before(text, start)
        if before and before.islower():
            kind = self.lex.kinds.get(before)
            if kind:
                return kind
            if before in ("at", "for"):
                # "a software engineer at Nordlys", "a reporter for Ostravia"
                role = word_before(self.text, start - len(before) - 1)
                if self.lex.kinds.get(role) == "PERSON":
                    return "ORG"
        return self.apposition(end)

    def apposition(self, end: int) -> str | None:
        """The label given by the head noun of an apposition or bio right after ``end``."""
        text = self.text
        m = _APPOS.match(text, end, end + 40)
        if not m or not (m.group("comma") or m.group("verb")):
            return None
        head = ""
        for count, w in enumerate(_PHRASE_WORD.finditer(text, m.end(), m.end() + 80)):
            word = w.group()
            if word in _PHRASE_ENDS or not word[0].isalnum():
                break
            if count == 5 or not (word.islower() or (m.group("art") and word[0].isupper())):
                return None  # "Kessling, Varn and ..." is a list, not an apposition
            head = word
        else:
            return None
        if head.endswith(("'s", "’s")):
            return None
        return self.lex.kinds.get(head.lower()) if head.islower() else None

    def place_noun_before(self, start: int) -> bool:
        """True after a lower-case place noun and "of" ("the island of ...")."""
        return _PLACE_NOUN.search(self.text, max(0, start - 30), start) is not None

    def people(self, lone: set[str]) -> None:
        """Label pending spans PERSON when the text gives evidence; drop the others.

        Without evidence, a span right after "in"/"near" is a place.
        Evidence: a speech verb or "who" after the span, "said"/"according to" or a role noun
        before it, a middle initial, or its last word used alone elsewhere (a surname).
        """
        text = self.text
        undecided: list[list[Tok]] = []
        for toks in self.pending:
            words = [t for t in toks if not t.conn]
            start, end = toks[0].start, toks[-1].end
            if (
                words[-1].text in lone
                or words[-1].text in self.person_parts
                or any(len(t.text) == 2 and t.text.endswith(".") for t in words[:-1])
                or _PERSON_AFTER.match(text, end, end + 40)
                or _PERSON_BEFORE.search(text, max(0, start - 40), start)
                or _BYLINE.search(text, max(0, start - 90), start)
            ):
                self.emit(toks, "PERSON", strong=False)
            elif word_before(text, start) in _PREPS_PLACE:
                self.emit(toks, "GPE", strong=False)  # "the rail spur in Harlan Crossing"
            else:
                undecided.append(toks)
        if undecided:
            self.lists_of_people(undecided)

    def lists_of_people(self, undecided: list[list[Tok]]) -> None:
        """An unknown name listed beside people is a person: "Mira Okonjo, Tomas Veld and ..."."""
        people = {(s, e) for s, e, label in self.found if label == "PERSON"}
        if not people:
            return
        ends = {e for _, e in people}
        starts = {s for s, _ in people}
        text = self.text
        changed = True
        while changed:
            changed = False
            for toks in undecided:
                start, end = toks[0].start, toks[-1].end
                if (start, end) in people:
                    continue
                before = _LIST_BEFORE.search(text, max(0, start - 8), start)
                after = _LIST_AFTER.match(text, end, end + 8)
                if (before and before.start() in ends) or (after and after.end() in starts):
                    self.emit(toks, "PERSON", strong=False)
                    people.add((start, end))
                    ends.add(end)
                    starts.add(start)
                    changed = True

    def place_prefix(self, words: list[Tok]) -> bool:
        """True when the span starts with a known place ("Los Angeles Lakers", "Perth Glory")."""
        lex = self.lex
        for i in range(min(3, len(words) - 1), 0, -1):
            span = self.span(words[:i])
            if lex.names.get(span) == "GPE" or (i > 1 and span in lex.cities):
                return True
        return False

    def title(self, toks: list[Tok], initial: bool) -> bool:
        """Handle "Foreign Minister Sergei Lavrov" / "Mr. Smith"; False when no title applies."""
        lex = self.lex
        heads = lex.title_heads
        mods = lex.title_modifiers
        h = next((i for i, t in enumerate(toks) if t.text in heads and not t.conn), None)
        if h is None:
            return False
        begin = h
        while begin > 0 and toks[begin - 1].text in mods | heads:
            begin -= 1
        end = h + 1
        while end < len(toks):
            t = toks[end]
            if t.text in mods or t.text in heads:
                end += 1
            elif t.conn and end + 1 < len(toks) and toks[end + 1].text in mods | heads:
                end += 2
            else:
                break
        rest = toks[end:]
        cut = next((i for i, t in enumerate(rest) if t.conn and t.text in _SPLITTERS), None)
        name, after = (rest, []) if cut is None else (rest[:cut], rest[cut + 1 :])
        if name and (lex.last_cues.get(name[-1].text) or name[0].text in lex.common):
            return False
        if begin:
            self.classify(toks[:begin], initial)
        if name:
            self.emit(name, "PERSON")
            if len([t for t in name if not t.conn]) == 1:
                self.person_parts.setdefault(name[0].text, "PERSON")
        if after:
            self.classify(after, False)
        return True

    # --- whole text ----------------------------------------------------------------------------

    def acronyms(self) -> tuple[set[str], dict[str, str]]:
        """Acronyms defined in the text: those spelled out in lower case, and the others' texts."""
        plain: set[str] = set()
        named: dict[str, str] = {}
        text = self.text
        for m in _ACRONYM_DEF.finditer(text):
            acro = m.group(1).replace("&", "")
            before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 120) : m.start()])
            content = [w for w in before if w.lower() not in _SMALL]
            for k in range(min(len(acro), len(content)), 1, -1):
                letters = content[-k:]
                if _spells(acro, letters):
                    break
            else:
                continue
            if all(w.islower() for w in letters):
                plain.add(m.group(1))
            else:
                start = len(before) - 1 - before[::-1].index(letters[0])
                named[m.group(1)] = " ".join(before[start:])
        return plain, named

    def resolve(self) -> None:
        """Label the lone words now that the whole text has been read."""
        lex = self.lex
        plain, named = self.acronyms() if "(" in self.text else (set(), {})
        text = self.text
        self.people({tok.text for tok, _ in self.deferred})
        org_after = tuple(" " + p for p in lex.org_after)
        for tok, initial in self.deferred:
            word = tok.text
            label = self.person_parts.get(word) or self.labels.get(word) or lex.names.get(word)
            if label == "PERSON" and not initial and text.startswith(org_after, tok.end):
                label = "ORG"  # "Caloi was founded in 1898" beside "Guido Caloi"
            if not label and word.isupper() and len(word.replace(".", "")) > 1:
                place = lex.names.get(word.title())
                if place in ("GPE", "LOC"):
                    label = place
                elif (
                    word in plain
                    or word in _NOT_ACRONYMS
                    or _DESIGNATION.match(text, tok.end)
                    or text[tok.start - 1 : tok.start] == "-"
                ):
                    # ... or a model or strain: "CH-53", "COVID-19", "the OSC-DIS video".
                    label = None
                    self.rejected.append((tok.start, tok.end))
                elif word in named:
                    label = self.labels.get(named[word], "ORG")
                elif len(word.replace(".", "")) <= 5 and word.replace(".", "").isalpha():
                    label = "ORG"
            elif not label and not initial and len(word) > 1 and word not in lex.title_heads:
                after = text[tok.end : tok.end + 8].split(maxsplit=1)
                before = text[max(0, tok.start - 12) : tok.start].split()
                if word not in lex.common and (kind := self.context(tok.start, tok.end)):
                    label = kind  # before the speech verb: "the miner Kessra said"
                elif (after and after[0].strip(",.") in _SPEECH) or (
                    word not in lex.cities and text.startswith((", who ", " , who "), tok.end)
                ):
                    label = "PERSON"  # "Veld said", "her brother Konstanty, who died ..."
                elif (
                    before
                    and before[-1] in ("said", "says")
                    and text.startswith((".", ","), tok.end)
                    and not word.isupper()
                ):
                    label = "PERSON"  # "..., said Veld."
                elif text.startswith(tuple(" " + p for p in lex.org_after), tok.end):
                    label = "ORG"
                elif self.place_noun_before(tok.start):
                    label = "GPE"
                elif (
                    _SCORE.match(text, tok.end + 1)
                    and _VS_BEFORE.search(text, max(0, tok.start - 12), tok.start)
                ) or (
                    _VS_AFTER.match(text, tok.end) and _SCORE.search(text, tok.end, tok.end + 24)
                ):
                    label = "ORG"  # "a loss to Tarnholm 63-7", "Kessling won 3-0"
                elif word in lex.first_names:
                    pass
                elif (
                    word in lex.cities
                    and before
                    and before[-1].lower() in ("the", "a", "an")
                    and _LOWER_NEXT.match(text, tok.end)
                ):
                    label = "GPE"  # "the Gdansk shipyard", "a Kessling court"
                elif before and before[-1] == "the" and self.lone_org(word):
                    label = "ORG"
                elif (before and before[-1].lower() in _PREPS_PLACE) or (
                    word in lex.cities
                    and ((before and before[-1] in _PREPS_CITY) or text.startswith(",", tok.end))
                ):
                    label = "GPE"
            if not label and initial and word not in lex.common and not word.endswith("ly"):
                # A sentence opener is a word unless what follows says which name it is:
                # "Tovaro, the state copper company, ..."; "Nordlys chief executive ...".
                if text.startswith(tuple(" " + p for p in lex.org_after), tok.end):
                    label = "ORG"
                elif (m := _APPOS.match(text, tok.end, tok.end + 12)) and m.group("art"):
                    label = self.apposition(tok.end)
            if label:
                self.emit([tok], label)

    def whole_openers(self) -> None:
        """A sentence-opening run the text labels elsewhere, as a whole, is that name.

        Runs after the whole text is read; the span starts before the part emitted for the
        run's tail, so it wins when the spans are fitted.
        """
        if not self.openers:
            return
        text = self.text
        named: dict[str, str] = {}
        for start, end, label in self.found:
            if label in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
                named.setdefault(text[start:end], label)
        for toks in self.openers:
            span = self.span(toks)
            whole = self.labels.get(span) or named.get(span)
            if whole:
                self.found.append((toks[0].start, toks[-1].end, whole))

    def lone_org(self, word: str) -> bool:
        """After a lower-case "the", an organisation head alone: "the League", "the Army"."""
        return self.lex.last_cues.get(word) == "ORG"

    def headlines(self) -> None:
        """In Title Case lines keep only names the rest of the text (or the lists) confirm."""
        for toks in self.headline_runs:
            i = 0
            while i < len(toks):
                for j in range(min(len(toks), i + 4), i, -1):
                    if toks[j - 1].conn or toks[i].conn:
                        continue
                    span = self.span(toks[i:j])
                    label = self.labels.get(span) or self.lex.names.get(span)
                    if j - i == 1:
                        label = label or self.person_parts.get(span)
                    if label:
                        self.emit(toks[i:j], label)
                        i = j
                        break
                else:
                    i += 1


def _spells(acronym: str, words: list[str]) -> bool:
    """True when ``words`` spell ``acronym``: each word starts the next letter(s) of it."""
    if words[0][0].upper() != acronym[0]:
        return False
    joined = " ".join(words).upper()
    pos = 0
    for i, ch in enumerate(acronym):
        pos = joined.find(ch, pos) if i else 0
        if pos < 0:
            return False
        pos += 1
    return all(w[0].upper() in acronym for w in words)


def _may_stay_open(group: list[Tok], found: list[Span], emitted: int, lex: Lexicon) -> bool:
    """False when the spans just emitted cover ``group`` or all it has left are lone words
    the span classifier never asks about (so a long text keeps few runs in memory)."""
    new = found[emitted:]
    if not new:
        first = group[0]
        return len(group) > 1 or (first.text not in lex.common and len(first.text) > 1)
    if len(new) == 1 and new[0][0] <= group[0].start and group[-1].end <= new[0][1]:
        return False  # the usual case: the whole run became one span
    open_words = [
        t for t in group if not t.conn and not any(s <= t.start and t.end <= e for s, e, _ in new)
    ]
    if not open_words:
        return False
    return len(open_words) > 1 or (
        open_words[0].text not in lex.common and len(open_words[0].text) > 1
    )


def _headline_ranges(text: str) -> list[tuple[int, int]]:
    """Paragraphs (or lines) written in Title Case with no closing full stop."""
    ranges: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        words = line.split()
        if (
            len(words) < 3
            or len(words) > 25
            or line.rstrip().endswith((".", '"', "”"))
            or words[0] == "By"  # a byline, not a headline
        ):
            continue
        long_words = [w for w in words if len(w) > 3]
        if long_words and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words):
            ranges.append((m.start(), m.end()))
    return ranges


def recognize(text: str, model: bool = True) -> list[Span]:
    """Return non-overlapping ``(start, end, label)`` spans of ``text``, in order.

    With ``model`` (the default), capitalised stretches the rules leave unlabelled go to the
    span classifier (:mod:`reader.ner.tagger`). A place that plays a match is its team.
    """
    found = _without_leading_words(text, _recognize(text, model))
    if any(q in text for q in _QUOTE_CHARS):
        found = unquoted(text, found)
    return teams(text, found) if _SCORE.search(text) else found


def _without_leading_words(text: str, spans: list[Span]) -> list[Span]:
    """Person spans whose second word is a given name and whose first is not start at the
    given name: "Queenslander Mitchell Rawlins", "Democrat Jana Novak", "Senior Kory Lind"."""
    first_names = lexicon().first_names
    for i, (start, end, label) in enumerate(spans):
        if label != "PERSON":
            continue
        words = text[start:end].split(" ", 2)
        if len(words) < 3:
            continue
        first = words[0]
        if words[1] in first_names and first not in first_names and first[-1] != ".":
            spans[i] = (start + len(first) + 1, end, label)
    return spans


_QUOTE_CHARS = ('"', "“", "”", "‘", "’", "«", "»", "'")
_OPENERS = frozenset("\"“‘«'")
_CLOSERS = frozenset("\"”’»'")
_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def _quoted(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` fills a quotation ("Jupiter", 'The Kill', “Valhalla”)."""
    i = start - 1
    if i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] not in _OPENERS or (i and text[i - 1].isalnum()):
        return False
    j = end
    if j < len(text) and text[j] == " ":
        j += 1
    if j < len(text) and text[j] in ",.!?":
        j += 1  # American style: "... called "Jupiter," and ..."
    return j < len(text) and text[j] in _CLOSERS and not text[j + 1 : j + 2].isalnum()


def unquoted(text: str, spans: list[Span]) -> list[Span]:
    """Without the names that fill a quotation: a quoted title is a work (a song, a book, an
    operation), not a person, organisation or place, unless the text names it unquoted too."""
    quoted = [s for s in spans if s[2] in _NAMES and _quoted(text, s[0], s[1])]
    if not quoted:
        return spans
    inside = set(quoted)
    plain = {text[s:e] for s, e, label in spans if label in _NAMES and (s, e, label) not in inside}
    drop = {s for s in quoted if text[s[0] : s[1]] not in plain}
    return [s for s in spans if s not in drop]


def teams(text: str, spans: list[Span]) -> list[Span]:
    """Places that play, beat or lose to someone by a score are teams: "losing to Tulsa 63-7",
    "Oslo won 3-0"."""
    scores = [m.start() for m in _SCORE.finditer(text)]
    out: list[Span] = []
    for span in spans:
        start, end, label = span
        if label == "GPE":
            i = bisect.bisect_left(scores, start - 60)
            if i < len(scores) and scores[i] <= end + 60:
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                line_end = len(text) if line_end < 0 else line_end
                near = text[max(line_start, start - 60) : min(line_end, end + 60)]
                if _SCORE.search(near) and (
                    _VS_BEFORE.search(text, max(line_start, start - 12), start)
                    or _VS_AFTER.match(text, end, min(line_end, end + 16))
                ):
                    span = (start, end, "ORG")
        out.append(span)
    return out


def _recognize(text: str, model: bool) -> list[Span]:
    spans, stretches = rule_spans(text)
    if not model or not stretches:
        return spans
    weights = tagger.model()
    if not weights:
        return spans
    lex = lexicon()
    extra: list[Span] = []
    missed: list[list[Tok]] = []
    doc = tagger.Text(text)
    for toks, initial in stretches:
        hit = tagger.best(doc, toks, initial, lex, weights)
        if hit:
            extra.append(hit)
        else:
            missed.append(toks)
    if not extra:
        return spans
    # What the model found once holds for the same words elsewhere in the text, and a
    # person's last name for the surname alone ("Cabral also holds ...").
    known: dict[str, str] = {}
    for start, end, label in extra:
        name = text[start:end]
        known.setdefault(name, label)
        if label == "PERSON" and " " in name:
            known.setdefault(name.rsplit(" ", 1)[1], label)
    # One name, one label: the first time the model saw it decides ("Winter Banana" twice).
    extra = [(s, e, known.get(text[s:e], label)) for s, e, label in extra]
    for toks in missed:
        words = [t for t in toks if not t.conn]
        while words and words[0].text in lex.common:
            words = words[1:]
        if words:
            seen = known.get(text[words[0].start : words[-1].end])
            if seen:
                extra.append((words[0].start, words[-1].end, seen))
    return first_fit(spans + extra)


def rule_spans(
    text: str, every_run: bool = False
) -> tuple[list[Span], list[tuple[list[Tok], bool]]]:
    """The rules' spans, and the capitalised stretches (with "starts a sentence") none covers.

    ``every_run`` gives all capitalised runs outside headlines instead, covered or not (more
    examples for training the span classifier).
    """
    lex = lexicon()
    state = _Pass(text, lex)
    blocked = bytearray(len(text))
    taken: list[Span] = []
    for m in DATELINE.finditer(text):
        place = m.group(1)
        label = lex.names.get(place.title(), "GPE")
        taken.append((m.start(1), m.end(1), label if label in ("GPE", "LOC") else "GPE"))
        taken.append((m.start(2), m.end(2), "ORG"))
    datelines = len(taken)
    for start, end, label in sorted(cheap_entities(text), key=lambda s: (s[0], s[0] - s[1])):
        if not any(blocked[start:end]):
            taken.append((start, end, label))
            blocked[start:end] = b"\x01" * (end - start)
    # Datelines block the name pass, but not the dates and amounts above (they may overlap).
    for start, end, _ in taken[:datelines]:
        blocked[start:end] = b"\x01" * (end - start)
    headlines = _headline_ranges(text) if "\n" in text or len(text) < 200 else []
    h_index = 0
    open_groups: list[tuple[int, int, bool]] = []
    """(start, end, starts a sentence) of runs some of whose words no rule has labelled yet."""
    for m in _RUN.finditer(text):
        run: list[Tok] = []
        prev_end = -1
        groups: list[list[Tok]] = []
        for t in _TOKEN.finditer(text, m.start(), m.end()):
            if blocked[t.start()]:
                if run:
                    groups.append(run)
                run = []
                continue
            word = t.group()
            if run and (word == "I" or (text[run[-1].end - 1] == "." and word in lex.common)):
                groups.append(run)
                run = []
            run.append(
                Tok(
                    t.start(),
                    t.end(),
                    word,
                    t.group("c") is not None,
                    prev_end == t.start() - 1 and text[t.start() - 1] == "-",
                )
            )
            prev_end = t.end()
        if run:
            groups.append(run)
        while h_index < len(headlines) and headlines[h_index][1] < m.start():
            h_index += 1
        in_headline = h_index < len(headlines) and headlines[h_index][0] <= m.start()
        for group in groups:
            if in_headline:
                state.headline_runs.append(group)
            else:
                initial = state.is_initial(group[0].start)
                emitted = len(state.found)
                state.classify(group, initial)
                if every_run or _may_stay_open(group, state.found, emitted, lex):
                    open_groups.append((group[0].start, group[-1].end, initial))
    state.resolve()
    state.whole_openers()
    state.headlines()
    spans = first_fit(taken + state.found)
    covered = bytearray(len(text))
    if not every_run:
        for start, end, _ in spans:
            covered[start:end] = b"\x01" * (end - start)
        for start, end in state.rejected:
            covered[start:end] = b"\x01" * (end - start)
    stretches: list[tuple[list[Tok], bool]] = []
    for group_start, group_end, initial in open_groups:
        # Only these runs' words are made again (a long text keeps two numbers per run).
        stretch: list[Tok] = []
        for t in _TOKEN.finditer(text, group_start, group_end):
            start, end = t.span()
            if covered[start] or covered[end - 1]:
                if stretch:
                    stretches.append((stretch, initial and stretch[0].start == group_start))
                stretch = []
            else:
                stretch.append(Tok(start, end, t.group(), t.group("c") is not None, False))
        if stretch:
            stretches.append((stretch, initial and stretch[0].start == group_start))
    return spans, stretches
