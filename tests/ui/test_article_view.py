"""The reader pane as drawn: wrapping, keeping the reader's place, mouse selection."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Offset
from textual.selection import Selection

from reader.model import Summary
from reader.ui.widgets.article_view import ArticleView

from .conftest import reading, settle, write_article


async def test_text_wraps_to_the_pane_and_rewraps_on_resize(library: Path) -> None:
    async with reading(library, "Beta") as (app, pilot):
        view = app.query_one(ArticleView)
        wide = view.rows
        limit = view.scrollable_content_region.width
        assert max(len(row) for row in wide) <= limit
        await pilot.resize_terminal(100, 40)
        await settle(pilot)
        narrow = view.rows
        assert max(len(row) for row in narrow) <= view.scrollable_content_region.width < limit
        assert len(narrow) > len(wide)  # the same words, on more rows
        words = " ".join(r for r in wide if r.strip() and not r.startswith(("▌", "┃")))
        assert "Paragraph 8 of Beta budget vote delayed" in words


async def test_a_summary_arriving_keeps_a_scrolled_reader_in_place(library: Path) -> None:
    async with reading(library, "Beta", (120, 24)) as (app, pilot):
        view = app.query_one(ArticleView)
        view.scroll_to(y=12, animate=False, immediate=True)
        await pilot.pause()
        top = view.rows[view.scroll_offset.y]
        longer = Summary(
            algorithm="news",
            sentences=tuple(f"Sentence {i} of a long summary." for i in range(6)),
            excerpt_only=False,
        )
        view.show_summary(longer)
        await pilot.pause()
        assert view.rows[view.scroll_offset.y] == top


async def test_mouse_selection_copies_the_text_under_it(library: Path) -> None:
    write_article(library, "delta", "Delta ferry timetable", "Coast Gazette", paragraphs=2)
    async with reading(library, "Delta") as (app, _):
        view = app.query_one(ArticleView)
        row = next(i for i, r in enumerate(view.rows) if r.startswith("Paragraph 1 of Delta"))
        selected = view.get_selection(Selection(Offset(0, row), Offset(11, row)))
        assert selected is not None
        assert selected[0] == "Paragraph 1"


async def test_the_pane_follows_a_theme_change(library: Path) -> None:
    async with reading(library, "Alpha") as (app, pilot):
        view = app.query_one(ArticleView)
        row = next(i for i, r in enumerate(view.rows) if r.startswith("▌"))

        def bar_colour() -> str:
            strip = view.render_line(row - view.scroll_offset.y)
            bar = next(s for s in strip if s.text.startswith("▌"))
            assert bar.style is not None and bar.style.color is not None
            return bar.style.color.name

        dark = bar_colour()
        app.theme = "nord"
        await pilot.pause()
        assert bar_colour() != dark
