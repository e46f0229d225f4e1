"""The news method (the default): lead position blended with LexRank centrality, over the
candidate sentences, with the lead kept only where its sentences can stand as a summary; and the
plain lead method.

The lead is where news puts its point, so position weighs most. What moves a lead sentence down
is what a reader of the summary would stumble over, seen in the sentence's form, not tuned to
any one story (:mod:`reader.summary.lead_quality` holds the rules):

* a teaser: a scene-setting or reader-addressing line that names nothing ("It's the moment
  every pet owner dreads", "Bored of your surroundings?"), or any question;
* a quotation: a sentence that opens with a quote mark, or whose words are mostly quoted;
* a fragment: a sentence that starts in lower case (a quote or list split apart);
* a sentence that only makes sense after another ("But", "He", "This" ...) when the sentence
  before it is not in the summary.

When the article has a title, sentences sharing its words rise a little.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer

from reader.summary.graph import lexrank_scores
from reader.summary.lead_quality import (
    dangles,
    is_fragment,
    is_teaser,
    mostly_quoted,
    opens_with_quote,
)
from reader.summary.tokens import stop_words, word_set

NEWS_LEAD_WEIGHT = 0.85
"""Share of the news score from lead position; the rest is LexRank centrality."""
NEWS_DECAY = 3.0
"""Lead prior ``exp(-i / NEWS_DECAY)``: the first few sentences dominate, as in news writing."""
NEWS_QUOTE_PENALTY = 0.6
"""A sentence that opens with a quotation mark or asks a question is rarely the news itself."""
NEWS_TEASER_PENALTY = 0.6
"""A teaser line (see :func:`~reader.summary.lead_quality.is_teaser`) sets a scene, not the news."""
NEWS_QUOTED_PENALTY = 0.3
"""A sentence mostly made of quoted words reports what someone said, rarely the news itself."""
NEWS_FRAGMENT_PENALTY = 0.8
"""A sentence starting in lower case is a piece of a longer one: hardly ever readable alone."""
NEWS_DANGLING_PENALTY = 0.3
"""A sentence that leans on the one before it ("But", "He", "This" ...) reads wrongly without
it, so it is worth less while that sentence is not in the summary."""
NEWS_TITLE_BOOST = 0.5
"""Up to this share more for a sentence holding all of the title's content words: enough for the
second sentence to pass a first one that shares none of them (a scene-setter, mostly)."""


def _fold(word: str) -> str:
    """A lower-cased word with a plural "s" dropped, so "museums" meets "Museum" in a title."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def news_scores(
    sentences: Sequence[str], words: Sequence[Sequence[str]], language: str, title: str = ""
) -> list[float]:
    """Lead position prior (less for quotes, questions, teasers, fragments) blended with LexRank
    centrality, raised by the share of the title's content words a sentence holds.

    ``words`` holds each sentence's words, as :func:`~reader.summary.candidates.candidates`
    found them. Measured on cnndm-dev-50 by bench/summaries.py (see README).
    """
    if not sentences:
        return []
    # Centrality over lower-cased content words, unstemmed: Snowball would cost ~20 µs for each
    # distinct word of a first summary, and stemming did not change the picks' ROUGE here.
    stops = stop_words(language)
    terms = [[w for w in map(str.lower, ws) if w not in stops] for ws in words]
    central = np.nan_to_num(
        lexrank_scores(terms, LexRankSummarizer.threshold, LexRankSummarizer.epsilon, sparse=True)
    )
    top = float(np.max(central)) if len(central) else 0.0
    central = central / top if top > 0 else np.zeros(len(sentences))
    title_terms = {_fold(w) for w in word_set(title) - stops}
    scores = []
    for i, (sentence, found, c) in enumerate(zip(sentences, words, central, strict=True)):
        stripped = sentence.strip()
        prior = math.exp(-i / NEWS_DECAY)
        if opens_with_quote(stripped) or stripped.endswith("?"):
            prior *= 1 - NEWS_QUOTE_PENALTY
        score = NEWS_LEAD_WEIGHT * prior + (1 - NEWS_LEAD_WEIGHT) * float(c)
        # What cannot stand as a summary sentence, however central: worth less overall.
        if is_teaser(stripped, found, language):
            score *= 1 - NEWS_TEASER_PENALTY
        if mostly_quoted(stripped, found):
            score *= 1 - NEWS_QUOTED_PENALTY
        if is_fragment(stripped):
            score *= 1 - NEWS_FRAGMENT_PENALTY
        if title_terms:
            shared = len(title_terms.intersection(map(_fold, terms[i])))
            score *= 1 + NEWS_TITLE_BOOST * shared / len(title_terms)
        scores.append(score)
    return scores


def pick(
    pool: Sequence[str], words: Sequence[Sequence[str]], count: int, language: str, title: str
) -> list[int]:
    """Positions in ``pool`` of the ``count`` best sentences by :func:`news_scores`, chosen one
    at a time: a sentence that leans on the one before it counts less while that one is not
    chosen (so "He was ..." follows its antecedent in, or stays out).

    The signature every method of ours has: the candidate sentences, their words, how many to
    pick, the language and the title.
    """
    scores = news_scores(pool, words, language, title)
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    leaning = {i for i in range(1, len(pool)) if dangles(pool[i], language)}
    chosen: list[int] = []
    taken: set[int] = set()
    for _ in range(min(count, len(pool))):
        best, best_value = -1, -math.inf
        for i in order:  # by score: a penalty only lowers one, so stop once none can win
            if scores[i] <= best_value:
                break
            if i in taken:
                continue
            value = scores[i]
            if i in leaning and i - 1 not in taken:
                value *= 1 - NEWS_DANGLING_PENALTY
            if value > best_value:
                best, best_value = i, value
        chosen.append(best)
        taken.add(best)
    return chosen


def lead(
    pool: Sequence[str], words: Sequence[Sequence[str]], count: int, language: str, title: str
) -> list[int]:
    """The first ``count`` candidate sentences."""
    return list(range(min(count, len(pool))))
