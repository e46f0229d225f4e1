"""The news method (the default): the lead, passing over the sentences that cannot stand as a
summary; and the plain lead method.

News puts its point first, so the summary is the first candidate sentences in order. A sentence
gives way to the next one only on a clear signal in its form (the rules live in
:mod:`reader.summary.lead_quality`), never on a tuned blend of scores:

* a question; and in the opening (before a sentence has stood), a teaser: a scene-setting or
  reader-addressing line that names nothing ("It's the moment every pet owner dreads", "Bored
  of your surroundings and want to liven things up", "... it seems ...");
* a quotation: a sentence that opens with a quote mark (what someone said, not the news);
* half a sentence: one starting in lower case, or one ending on a stray full stop (" .") whose
  next sentence does (a sentence a stray full stop or line break cut in two);
* with a title: a first sentence holding under half of the title's content words while one of
  the two after it holds them all (the headline names the news; the first line set a scene);
* a sentence that only makes sense after another ("But", "He", "This" ...) while the sentence
  before it is not in the summary: it waits for that sentence, or stays out.

When too few sentences pass, the passed-over ones fill the summary in their order. No sentence
graph is built, so the method costs a few regular expressions per sentence it reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.summary.lead_quality import (
    dangles,
    is_fragment,
    is_teaser,
    opens_with_quote,
)
from reader.summary.tokens import stop_words, word_set

TITLE_SHARE = 0.5
"""A first sentence holding under this share of the title's content words may miss the
headline."""
TITLE_REACH = 2
"""How many sentences after the first may take its place for holding the title's words."""


def ends_on_a_stray_stop(sentence: str) -> bool:
    """The sentence ends on a full stop after a space ("... warned people after ."), as text
    does where a line break or a removed link cut a sentence."""
    return sentence.endswith(" .")


def _fold(word: str) -> str:
    """A lower-cased word with a plural "s" dropped, so "museums" meets "Museum" in a title."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def stands_alone(
    sentences: Sequence[str], words: Sequence[Sequence[str]], language: str, title: str = ""
) -> list[bool]:
    """For each sentence, whether it can open or stand in a summary by its form: not a question,
    not a quotation, not half of a broken sentence; in the opening (until a sentence stands),
    not a teaser, and (with a title) not a first line that misses the headline a sentence just
    after it states. Once the story has started, an "It ..." or "you ..." sentence reads on from
    what came before (leaning on the sentence before is decided in :func:`pick`, since it
    depends on what is chosen)."""
    stripped = [s.strip() for s in sentences]
    fragment = [is_fragment(s) for s in stripped]
    ok: list[bool] = []
    opening = True
    for i, (sentence, found) in enumerate(zip(stripped, words, strict=True)):
        broken = fragment[i] or (
            i + 1 < len(stripped) and fragment[i + 1] and ends_on_a_stray_stop(sentence)
        )
        standing = not (
            broken
            or sentence.endswith("?")
            or opens_with_quote(sentence)
            or (opening and is_teaser(sentence, found, language))
        )
        if standing and i == 0 and misses_the_headline(words, language, title):
            standing = False
        ok.append(standing)
        opening = opening and not standing
    return ok


def misses_the_headline(words: Sequence[Sequence[str]], language: str, title: str) -> bool:
    """With a title of two or more content words: the first sentence holds under
    :data:`TITLE_SHARE` of them and one of the :data:`TITLE_REACH` sentences after it holds
    them all."""
    stops = stop_words(language)
    wanted = {_fold(w) for w in word_set(title) - stops}
    if len(wanted) < 2 or not words:
        return False

    def share(found: Sequence[str]) -> float:
        return len(wanted.intersection(_fold(w.lower()) for w in found)) / len(wanted)

    return share(words[0]) < TITLE_SHARE and any(
        share(found) == 1 for found in words[1 : 1 + TITLE_REACH]
    )


def news_scores(
    sentences: Sequence[str], words: Sequence[Sequence[str]], language: str, title: str = ""
) -> list[float]:
    """The order in which sentences are offered to the summary, as scores: every sentence that
    stands alone (see :func:`stands_alone`) in article order, then the others in article order.

    ``words`` holds each sentence's words, as :func:`~reader.summary.candidates.candidates`
    found them. Measured on cnndm-dev-50 by bench/summaries.py (see README).
    """
    n = len(sentences)
    return [
        float(n - i) + (n if ok else 0)
        for i, ok in enumerate(stands_alone(sentences, words, language, title))
    ]


def pick(
    pool: Sequence[str], words: Sequence[Sequence[str]], count: int, language: str, title: str
) -> list[int]:
    """Positions in ``pool`` of the ``count`` sentences of the summary: the first that stand
    alone (see :func:`news_scores`); a sentence leaning on the one before it ("He was ...") is
    taken only once that one is, else it waits until every other sentence has been offered.

    The signature every method of ours has: the candidate sentences, their words, how many to
    pick, the language and the title.
    """
    scores = news_scores(pool, words, language, title)
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    taken: set[int] = set()
    waiting: list[int] = []
    for i in order:
        if len(chosen) >= count:
            break
        if i > 0 and i - 1 not in taken and dangles(pool[i], language):
            waiting.append(i)
            continue
        chosen.append(i)
        taken.add(i)
    for i in waiting:
        if len(chosen) >= count:
            break
        chosen.append(i)
    return chosen


def lead(
    pool: Sequence[str], words: Sequence[Sequence[str]], count: int, language: str, title: str
) -> list[int]:
    """The first ``count`` candidate sentences."""
    return list(range(min(count, len(pool))))
