"""Labelling decisions for one capitalised run, in the order the rules try them.

The gazetteers, a leading function word to drop, a hyphen split ("U.S.-Russian"), a title
("Foreign Minister X"), an organisation/place cue ("... Ministry", "... Sea", "Fort ..."), a
leading demonym, a known given name; a lone word waits for :class:`reader.ner.memory.Pass`.
"""

from __future__ import annotations

from reader.ner.context import UNIT_HEADS, Cues
from reader.ner.shapes import (
    NEVER_LAST,
    PARLIAMENT,
    PERSON_AFTER,
    PLACE_PREFIXES,
    ROMAN,
    SAID_ITS,
    SPLITTERS,
    Tok,
)

_TWO_NAMES = frozenset({"for", "for the", "&"})
"""Particles that may stand between two names ("the Super League for FC Basel")."""


_UNITS = UNIT_HEADS | {"Army"}
"""Heads of armed forces' units: one of them, "of", and another are two units."""


class Labeller(Cues):
    """Labels one capitalised run as it is read: gazetteers, titles, cues, given names."""

    # --- runs ----------------------------------------------------------------------------------

    def classify(self, toks: list[Tok], initial: bool) -> None:
        """Label one run of capitalised tokens (or defer a lone word)."""
        lex = self.lex
        while toks and toks[0].conn:
            toks = toks[1:]
            initial = False
        while toks and (toks[-1].conn or (len(toks) > 1 and toks[-1].text in NEVER_LAST)):
            toks = toks[:-1]  # "... the Perth Glory From 2006, ..." ends at "Glory"
        if not toks:
            return
        span = self.span(toks)
        label = lex.names.get(span)
        if label:
            self.emit(toks, label)
            return
        first = toks[0].text
        if first in PLACE_PREFIXES and len(toks) > 1 and not toks[1].conn:
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
        cut = next((i for i, t in enumerate(toks) if t.conn and t.text in SPLITTERS), None)
        last = len(toks) - 1
        if last and ROMAN.fullmatch(toks[last].text):
            last -= 1  # "World War II", "Super Bowl XL"
        head = toks[cut - 1].text if cut else toks[last].text
        if head == "Hall" and toks[last].text == "Fame":
            head = "Fame"  # "Hockey Hall of Fame" is the organisation, not the building
        label = lex.last_cues.get(head) or lex.first_cues.get(first)
        if cut and label in ("FAC", "LOC") and lex.last_cues.get(toks[last].text) == "ORG":
            label = "ORG"  # "the Port of Rotterdam Authority": the body that runs the port
        if not label and span in lex.cities:
            label = "GPE"
        if label and cut and toks[cut].text in _TWO_NAMES and self.two_names(toks, cut):
            # "the Super League for FC Basel", "Kessra Mining & Varn Holdings": two names.
            self.classify(toks[:cut], initial)
            self.classify(toks[cut + 1 :], False)
            return
        if (
            label == "ORG"
            and cut
            and toks[cut].text in ("of", "of the")
            and head in _UNITS
            and any(t.text in _UNITS for t in toks[cut + 1 :])
        ):
            # "Couch's Division of the IV Corps of the Army of the Potomac": a unit, then
            # the larger unit it belongs to, each a name ("Army of the Potomac" is one).
            self.classify(toks[:cut], initial)
            self.classify(toks[cut + 1 :], False)
            return
        if label == "ORG" and cut and cut >= 3 and toks[cut].text == "of":
            place = self.span(toks[cut + 1 :])
            kind = lex.names.get(place) or ("GPE" if place in lex.cities else None)
            if kind in ("GPE", "LOC") and place not in lex.countries:
                # "the Standard Oil Company of New York", "the Victoria Hockey Club of
                # Montreal": a name of its own, then the town it is in ("Bank of England" and
                # "the Amateur Hockey Association of Canada" are one name).
                self.emit(toks[:cut], "ORG")
                self.emit(toks[cut + 1 :], kind)
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
            if self.kind_before(toks[0].start, toks[-1].end) == "ORG":
                # "the journal Annals of Marine Ecology", "the charity Friends of the Harbour":
                # the kind before the name holds for all of it.
                self.emit(toks, "ORG")
                return
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
        if all(t.text.isupper() for t in words):
            # Acronyms side by side, or a headline in capitals ("JAPAN GET LUCKY WIN"): each
            # word waits for the whole text (see :meth:`reader.ner.memory.Pass.shouted`).
            for i, t in enumerate(words):
                self.deferred.append((t, initial and i == 0))
            return
        if initial:
            said = SAID_ITS.match(self.text, toks[-1].end, toks[-1].end + 60)
            if len(words) <= 3 and said and said.group(1) == "its":
                self.emit(toks, "ORG", strong=False)  # "Halvard Line said its profit fell"
                return
            if len(words) <= 3 and PERSON_AFTER.match(self.text, toks[-1].end):
                self.emit(toks, "PERSON", strong=False)  # "Maya Lind covers city hall ..."
                return
            # "Remarking Smith..." is rare; an unknown sentence opener is most likely a word,
            # unless the text names the whole run elsewhere ("Li Shimin led ..." after "...
            # Wang Shichong and Li Shimin"): see :meth:`openers`.
            self.openers.append(toks)
            self.classify(toks[1:], False)
            return
        if self.place_noun_before(toks[0].start):
            self.emit(toks, "GPE")
            return
        if first.isupper() or self.place_prefix(words):
            # "Perth Glory", "Montreal Canadiens", "Texas Instruments": a place's club or firm.
            self.emit(toks, "ORG", strong=False)
        elif first in PLACE_PREFIXES and len(words) <= 3:
            self.emit(toks, "GPE", strong=False)
        elif len(words) <= 3 and toks[-1].text[-1] != ".":
            self.pending.append(toks)
        # A longer run with no cue ("Everyone Wants To Be Fuhrer", "Gentle On Your Mind") is
        # left to the span classifier: as often a title as an organisation.

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
        cut = next((i for i, t in enumerate(rest) if t.conn and t.text in SPLITTERS), None)
        name, after = (rest, []) if cut is None else (rest[:cut], rest[cut + 1 :])
        if name and (
            (lex.last_cues.get(name[-1].text) and not _honorific(toks[h].text, name))
            or name[0].text in lex.common
        ):
            return False  # "Prince Edward Island", "King George Hospital"
        if h and toks[h].text in PARLIAMENT:
            # "Labour MP Jo Reilly" (a party, even one the title list holds), "Jo Reilly MP"
            # (the member herself).
            front = toks[:h]
            while len(front) > 1 and (front[0].text in mods or front[0].text in lex.common):
                front = front[1:]
            words = [t for t in front if not t.conn]
            party = words[0].text if len(words) == 1 else ""
            if party and party not in lex.first_names and party not in lex.common:
                if lex.names.get(party, "NORP") == "NORP":
                    self.emit(front, "ORG")
                    begin = 0
            elif len(words) >= 2 and not name:
                # "Jo Reilly MP" is the member; "United Farmers of Ontario MPP" and
                # "Liberal-Labour MPP" are the party.
                is_party = words[0].text not in lex.first_names and (
                    len(words) < len(front)
                    or any(t.hyphen for t in front)
                    or lex.names.get(words[0].text) == "NORP"
                )
                self.emit(front, "ORG" if is_party else "PERSON")
                begin = 0
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


_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr"})


def _honorific(head: str, name: list[Tok]) -> bool:
    """Whether ``head`` is a title only people carry, abbreviated ("Gov.", "Sen.", "Dr.") or a
    form of address ("Mr", "Ms"), before a name of one or two words: the name is a person's
    even when its last word ends place and firm names ("Gov. Helen Marsh", "Ms. Hall", "Dr.
    Park"), where a spelled-out title may begin a place ("Prince Edward Island")."""
    words = [t for t in name if not t.conn]
    return len(words) <= 2 and (head.endswith(".") or head in _HONORIFICS)
