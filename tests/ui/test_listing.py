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

    assert "· 1 matches “pier” ·" in status_line(10, 1, query="pier")
    assert "· 3 match “pier” ·" in status_line(10, 3, query="pier")
    one = status_line(10, 1, filters=FilterSpec(unread=True, mentions=("Ada",)))
    assert "1 unread, mentions “Ada”" in one
    assert "2 unread, mention “Ada”" in status_line(
        10, 2, filters=FilterSpec(unread=True, mentions=("Ada",))
    )
