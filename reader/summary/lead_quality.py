"""Whether a sentence can stand in a summary on its own, from its form alone: the rules the news
method uses to decide when to keep the lead and when to pass over one of its sentences.

Plain regular expressions over one sentence, linear in its length. The word lists are English;
in other languages only the rules that need no list apply (quotes, fragments, questions that
name nothing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.summary.tokens import WORD

__all__ = [
    "QUOTED_SHARE",
    "dangles",
    "is_fragment",
    "is_teaser",
    "mostly_quoted",
    "names_something",
    "opens_with_quote",
]

_OPENING_QUOTES = "\"'‘“«„"

# Spans inside quotation marks: double quotes (straight, curly, guillemets), and single quotes
# that open at the start or after a space or bracket and close before a non-letter (an
# apostrophe inside a word, as in "don't", does not close them). Each alternative matches one
# way only and a span is at most 400 characters, so hostile text costs linear time.
_QUOTED = re.compile(
    r"[\"“„«][^\"“”„«»]{0,400}[\"”»]"
    r"|(?<![^\s(\[])['‘](?:[^'‘’]|['’](?=\w)){0,400}['’](?=\W|$)"
)
_DIGIT = re.compile(r"\d")

QUOTED_SHARE = 0.3
"""At least this share of a sentence's words inside quotation marks: it reports what was said."""

# English words that open a sentence leaning on the one before: connectives and pronouns whose
# antecedent is there ("But ...", "He said ...", "This came after ...").
_LEANS = {
    "english": re.compile(
        r"(?:but|and|or|so|yet|then|however|also|still|instead|meanwhile|there|"
        r"he|she|it|they|him|them|his|her|its|their|this|that|these|those)\b",
        re.IGNORECASE,
    )
}

# English teaser shapes: a sentence opening on a pronoun or "there" with nothing named before it
# ("It's the moment ...", "There was a time ..."), an imperative or bare verb inviting the
# reader ("Looks like ...", "Imagine ...", "Meet ..."), or one addressing the reader.
_TEASER_OPENING = {
    "english": re.compile(
        r"(?:it|it's|it’s|there|this|these|those|they|looks|imagine|meet|ever)\b",
        re.IGNORECASE,
    )
}
# A dummy "it" before a verb that takes a clause ("it seems true love is hard to find"): a
# general remark, not a report. ("It took" or "it is" are as often about a named thing.)
_DUMMY_IT = {"english": re.compile(r"\bit\s+(?:seems|seemed|appears|appeared)\b", re.IGNORECASE)}
_READER = {
    "english": re.compile(r"\b(?:you|your|yours|yourself|you're|you’re|you've|you’ve)\b", re.I)
}
_FIRST_PERSON_I = frozenset({"I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll"})


def opens_with_quote(sentence: str) -> bool:
    """The sentence starts with a quotation mark."""
    return sentence[:1] in _OPENING_QUOTES


def mostly_quoted(sentence: str, words: Sequence[str] | None = None) -> bool:
    """At least :data:`QUOTED_SHARE` of the sentence's words are inside quotation marks.

    Not a reason for the news method to pass a sentence over: news reports what was said ("She
    called the vote 'a disgrace'"), and on cnndm-dev-50 passing such lead sentences over lost
    more stories than it won (bench/summaries.py); a sentence that *opens* on a quote is.

    ``words``: the sentence's words if already found (``WORD.findall(sentence)``)."""
    if not (  # most sentences: no quotation can open
        any(q in sentence for q in '"“„«')
        or sentence[:1] in "'‘"
        or any(q in sentence for q in (" '", " ‘", "('", "(‘", "['", "[‘"))
    ):
        return False
    total = len(words) if words is not None else len(WORD.findall(sentence))
    if not total:
        return False
    quoted = sum(len(WORD.findall(m.group(0))) for m in _QUOTED.finditer(sentence))
    return quoted >= QUOTED_SHARE * total


def is_fragment(sentence: str) -> bool:
    """The sentence starts in lower case: a piece of a longer sentence split apart ("because
    that's the most important thing,' he told ..."). A first word with a capital inside it
    ("iPhone", "eBay") is a name, not a fragment."""
    first = sentence.split(maxsplit=1)[0] if sentence.strip() else ""
    return first[:1].islower() and not any(ch.isupper() for ch in first)


def names_something(sentence: str, words: Sequence[str]) -> bool:
    """A number, or a capitalised word after the first (a name, mostly), other than "I"."""
    if _DIGIT.search(sentence):
        return True
    return any(w[:1].isupper() and w not in _FIRST_PERSON_I for w in words[1:])


def is_teaser(sentence: str, words: Sequence[str], language: str) -> bool:
    """A line that sets a scene or addresses the reader and names nothing: no name, no number,
    and a question, or (English) an opening on "it", "there", "this" ..., "looks", "imagine",
    a dummy "it seems" / "it appears" anywhere, or "you"/"your" anywhere. News states who and
    what; a teaser keeps it for later."""
    if sentence.rstrip().endswith("?"):
        shaped = True
    else:
        opening = _TEASER_OPENING.get(language)
        reader = _READER.get(language)
        dummy = _DUMMY_IT.get(language)
        shaped = (
            opening is not None
            and reader is not None
            and dummy is not None
            and bool(
                opening.match(sentence)
                or ("you" in sentence.lower() and reader.search(sentence))
                or dummy.search(sentence)
            )
        )
    return shaped and not names_something(sentence, words)


def dangles(sentence: str, language: str) -> bool:
    """The sentence opens on a word that leans on the sentence before (English: "But", "And",
    "He", "They", "This", "However" ...), so it reads wrongly without that sentence."""
    pattern = _LEANS.get(language)
    return pattern is not None and bool(pattern.match(sentence))
