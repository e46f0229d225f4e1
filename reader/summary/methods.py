"""The summary methods' registry: names, where each method's code lives, and their limits.

Light on purpose: the CLI's parser and the TUI's palette need the names at start-up, so nothing
here imports the engine (numpy, sumy, nltk). Each entry names its code as ``"module:attribute"``,
resolved only when a summary is made. Adding a method is one entry in :data:`METHODS`: a sumy
summarizer class (sumy's own, or a faster one of ours that picks the same sentences, with sumy's
as ``plain``), or a function of ours with the signature of :func:`reader.summary.news.pick`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "KL_MAX_SENTENCES",
    "METHODS",
    "Method",
    "SummaryError",
    "method",
    "resolve",
]


class SummaryError(ValueError):
    """A summary cannot be made as asked (unknown method, too long for KL)."""


@dataclass(frozen=True)
class Method:
    """One summary method, as the CLI, the palette and the engine know it."""

    code: str
    """``module:attribute`` of what ranks: a sumy summarizer class, or a pick function of ours."""
    plain: str = ""
    """``module:attribute`` of sumy's own class when ``code`` is a faster copy of it (the tests
    and the bench check that both pick the same sentences)."""
    max_sentences: int | None = None
    """Refused with :class:`SummaryError` above this many candidate sentences."""


KL_MAX_SENTENCES = 60
"""KL-Sum is cubic in the number of sentences in sumy; above this it would take seconds."""

_FAST = "reader.summary.sumy_fast"
_SUMY = "sumy.summarizers"

METHODS: dict[str, Method] = {
    "news": Method("reader.summary.news:pick"),
    "lead": Method("reader.summary.news:lead"),
    "lexrank": Method(f"{_FAST}:FastLexRank", f"{_SUMY}.lex_rank:LexRankSummarizer"),
    "textrank": Method(f"{_FAST}:FastTextRank", f"{_SUMY}.text_rank:TextRankSummarizer"),
    "lsa": Method(f"{_FAST}:FastLsa", f"{_SUMY}.lsa:LsaSummarizer"),
    "luhn": Method(f"{_FAST}:FastLuhn", f"{_SUMY}.luhn:LuhnSummarizer"),
    "edmundson": Method(f"{_SUMY}.edmundson:EdmundsonSummarizer"),
    "sumbasic": Method(f"{_FAST}:FastSumBasic", f"{_SUMY}.sum_basic:SumBasicSummarizer"),
    "kl": Method(f"{_SUMY}.kl:KLSummarizer", max_sentences=KL_MAX_SENTENCES),
    "reduction": Method(f"{_FAST}:FastReduction", f"{_SUMY}.reduction:ReductionSummarizer"),
}
"""Every method by the name users type; the first is the default."""

ALGORITHMS: tuple[str, ...] = tuple(METHODS)
DEFAULT_ALGORITHM = ALGORITHMS[0]


def resolve(reference: str) -> Any:
    """The object a ``module:attribute`` reference names (importing its module)."""
    module, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module), attribute)


def method(name: str) -> Method:
    """The registry entry for ``name``; :class:`SummaryError` naming the choices otherwise."""
    try:
        return METHODS[name]
    except KeyError:
        raise SummaryError(
            f"unknown algorithm {name!r}; choose from {', '.join(ALGORITHMS)}"
        ) from None
