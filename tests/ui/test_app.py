"""Drive the real app with Pilot: navigate, open, banner, removed, search, sort, help, narrow."""

from __future__ import annotations

import os
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Input

from reader.ui.app import ReaderApp
from reader.ui.keys import KEYS, PANE_KEYS
from reader.ui.screens.help import HelpScreen, help_rows
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList

from .conftest import (
    open_paywalled,
    open_titled,
    rows_text,
    screen_text,
    section_text,
    settle,
    static_text,
    write_article,
)


async def test_list_shows_every_article_with_paywall_marks(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        assert len(lst.shown) == 5
        titles = {e.title for e in lst.shown}
        assert "Alpha harbour reopens" in titles
        locked = [str(o.prompt) for o in lst.options if "🔒 excerpt" in str(o.prompt)]
        assert len(locked) == 2  # the two paywalled seeds
        assert "5 articles" in static_text(app, "#status")


async def test_navigate_and_open_truncated_article_shows_banner(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        target = next(i for i, e in enumerate(lst.shown) if e.paywall.truncated)
        await pilot.press("g")
        for _ in range(target):
            await pilot.press("j")
        await pilot.press("k", "j")
        assert lst.highlighted == target
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.path == lst.shown[target].path
        text = section_text(app, "banner")
        assert text is not None
        assert "paywall" in text
        assert f"{view.article.paywall.visible_words} words are visible" in text
        assert view.article.paywall.reasons[0] in text


async def test_complete_article_has_no_banner_and_r_shows_removed(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        index = next(i for i, e in enumerate(lst.shown) if e.title.startswith("Alpha"))
        lst.highlighted = index
        await pilot.press("l")
        await settle(pilot)
        assert "Paragraph 1 of Alpha harbour reopens" in section_text(app, "body")
        assert section_text(app, "banner") is None
        assert section_text(app, "removed") is None
        await pilot.press("r")
        assert "Removed by cleaning" in rows_text(app)
        await pilot.press("r")
        assert "Removed by cleaning" not in rows_text(app)


async def test_removed_blocks_of_a_seed_are_listed(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_paywalled(pilot)
        await pilot.press("r")
        article = app.query_one(ArticleView).article
        assert article is not None and article.removed
        assert article.removed[-1] in section_text(app, "removed")


async def test_search_filters_by_title_and_source(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"capital")
        lst = app.query_one(LibraryList)
        assert [e.title for e in lst.shown] == ["Beta budget vote delayed"]
        assert "1 match" in static_text(app, "#status")
        await pilot.press("enter")
        assert isinstance(app.focused, LibraryList)
        await pilot.press("slash", *["backspace"] * 7, "escape")
        assert len(lst.shown) == 5
        assert not app.query_one("#search", Input).display


async def test_sort_cycles_and_orders_the_list(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        await pilot.press("s")
        assert lst.sort == "title"
        titles = [e.title.casefold() for e in lst.shown]
        assert titles == sorted(titles)
        await pilot.press("s", "s")
        assert lst.sort == "length"
        words = [e.words for e in lst.shown]
        assert words == sorted(words, reverse=True)
        await pilot.press("s")
        assert lst.shown[0].paywall.truncated and lst.shown[1].paywall.truncated
        assert "paywalled first" in static_text(app, "#status")


async def test_help_screen_opens_on_question_mark_and_f1(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            await pilot.pause()
            shown = screen_text(app)
            assert "Cycle the sort order" in shown and "Esc, q or ? closes" in shown
            # At 120x40 every key is on screen at once: nothing to scroll to.
            assert app.screen.query_one("#help", VerticalScroll).max_scroll_y == 0
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


def test_help_lists_every_key_once() -> None:
    listed = [what for _, rows in help_rows() for _, what in rows]
    assert len(listed) == len(set(listed)), "a key is listed twice"
    assert set(listed) == {k.help for k in KEYS} | {what for _, what in PANE_KEYS}


async def test_help_scrolls_with_list_keys_on_a_small_terminal(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("#help", VerticalScroll)
        assert table.max_scroll_y > 0, "the keys no longer need 24 rows: shrink the terminal"
        await pilot.press("j", "j")
        assert table.scroll_y == 2
        await pilot.press("G")
        assert table.scroll_y == table.max_scroll_y
        assert "Quit reader" in screen_text(app)
        await pilot.press("g")
        assert table.scroll_y == 0


async def test_narrow_layout_shows_one_pane_at_a_time(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one("#list-pane").display
        assert not app.query_one(ArticleView).display
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ArticleView).display
        assert not app.query_one("#list-pane").display
        await pilot.press("h")
        assert app.query_one("#list-pane").display
        assert not app.query_one(ArticleView).display


async def test_rescan_finds_new_files(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        write_article(library, "delta", "Delta floods recede", "River News")
        await pilot.press("R")
        await settle(pilot)
        assert "Delta floods recede" in {e.title for e in app.query_one(LibraryList).shown}


async def test_every_key_action_is_a_palette_command(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for wanted in ("Open", "Back", "Search", "Sort", "Removed", "Rescan", "Help"):
            assert wanted in titles


async def test_hostile_titles_are_not_markup(tmp_path: Path) -> None:
    write_article(tmp_path, "evil", "[bold red]Not markup[/] [link=x]", "[i]Src")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        prompt = str(app.query_one(LibraryList).options[0].prompt)
        assert "[bold red]Not markup[/] [link=x]" in prompt
        await pilot.press("enter")
        await settle(pilot)
        assert "[bold red]Not markup[/]" in section_text(app, "header")


async def test_o_opens_the_source_url(library: Path) -> None:
    app = ReaderApp([library])
    opened: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await settle(pilot)
        await open_titled(app, pilot, "Gamma")
        await pilot.press("o")
        assert opened == ["https://example.org/gamma"]
        await pilot.press("escape")  # back in the list, the highlighted article is meant
        lst = app.query_one(LibraryList)
        lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.title.startswith("Alpha"))
        await pilot.press("o")
        assert opened == ["https://example.org/gamma", "https://example.org/alpha"]
        await open_paywalled(pilot)
        await pilot.press("o")
        assert opened[-1] == "https://example.org/alpha"  # the seeds declare no URL
        assert len(opened) == 2


def test_a_hung_up_terminal_is_noticed() -> None:
    from reader.ui.app import terminal_alive

    controller, terminal = os.openpty()
    try:
        assert terminal_alive(terminal)
        os.close(controller)  # what closing the window or killing tmux does
        assert not terminal_alive(terminal)
    finally:
        os.close(terminal)


async def test_a_mark_set_while_its_row_is_filtered_out_shows_later(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        beta = next(e.path for e in lst.shown if e.title.startswith("Beta"))
        await pilot.press("slash", *"alpha", "enter")
        assert beta not in {e.path for e in lst.shown}
        lst.cached.add(beta)  # what a summary finishing in the background does
        lst.refresh_entry(beta)
        await pilot.press("slash", *["backspace"] * 5, "enter")
        assert beta in {e.path for e in lst.shown}
        assert "✎ summary" in str(lst.get_option(beta).prompt)
        lst.highlighted = lst.get_option_index(beta)
        await pilot.press("s")  # a rebuild keeps the highlighted article highlighted
        assert lst.current_entry is not None and lst.current_entry.path == beta


async def test_files_left_out_of_the_list_are_named_with_the_reason(library: Path) -> None:
    (library / "photo.txt").write_bytes(bytes(range(256)) * 20)
    (library / "blank.md").write_text("", "utf-8")
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert any("photo.txt: binary file" in n and "blank.md: empty file" in n for n in notes)
        assert "2 skipped" in static_text(app, "#status")
