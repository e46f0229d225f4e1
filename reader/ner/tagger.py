"""A small averaged-perceptron span classifier for capitalised names the rules leave unlabelled.

The rules (:mod:`reader.ner.rules`) label what their evidence decides and leave the rest. Each
capitalised stretch they left uncovered becomes one or two candidates (the stretch, and the
stretch without a leading sentence word such as "The"); a linear model over the candidate's
words, shape, affixes, the words around it and the word lists scores PERSON / ORG / GPE / MISC /
none, and the best candidate that beats "none" is kept (MISC is Wikigold's "other name": it
means "not one of ours").

The weights are ``reader/ner/data/span_model.tsv``, written by ``tools/train_ner.py`` from the
development half of Wikigold (Balasuriya et al. 2009, CC-BY 4.0); loaded lazily, once.
Deterministic and offline: the same text always gives the same spans.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from reader.ner.lexicon import Lexicon, data_file
from reader.ner.shapes import NUMBER_WORDS, PHRASE_ENDS

CLASSES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "MISC", "O")
"""The model's classes, in the order of each weight row."""
KEEP: frozenset[str] = frozenset({"PERSON", "ORG", "GPE"})
"""Classes that become entities."""
MODEL_FILE = "span_model.tsv"
THRESHOLD = 3.0
"""How far the best class must beat "none" for a span to be kept (3.0 gave the best 4-fold
cross-validated F1 on Wikigold's development half, against 0.0 and 1.5)."""

_CONTEXT = re.compile(r"[\w'’.-]+|[^\w\s]")
_LOWER = re.compile(r"(?<![\w'’-])[a-z][a-z]+")
_PIECE = 65_536
_AFTER_THE = re.compile(r"the ([A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3})")
"""A capitalised run after "the" (no look-behind: the literal start is ten times faster to
scan for; the word before is checked apart)."""


