"""The rule-and-gazetteer recognizer: capitalised runs, cues, titles and document memory.

One pass over the text finds runs of capitalised words (joined by name particles such as "of"
or "van"); each run is labelled by, in order: the gazetteers, a leading function word to drop,
a hyphen split ("U.S.-Russian"), a title ("Foreign Minister X"), an organisation/place cue
("... Ministry", "... Sea", "Fort ..."), a leading demonym, a known given name. Lone words that
no rule decides wait until the whole text is read: a surname of a person named earlier, a text
labelled elsewhere, an acronym and its expansion, a dateline. Title-case headlines only keep
names the rest of the text confirms.

This module runs the pass (:func:`rule_spans`) and the span classifier after it; the pieces
live beside it: :mod:`reader.ner.shapes` (runs, tokens, context patterns),
:mod:`reader.ner.context` (state and cues around a span), :mod:`reader.ner.labels` (one run's
labelling decisions), :mod:`reader.ner.memory` (decisions that wait for the whole text).
"""

from __future__ import annotations

import bisect
import re

from reader.ner import tagger
from reader.ner.lexicon import Lexicon, lexicon
from reader.ner.memory import Pass
from reader.ner.patterns import (
    DATELINE,
    SENTENCE_ENDS,
    Span,
    cheap_entities,
    first_fit,
    starts_sentence,
)
from reader.ner.shapes import (
    BYLINE_START,
    NEVER_LAST,
    RESULT,
    RUN,
    SCORE,
    TEAM,
    TOKEN,
    VS_AFTER,
    VS_BEFORE,
    Tok,
)


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
            or BYLINE_START.match(line)  # a byline, not a headline
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
    found = _with_the(text, _without_leading_words(text, _recognize(text, model)))
    if any(q in text for q in _QUOTE_CHARS):
        found = nicknamed(text, unquoted(text, found))
    if "s " in text and ("'s " in text or "’s " in text):
        found = possessive_firms(text, found)
    found = teams(text, found) if SCORE.search(text) else found
    found = numbered_units(text, found)
    return results(text, found) if _GOALS_THEN_NAME.search(text) else found


_AFTER_BREAK = SENTENCE_ENDS + ";-–—"
"""Where a capital "The" opens a phrase of its own (a dateline's dash: "WASHINGTON - The
Pentagon"), not a name's first word."""


def _with_the(text: str, spans: list[Span]) -> list[Span]:
    """An organisation after a capital "The" inside a sentence takes it in: the name is
    written with it ("a member of The Scout Association", "songs by The Vellums")."""
    for i, (start, end, label) in enumerate(spans):
        if (
            label == "ORG"
            and start >= 4
            and text[start - 4 : start] == "The "
            and not starts_sentence(text, start - 4, _AFTER_BREAK)
            and (not i or spans[i - 1][1] < start - 4)
        ):
            spans[i] = (start - 4, end, label)
    return spans


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


_FIRM_FORMS = frozenset(
    {"Co.", "Co", "Inc.", "Inc", "Ltd", "Ltd.", "Limited", "Corp", "Corp.", "Corporation"}
    | {"Company", "Plc", "PLC", "plc", "LLC", "LLP", "AG", "SA", "S.A.", "NV", "N.V.", "GmbH"}
)
"""A company's legal form, the last word of its registered name."""
_POSSESSIVES = frozenset({"'s ", "’s ", " 's ", " ’s "})


def possessive_firms(text: str, spans: list[Span]) -> list[Span]:
    """A person's or firm's name no list holds, a possessive "'s", then a company with its
    legal form is one company: "Brenner's Brewing Co.", "Okafor’s Haulage Ltd" (not a name,
    then "Brewing Co."). A place's or a listed firm's stays apart ("Britain's Vellmark Plc")."""
    names = lexicon().names
    out: list[Span] = []
    for span in spans:
        if out and span[2] == "ORG":
            start, end, label = out[-1]
            if (
                label in ("PERSON", "ORG")
                and text[start:end] not in names  # "Britain's ...", "Toyota's ..."
                and text[end : span[0]] in _POSSESSIVES
                and text[span[0] : span[1]].rsplit(" ", 1)[-1] in _FIRM_FORMS
            ):
                out[-1] = (start, span[1], "ORG")
                continue
        out.append(span)
    return out


