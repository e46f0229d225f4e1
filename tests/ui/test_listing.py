"""The text of a list row."""

from __future__ import annotations

from reader.library import Entry
from reader.model import PaywallVerdict
from reader.ui.listing import row_text


def _entry(source: str) -> Entry:
    verdict = PaywallVerdict(False, 0.9, (), 460)
    return Entry("notes/ferry.txt", "Ferry back", source, "text", 460, verdict)


def test_a_row_names_the_source_when_the_article_has_one() -> None:
    second = row_text(_entry("Harbour Gazette")).plain.splitlines()[1]
    assert second.strip() == "Harbour Gazette · 460 words · 2 min"


def test_a_row_without_a_source_shows_no_placeholder_or_folder_name() -> None:
    second = row_text(_entry("")).plain.splitlines()[1]
    assert second.strip() == "460 words · 2 min"


def test_the_status_line_verbs_agree_with_the_count() -> None:
    from reader.filters import FilterSpec
    from reader.ui.listing import status_line

    assert status_line(10, 1, query="pier").endswith("· 1 matches “pier”")
    assert status_line(10, 3, query="pier").endswith("· 3 match “pier”")
    one = status_line(10, 1, filters=FilterSpec(unread=True, mentions=("Ada",)))
    assert "1 unread, mentions “Ada”" in one
    assert "2 unread, mention “Ada”" in status_line(
        10, 2, filters=FilterSpec(unread=True, mentions=("Ada",))
    )


def test_the_kept_arrangement_lists_what_arrange_lists_as_the_entries_change() -> None:
    from dataclasses import replace

    from reader.ui.listing import SORTS, Arrangement, arrange

    def entry(i: int) -> Entry:
        verdict = PaywallVerdict(i % 3 == 0, 0.9, (), 100)
        title = ["Harbour news", "harbour NEWS", "Ferry times", "Straße works", "ferry"][i % 5]
        source = ["Gazette", "gazette", "", "Tide Post"][i % 4]
        return Entry(f"a/{i}.md", f"{title} {i % 7}", source, "text", (i * 37) % 11, verdict)

    entries = [entry(i) for i in range(40)]
    kept = Arrangement()
    queries = ["", "  ", "harbour", "HARBOUR news", "strasse", "ferry 3", "gazette 1", "zzz"]
    steps = [
        lambda: None,
        lambda: entries.extend(entry(i) for i in range(40, 55)),
        lambda: entries.__setitem__(7, replace(entries[7], title="Ferry renamed", words=99)),
        lambda: entries.__delitem__(3),
        lambda: entries.clear(),
    ]
    for version, step in enumerate(steps):
        step()
        for query in queries:
            for sort in (*SORTS, "an unknown order"):
                want = arrange(entries, query, sort)
                assert kept.arrange(entries, version, query, sort) == want, (query, sort)
                if not query.strip():
                    for listed in entries[::6]:
                        assert want[kept.place(listed.path, sort) or 0] == listed, sort
                    assert kept.place("not/listed.md", sort) is None
                excerpts = [e for e in want if e.paywall.truncated]
                got = kept.arrange(entries, version, query, sort, excerpts=True)
                assert got == excerpts, (query, sort)


def test_an_arrangement_prepared_ahead_lists_what_arrange_lists() -> None:
    from reader.ui.listing import SORTS, Arrangement, arrange

    entries = [
        Entry(
            f"a/{i}.md",
            ["Tide", "harbour", "Alpha", "ferry"][i % 4] + f" {i % 9}",
            ["Post", "gazette", ""][i % 3],
            "text",
            (i * 53) % 17,
            PaywallVerdict(i % 5 == 0, 0.9, (), 100),
        )
        for i in range(30)
    ]
    prepared = Arrangement()
    prepared.prepare(entries, 7)
    assert prepared.version == 7
    for query in ("", "harbour", "tide 3", "post"):
        for sort in SORTS:
            assert prepared.arrange(entries, 7, query, sort) == arrange(entries, query, sort)
    stopped = Arrangement()
    stopped.prepare(entries, 1, cancelled=lambda: True)  # stopped before any order: still right
    assert stopped.arrange(entries, 1, "", "title") == arrange(entries, "", "title")


def test_the_lists_filters_keep_what_the_cli_predicate_keeps() -> None:
    from itertools import product

    from reader.filters import FilterSpec, Known, predicate
    from reader.ui.list_filters import ListFilters

    entries = [
        Entry(
            f"a/{i}.md",
            f"Piece {i}",
            ["Tide Post", "Gazette"][i % 2],
            "text",
            100 + i,
            PaywallVerdict(i % 3 == 0, 0.9, (), 100),
            tags=(("town",) if i % 4 == 0 else ()),
        )
        for i in range(24)
    ]
    read = {f"a/{i}.md" for i in range(0, 24, 5)}
    filters = ListFilters()
    for unread, excerpts, tags, sources in product(
        (False, True), (False, True), ((), ("town",)), ((), ("tide",))
    ):
        spec = FilterSpec(unread=unread, excerpt_only=excerpts, tags=tags, sources=sources)
        filters.put(spec)
        keep = predicate(spec, Known(read=read))
        want = [e for e in entries if keep(e)]
        assert filters.narrow(entries, read) == want, spec
        picked = [e for e in entries if e.paywall.truncated] if excerpts else entries
        assert filters.narrow(picked, read, excerpts=False) == want, spec


def test_the_status_line_names_the_sort_only_when_it_is_not_file_order() -> None:
    from reader.ui.listing import SORTS, status_line

    assert "sort" not in status_line(100, 100)
    for sort in SORTS[1:]:
        assert status_line(100, 100, sort=sort).endswith(f"sort: {sort}")
