"""Summary panel, read state, clipboard and export, driven through the real app."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.store import Store
from reader.summary import ALGORITHMS
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList

from .conftest import (
    open_paywalled,
    open_titled,
    reading,
    section_text,
    settle,
    static_text,
    write_article,
    write_lisbon_pieces,
)

NEWS = """---
source: Harbour Herald
---
# Storm closes the harbour

The port authority closed the harbour on Monday after a storm damaged two cranes.
Fishing boats were told to stay at their moorings until engineers inspect the quay.
Mayor Ines Duarte said the town would pay overtime to clear the debris by Friday.
Shipping companies warned that container traffic could move to the northern terminal.
Local shops reported fewer customers as the coastal road stayed flooded all afternoon.
Meteorologists expect calmer winds by Wednesday, though heavy rain may return later.
The last closure of this kind happened eleven years ago and lasted a whole month.
Insurance assessors arrived in the evening to photograph the twisted crane arms.
Volunteers handed out sandbags at the fire station to residents near the seafront.
A council meeting on Thursday will discuss paying for a stronger breakwater.
"""


async def test_summary_appears_and_changes_length(library: Path) -> None:
    (library / "storm.md").write_text(NEWS, "utf-8")
    async with reading(library, "Storm") as (app, pilot):
        view = app.query_one(ArticleView)
        assert view.summary is not None and view.summary.sentences
        panel = section_text(app, "summary")
        assert "Summary" in panel and view.summary.sentences[0] in panel
        assert "Excerpt only" not in panel
        count = len(view.summary.sentences)
        await pilot.press("plus")
        await settle(pilot)
        assert len(view.summary.sentences) == count + 1
        assert len(section_text(app, "summary").splitlines()) == count + 2
        await pilot.press("minus")
        await settle(pilot)
        await pilot.press("minus")
        await settle(pilot)
        assert len(view.summary.sentences) == count - 1
        # The list marks the article as having a cached summary.
        assert view.article is not None
        row = str(app.query_one(LibraryList).get_option(view.article.path).prompt)
        assert "✎ summary" in row


async def test_truncated_article_summary_says_excerpt_only(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_paywalled(pilot)
        assert "Excerpt only — cut off by a paywall" in section_text(app, "summary")


async def test_switching_articles_ignores_the_stale_summary(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = app.query_one(LibraryList).shown
        first, second = shown[0].path, shown[-1].path
        app.open_path(first)
        app.open_path(second)
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.path == second
        assert view.summary is not None
        # Every sentence shown comes from the article on show.
        assert all(s.split()[0] in view.article.body for s in view.summary.sentences)


async def test_algorithms_are_palette_commands_and_change_the_summary(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for algorithm in ALGORITHMS:
            assert f"Summary algorithm: {algorithm}" in titles
        await open_titled(app, pilot, "Beta")
        app.set_algorithm("lead")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.summary is not None and view.summary.algorithm == "lead"
        assert "lead" in section_text(app, "summary")


async def test_summary_cached_mark_survives_a_restart(library: Path) -> None:
    async with reading(library, "Gamma") as (app, pilot):
        path = app.query_one(ArticleView).article.path  # type: ignore[union-attr]
    again = ReaderApp([library])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = again.query_one(LibraryList)
        assert path in lst.cached
        assert "✎ summary" in str(lst.get_option(path).prompt)
        others = [str(o.prompt) for o in lst.options if o.id != path]
        assert not any("✎ summary" in p for p in others)


async def test_mark_read_persists_after_restart(library: Path) -> None:
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(LibraryList)
        lst.highlighted = 2
        path = lst.shown[2].path
        assert str(lst.get_option(path).prompt).startswith("●")  # unread mark
        assert lst.render_line(4).text.lstrip().startswith("●")  # row 2 is lines 4-5 on screen
        await pilot.press("m")
        await settle(pilot)
        assert path in lst.read
        assert not str(lst.get_option(path).prompt).startswith("●")
        assert not lst.render_line(4).text.lstrip().startswith("●")  # the row was redrawn
    again = ReaderApp([library])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = again.query_one(LibraryList)
        assert lst.read == {path}
        assert not str(lst.get_option(path).prompt).startswith("●")
        lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.path == path)
        await pilot.press("m")
        await settle(pilot)
    assert Store.open().read_paths() == set()


async def test_opening_an_article_marks_it_read(library: Path) -> None:
    async with reading(library, "Alpha") as (app, _):
        path = app.query_one(ArticleView).article.path  # type: ignore[union-attr]
        assert path in app.query_one(LibraryList).read
    assert Store.open().is_read(path)


def fake_tool(folder: Path, name: str, out: Path) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\nexec /bin/cat > '{out}'\n", "utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


async def test_y_copies_the_summary_with_a_clipboard_tool(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    out = tmp_path / "clipboard.txt"
    fake_tool(bin_dir, "xclip", out)
    monkeypatch.setenv("PATH", str(bin_dir))
    async with reading(library, "Beta", export_dir=tmp_path / "exports") as (app, pilot):
        summary = app.query_one(ArticleView).summary
        assert summary is not None
        await pilot.press("y")
        await settle(pilot)
        copied = out.read_text("utf-8")
        assert copied.startswith("Beta budget vote delayed\nCapital Times")
        for sentence in summary.sentences:
            assert f"- {sentence}" in copied
        assert any("xclip" in n.message for n in app._notifications)
        await pilot.press("Y")
        await settle(pilot)
        whole = out.read_text("utf-8")
        assert "Paragraph 8 of Beta budget vote delayed" in whole
        assert whole.startswith("Beta budget vote delayed\n")


async def test_y_falls_back_to_osc52_without_a_tool(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("TMUX", raising=False)
    async with reading(library, "Alpha", export_dir=tmp_path / "exports") as (app, pilot):
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard.startswith("Alpha harbour reopens\nCoast Gazette")
        assert any("OSC 52" in n.message for n in app._notifications)


async def test_osc52_inside_tmux_is_wrapped_for_passthrough(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = ReaderApp([library], export_dir=tmp_path / "exports")
    written: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        assert app._driver is not None
        monkeypatch.setattr(app._driver, "write", written.append)
        await settle(pilot)
        await open_titled(app, pilot, "Alpha")
        await pilot.press("y")
        await settle(pilot)
    wrapped = [w for w in written if w.startswith("\x1bPtmux;")]
    assert len(wrapped) == 1 and wrapped[0].endswith("\x1b\\")


async def test_failed_copy_exports_and_says_where(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("TMUX", raising=False)
    app = ReaderApp([library], export_dir=tmp_path / "exports")

    def broken(sequence: str, text: str) -> None:
        raise OSError("terminal gone")

    async with app.run_test(size=(120, 40)) as pilot:
        app.write_osc52 = broken  # type: ignore[method-assign]
        await settle(pilot)
        await open_titled(app, pilot, "Alpha")
        await pilot.press("y")
        await settle(pilot)
        files = list((tmp_path / "exports").glob("*.md"))
        assert len(files) == 1
        assert any(str(files[0]) in n.message for n in app._notifications)
        assert any("Not copied" in n.message for n in app._notifications)


async def test_e_exports_the_summary_as_markdown(library: Path, tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    app = ReaderApp([library], export_dir=exports)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seed = await open_paywalled(pilot)
        summary = app.query_one(ArticleView).summary
        assert summary is not None
        await pilot.press("e")
        files = list(exports.glob("*.summary.md"))
        assert len(files) == 1
        text = files[0].read_text("utf-8")
        assert text.startswith(f"# {seed.title}\n")
        assert "Excerpt only" in text
        for sentence in summary.sentences:
            assert f"- {sentence}\n" in text
        assert any(str(files[0]) in n.message for n in app._notifications)


async def test_store_warning_is_notified(library: Path, tmp_path: Path) -> None:
    bad = tmp_path / "file-not-dir"
    bad.write_text("x")
    app = ReaderApp([library], store_path=bad / "reader.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("not caching" in n.message for n in app._notifications)
        await open_titled(app, pilot, "Alpha")
        assert app.query_one(ArticleView).summary is not None  # works without a cache
    assert bad.is_file()  # the user's file was left alone


async def test_entities_are_highlighted_and_h_toggles(library: Path) -> None:
    write_article(
        library, "lisbon", "Talks in Lisbon", body="Mayor Ines Duarte met Microsoft in Lisbon."
    )
    async with reading(library, "Talks") as (app, pilot):
        view = app.query_one(ArticleView)
        assert {e.text for e in view.entities} >= {"Ines Duarte", "Lisbon", "Microsoft"}

        def styled(word: str) -> bool:
            body = view.section("body")
            assert body is not None
            start = body.plain.index(word)
            return any(s.start <= start < s.end and str(s.style) for s in body.spans)

        assert styled("Microsoft")
        assert "person" in section_text(app, "legend")
        await pilot.press("H")
        assert not styled("Microsoft")
        assert "highlighting off" in section_text(app, "legend")
        await pilot.press("H")
        assert styled("Microsoft")


async def test_the_reader_marks_entities_in_the_article_s_declared_language(
    tmp_path: Path,
) -> None:
    text = "Officials from the Maritime Safety Board met Tavi Okoro, who said the ferry runs."
    (tmp_path / "de.md").write_text(f"---\nlanguage: de\n---\n# Fähre\n\n{text}\n", "utf-8")
    (tmp_path / "en.md").write_text(f"---\nlanguage: en\n---\n# Ferry\n\n{text}\n", "utf-8")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await open_titled(app, pilot, "Ferry")
        assert "Tavi Okoro" in {e.text for e in view.entities}
        await open_titled(app, pilot, "Fähre")
        assert "Tavi Okoro" not in {e.text for e in view.entities}, "German rules: no guessing"


async def entity_rows(app: ReaderApp, pilot: Pilot[None]) -> list[tuple[str, str, int]]:
    """Press E on the article on show; the pop-up's rows (text, label, count)."""
    from reader.ui.screens.entities import EntitiesScreen

    await pilot.press("E")
    assert isinstance(app.screen, EntitiesScreen)
    return list(app.screen.rows)


