"""Decisions that wait for the whole text: document memory.

A surname of a person named earlier, a text labelled elsewhere, an acronym and its expansion,
people listed beside people, sentence openers named as a whole elsewhere, and Title Case
headlines that keep only names the rest of the text confirms.
"""

from __future__ import annotations

import re

from reader.ner.labels import Labeller
from reader.ner.patterns import word_before
from reader.ner.shapes import (
    ACRONYM_DEF,
    APPOS,
    BYLINE,
    DESIGNATION,
    LIST_AFTER,
    LIST_BEFORE,
    LOWER_NEXT,
    NOT_ACRONYMS,
    NUMBER_WORDS,
    PERSON_AFTER,
    PERSON_BEFORE,
    PREPS_CITY,
    PREPS_PLACE,
    SAID_ITS,
    SCORE,
    SMALL,
    SPEECH,
    VS_AFTER,
    VS_BEFORE,
    Tok,
)

_LETTERS = re.compile(r"[^\W\d_]{2,}")
_PLURAL_WORDS = frozenset(
    {"States", "Games", "Nations", "Commons", "Lords", "Emirates", "Aids", "Gospels", "Psalms"}
    | {"Oscars", "Grammys", "Emmys", "Baftas", "Brits", "Paralympics", "Olympics", "Finals"}
)
"""Plural words after "the" that name a country, an event or a house, not a team or a band."""


_PLACE_AFTER = re.compile(
    r"[ \t]*,[ \t]+([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})"
    r"(?=[ \t]*(?:[,.;:)\n]|$)|[ \t]+(?:in|on|at|for|from|to|during|where)\b)(?![ \t]*,[ \t]*[A-Z])"
)
"""A comma, then a name that ends the phrase: "..., England." / "..., Maine, in 1910"."""
_ONLY_PEOPLE = re.compile(
    r"[ \t]+(?:(?:had|has|have)[ \t]+)?(?:was[ \t]+born|died|married|graduated|resigned"
    r"|retired|pleaded|testified)\b"
)
"""What only people do, after a lone word: "Anderson had died", "... that Veld resigned"."""
_PERSON_OPENER = re.compile(r"[ \t]?,[ \t]+(?:who[ \t]|whose[ \t]|\d{1,3}[ \t]?,)")
"""After a lone word opening a sentence, what makes it a person: an age or a relative clause
in commas ("Kowalczyk, 54, joined ...", "Aldana, who leads the union, ...")."""
_ROLE_THEN_NAME = re.compile(r"[ \t]+(?:chief|founder|co-founder)[ \t]+[A-Z][a-z]")
"""After a lone unknown word, a leader's role and then a name: the word is the organisation
they lead ("Qorvane chief Hilde Brekke", "Tavolo founder Anna Ruiz")."""
_HELD_BY_PEOPLE = tuple(f"{space}{q}s shares" for space in ("", " ") for q in "'’")
"""After a person named earlier, "Veld's shares" are still the person's."""


