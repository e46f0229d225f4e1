"""The one definition of the filters (``reader.filters``): the predicate the CLI and the TUI
share, over what is known about the entries, and the store lookups that know it."""

from __future__ import annotations

from pathlib import Path

from reader.filters import FeedRef, FilterSpec, Known, lookups, matcher, predicate
from reader.library import Entry
from reader.model import PaywallVerdict
from reader.store import Store


def entry(
    path: str, *, truncated: bool = False, tags: tuple[str, ...] = (), source: str = ""
) -> Entry:
    verdict = PaywallVerdict(truncated, 0.9, ("a reason",) if truncated else (), 40)
    return Entry(path, path.upper(), source, "markdown", 40, verdict, tags=tags)


A = entry("a.md", tags=("Harbour",), source="The Coastal Ledger")
B = entry("b.md", truncated=True, tags=("harbour", "ferry"), source="The Coastal Ledger")
C = entry("c.md", truncated=True, source="Daily Planet")
D = entry("d.md", tags=("harbour",), source="Daily Planet")
ALL = [A, B, C, D]
ALL_PATHS = [e.path for e in ALL]


def kept(spec: FilterSpec, known: Known) -> list[str]:
    keep = predicate(spec, known)
    return [e.path for e in ALL if keep(e)]


def test_every_filter_given_must_hold() -> None:
    known = Known(read={"a.md"}, mentioning={"Port Avery": {"a.md", "b.md", "d.md"}})
    assert kept(FilterSpec(), known) == ["a.md", "b.md", "c.md", "d.md"]
    assert kept(FilterSpec(unread=True), known) == ["b.md", "c.md", "d.md"]
    assert kept(FilterSpec(tags=("#HARBOUR",)), known) == ["a.md", "b.md", "d.md"]  # any case
    assert kept(FilterSpec(unread=True, tags=("harbour",)), known) == ["b.md", "d.md"]
    spec = FilterSpec(unread=True, tags=("harbour",), mentions=("Port Avery",), excerpt_only=True)
    assert kept(spec, known) == ["b.md"]
    # Sources: any one (a piece has one source), by a part of the name.
    assert kept(FilterSpec(sources=("planet", "ledger")), known) == ALL_PATHS
    assert kept(FilterSpec(sources=("planet",), tags=("harbour",)), known) == ["d.md"]


def test_a_name_or_feed_nothing_is_known_of_keeps_nothing() -> None:
    assert kept(FilterSpec(mentions=("Kessling",)), Known()) == []
    feed = FeedRef("https://example.org/feed.xml", "Harbour Times")
    assert kept(FilterSpec(feed=feed), Known()) == []
    assert kept(FilterSpec(feed=feed), Known(feed={"c.md", "d.md"})) == ["c.md", "d.md"]


def test_a_feed_filter_is_labelled_by_its_title_and_removable() -> None:
    feed = FeedRef("https://example.org/feed.xml", "Harbour Times")
    spec = FilterSpec(unread=True, feed=feed)
    parts = spec.parts()
    assert [(p.label, p.kind, p.value) for p in parts] == [
        ("unread", "unread", ""),
        ("feed: Harbour Times", "feed", "Harbour Times"),
    ]
    assert parts[1].without == FilterSpec(unread=True)
    assert FilterSpec(feed=FeedRef("https://x.test/f")).parts()[0].label == "feed: https://x.test/f"


def test_lookups_find_read_marks_and_a_feeds_items_in_the_store(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    entries = [entry(str(lib / name)) for name in ("a.md", "b.md", "c.md")]
    for e in entries:
        Path(e.path).write_text("# A\n\nText.\n", "utf-8")
    store = Store.open(tmp_path / "store.sqlite")
    store.set_read(entries[0].path, True)
    url = "https://example.org/feed.xml"
    # The store names an item by another spelling of its path: it is still that file.
    other = str(lib / "sub" / ".." / "b.md")
    (lib / "sub").mkdir()
    store.put_feed_items(url, [("k1", other, "https://example.org/b", False)])
    spec = FilterSpec(unread=True, feed=FeedRef(url, "Harbour Times"))
    known = lookups(spec, entries, store)
    assert set(known.read) == {entries[0].path}
    assert set(known.feed) == {entries[1].path}
    keep = matcher(spec, entries, store)
    assert [e.path for e in entries if keep(e)] == [entries[1].path]
    assert lookups(spec, entries, None) == Known()  # no store: nothing is known