async def pick_entity(app: ReaderApp, pilot: Pilot[None], row: tuple[str, str, int]) -> list[str]:
    """Choose ``row`` in the open entities pop-up; the titles the filtered list shows, sorted."""
    from textual.widgets import OptionList

    from reader.ui.screens.entities import EntitiesScreen

    assert isinstance(app.screen, EntitiesScreen)
    app.screen.query_one(OptionList).highlighted = app.screen.rows.index(row)
    await pilot.press("enter")
    await settle(pilot)
    return sorted(e.title for e in app.query_one(LibraryList).shown)


async def choose_entity(app: ReaderApp, pilot: Pilot[None], text: str) -> list[str]:
    """Press E on the article on show and choose ``text``; the filtered list's titles."""
    rows = await entity_rows(app, pilot)
    return await pick_entity(app, pilot, next(r for r in rows if r[0] == text))


async def test_entities_popup_filters_the_library(library: Path) -> None:
    write_lisbon_pieces(library)
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Found by a title search first: the mention filter must not stay inside that search.
        await pilot.press("slash", *"talks", "enter")
        await settle(pilot)
        await open_titled(app, pilot, "Talks")
        rows = await entity_rows(app, pilot)
        assert ("Lisbon", "GPE", 1) in rows and ("Ines Duarte", "PERSON", 1) in rows
        titles = await pick_entity(app, pilot, ("Lisbon", "GPE", 1))
        assert titles == ["Lisbon floods", "Talks in Lisbon"]
        assert "mention “Lisbon”" in static_text(app, "#status")
        await pilot.press("escape")
        assert len(app.query_one(LibraryList).shown) == 8


