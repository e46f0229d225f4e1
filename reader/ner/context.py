"""The recognizer's state for one text and the context rules around a span.

:class:`Cues` records spans (:meth:`Cues.emit`) and reads the text around a run: a role or
kind before it, an apposition or bio after it, a place noun before "of", a known place at its
start. :class:`reader.ner.labels.Labeller` builds on it.
"""

from __future__ import annotations

import re

from reader.ner.lexicon import Lexicon
from reader.ner.patterns import Span, starts_sentence, word_before
from reader.ner.shapes import (
    APPOS,
    ORDINAL_BEFORE,
    ORDINAL_ENDS,
    PHRASE_ENDS,
    PHRASE_WORD,
    PLACE_NOUN,
    Tok,
)

_COMPOUND_BEFORE = re.compile(
    r"\w-(based|headquartered|listed|owned|born)[ \t]+(?:(?:the|The)[ \t]+)?$"
)
"""A compound before a name: a firm is based, listed or owned somewhere; a person born."""


FIRM_ENDS: frozenset[str] = frozenset(
    {"Line", "Lines", "Shipping", "Holdings", "Holding", "Group", "Corp", "Corp.", "Inc", "Inc."}
    | {"Corporation", "Ltd", "Ltd.", "Limited", "Plc", "PLC", "Airlines", "Airways", "Motors"}
    | {"Mining", "Resources", "Energy", "Pharmaceuticals", "Pharma", "Industries", "Partners"}
    | {"Enterprises", "Technologies", "Electronics", "Insurance", "Foods", "Brands", "Co."}
    | {"AG", "SA", "S.A.", "NV", "N.V.", "ASA", "AB", "Oy", "Oyj", "GmbH", "LLC", "Bank"}
)
"""A firm's last words: its first word alone names it after that ("Nordvik Shipping" ...
"Nordvik said"), unless it is a place, a given name or a listed name of its own."""


UNIT_HEADS = frozenset(
    {"Division", "Brigade", "Wing", "Squadron", "Regiment", "Battalion", "Corps", "Fleet"}
    | {"Flotilla"}
)
"""Heads of armed forces' units."""
_UNIT_HEADS = UNIT_HEADS | {"Commando"}
"""... and the ones a bare number may open ("3 Commando Brigade")."""
_NUMBER_BEFORE = re.compile(r"(?<![\w.,:/-])\d{1,3} $")


