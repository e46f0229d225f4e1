"""The app's "add URL" (``a``) and tag filter (``t``), against a web server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import name_library
from textual import events
from webserver import Site

from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screens.add_url import AddUrlScreen, UrlInput
from reader.ui.screens.tags import TagsScreen
from reader.ui.widgets.library_list import LibraryList

from .conftest import section_text, settle, static_text

TITLE = "Valley library reopens with a reading room built from old grain silos"


@pytest.fixture
def saved(isolated_dirs: Path) -> Path:
    """The library folder that ``config.toml`` names: where added pages go."""
    return name_library(isolated_dirs, isolated_dirs / "saved")


def notes(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def submit(pilot: object, text: str, *, paste: bool = False) -> None:
    """Press ``a``, type (or paste) ``text`` and press Enter."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AddUrlScreen)
    field = pilot.app.screen.query_one(UrlInput)
    if paste:
        field.post_message(events.Paste(text))
    else:
        await pilot.press(*text)
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def test_an_added_url_is_saved_listed_and_opened(
    web: Site, saved: Path, library: Path, tmp_path: Path
) -> None:
    # The app shows another folder: the new page still joins the list.
    app = ReaderApp([library], store_path=tmp_path / "store.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = len(app.query_one(LibraryList).entries)
        await submit(pilot, web.url("/article.html"))
        lst = app.query_one(LibraryList)
        assert len(lst.entries) == before + 1
        files = list(saved.iterdir())
        assert len(files) == 1
        assert lst.current_entry is not None and lst.current_entry.title == TITLE
        assert lst.current_entry.path == str(files[0])
        assert TITLE in (section_text(app, "header") or "")
        assert "1 article" not in static_text(app, "#status")  # the count went up
        assert f"{before + 1} articles" in static_text(app, "#status")
        assert any(TITLE in n for n in notes(app))
        # Adding it again: "already saved", no second row, no second file.
        await submit(pilot, web.url("/article.html#comments"))
        assert len(lst.entries) == before + 1 and len(list(saved.iterdir())) == 1
        assert any("Already saved" in n for n in notes(app))
        assert web.hits["/article.html"] == 1


async def test_several_pasted_urls_are_all_added(
    web: Site, saved: Path, library: Path, tmp_path: Path
) -> None:
    app = ReaderApp([library], store_path=tmp_path / "store.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, f"{web.url('/article.html')}\n{web.url('/notes.md')}\n", paste=True)
        titles = {e.title for e in app.query_one(LibraryList).entries}
        assert {TITLE, "Harbour notes"} <= titles
        assert len(list(saved.iterdir())) == 2


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "404"), ("/doc.pdf", "application/pdf")],
)
async def test_a_failed_fetch_is_a_notification_with_its_reason(
    web: Site, saved: Path, library: Path, tmp_path: Path, path: str, reason: str
) -> None:
    app = ReaderApp([library], store_path=tmp_path / "store.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = len(app.query_one(LibraryList).entries)
        await submit(pilot, web.url(path))
        assert len(app.query_one(LibraryList).entries) == before
        failures = [n for n in app._notifications if n.severity == "error"]
        assert len(failures) == 1 and reason in failures[0].message
        assert web.url(path) in failures[0].message
        assert "Adding" not in static_text(app, "#status")  # the progress line is gone


async def test_a_javascript_url_is_refused_without_a_request(
    web: Site, saved: Path, library: Path, tmp_path: Path
) -> None:
    app = ReaderApp([library], store_path=tmp_path / "store.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await submit(pilot, "javascript:alert(document.cookie)")
        failures = [n.message for n in app._notifications if n.severity == "error"]
        assert len(failures) == 1 and "javascript" in failures[0]
        assert not web.hits
        assert not saved.exists() or not list(saved.iterdir())


async def test_escape_cancels_the_add_dialog(
    web: Site, saved: Path, library: Path, tmp_path: Path
) -> None:
    app = ReaderApp([library], store_path=tmp_path / "store.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*web.url("/article.html"))
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AddUrlScreen)
        assert not web.hits


async def test_t_filters_the_list_by_a_tag_and_escape_shows_all(
    library: Path, tmp_path: Path
) -> None:
    store_path = tmp_path / "store.sqlite"
    store = Store.open(store_path)
    store.add_tags(str(library / "alpha.md"), ["harbour", "coast"])
    store.add_tags(str(library / "gamma.md"), ["science"])
    store.close()
    app = ReaderApp([library], store_path=store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        everything = len(lst.shown)
        alpha = lst.get_option(str(library / "alpha.md"))
        assert "Alpha harbour reopens #coast #harbour" in str(alpha.prompt)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagsScreen)
        assert [tag for tag, _ in app.screen.rows] == ["coast", "harbour", "science"]
        await pilot.press("down", "enter")  # the second: harbour
        await pilot.pause()
        assert [e.title for e in lst.shown] == ["Alpha harbour reopens"]
        assert "tagged #harbour" in static_text(app, "#status")
        await pilot.press("escape")
        await pilot.pause()
        assert len(lst.shown) == everything
        assert "tagged" not in static_text(app, "#status")


async def test_a_hostile_tag_is_shown_as_plain_text(library: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store.sqlite"
    store = Store.open(store_path)
    store.add_tags(str(library / "beta.md"), ["[b]x[/b]\x1b]0;owned\x07\nnext"])
    store.close()
    app = ReaderApp([library], store_path=store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = str(app.query_one(LibraryList).get_option(str(library / "beta.md")).prompt)
        assert "#[b]x[/b]" in row  # markup shown as typed, not applied
        assert "\x1b" not in row and "\x07" not in row
        assert row.count("\n") == 1  # still two lines


async def test_X_stops_an_add_under_way(
    web: Site, saved: Path, library: Path, tmp_path: Path
) -> None:
    import time

    from webserver import Handler

    def slow(h: Handler) -> None:
        time.sleep(1.5)
        h.send(b"<html><body><p>late</p></body></html>")

    for i in range(5):
        web.routes[f"/slow-{i}.html"] = slow
    app = ReaderApp([library], store_path=tmp_path / "store.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = len(app.query_one(LibraryList).entries)
        urls = "".join(f"{web.url(f'/slow-{i}.html')}\n" for i in range(5))
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one(UrlInput).post_message(events.Paste(urls))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Adding" in static_text(app, "#status")
        await pilot.press("X")
        for _ in range(50):
            await pilot.pause(0.1)
            if "Adding" not in static_text(app, "#status"):
                break
        assert "Adding" not in static_text(app, "#status")
        assert any("Stopped: 0 added, 5 not fetched" in n for n in notes(app))
        assert len(app.query_one(LibraryList).entries) == before
        assert not saved.exists() or not list(saved.iterdir())
        await pilot.press("X")  # nothing left to stop: said so
        await pilot.pause()
        assert any("Nothing is being added" in n for n in notes(app))