class Pass(Labeller):
    """One text's pass: runs are labelled as read, then the words that waited for the whole
    text are decided."""

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
            said = SAID_ITS.match(text, end, end + 60)
            if words[0].text in NUMBER_WORDS:
                undecided.append(toks)  # "Thirty Seconds", "Seven Rivers": not a person
            elif said and said.group(1) == "its":
                self.emit(toks, "ORG", strong=False)  # "Halvard Line said its profit fell"
            elif (
                words[-1].text in lone
                or words[-1].text in self.person_parts
                or any(len(t.text) == 2 and t.text.endswith(".") for t in words[:-1])
                or PERSON_AFTER.match(text, end, end + 40)
                or PERSON_BEFORE.search(text, max(0, start - 40), start)
                or BYLINE.search(text, max(0, start - 90), start)
            ):
                self.emit(toks, "PERSON", strong=False)
            elif word_before(text, start) in PREPS_PLACE or self.in_a_place(end):
                self.emit(toks, "GPE", strong=False)  # "the rail spur in Harlan Crossing"
            else:
                undecided.append(toks)
        if undecided:
            self.lists_of_people(undecided)

    def in_a_place(self, end: int) -> bool:
        """True when a comma and a known place follow ``end`` and end the phrase: a town
        and its country or state ("Debden, England", "Harlan Crossing, Maine, in 1910";
        not "Tovaro, Chile's copper company", nor "Kessling, Norway and Spain")."""
        m = _PLACE_AFTER.match(self.text, end, end + 40)
        if not m:
            return False
        label = self.lex.names.get(m.group(1))
        return label in ("GPE", "LOC") or (label is None and m.group(1) in self.lex.cities)

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
                before = LIST_BEFORE.search(text, max(0, start - 8), start)
                after = LIST_AFTER.match(text, end, end + 8)
                if (before and before.start() in ends) or (after and after.end() in starts):
                    self.emit(toks, "PERSON", strong=False)
                    people.add((start, end))
                    ends.add(end)
                    starts.add(start)
                    changed = True

    # --- whole text ----------------------------------------------------------------------------

    def acronyms(self) -> tuple[set[str], dict[str, str]]:
        """Acronyms defined in the text: those spelled out in lower case, and the others' texts."""
        plain: set[str] = set()
        named: dict[str, str] = {}
        text = self.text
        for m in ACRONYM_DEF.finditer(text):
            acro = m.group(1).replace("&", "")
            before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 120) : m.start()])
            content = [w for w in before if w.lower() not in SMALL]
            for k in range(min(len(acro), len(content)), 1, -1):
                letters = content[-k:]
                if spells(acro, letters):
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
        org_after = lex.org_after

        def org_next(tok: Tok) -> bool:
            """What follows the lone word makes it an organisation: " chief executive", or a
            leader's role and a name ("Qorvane chief Hilde Brekke"; not after a town)."""
            return text.startswith(org_after, tok.end) or (
                tok.text not in lex.cities and bool(_ROLE_THEN_NAME.match(text, tok.end))
            )

        openers: list[Tok] = []
        shouted: list[Tok] = []
        for tok, initial in self.deferred:
            word = tok.text
            label = (
                self.person_parts.get(word)
                or self.labels.get(word)
                or lex.names.get(word)
                or self.org_parts.get(word)
            )
            if (
                label == "PERSON"
                and text.startswith(org_after, tok.end)
                and not text.startswith(_HELD_BY_PEOPLE, tok.end)
            ):
                label = "ORG"  # "Caloi was founded in 1898" beside "Guido Caloi"
            if not label and word.isupper() and len(word.replace(".", "")) > 1:
                place = lex.names.get(word.title())
                if place in ("GPE", "LOC"):
                    label = place
                elif self.shouted(tok.start):
                    # A headline in capitals ("JAPAN GET LUCKY WIN"): its words are words, not
                    # acronyms, unless the text or the lists name them in small letters.
                    shouted.append(tok)
                    continue
                elif (
                    word in plain
                    or word in NOT_ACRONYMS
                    or DESIGNATION.match(text, tok.end)
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
                elif said := SAID_ITS.match(text, tok.end, tok.end + 60):
                    label = "ORG" if said.group(1) == "its" else "PERSON"
                elif (after and after[0].strip(",.") in SPEECH) or (
                    word not in lex.cities
                    and (
                        _ONLY_PEOPLE.match(text, tok.end, tok.end + 24)
                        or text.startswith((", who ", " , who "), tok.end)
                    )
                ):
                    label = "PERSON"  # "Veld said", "her brother Konstanty, who died ..."
                elif (
                    before
                    and before[-1] in ("said", "says")
                    and text.startswith((".", ",", " .", " ,"), tok.end)
                    and not word.isupper()
                ):
                    label = "PERSON"  # "..., said Veld."
                elif org_next(tok):
                    label = "ORG"
                elif self.place_noun_before(tok.start) or (
                    self.in_a_place(tok.end) and not word_before(text, tok.start)[:1].isupper()
                ):  # "Debden, England", not the rest of "Hamilton Field, California"
                    label = "GPE"
                elif (
                    SCORE.match(text, tok.end + 1)
                    and VS_BEFORE.search(text, max(0, tok.start - 12), tok.start)
                ) or (VS_AFTER.match(text, tok.end) and SCORE.search(text, tok.end, tok.end + 24)):
                    label = "ORG"  # "a loss to Tarnholm 63-7", "Kessling won 3-0"
                elif word in lex.first_names:
                    pass
                elif (
                    word in lex.cities
                    and before
                    and before[-1].lower() in ("the", "a", "an")
                    and LOWER_NEXT.match(text, tok.end)
                ):
                    label = "GPE"  # "the Gdansk shipyard", "a Kessling court"
                elif (
                    before
                    and (
                        before[-1] == "the"
                        or (
                            text[tok.start - 4 : tok.start] == "The "
                            and not self.is_initial(tok.start - 4)
                        )  # "supporting The Harvellers" inside a sentence
                    )
                    and self.lone_org(word)
                ):
                    label = "ORG"
                elif (before and before[-1].lower() in PREPS_PLACE) or (
                    word in lex.cities
                    and ((before and before[-1] in PREPS_CITY) or text.startswith(",", tok.end))
                ):
                    label = "GPE"
            if not label and initial and word not in lex.common and not word.endswith("ly"):
                # A sentence opener is a word unless what follows says which name it is:
                # "Tovaro, the state copper company, ..."; "Nordlys chief executive ...".
                if org_next(tok):
                    label = "ORG"
                elif said := SAID_ITS.match(text, tok.end, tok.end + 60):
                    label = "ORG" if said.group(1) == "its" else "PERSON"  # "Tavanti said its"
                elif (m := APPOS.match(text, tok.end, tok.end + 12)) and m.group("art"):
                    label = self.apposition(tok.end)
                elif word not in lex.cities and (
                    _ONLY_PEOPLE.match(text, tok.end, tok.end + 24)
                    or _PERSON_OPENER.match(text, tok.end, tok.end + 12)
                ):
                    label = "PERSON"  # "Anderson had died in 1995", "Veld resigned"
            if label:
                self.emit([tok], label)
            elif initial:
                openers.append(tok)
        if shouted:
            self.shouted_names(shouted)
        # A sentence opener the text names later in the sentence's middle: "The Harriers won
        # ... beat the Harriers" (only the later one had context to decide it).
        for tok in openers:
            label = self.labels.get(tok.text)
            if label in ("ORG", "GPE", "LOC"):
                self.emit([tok], label)

    def shouted_names(self, toks: list[Tok]) -> None:
        """Words of a headline in capitals that the text names elsewhere in small letters
        ("CUTTITTA BACK FOR ITALY" with "Marcello Cuttitta" below) take that name's label;
        the others are no names."""
        named: dict[str, str] = {}
        text = self.text
        for start, end, label in self.found:
            if label in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
                named.setdefault(text[start:end], label)
        for tok in toks:
            title = tok.text.title()
            kind = self.person_parts.get(title) or self.labels.get(title) or named.get(title)
            if kind in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
                self.emit([tok], kind, strong=False)
            else:
                self.rejected.append((tok.start, tok.end))

    def shouted(self, pos: int) -> bool:
        """True when the sentence (or line) around ``pos`` is written in capitals: at least
        three words of two letters or more, most of them all capitals."""
        text = self.text
        near = _LETTERS.findall(text, max(0, pos - 24), pos + 40)
        if sum(1 for w in near if w.isupper()) < 3:
            return False  # a headline in capitals has capitals beside each word
        start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), pos - 200) + 1
        key = start
        cached = self.shouting.get(key)
        if cached is not None:
            return cached
        end = len(text)
        for stop in (text.find(". ", pos), text.find("\n", pos)):
            if stop >= 0:
                end = min(end, stop)
        end = min(end, pos + 200)
        words = _LETTERS.findall(text, start, end)
        caps = sum(1 for w in words if w.isupper())
        result = caps >= 3 and caps * 5 >= len(words) * 3
        self.shouting[key] = result
        return result

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
        """After a lower-case "the", an organisation head alone ("the League", "the Army"), or
        a plural name no list holds: a team, a band or a party ("the Vellums", "the Harriers";
        known plural places such as "the Alps" are decided by the lists before this)."""
        if self.lex.last_cues.get(word) == "ORG":
            return True
        return (
            len(word) > 3
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is", "ics"))
            and word[1:].islower()
            and word not in self.lex.cities
            and word not in _PLURAL_WORDS
        )

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


def spells(acronym: str, words: list[str]) -> bool:
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
