"""reader: a keyboard-driven terminal reader for saved news articles.

Module map (ARCHITECTURE.md at the repository root tells the whole story). The core is plain
Python over frozen records and never imports Textual or Rich; the CLI and the TUI only call it.

Records and text
    model          the records passed between stages: RawDocument, Classified, PaywallVerdict,
                   Article, Entity, Summary
    textutil       decoding bytes, stripping controls, ``safe_line`` for untrusted one-liners

Stages (file -> Article)
    pipeline       the one coordinator: file -> RawDocument -> Article
    formats/       one loader per format (text, markdown, html: its tree reading, metadata,
                   title and page signals in html_tree, html_meta, html_title, html_signals)
    clean          block classification: article text or boilerplate, with evidence
    paywall        the truncation verdict, with reasons
    phrases/       paywall and boilerplate phrase lists by language (data files)

What is made from an Article
    entities       named entities (public face); ner/ holds the recognizers and word lists
    summary/       extractive summaries (public face in __init__; methods registry, tokens,
                   sample, candidates, graph, news, lead_quality, sumy_fast, engine, cache)

Library, state and output
    library        scanning paths into entries, through the index
    entries        the list's records (Entry, Skipped) and their library-index rows
    walk           the files under the paths given, each with its stat, in a stable order
    sources        the source files a module imports (the index's fingerprint)
    store/         SQLite: summary cache, library index, reading state, saved pages, feeds
                   (Store in __init__; dbfile, base, reading, pages, feed_tables)
    search_index   the full-text index: FTS5 in its own disposable file beside the store
    search_text    how the index sees text: words, folding, CJK runs as bigrams
    search         queries (words, "phrases", prefix*), ranked hits with snippets, match spans
    filters        filters that compose (unread, excerpts, tag, source, mentions, since, feed):
                   one predicate for the CLI and the TUI, and the store lookups it needs
    present        how articles and summaries are shown: facts line, notes, text, Markdown,
                   entity labels' names and colours
    export         a summary written to a Markdown file
    clipboard      copying: system tools, tmux, OSC 52, with a clear result
    urls           which URLs are web pages (the only ones opened or fetched)
    mentions       which files mention an entity, cached per file version

Bringing articles in (the network only on an explicit command)
    config         config.toml: the library folder
    saved          the library folder: file names, atomic saving
    origin         the trailer a saved page carries: its URL, fetch time, tags
    fetch/         polite concurrent fetching with httpx: urls (which URLs, one key per page),
                   client (the shared client, Settings, FetchFailed), page (one bounded fetch),
                   polite (per-host limits, Retry-After)
    adding         ``reader add``: fetch, save, list entry; refresh keeps the fuller copy
    imports/       ``reader import``: one reader per export format; run (the resumable queue)
    feeds/         ``reader feed``/``update``/``fetch``: parse (feedparser, JSON Feed),
                   sanitize, teaser, items (library files), discover, opml, newsboat,
                   subscriptions (feeds.opml in the config folder), update, full (full pages)

Front ends
    cli/           one module per command; parser; dispatch
    ui/            the Textual app: app (thin), screens/, widgets/ (each owns its workers),
                   render (Rich Text from present), keys, messages
"""

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
