"""Full-text search over the library: queries, ranked results with snippets, match spans.

What the CLI (``reader search``) and the TUI call:

- :func:`parse_query` turns what a user typed into a :class:`Query`: words (all must match),
  ``"quoted phrases"`` and ``prefix*`` words (two letters or more before the ``*``). Nothing
  else is syntax: quotes that do not close, parentheses, ``NEAR``, ``AND``/``OR``/``NOT``,
  ``-``, ``:`` and ``^`` are plain text, so no query can break the FTS5 expression
  (:meth:`Query.fts` quotes every token).
- :func:`search` answers a query from the store's search index, best first (bm25, a title
  match weighing more than a body match), each :class:`Hit` with a one-line snippet and the
  spans of the matches in it (and in the title) for the caller to mark however it draws.
- :func:`match_spans` gives every match of a query in a text (an article's body): where the
  reader pane lands and what ``n``/``N`` step through.
- :func:`document` makes what the index holds for an article; the library scan calls it in the
  same pass that makes the list entry, from the clean text the pipeline already made.

Matches are placed in Python with the index's own rules (:mod:`reader.search_text`: letters and
numbers make words, case and diacritics are folded, CJK runs are bigrams), so highlights agree
with what FTS5 matched. A CJK word is found inside a longer run; a lone CJK character finds
every run that has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from reader.model import Article
from reader.search_index import Doc, SearchIndex
from reader.search_text import CJK, WIDE, fold, is_cjk, query_words, tokens, width

__all__ = [
    "Hit",
    "Query",
    "Term",
    "document",
    "match_spans",
    "mentioning",
    "parse_query",
    "search",
    "snippet",
]

_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
SNIPPET_CHARS = 180
"""About how wide a snippet is, in terminal cells (cut at word boundaries)."""
LEAD_CHARS = 60
"""How much text (in cells) a snippet shows before its first match."""


@dataclass(frozen=True, slots=True)
class Term:
    """One thing that must match: a word, or a phrase of words in order."""

    words: tuple[str, ...]
    """Folded words."""
    prefix: bool = False
    """The last word matches any word it begins."""

    def fts(self) -> str:
        # Tokens are letters and numbers only, so a double-quoted string is always valid.
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")

    def at(self, words: list[str], end: int) -> bool:
        """Whether this term ends at ``words[end]``."""
        n = len(self.words)
        start = end - n + 1
        if start < 0:
            return False
        for i, want in enumerate(self.words):
            got = words[start + i]
            if i == n - 1 and self.prefix:
                if not got.startswith(want):
                    return False
            elif got != want:
                return False
        return True


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: every term must match somewhere in the article."""

    text: str
    """What the user typed."""
    terms: tuple[Term, ...]

    def fts(self) -> str:
        """The FTS5 MATCH expression (safe whatever the user typed)."""
        return " ".join(t.fts() for t in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)


def _term(chunk: str, prefix: bool) -> Term | None:
    words, lone = query_words(chunk)
    if not words:
        return None
    # A one-letter prefix would match a large share of all words (and the index keeps no
    # one-letter prefixes): it stands for the word itself. A lone CJK character is a prefix
    # whatever was typed: it may begin a bigram (see reader.search_text).
    return Term(words, lone or (prefix and len(words[-1]) > 1 and not is_cjk(words[-1][0])))


def parse_query(text: str) -> Query:
    """What the user typed as a :class:`Query` (see the module docstring for the syntax)."""
    terms: list[Term] = []
    pattern = re.compile(f"[{_QUOTES}]([^{_QUOTES}]*)(?:[{_QUOTES}]|$)(\\*?)|([^\\s{_QUOTES}]+)")
    for m in pattern.finditer(text):
        if m.group(3) is not None:
            chunk = m.group(3)
            term = _term(chunk, chunk.endswith("*"))
        else:
            inner = m.group(1)
            term = _term(inner, bool(m.group(2)) or inner.rstrip().endswith("*"))
        if term is not None and term not in terms:
            terms.append(term)
    return Query(text, tuple(terms))


