"""Named-entity recognition internals: word lists, patterns and the rule-based recognizer.

The public API lives in :mod:`reader.entities`.
"""
