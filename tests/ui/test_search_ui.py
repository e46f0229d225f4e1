"""`/` in the TUI: title matches, then matches in the text; opening one lands on it; n / N."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input

from reader.library import Entry
from reader.model import PaywallVerdict
from reader.ui.app import ReaderApp
from reader.ui.listing import hit_row_text
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList
from tests.ui.conftest import settle, static_text, write_article

FILLER = (
    "Paragraph {i} goes over the council minutes at length, in plain words, so that the "
    "piece is long enough to need scrolling before anything further down comes into view."
)


def long_body(paragraphs: int, words: dict[int, str]) -> str:
    """``paragraphs`` filler paragraphs, those numbered in ``words`` holding that sentence."""
    return "\n\n".join(words.get(i, FILLER.format(i=i)) for i in range(paragraphs))


def word_library(tmp_path: Path) -> Path:
    """Three articles; "lighthouse" is only in the text of the long one (twice, far down)."""
    folder = tmp_path / "library"
    folder.mkdir()
    write_article(folder, "alpha", "Alpha harbour reopens", "Coast Gazette")
    write_article(folder, "beta", "Beta budget vote delayed", "Capital Times")
    body = long_body(
        60,
        {
            30: "The keeper of the old lighthouse said the lamp had not failed in forty years.",
            52: "By evening the lighthouse was lit again, and the boats came home.",
        },
    )
    write_article(folder, "minutes", "Council minutes in full", "Town Hall", body=body)
    return folder


def on_screen(view: ArticleView) -> str:
    """The rows of the reader pane now in view."""
    top, height = view.scroll_offset.y, view.scrollable_content_region.height
    return "\n".join(view.rows[top : top + height])


def match_styles(view: ArticleView) -> list[str]:
    """The styles laid on the body's search matches, in order."""
    text = view.section("body")
    assert isinstance(text, Text)
    return [
        str(span.style)
        for span in text.spans
        if "reverse" in str(span.style) and "lighthouse" in text.plain[span.start : span.end]
    ]


async def test_a_word_only_in_a_body_lists_its_article_under_the_title_matches(
    tmp_path: Path,
) -> None:
    app = ReaderApp([word_library(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lighthouse")
        await settle(pilot)
        lst = app.query_one(LibraryList)
        assert lst.shown == []  # no title or source holds it
        assert [e.title for e in lst.found] == ["Council minutes in full"]
        assert "1 more in the text" in static_text(app, "#status")
        row = str(lst.get_option_at_index(0).prompt)
        assert "Council minutes in full" in row
        assert "lighthouse" in row.split("\n")[1]  # the snippet of the text, on the second line
        # A word in both a title and a text is listed once, as a title match.
        await pilot.press(*["backspace"] * 10, *"alpha")
        await settle(pilot)
        assert [e.title for e in lst.shown] == ["Alpha harbour reopens"]
        assert lst.found == []


@pytest.mark.parametrize("size", [(120, 40), (80, 30)], ids=["two panes", "one pane"])
async def test_opening_a_body_match_lands_on_it_and_n_moves_between_matches(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = ReaderApp([word_library(tmp_path)])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lighthouse")
        await settle(pilot)
        await pilot.press("enter")  # leaves the search box for the list
        assert not isinstance(app.focused, Input)
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.title == "Council minutes in full"
        assert len(view.matches) == 2
        # Opened, so read: its row among the text's matches drops the unread dot too.
        assert "●" not in str(app.query_one(LibraryList).get_option_at_index(0).prompt)
        assert view.scroll_offset.y > 0  # far down the article: it scrolled there
        assert "old lighthouse" in on_screen(view)
        assert "lit again" not in on_screen(view)
        styles = match_styles(view)
        assert len(styles) == 2 and styles[0] != styles[1]  # the current one stands out

        await pilot.press("n")
        assert view.current_match == 1
        assert "lit again" in on_screen(view)
        assert "Match 2/2" in [n.message for n in app._notifications]
        await pilot.press("n")  # wraps to the first
        assert view.current_match == 0
        assert "old lighthouse" in on_screen(view)
        await pilot.press("N")  # and back, wrapping the other way
        assert view.current_match == 1
        assert "lit again" in on_screen(view)


async def test_an_article_opened_without_a_search_has_no_matches(tmp_path: Path) -> None:
    app = ReaderApp([word_library(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.title.startswith("Council"))
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.matches == () and view.scroll_offset.y == 0
        await pilot.press("n")
        assert any("No search matches" in n.message for n in app._notifications)


def test_a_hostile_snippet_row_stays_plain_text_on_two_lines() -> None:
    verdict = PaywallVerdict(False, 0.9, (), 460)
    entry = Entry("x.md", "[bold]Title[/bold]\nsecond", "Wire", "markdown", 460, verdict)
    snippet = "a [red]lighthouse[/red]\x1b[2J keeper\nand more"
    start = snippet.index("lighthouse")
    row = hit_row_text(entry, snippet, [(start, start + len("lighthouse"))])
    lines = row.plain.split("\n")
    assert len(lines) == 2
    assert "[bold]Title[/bold] second" in lines[0]
    assert "\x1b" not in row.plain
    assert lines[1].strip() == "a [red]lighthouse[/red] keeper and more"
    marked = [row.plain[s.start : s.end] for s in row.spans if "reverse" in str(s.style)]
    assert marked == ["lighthouse"]
