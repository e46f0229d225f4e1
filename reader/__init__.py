"""reader: a keyboard-driven terminal reader for saved news articles."""

import os

# The summarizers' matrices are small (a few thousand rows at most), so BLAS worker threads only
# add hand-off and spin-wait: in bench/summaries.py one thread halved the time of a
# 1,000-sentence summary on a busy 2-core machine. Set here, before any reader module can load
# numpy (sumy loads it too); a user's own value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from reader.model import Article, Block, Entity, PaywallVerdict, RawDocument, Summary

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "Entity",
    "PaywallVerdict",
    "RawDocument",
    "Summary",
    "__version__",
]
