"""The article list as a user drives it: the mouse, a screenful at a time, the cursor kept in
view when the list is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.app import ReaderApp
from reader.ui.listing import ROW_LINES
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList
from tests.ui.conftest import settle, write_article

COUNT = 60
"""Articles: several screens of rows."""


@pytest.fixture
def long_library(tmp_path: Path) -> Path:
    """``COUNT`` articles whose titles sort as their files do."""
    folder = tmp_path / "long"
    folder.mkdir()
    for i in range(COUNT):
        write_article(folder, f"a{i:02d}", f"Story {i:02d} of the harbour", paragraphs=2)
    return folder


def visible_text(lst: LibraryList) -> str:
    """What the list shows on screen, line by line."""
    return "\n".join(lst.render_line(y).text for y in range(lst.scrollable_content_region.height))


def in_view(lst: LibraryList, index: int) -> bool:
    """Whether both lines of row ``index`` are on screen."""
    top, height = lst.scroll_offset.y, lst.scrollable_content_region.height
    return top <= ROW_LINES * index and ROW_LINES * (index + 1) <= top + height


async def test_clicking_a_row_highlights_it_and_opens_its_article(long_library: Path) -> None:
    app = ReaderApp([long_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        wanted = lst.shown[3]
        # The list's top border is one line; row 3 starts ROW_LINES * 3 lines below it.
        await pilot.click(LibraryList, offset=(6, 1 + ROW_LINES * 3 + 1))
        await settle(pilot)
        assert lst.highlighted == 3
        view = app.query_one(ArticleView)
        assert view.article is not None
        assert view.article.path == wanted.path


async def test_page_down_moves_a_screenful_and_keeps_the_row_in_view(long_library: Path) -> None:
    app = ReaderApp([long_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        page = lst.scrollable_content_region.height // ROW_LINES
        assert 2 < page < COUNT // 2
        await pilot.press("pagedown")
        assert lst.highlighted == page
        assert in_view(lst, page)
        assert lst.shown[page].title in visible_text(lst)
        await pilot.press("pagedown", "pagedown")
        assert lst.highlighted == 3 * page
        await pilot.press("pageup")
        assert lst.highlighted == 2 * page
        assert in_view(lst, 2 * page)
        await pilot.press("home")
        assert lst.highlighted == 0
        assert lst.scroll_offset.y == 0
        await pilot.press("end")
        assert lst.highlighted == COUNT - 1
        assert in_view(lst, COUNT - 1)


async def test_the_highlighted_row_stays_in_view_when_the_list_is_rebuilt(
    long_library: Path,
) -> None:
    app = ReaderApp([long_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        await pilot.press("G")
        last = lst.current_entry
        assert last is not None
        assert last.title in visible_text(lst)
        await pilot.press("s")  # sort by title: the same order, a new list
        await pilot.pause()
        assert lst.sort == "title"
        assert lst.current_entry == last
        assert lst.highlighted == COUNT - 1
        assert in_view(lst, COUNT - 1)
        assert last.title in visible_text(lst)
        await pilot.press("k", "k")
        above = lst.shown[COUNT - 3]
        await pilot.press("x")  # excerpts only: nothing is cut off here, so nothing listed
        await pilot.pause()
        assert lst.row_count == 0
        assert "Story" not in visible_text(lst)
        await pilot.press("x")  # every piece again: the cursor comes back to the first row
        await pilot.pause()
        assert lst.row_count == COUNT
        assert lst.current_entry == lst.shown[0] != above
        assert in_view(lst, 0)


async def test_moving_down_past_the_screen_never_leaves_half_a_row_at_the_top(
    long_library: Path,
) -> None:
    app = ReaderApp([long_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        # An odd height: the view's end falls inside a row whenever the cursor reaches it.
        assert lst.scrollable_content_region.height % ROW_LINES == 1
        for key in ("pagedown", "j", "j", "j", "pagedown", "end", "pageup", "k"):
            await pilot.press(key)
            assert in_view(lst, lst.highlighted or 0), key
            top_line = lst.render_line(0).text
            assert "Story" in top_line, f"after {key} the list opens on {top_line!r}"