class Text:
    """One text and what the features need to know about all of it."""

    __slots__ = ("_after_the", "lower", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        lower: set[str] = set()
        pos = 0
        while pos < len(text):
            # In pieces of about 64 KB cut at a space: the set holds each word once, and no
            # list of every word of a long book is ever built. Each piece's distinct
            # whitespace-separated words are read, not all of its text (the same words, since
            # the pattern only looks one character back: two and a half times faster).
            cut = text.find(" ", pos + _PIECE)
            end = len(text) if cut < 0 else cut
            lower.update(_LOWER.findall(" ".join(set(text[pos:end].split()))))
            pos = end
        self.lower: frozenset[str] = frozenset(lower)
        """Words the text also writes in lower case ("techno" makes "Techno" a word)."""
        self._after_the: Counter[str] | None = None

    def after_the(self) -> Counter[str]:
        """How often each capitalised run (and each of its first words) follows a lower-case
        "the" in the text ("the Vics", "the Longhorns"): teams, bands, firms and units are
        written so, people are not. Read once, when a feature first asks."""
        if self._after_the is None:
            seen: Counter[str] = Counter()
            text = self.text
            for m in _AFTER_THE.finditer(text):
                at = m.start()
                if at and (text[at - 1].isalnum() or text[at - 1] in "_'’-"):
                    continue  # "Blythe Harbour", not "the Harbour"
                words = m.group(1).split(" ")
                for k in range(1, len(words) + 1):
                    seen[" ".join(words[:k])] += 1
            self._after_the = seen
        return self._after_the


class TokLike(Protocol):
    """What a candidate's tokens offer (the rules' ``Tok``)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def conn(self) -> bool: ...


Weights = dict[str, tuple[float, ...]]


def _shape(word: str) -> str:
    if word.isupper():
        return "A" if len(word) > 1 else "I"
    if word.endswith(".") and len(word) <= 3:
        return "."
    if any(c.isdigit() for c in word):
        return "D"
    if "-" in word:
        return "H"
    return "X" if word[:1].isupper() else "x"


def features(doc: Text, toks: Sequence[TokLike], initial: bool, lex: Lexicon) -> list[str]:
    """Feature names of one candidate span (tokens of one capitalised run)."""
    text = doc.text
    start, end = toks[0].start, toks[-1].end
    words = [t.text for t in toks]
    first, last = words[0], words[-1]
    before = _CONTEXT.findall(text, max(0, start - 40), start)[-2:]
    after = _CONTEXT.findall(text, end, end + 40)[:2]
    p1 = before[-1].lower() if before else "<s>"
    p2 = before[-2].lower() if len(before) > 1 else "<s>"
    n1 = after[0].lower() if after else "</s>"
    n2 = after[1].lower() if len(after) > 1 else "</s>"
    shape = "".join("c" if t.conn else _shape(t.text) for t in toks)
    low_last = last.lower()
    feats = [
        "b",
        f"n={min(len(words), 4)}",
        f"sh={shape}",
        f"f={first.lower()}",
        f"l={low_last}",
        f"s3={low_last[-3:]}",
        f"s2={low_last[-2:]}",
        f"fp3={first[:3].lower()}",
        f"p1={p1}",
        f"p2={p2}|{p1}",
        f"n1={n1}",
        f"n2={n1}|{n2}",
        f"p1n1={p1}|{n1}",
        f"p1l={p1}|{len(words) > 1}",
        f"n1l={n1}|{len(words) > 1}",
    ]
    if before and before[-1][:1].isupper():
        feats.append("p1cap")
    if after and after[0][:1].isupper():
        feats.append("n1cap")
    if p1 in lex.kinds:
        feats.append(f"p1kind={lex.kinds[p1]}")
    if len(words) > 1 and words[-1] in lex.first_names:
        feats.append("lastfn")
    if initial:
        feats.append("init")
        feats.append(f"init|{len(words)}")
    if len(words) > 2:
        feats.extend(f"m={w.lower()}" for w in words[1:-1])
    if first in lex.first_names:
        feats.append("fn")
    if first in lex.common:
        feats.append("common")
    cue = lex.last_cues.get(last)
    if cue:
        feats.append(f"lc={cue}")
    cue = lex.first_cues.get(first)
    if cue:
        feats.append(f"fc={cue}")
    lower = doc.lower
    if first.lower() in lower:
        feats.append("lowf")
    if low_last in lower:
        feats.append("lowl")
    for w in words:
        label = lex.names.get(w)
        if label:
            feats.append(f"g={label}")
        elif w in lex.cities:
            feats.append("city")
    if p1 in lex.title_heads or (before and before[-1] in lex.title_heads):
        feats.append("title")
    feats.extend(_context_features(text, end, p1, p2, n1, lex))
    times = doc.after_the().get(text[start:end], 0) - (bool(before) and before[-1] == "the")
    if times > 0:
        feats.append("dthe")  # written after "the" elsewhere in the text
    return feats


def _context_features(text: str, end: int, p1: str, p2: str, n1: str, lex: Lexicon) -> list[str]:
    """Features that group the words around a candidate into kinds, so that what the model
    learnt from one role or organisation noun carries over to the others of its kind: "an
    engineer at X" and "a lawyer at X" share ``p2k=PERSON|at``; "X, the Danish shipping
    group" and "X, a mining firm" share ``app=ORG``; "X spokesman" gives ``n1k=PERSON``.
    (Grouping further, by verb stems before "for", plural heads or a place as the first word,
    moved 5-fold cross-validated F1 by less than its noise and was left out.)"""
    out: list[str] = []
    kind = lex.kinds.get(p2)
    if kind and (p1 in _PREPS or p1 == "the"):
        out.append(f"p2k={kind}|{p1}")  # "an engineer at X"; "the band The Used"
    kind = lex.kinds.get(n1)
    if kind:
        out.append(f"n1k={kind}")  # "X spokesman", "X chief executive"
    head = _apposition_head(text, end)
    if head:
        out.append(f"app={lex.kinds.get(head, 'x')}")
    return out


_PREPS = frozenset({"at", "for", "with", "by", "from", "to", "of", "in", "on", "against"})
_APPOS = re.compile(r"[ \t]*,[ \t]+(?:the|a|an|its|his|her|their)[ \t]+")
_APPOS_WORD = re.compile(r"[\w'’-]+|\S")


def _apposition_head(text: str, end: int) -> str | None:
    """The last lower-case word of ", the/a ..." right after ``end``, before a word such as
    "of" or "based" or a comma ends the phrase: an apposition's head ("Halvard Line, the
    Danish shipping group, ..." and "..., a shipping group based in ..." give "group")."""
    m = _APPOS.match(text, end, end + 12)
    if not m:
        return None
    head = None
    for count, w in enumerate(_APPOS_WORD.finditer(text, m.end(), m.end() + 80)):
        word = w.group()
        if count == 6 or word in PHRASE_ENDS or not word[0].isalnum():
            break
        if word.islower():
            head = word
    return head


def _read_model(raw: str) -> Weights:
    weights: Weights = {}
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, row = line.rpartition("\t")
        weights[name] = tuple(float(x) for x in row.split(","))
    return weights


@functools.cache
def model() -> Weights:
    """The shipped weights (loaded once); empty when the file is missing."""
    try:
        raw = data_file(MODEL_FILE).read_text("utf-8")
    except FileNotFoundError:
        return {}
    return _read_model(raw)


def scores(feats: Iterable[str], weights: Weights) -> list[float]:
    """One score per class in :data:`CLASSES`."""
    total = [0.0] * len(CLASSES)
    get = weights.get
    for f in feats:
        row = get(f)
        if row is not None:
            for i, w in enumerate(row):
                total[i] += w
    return total


def candidates(
    toks: Sequence[TokLike], lex: Lexicon, initial: bool = False
) -> list[Sequence[TokLike]]:
    """The spans a free stretch of tokens may be: itself, and itself without a leading word.

    Title words at either end are never part of a name ("Foreign Minister" left over once the
    rules took the name after it). A lone word that opens a sentence is left to the rules
    ("May we ask ..."): only they know what the rest of the text says about it.
    """
    titles = lex.title_words
    while toks and (toks[0].conn or toks[0].text in titles):
        toks = toks[1:]
    while toks and (toks[-1].conn or toks[-1].text in titles):
        toks = toks[:-1]
    if not toks or (initial and len(toks) == 1):
        return []
    out: list[Sequence[TokLike]] = []
    if len(toks) > 1 or (toks[0].text not in lex.common and len(toks[0].text) > 1):
        out.append(toks)
    if len(toks) > 1:
        out.extend(candidates(toks[1:], lex))
    return out[:2]


def best(
    doc: Text, stretch: Sequence[TokLike], initial: bool, lex: Lexicon, weights: Weights
) -> tuple[int, int, str] | None:
    """The best-scoring candidate of ``stretch`` that is a PERSON/ORG/GPE, if any beats none."""
    top: tuple[float, int, int, str] | None = None
    for i, cand in enumerate(candidates(stretch, lex, initial)):
        s = scores(features(doc, cand, initial and i == 0, lex), weights)
        k = max(range(len(CLASSES)), key=s.__getitem__)
        margin = s[k] - s[-1]
        if CLASSES[k] == "PERSON" and cand[0].text in NUMBER_WORDS:
            continue  # "Thirty Varn" is a band or a place, never a person
        if CLASSES[k] in KEEP and margin > THRESHOLD and (top is None or margin > top[0]):
            top = (margin, cand[0].start, cand[-1].end, CLASSES[k])
    return None if top is None else top[1:]
