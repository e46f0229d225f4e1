"""The summary methods' names and limits, without loading the engine (numpy, sumy, nltk).

The CLI's parser and the TUI's palette need the names at start-up; the engine in
:mod:`reader.summarize` is only imported when a summary is made.
"""

from __future__ import annotations

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "KL_MAX_SENTENCES", "SummaryError"]

DEFAULT_ALGORITHM = "news"
ALGORITHMS: tuple[str, ...] = (
    "news",
    "lead",
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "edmundson",
    "sumbasic",
    "kl",
    "reduction",
)
KL_MAX_SENTENCES = 60
"""KL-Sum is cubic in the number of sentences in sumy; above this it would take seconds."""


class SummaryError(ValueError):
    """A summary cannot be made as asked (unknown method, too long for KL)."""