class Cues:
    """State for one text (results so far, words whose label waits for the whole text) and
    the context cues around a span: the word before it, an apposition after it."""

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
        self.org_parts: dict[str, str] = {}
        """First words of firms named in full with a firm's last word ("Halvard Line",
        "Nordvik Shipping"): the short form the text uses for them after that."""
        self.rejected: list[tuple[int, int]] = []
        """Spans the rules decided are no entity ("Nobel Prize", a spelled-out acronym)."""
        self.openers: list[list[Tok]] = []
        """Runs that open a sentence whose unknown first word was taken for a plain word."""
        self.shouting: dict[int, bool] = {}
        """Whether the sentence starting at an offset is written in capitals."""

    # --- helpers -------------------------------------------------------------------------------

    def emit(self, toks: list[Tok], label: str, strong: bool = True) -> None:
        """Record a span; strong evidence also teaches the text (and a person's names)."""
        start, end = toks[0].start, toks[-1].end
        if label in ("ORG", "FAC") and self.text[start - 2 : start - 1] in ORDINAL_ENDS:
            # "82nd Airborne Division", "65th Air Division": the unit's number is in its name.
            m = ORDINAL_BEFORE.search(self.text, max(0, start - 12), start)
            if m:
                start = m.start()
        elif (
            label == "ORG"
            and self.text[start - 2 : start - 1].isdigit()
            and toks[-1].text in _UNIT_HEADS
        ):
            # "16 Air Assault Brigade", "65 Fighter Wing": a unit numbered without "th".
            m = _NUMBER_BEFORE.search(self.text, max(0, start - 8), start)
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
        elif label == "ORG" and len(words) in (2, 3) and words[-1].text in FIRM_ENDS:
            first, lex = words[0].text, self.lex
            if not (
                first in lex.names
                or first in lex.cities
                or first in lex.first_names
                or first in lex.common
                or first.isupper()
            ):
                self.org_parts.setdefault(first, "ORG")

    def span(self, toks: list[Tok]) -> str:
        return self.text[toks[0].start : toks[-1].end]

    def is_initial(self, pos: int) -> bool:
        """True when ``pos`` starts a sentence or a paragraph."""
        return starts_sentence(self.text, pos)

    # --- runs ----------------------------------------------------------------------------------

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
        if label not in (None, "NONE"):
            return True
        # "... for FC Basel" (a club form leading), "... for the St. Louis Eagles" (a place's
        # club): a name of its own too.
        first = right[0].text
        return len(right) > 1 and (
            (first.isupper() and lex.last_cues.get(first) == "ORG") or self.place_prefix(right)
        )

    def context(self, start: int, end: int) -> str | None:
        """The label a lower-case role or kind gives a name: before it, or in an apposition.

        "chief executive Mira Okonjo", "the shipping group Halvard Line" (the word before);
        "Halvard Line, the Danish shipping group", "Jana Novak is a software engineer at ..."
        (the head noun of the phrase after a comma or "is"/"was").
        """
        return self.kind_before(start, end) or self.apposition(end)

    def kind_before(self, start: int, end: int) -> str | None:
        """The label the words before a name give it ("chief executive", "shares in", "played
        for", "a reporter for"), or "-based" right after it."""
        text = self.text
        if text.startswith(("-based", "-born", "-headquartered"), end):
            return "GPE"  # "the Valdoria-based miner"
        m = _COMPOUND_BEFORE.search(text, max(0, start - 24), start)
        if m:
            # "the Oslo-based Fjordvik", "state-owned Tovaro", "the Lisbon-born Ana Reis"
            return "PERSON" if m.group(1) == "born" else "ORG"
        lex = self.lex
        if lex.org_before.search(text, max(0, start - 30), start):
            return "ORG"  # "shares in Tovaro", "a stake in Halvard Line"
        if lex.org_verbs.search(text, max(0, start - 30), start):
            first = text[start:end].split(" ", 1)[0]
            if first not in lex.first_names and first not in lex.title_words:
                return "ORG"  # "played for Varnholm", "joined Halvard Line"
        before = word_before(text, start)
        if before in ("The", "the"):
            # "the rock band The Vellums": the kind is the word before "The".
            kind_word = word_before(text, text.rfind(before, max(0, start - 8), start))
            if kind_word.islower() and lex.kinds.get(kind_word) == "ORG":
                return "ORG"
        if before and before.islower():
            kind = self.lex.kinds.get(before)
            if kind:
                return kind
            if before in ("at", "for", "of"):
                # "a software engineer at Nordlys", "a reporter for Ostravia", "the chief
                # executive of Nordlys" (not "the mayor of Harlow": only roles in a firm)
                role = word_before(text, text.rfind(before, max(0, start - 6), start))
                if before != "of" and lex.kinds.get(role) == "PERSON":
                    return "ORG"
                if role in lex.org_roles:
                    return "ORG"
            if before in ("is", "was") and text[start - 1 : start] == " ":
                # "Its chief executive is Mira Okonjo", "her son is Tomas Veld"
                role = word_before(text, start - len(before) - 1)
                if lex.kinds.get(role) == "PERSON":
                    return "PERSON"
        return None

    def apposition(self, end: int) -> str | None:
        """The label given by the head noun of an apposition or bio right after ``end``."""
        text = self.text
        m = APPOS.match(text, end, end + 40)
        if not m or not (m.group("comma") or m.group("verb")):
            return None
        head = ""
        for count, w in enumerate(PHRASE_WORD.finditer(text, m.end(), m.end() + 80)):
            word = w.group()
            if word in PHRASE_ENDS or not word[0].isalnum():
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
        return PLACE_NOUN.search(self.text, max(0, start - 30), start) is not None

    def place_prefix(self, words: list[Tok]) -> bool:
        """True when the span starts with a known place ("Los Angeles Lakers", "Perth Glory")."""
        lex = self.lex
        for i in range(min(3, len(words) - 1), 0, -1):
            span = self.span(words[:i])
            if lex.names.get(span) == "GPE" or (i > 1 and span in lex.cities):
                return True
        return False