_UNIT_NUMBER = re.compile(r"\d{1,3}(?:st|nd|rd|th|d) [A-Z]")
_ORDINAL_ALONE = re.compile(r"(?<![\w.,-])(?:the|The) (\d{1,3}(?:st|nd|rd|th|d))(?![\w-])(?! of\b)")
_NOT_A_UNIT_AFTER = frozenset(
    {"century", "centuries", "anniversary", "birthday", "time", "times", "place", "minute"}
    | {"day", "year", "week", "month", "round", "floor", "edition", "season", "annual"}
    | {"straight", "consecutive", "overall", "seed", "hole", "lap", "inning", "percentile"}
)
"""Words after an ordinal that make it a rank or a date ("the 65th minute"), not a unit."""


def numbered_units(text: str, spans: list[Span]) -> list[Span]:
    """An organisation named with its number ("the 139th Pennsylvania Volunteer Infantry", "the
    65th Air Division") is what the text means by the number alone later on ("The 139th fought
    at ...", "the 65th also controlled ..."), when no rank, date or name follows the number."""
    units = {
        text[s : text.index(" ", s)]
        for s, _, label in spans
        if label == "ORG" and text[s : s + 1].isdigit() and _UNIT_NUMBER.match(text, s)
    }
    if not units:
        return spans
    taken = bytearray(len(text))
    for start, end, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    extra: list[Span] = []
    for m in _ORDINAL_ALONE.finditer(text):
        start, end = m.span(1)
        if m.group(1) not in units or any(taken[start:end]):
            continue
        after = text[end : end + 20].split(maxsplit=1)
        if after and (after[0][:1].isupper() or after[0] in _NOT_A_UNIT_AFTER):
            continue  # "the 139th Pennsylvania", "the 65th minute"
        extra.append((start, end, "ORG"))
    return sorted(spans + extra) if extra else spans


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


_NICKNAME = re.compile(
    r"[ \t][\"“][ \t]?([A-Z][\w'’.-]*(?:[ \t]+[A-Za-z][\w'’.-]*){0,2})[ \t]?[\"”][ \t]+"
    r"([A-Z][\w'’-]+)(?![\w'’-])"
)
"""A quoted nickname and a surname after it: ' "Cowboy" Cowley', ' "The Hammer" Veld'."""
_WORD = re.compile(r"[^ \t]+")
_NAMES_BEFORE = re.compile(r"(?<![\w'’.-])((?:[A-Z][\w'’.-]*[ \t]+)*[A-Z][\w'’.-]*)\Z")


def _nicknames(text: str) -> list[re.Match[str]]:
    """:data:`_NICKNAME` at each opening quote (found with ``str.find``: scanning the whole
    text with the pattern took ten times longer)."""
    out: list[re.Match[str]] = []
    for quote in ('"', "“"):
        i = text.find(quote, 1)
        while i >= 0:
            if text[i - 1] in " \t" and text[i - 2 : i - 1].isalpha():
                m = _NICKNAME.match(text, i - 1)
                if m:
                    out.append(m)
            i = text.find(quote, i + 1)
    return sorted(out, key=lambda m: m.start())


def nicknamed(text: str, spans: list[Span]) -> list[Span]:
    """A person named with a nickname in quotes between the given name and the surname is one
    person ('Maria "Masha" Ivanova', not "Ivanova" alone), when the names open with a given
    name and nothing but names overlaps them."""
    found = _nicknames(text)
    if not found:
        return spans
    lex = lexicon()
    out = spans
    for m in found:
        before = _NAMES_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if not before or m.group(2) in lex.common:
            continue
        names = list(_WORD.finditer(text, before.start(1), m.start()))[-3:]
        while names and names[0].group() not in lex.first_names:
            names = names[1:]
        if not names:
            continue
        start, end = names[0].start(), m.end(2)
        inside = [x for x in out if x[0] < end and start < x[1]]
        if any(x[2] not in _NAMES or x[0] < start or x[1] > end for x in inside):
            continue  # a date or an amount ("... "Blue Moon" Tuesday"), or a longer name
        out = sorted([x for x in out if x not in inside] + [(start, end, "PERSON")])
    return out