async def test_entities_popup_lists_one_name_under_two_labels(library: Path) -> None:
    from textual.widgets import OptionList

    from reader.ui.screens.entities import EntitiesScreen

    write_article(library, "jordan", "A visit", body="Mr. Jordan visited Jordan on Monday.")
    write_article(
        library, "amman", "Amman water", body="Jordan rations water in Amman this summer."
    )
    async with reading(library, "A visit") as (app, pilot):
        rows = await entity_rows(app, pilot)
        assert ("Jordan", "PERSON", 1) in rows and ("Jordan", "GPE", 1) in rows
        assert app.screen.query_one(OptionList).option_count == len(rows)
        titles = await pick_entity(app, pilot, ("Jordan", "GPE", 1))
        assert app.is_running
        assert not isinstance(app.screen, EntitiesScreen)
        assert titles == ["A visit", "Amman water"]
        assert "mention “Jordan”" in static_text(app, "#status")


async def test_mentions_follow_files_edited_before_a_rescan(library: Path) -> None:
    write_article(
        library, "one", "Talks in Lisbon", body="Mayor Ines Duarte met Microsoft in Lisbon."
    )
    write_article(library, "two", "Porto derby", body="Fans in Porto celebrated until the morning.")
    async with reading(library, "Talks") as (app, pilot):
        assert await choose_entity(app, pilot, "Lisbon") == ["Talks in Lisbon"]
        write_article(
            library, "two", "Porto derby", body="Fans from Lisbon and Porto sang all night."
        )
        await pilot.press("R")
        await settle(pilot)
        await open_titled(app, pilot, "Talks")
        assert await choose_entity(app, pilot, "Lisbon") == ["Porto derby", "Talks in Lisbon"]


