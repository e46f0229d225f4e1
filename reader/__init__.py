"""reader: a keyboard-driven terminal reader for saved news articles."""

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