def teams(text: str, spans: list[Span]) -> list[Span]:
    """Places that play, beat or lose to someone by a score are teams: "losing to Tulsa 63-7",
    "Oslo won 3-0". A country stays a place (a national team is annotated so in CoNLL-2003
    and Wikigold)."""
    scores = [m.start() for m in SCORE.finditer(text)]
    countries = lexicon().countries
    out: list[Span] = []
    for span in spans:
        start, end, label = span
        if label == "GPE" and text[start:end] not in countries:  # "Japan beat Syria" stay places
            i = bisect.bisect_left(scores, start - 60)
            if i < len(scores) and scores[i] <= end + 60:
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                line_end = len(text) if line_end < 0 else line_end
                near = text[max(line_start, start - 60) : min(line_end, end + 60)]
                if SCORE.search(near) and (
                    VS_BEFORE.search(text, max(line_start, start - 12), start)
                    or VS_AFTER.match(text, end, min(line_end, end + 16))
                ):
                    span = (start, end, "ORG")
        out.append(span)
    return out


_TEAM_END = re.compile(rf"({TEAM})[ \t]+$")
_GOALS_THEN_NAME = re.compile(r"[ \t][0-9][0-9]?[ \t][A-Z]")
"""The cheap test before :data:`RESULT` (which scans a long text several times slower)."""
_TEAM_WORDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_NUMBERED = frozenset(
    {"Chapter", "Section", "Article", "Page", "Part", "Volume", "Level", "Grade", "Year"}
    | {"Round", "Stage", "Game", "Week", "Day", "Group", "Lane", "Gate", "Room", "Floor"}
    | {"Platform", "Route", "Highway", "Channel", "Track", "Act", "Scene", "Verse", "No."}
    | {"Number", "Phase", "Step", "Table", "Figure", "Zone", "Block", "Unit", "Class"}
    | {"Series", "Season", "Episode", "Match", "Hole", "Leg", "Heat", "Race", "Lap", "Apollo"}
)
"""Words a number follows as a name's part, not as goals ("Chapter 5 Section 3")."""


def results(text: str, spans: list[Span]) -> list[Span]:
    """Names in a match result written without a dash are teams: "Harlow 2 Kessling 1",
    "Varnholm United 0 Ostrava 3" (each name followed by its goals, under 20 each: golf
    scores and race times are larger). A person named with a given name is left alone."""
    lex = lexicon()
    teams_found: list[tuple[int, int]] = []
    for m in RESULT.finditer(text):
        goals = [int(g) for g in m.group(0).split() if g.isdigit()]
        if max(goals) >= 20:
            continue
        before = _TEAM_END.search(text, max(0, m.start() - 60), m.start())
        if not before:
            continue
        for start, end in ((before.start(1), before.end(1)), m.span(1)):
            words = text[start:end].split()
            while words and (words[0] in lex.common or words[0] in NEVER_LAST):
                start += len(words[0]) + 1
                words = words[1:]
            if words and words[0] not in lex.first_names and words[-1] not in _NUMBERED:
                teams_found.append((start, end))
    if not teams_found:
        return spans
    out = list(spans)
    for start, end in teams_found:
        if text[start:end] in lex.countries:
            continue  # "Japan 2 Syria 1": a national team stays the country
        inside = [x for x in out if start <= x[0] and x[1] <= end and x[2] in _TEAM_WORDS]
        if any(x[0] < end and start < x[1] and x not in inside for x in out):
            continue  # a date or an amount, or a name that runs past the team
        out = [x for x in out if x not in inside]
        out.append((start, end, "ORG"))
    return first_fit(out)


_KIND_LIST = re.compile(r" (?:such as|like|including|especially|notably) (?=[A-Z])")
"""What opens a list of examples after a plural kind (found first, the kind read before it:
a pattern that starts with the kind word scans a long text several times slower)."""
_LIST_ITEM = re.compile(r"[A-Z][\w'’&.-]*(?: (?:&|of|of the|de) [A-Z][\w'’&.-]*| [A-Z][\w'’&.-]*)*")
_LIST_SEP = re.compile(r" ?(?:, and |, or |, | and | or )")
_KIND_LABELS = frozenset({"PERSON", "ORG", "GPE"})