_VARIANTS: dict[str, str] = {}
"""For each ASCII letter, the Latin letters that fold to it (é, È, ĕ, ...), for the finder."""


def _variants(letter: str) -> str:
    if not _VARIANTS:
        found: dict[str, list[str]] = {}
        for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
            ch = chr(cp)
            base = fold(ch) if len(ch.lower()) == 1 else ch
            if base.isascii() and base.isalpha():
                found.setdefault(base, []).append(ch)
        for base, chars in found.items():
            _VARIANTS[base] = "".join(chars)
    return _VARIANTS.get(letter, "")


_LATIN = re.compile(f"[^\\W_{CJK}]")
"""A word character that is not CJK: none may come just before a non-CJK word's match
(checked in Python: a class this big in every query's pattern took milliseconds to compile)."""


@lru_cache(maxsize=64)
def _finder(query: Query) -> re.Pattern[str]:
    """A regex for where a match may start: the first word of a term (then checked to be at a
    word start; any character of a CJK run starts one of its bigrams), case-insensitive and
    accepting any Latin diacritic (fast, unlike tokenizing the body)."""
    alternatives, cjk = [], False
    for term in query.terms:
        first = term.words[0]
        if is_cjk(first[0]):
            alternatives.append(re.escape(first))
            cjk = True
            continue
        chars = []
        for c in first:
            extra = _variants(c) if c.isascii() and c.isalpha() else ""
            chars.append(f"[{re.escape(c)}{extra}]" if extra else re.escape(c))
        alternatives.append("".join(chars))
    pattern = "|".join(alternatives)
    if cjk:
        # Every place one begins, even inside another candidate (CJK bigrams overlap); only
        # then, as a lookahead is slower to scan with.
        pattern = f"(?={pattern})"
    return re.compile(pattern, re.IGNORECASE)


def _matches(text: str, query: Query) -> Iterator[tuple[int, int]]:
    """Spans of the query's terms in ``text``, in order, lazily (stop when you have enough)."""
    longest = max(len(t.words) for t in query.terms)
    last_end = 0
    for cand in _finder(query).finditer(text):
        pos = cand.start()
        if pos < last_end:
            continue
        if pos > 0 and not is_cjk(text[pos]) and _LATIN.match(text, pos - 1):
            continue  # inside a word
        found = list(islice(tokens(text, pos), longest))
        words = [w for w, _, _ in found]
        best: tuple[int, int] | None = None
        for term in query.terms:
            n = len(term.words)
            if n <= len(words) and term.at(words, n - 1):
                end = found[n - 1][2]
                last = term.words[-1]
                if term.prefix and is_cjk(last[0]):  # a lone character: only it is marked
                    end = found[n - 1][1] + len(last)
                span = (found[0][1], end)
                if best is None or span[1] > best[1]:
                    best = span
        if best is not None:
            last_end = best[1]
            yield best


