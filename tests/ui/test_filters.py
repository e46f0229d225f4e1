"""Filters in the TUI: unread (u), excerpts (x), source (S), tags (t), mentions (E) compose with
each other and with the title search; the status line names each; c removes one, Esc all."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screens.filters import FiltersScreen
from reader.ui.screens.tags import TagsScreen
from reader.ui.widgets.library_list import LibraryList

from .conftest import open_titled, settle, static_text, write_article, write_lisbon_pieces
from .test_features import choose_entity

BMD = "wpr-bmd-moscow-meeting-paywalled.txt"
SOCHI = "wpr-sochi-summit-missile-defense-paywalled.txt"


def titles(app: ReaderApp) -> list[str]:
    return sorted(e.title for e in app.query_one(LibraryList).shown)


async def pick(app: ReaderApp, pilot: Pilot[None], row: int) -> None:
    """Highlight ``row`` of the pop-up on show and press Enter."""
    app.screen.query_one(OptionList).highlighted = row
    await pilot.press("enter")
    await settle(pilot)


async def remove_filter(app: ReaderApp, pilot: Pilot[None], phrase: str) -> None:
    """Press c and remove the filter the pop-up words as ``phrase``."""
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, FiltersScreen)
    rows = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
    await pick(app, pilot, rows.index(phrase))
    assert not isinstance(app.screen, FiltersScreen)


async def test_unread_and_a_tag_narrow_to_both_and_removing_one_widens_again(
    library: Path, tmp_path: Path
) -> None:
    store_path = tmp_path / "store.sqlite"
    store = Store.open(store_path)
    for name in ("alpha.md", "beta.md", BMD):
        store.add_tags(str(library / name), ["town"])
    store.add_tags(str(library / "gamma.md"), ["space"])
    for name in ("beta.md", "gamma.md"):
        store.set_read(str(library / name), True)
    store.close()
    app = ReaderApp([library], store_path=store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        everything = titles(app)
        assert len(everything) == 5
        alpha, beta = "Alpha harbour reopens", "Beta budget vote delayed"
        bmd = next(e.title for e in app.query_one(LibraryList).entries if e.path.endswith(BMD))

        await pilot.press("u")
        assert alpha in titles(app) and beta not in titles(app) and len(titles(app)) == 3
        assert "3 unread" in static_text(app, "#status")

        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagsScreen)
        await pick(app, pilot, [tag for tag, _ in app.screen.rows].index("town"))
        assert titles(app) == sorted([alpha, bmd])  # unread and tagged #town: both hold
        status = static_text(app, "#status")
        assert "5 articles · 2 unread, tagged #town" in status

        await remove_filter(app, pilot, "unread")
        assert titles(app) == sorted([alpha, beta, bmd])  # the tag alone again
        status = static_text(app, "#status")
        assert "3 tagged #town" in status and "unread" not in status

        await pilot.press("u")
        assert titles(app) == sorted([alpha, bmd])
        await pilot.press("escape")  # Esc in the list: every filter at once
        assert titles(app) == everything
        status = static_text(app, "#status")
        assert "tagged" not in status and "unread" not in status


async def test_excerpts_and_a_source_compose_with_the_title_search(library: Path) -> None:
    write_article(library, "delta", "Harbour dredging begins", "Coast Gazette")
    write_article(library, "epsilon", "Harbour pilots strike", "River Post")
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        await pilot.press("x")
        assert sorted(e.path for e in lst.shown) == sorted(
            [str(library / BMD), str(library / SOCHI)]
        )
        assert "2 excerpts" in static_text(app, "#status")
        await pilot.press("x")
        assert len(lst.shown) == 7

        lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.title.startswith("Alpha"))
        await pilot.press("S")  # the highlighted article's source
        assert titles(app) == ["Alpha harbour reopens", "Harbour dredging begins"]
        await pilot.press("slash", *"harbour", "enter")
        await settle(pilot)
        assert titles(app) == ["Alpha harbour reopens", "Harbour dredging begins"]
        status = static_text(app, "#status")
        assert "2 match “harbour”, from “Coast Gazette”" in status

        await remove_filter(app, pilot, "from “Coast Gazette”")
        assert titles(app) == [
            "Alpha harbour reopens",
            "Harbour dredging begins",
            "Harbour pilots strike",
        ]
        status = static_text(app, "#status")
        assert "3 match “harbour”" in status and "Coast Gazette" not in status

        await pilot.press("x")  # no excerpt has "harbour" in its title
        assert lst.shown == [] and "0 match “harbour”, excerpts" in static_text(app, "#status")
        await pilot.press("escape")
        assert len(lst.shown) == 3  # the search stays; the filters are gone


async def test_the_status_line_wraps_rather_than_cutting_off_filters(library: Path) -> None:
    write_article(library, "delta", "Harbour dredging begins", "The Coastal Gazette Of Record")
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.title.startswith("Harbour"))
        await pilot.press("u", "S", "slash", *"harbour", "enter")
        await settle(pilot)
        status = static_text(app, "#status")
        assert "Coastal Gazette Of Record" in status and "(c: one, Esc: all)" in status
        drawn = app.query_one("#status", Static)
        lines = [s.text for s in drawn.render_lines(Region(0, 0, *drawn.size))]
        assert len(lines) > 1, "the status line should not fit one line of the list column"
        assert " ".join(" ".join(lines).split()) == " ".join(status.split())


async def test_mentions_and_unread_compose(library: Path) -> None:
    write_lisbon_pieces(library)
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_titled(app, pilot, "Talks")  # opened: read
        assert await choose_entity(app, pilot, "Lisbon") == ["Lisbon floods", "Talks in Lisbon"]
        await pilot.press("u")
        assert titles(app) == ["Lisbon floods"]
        assert "1 unread, mentions “Lisbon”" in static_text(app, "#status")
        await remove_filter(app, pilot, "mention “Lisbon”")
        assert len(titles(app)) == 7 and "Talks in Lisbon" not in titles(app)
        status = static_text(app, "#status")
        assert "7 unread" in status and "Lisbon" not in status


async def test_the_filters_pop_up_says_when_none_is_on(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, FiltersScreen)
        assert any("No filter is on" in n.message for n in app._notifications)


async def test_a_hostile_source_is_named_as_plain_text(library: Path) -> None:
    write_article(library, "evil", "Evil piece", "[bold red]Evil[/] \u202ePress")
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.title == "Evil piece")
        await pilot.press("S")
        assert titles(app) == ["Evil piece"]
        status = static_text(app, "#status")
        assert "from “[bold red]Evil[/]" in status and "\u202e" not in status
        await pilot.press("c")
        await pilot.pause()
        (row,) = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert row.startswith("from “[bold red]Evil[/]") and "\u202e" not in row