def _singular(word: str) -> str | None:
    """The singular of a plural kind noun ("companies", "bands"); None when not plural."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


def kind_lists(text: str, spans: list[Span], extra: list[Span]) -> list[Span]:
    """Names listed after a plural kind and "such as", "like" or "including" are of that kind:
    "companies like Vantrex, Orlavia and Kessmark", "bands such as Harrowgate and the Velvet
    Tins", "artists including Mira Lind". A name the rules decided keeps its label; one the
    span classifier guessed, or none did, takes the kind's."""
    lex = lexicon()
    lists: list[tuple[str, list[tuple[int, int]]]] = []
    for m in _KIND_LIST.finditer(text):
        cut = text.rfind(" ", max(0, m.start() - 20), m.start())
        kind = text[cut + 1 : m.start()]
        single = _singular(kind) if len(kind) > 3 and kind.isalpha() and kind.islower() else None
        label = lex.kinds.get(single) if single else None
        if label not in _KIND_LABELS:
            continue
        items: list[tuple[int, int]] = []
        pos = m.end()
        while len(items) < 8:
            if text.startswith("the ", pos):
                pos += 4
            item = _LIST_ITEM.match(text, pos)
            if not item:
                break
            start, end = item.span()
            if text[end - 1] == "." and text[start:end].rsplit(" ", 1)[-1] not in _FIRM_FORMS:
                end -= 1  # "... and Korvath." ends the sentence
            items.append((start, end))
            sep = _LIST_SEP.match(text, end)
            if not sep:
                break
            pos = sep.end()
        if items:
            lists.append((label or "", items))
    if not lists:
        return first_fit(spans + extra)
    taken = bytearray(len(text))
    for start, end, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    guessed = {(s, e): i for i, (s, e, _) in enumerate(extra)}
    out = list(extra)
    for label, items in lists:
        for start, end in items:
            if text[start:end] in lex.common or any(taken[start:end]):
                continue  # "... like The", or a name the rules decided
            i = guessed.get((start, end))
            if i is not None:
                out[i] = (start, end, label)
            elif not any(s < end and start < e for s, e, _ in out):
                out.append((start, end, label))
    return first_fit(spans + out)


def _recognize(text: str, model: bool) -> list[Span]:
    spans, stretches = rule_spans(text)
    if not model or not stretches:
        return kind_lists(text, spans, [])
    weights = tagger.model()
    if not weights:
        return kind_lists(text, spans, [])
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
        return kind_lists(text, spans, [])
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
    return kind_lists(text, spans, extra)


def rule_spans(
    text: str, every_run: bool = False
) -> tuple[list[Span], list[tuple[list[Tok], bool]]]:
    """The rules' spans, and the capitalised stretches (with "starts a sentence") none covers.

    ``every_run`` gives all capitalised runs outside headlines instead, covered or not (more
    examples for training the span classifier).
    """
    lex = lexicon()
    state = Pass(text, lex)
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
    names = lex.names
    inert = lex.common.difference(names)
    """Plain words ("The", "He"): alone, a run of one of them is never a name."""
    for m in RUN.finditer(text):
        m_start, m_end = m.span()
        while h_index < len(headlines) and headlines[h_index][1] < m_start:
            h_index += 1
        in_headline = h_index < len(headlines) and headlines[h_index][0] <= m_start
        word = m.group()
        if " " not in word and "\t" not in word and "-" not in word:
            # One word (most runs): its token is the run itself; "The" alone decides nothing.
            if blocked[m_start]:
                continue
            tok = Tok(m_start, m_end, word, False, False)
            if in_headline:
                state.headline_runs.append([tok])
            elif not every_run and (known := names.get(word)):
                state.emit([tok], known)  # a known name: what classify would do, sooner
            elif word not in inert or every_run:
                initial = state.is_initial(m_start)
                emitted = len(state.found)
                state.classify([tok], initial)
                if every_run or _may_stay_open([tok], state.found, emitted, lex):
                    open_groups.append((m_start, m_end, initial))
            continue
        if (
            not every_run
            and not in_headline
            and (known := names.get(word))
            and blocked.find(1, m_start, m_end) < 0
        ):
            # A whole run the lists name ("Czech Republic", "Black Sea"): what classify would
            # do, without making its tokens (the lists hold no people).
            state.emit([Tok(m_start, m_end, word, False, False)], known)
            continue
        run: list[Tok] = []
        prev_end = -1
        groups: list[list[Tok]] = []
        for t in TOKEN.finditer(text, m_start, m_end):
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
        for t in TOKEN.finditer(text, group_start, group_end):
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