def match_spans(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text``, as ``(start, end)`` offsets, in order and not
    overlapping: what a reader pane highlights and what ``n``/``N`` step through."""
    q = parse_query(query) if isinstance(query, str) else query
    return list(_matches(text, q)) if q else []


def _cells_back(body: str, pos: int, cells: int) -> int:
    """The offset about ``cells`` terminal cells before ``pos`` (0 at the most)."""
    start = max(0, pos - cells)
    if WIDE.search(body, start, pos) is None:
        return start
    i = pos
    while i > 0 and cells > 0:
        i -= 1
        cells -= width(body[i])
    return i


def _cells_on(body: str, pos: int, cells: int) -> int:
    """The offset about ``cells`` terminal cells after ``pos`` (the end at the most)."""
    end = min(len(body), pos + cells)
    if WIDE.search(body, pos, end) is None:
        return end
    i = pos
    while i < len(body) and cells > 0:
        cells -= width(body[i])
        i += 1
    return i


def _between_words(body: str, i: int) -> bool:
    """Whether offset ``i`` of ``body`` falls between words (a space, or next to a CJK
    character: each is a word boundary of its own)."""
    if i <= 0 or i >= len(body):
        return True
    before, after = body[i - 1], body[i]
    return before.isspace() or after.isspace() or is_cjk(before) or is_cjk(after)


def snippet(body: str, query: Query) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line extract of ``body`` around its first match (its opening when nothing in the
    body matches), and the spans of the matches inside it."""
    first = next(_matches(body, query), None) if query else None
    start = 0
    if first is not None:
        start = _cells_back(body, first[0], LEAD_CHARS)
        while start > 0 and not _between_words(body, start):
            start += 1
            if start >= first[0]:
                start = first[0]
                break
    end = max(_cells_on(body, start, SNIPPET_CHARS), first[1] if first else 0)
    limit = _cells_on(body, start, SNIPPET_CHARS + 40)
    while end < len(body) and not _between_words(body, end) and end < limit:
        end += 1
    text = " ".join(body[start:end].split())
    if start > 0:
        text = "…" + text
    if end < len(body):
        text += "…"
    spans = tuple(match_spans(text, query)) if query else ()
    return text, spans


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    path: str
    """The file, as the caller named it (else its absolute path)."""
    title: str
    source: str
    score: float
    """bm25 relevance: higher is better (only comparable within one query)."""
    snippet: str
    """One line of the body around the first match (see :func:`snippet`)."""
    spans: tuple[tuple[int, int], ...]
    """The matches inside ``snippet``."""
    title_spans: tuple[tuple[int, int], ...]
    """The matches inside ``title``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "snippet": self.snippet,
            "score": round(self.score, 6),
            "matches": [list(s) for s in self.spans],
        }


def _index(store: Any) -> SearchIndex:
    index: SearchIndex = store.search if not isinstance(store, SearchIndex) else store
    return index


def search(
    store: Any,
    query: Query | str,
    within: Mapping[str, str] | None = None,
    limit: int = 20,
) -> list[Hit]:
    """The best ``limit`` matches of ``query`` in the store's search index (a
    :class:`~reader.store.Store` or a :class:`~reader.search_index.SearchIndex`).

    ``within``: ``{absolute path: path to show}`` of the files to search (e.g. the entries a
    scan just gave, or the list on screen); None searches every indexed file that still
    exists (files found gone are dropped from the index). Scan first so the index is current.
    """
    q = parse_query(query) if isinstance(query, str) else query
    if not q:
        return []
    index = _index(store)
    gone: list[str] = []

    def keep(path: str) -> bool:
        if within is not None:
            return path in within
        if Path(path).exists():
            return True
        gone.append(path)
        return False

    rows = index.ranked(q.fts(), limit, keep)
    if gone:
        index.remove(gone)
    hits = []
    for path, score, title, source in rows:
        text, spans = snippet(index.body(path), q)
        hits.append(
            Hit(
                path=within[path] if within is not None else path,
                title=title,
                source=source,
                score=score,
                snippet=text,
                spans=spans,
                title_spans=tuple(match_spans(title, q)),
            )
        )
    return hits


def mentioning(store: Any, name: str) -> set[str]:
    """Absolute paths of the indexed files whose title or text mentions ``name`` (as a
    phrase): "pieces that mention X". Entity names are text of the body, so they are found
    here without running the recognizer over the library."""
    term = _term(name, False)
    if term is None:
        return set()
    phrase = term.fts()
    return _index(store).matching(f"{{title body}} : {phrase}")


def document(article: Article, path: str, size: int, mtime_ns: int, tags: tuple[str, ...]) -> Doc:
    """What the search index holds for ``article`` (read from the file ``path`` at that size
    and modification time): its title, source, tags, declared date and clean body."""
    return Doc(
        path=path,
        size=size,
        mtime_ns=mtime_ns,
        title=article.title,
        source=article.source,
        tags=tags,
        date=article.metadata.get("date", ""),
        body=article.body,
    )