async def test_a_full_name_finds_pieces_that_name_the_person_in_full(library: Path) -> None:
    write_article(
        library,
        "summit",
        "Summit",
        body="George W. Bush met Vladimir Putin. Later Bush left Sochi.",
    )
    write_article(
        library, "ranch", "Ranch", body="George W. Bush spent Sunday at his ranch in Texas."
    )
    write_article(library, "library", "Library", body="Laura Bush opened a library in Dallas.")
    async with reading(library, "Summit") as (app, pilot):
        shown = set(await choose_entity(app, pilot, "George W. Bush"))
        assert {"Ranch", "Summit"} <= shown  # (the two seeds name him in full too)
        assert "Library" not in shown and "Alpha harbour reopens" not in shown
        assert "mention “George W. Bush”" in static_text(app, "#status")


async def test_footer_keeps_its_keys_when_focus_moves(library: Path) -> None:
    from textual.widgets._footer import FooterKey

    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = list(app.query(FooterKey))
        assert any(k.description == "Search" for k in before)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        assert list(app.query(FooterKey)) == before  # not rebuilt: same widgets
        await pilot.press("question_mark")
        await pilot.press("escape")
        await settle(pilot)
        assert any(k.description == "Search" for k in app.query(FooterKey))


async def test_a_failing_worker_is_reported_not_fatal(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.widgets.library_list as app_module

    def broken_scan(paths: list[str], **kwargs: object) -> object:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app_module, "scan", broken_scan)
    app = ReaderApp([library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any(
            "Scanning the library failed: disk on fire" in n.message for n in app._notifications
        )
        assert not app.scanning
        await pilot.press("s")  # still answers keys
        assert app.query_one(LibraryList).sort == "title"


async def test_a_failing_summary_shows_in_the_panel(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.summary

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("no sentences today")

    monkeypatch.setattr(reader.summary, "cached_summary", broken)
    async with reading(library, "Alpha") as (app, _):
        assert "Summary unavailable: no sentences today" in section_text(app, "summary")
        assert "Paragraph 1 of Alpha" in section_text(app, "body")
