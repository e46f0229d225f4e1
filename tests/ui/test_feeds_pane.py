"""The feeds pane (f), mark a feed read (A), update every feed (U), fetch a full page (F):
feeds written here, served from 127.0.0.1, subscribed through the core before the app opens."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from feedfiles import FAST, SENTENCE, body, rss
from textual.pilot import Pilot
from webserver import Handler, Site

from reader.feeds import subscribe
from reader.ui.app import ReaderApp
from reader.ui.widgets.feeds import FeedsPane
from reader.ui.widgets.library_list import LibraryList

from .conftest import settle, static_text, write_article


def full_items(n: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"Pier report {i}",
            "link": f"http://harbour.example/pier-{i}",
            "guid": f"pier-{i}",
            "content": body(i),
        }
        for i in range(n)
    ]


def serve(web: Site, path: str, items: dict[str, list[dict[str, str]]]) -> None:
    """Serve ``items["now"]`` as RSS at ``path`` (the test may change it between requests)."""
    web.routes[path] = lambda h: h.send(rss(items["now"]), ctype="application/rss+xml")


@pytest.fixture
def folder(isolated_dirs: Path) -> Path:
    """The library folder named in config.toml (where feed items are saved), holding one
    article that is no feed item."""
    folder = isolated_dirs / "library"
    folder.mkdir()
    config = isolated_dirs / "config" / "reader" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'library = "{folder.as_posix()}"\n', encoding="utf-8")
    write_article(folder, "quay", "Quay walls repaired", "Coast Gazette")
    return folder


def titles(app: ReaderApp) -> list[str]:
    return sorted(e.title for e in app.query_one(LibraryList).shown)


def pane_text(app: ReaderApp) -> str:
    pane = app.query_one(FeedsPane)
    return "\n".join(str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count))


def notes(app: ReaderApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_f_lists_feeds_with_unread_counts_enter_filters_and_a_marks_read(
    web: Site, folder: Path
) -> None:
    serve(web, "/harbour.xml", {"now": full_items(3)})
    done = await asyncio.to_thread(subscribe, web.url("/harbour.xml"), settings=FAST)
    assert len(done.result.new) == 3
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(titles(app)) == 4
        await pilot.press("f")
        await settle(pilot)
        pane = app.query_one(FeedsPane)
        assert pane.display and pane.has_focus
        assert "Harbour Times\n3 unread of 3" in pane_text(app)
        await pilot.press("j", "enter")  # past "All articles", onto the feed
        await settle(pilot)
        assert titles(app) == ["Pier report 0", "Pier report 1", "Pier report 2"]
        assert "3 in feed “Harbour Times”" in static_text(app, "#status")
        await pilot.press("enter")  # reading an item lowers the feed's unread count
        await _wait_for(pilot, lambda: "Harbour Times\n2 unread of 3" in pane_text(app))
        await pilot.press("escape")
        await pilot.press("A")
        await settle(pilot)
        assert "Harbour Times\n0 unread of 3" in pane_text(app)
        listed = app.query_one(LibraryList)
        assert all(e.path in listed.read for e in listed.shown)
        assert "Marked 3 items" in notes(app)
        await pilot.press("escape")  # from the list: the whole library again
        await settle(pilot)
        assert len(titles(app)) == 4
        assert "in feed" not in static_text(app, "#status")
        await pilot.press("f")  # the pane is still shown: focus it; Esc closes it
        await pilot.press("escape")
        await settle(pilot)
        assert not pane.display


async def _wait_for(pilot: Pilot[None], check: object, seconds: float = 10.0) -> None:
    assert callable(check)
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError("never happened")


async def test_U_updates_in_the_background_with_progress_and_new_items_appear(
    web: Site, folder: Path
) -> None:
    items = {"now": full_items(2)}
    serve(web, "/harbour.xml", items)
    await asyncio.to_thread(subscribe, web.url("/harbour.xml"), settings=FAST)
    serve(web, "/gone.xml", {"now": full_items(1)})
    await asyncio.to_thread(subscribe, web.url("/gone.xml"), title="Gone Weekly", settings=FAST)
    web.routes.pop("/gone.xml")  # a 404 from now on: that feed fails alone
    release = threading.Event()

    def held(h: Handler) -> None:  # the feed answers only once the test has seen the progress
        release.wait(10)
        h.send(rss(items["now"]), ctype="application/rss+xml")

    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Pier report 2" not in titles(app)
        items["now"] = full_items(3)
        web.routes["/harbour.xml"] = held
        await pilot.press("U")
        await _wait_for(pilot, lambda: "Updating feeds… 1/2" in static_text(app, "#status"))
        await pilot.press("j")  # the app answers keys meanwhile
        release.set()
        await _wait_for(pilot, lambda: "Pier report 2" in titles(app))
        await settle(pilot)
        assert "Updating" not in static_text(app, "#status")
        assert "2 feeds updated: 1 new item. 1 failed (Gone Weekly: " in notes(app)
        assert titles(app).count("Pier report 2") == 1
        await pilot.press("f")
        await settle(pilot)
        assert "Harbour Times\n3 unread of 3" in pane_text(app)  # 2 + the new one
        assert "Gone Weekly\n1 unread of 1 · ⚠" in pane_text(app)


async def test_F_on_a_teaser_item_replaces_its_body_with_the_page(web: Site, folder: Path) -> None:
    teaser = {
        "title": "Ferry teaser",
        "link": web.url("/article.html"),
        "guid": "teaser-0",
        "description": f"<p>{SENTENCE} [&#8230;]</p>",
    }
    serve(web, "/teasers.xml", {"now": [teaser]})
    done = await asyncio.to_thread(subscribe, web.url("/teasers.xml"), settings=FAST)
    assert done.result.teasers == 1
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = app.query_one(LibraryList)
        item = next(e for e in listed.shown if e.title == "Ferry teaser")
        assert item.paywall.truncated
        app.main.open_path(item.path)
        await settle(pilot)
        before = app.main.view.article
        assert before is not None and before.paywall.truncated
        hits = web.hits.get("/article.html", 0)
        await pilot.press("F")
        await settle(pilot)
        await settle(pilot)
        assert web.hits["/article.html"] == hits + 1
        after = app.main.view.article
        assert after is not None and not after.paywall.truncated
        assert after.words > before.words * 3
        assert "the body was replaced" in notes(app)
        row = listed.entry(after.path)
        assert row is not None and not row.paywall.truncated


async def test_F_on_an_item_whose_page_is_paywalled_too_keeps_it_and_says_why(
    web: Site, folder: Path
) -> None:
    gated = {
        "title": "Gated story",
        "link": web.url("/teaser.html"),
        "guid": "gated",
        "description": f"{SENTENCE * 4} Continue reading",  # more than the page shows
    }
    serve(web, "/gated.xml", {"now": [gated]})
    await asyncio.to_thread(subscribe, web.url("/gated.xml"), settings=FAST)
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        item = next(e for e in app.query_one(LibraryList).shown if e.title == "Gated story")
        app.main.open_path(item.path)
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await settle(pilot)
        assert web.hits["/teaser.html"] == 1
        assert "The item was kept: the page holds no more of the article" in notes(app)
        assert "Still cut off:" in notes(app)
        article = app.main.view.article
        assert article is not None and article.paywall.truncated


async def test_F_on_a_file_not_saved_from_the_web_says_why(web: Site, folder: Path) -> None:
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.open_path(app.query_one(LibraryList).shown[0].path)
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert "Could not fetch the full page: not saved by reader" in notes(app)
        assert web.hits == {}


async def test_a_hostile_feed_title_is_shown_as_plain_text(web: Site, folder: Path) -> None:
    serve(web, "/evil.xml", {"now": full_items(1)})
    evil = "[bold red]Evil[/] \x1b[31mfeed\u202e"
    await asyncio.to_thread(subscribe, web.url("/evil.xml"), title=evil, settings=FAST)
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        shown = pane_text(app)
        assert "[bold red]Evil[/]" in shown  # markup shown as typed, never applied
        assert "\x1b" not in shown and "\u202e" not in shown
        await pilot.press("j", "enter")
        await settle(pilot)
        status = static_text(app, "#status")
        assert "Evil[/]" in status and "\x1b" not in status and "\u202e" not in status
