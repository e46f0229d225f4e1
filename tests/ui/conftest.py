"""Fixtures for driving the real app: a small library on disk and a helper to settle workers."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerFailed

from reader.library import Entry
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.library_list import LibraryList

SAMPLES = Path(__file__).resolve().parents[2] / "sample_articles"

COMPLETE = """---
source: {source}
url: https://example.org/{slug}
---
# {title}

{body}
"""


def write_article(
    folder: Path,
    slug: str,
    title: str,
    source: str = "Wire",
    paragraphs: int = 4,
    *,
    body: str | None = None,
) -> Path:
    """A Markdown article with front matter: ``body`` or else ``paragraphs`` long paragraphs."""
    if body is None:
        body = "\n\n".join(
            f"Paragraph {i} of {title} tells the story in plain words, with facts, names "
            f"and places that a reader would want to see in full on the screen. "
            f"It goes on for a while so that the piece is not mistaken for an excerpt."
            for i in range(1, paragraphs + 1)
        )
    path = folder / f"{slug}.md"
    path.write_text(COMPLETE.format(source=source, slug=slug, title=title, body=body), "utf-8")
    return path


def write_lisbon_pieces(folder: Path) -> None:
    """Three pieces: two mention Lisbon (with Ines Duarte and Microsoft in one), one Porto."""
    write_article(
        folder, "one", "Talks in Lisbon", body="Mayor Ines Duarte met Microsoft in Lisbon."
    )
    write_article(
        folder, "two", "Lisbon floods", body="Heavy rain hit Lisbon again on Sunday night."
    )
    write_article(
        folder, "three", "Porto derby", body="Fans in Porto celebrated until the morning."
    )


def seed_folder(folder: Path) -> Path:
    """``folder``, created, holding copies of the two paywalled seed articles."""
    folder.mkdir()
    for seed in SAMPLES.glob("wpr-*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The two paywalled seeds plus three complete Markdown articles."""
    folder = seed_folder(tmp_path / "library")
    write_article(folder, "alpha", "Alpha harbour reopens", "Coast Gazette")
    write_article(folder, "beta", "Beta budget vote delayed", "Capital Times", paragraphs=8)
    write_article(folder, "gamma", "Gamma rays puzzle astronomers", "Science Weekly")
    return folder


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """Only the two seed articles: a library that new samples never change (for snapshots)."""
    return seed_folder(tmp_path / "seeds")


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker is done (failed or cancelled too) and its messages handled."""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()


def static_text(app: ReaderApp, selector: str) -> str:
    """The plain text a Static shows."""
    return str(app.query_one(selector, Static).render())


def screen_text(app: ReaderApp) -> str:
    """The text every Static of the current screen draws, as the terminal would show it (one
    line a drawn row, wrapped at the widget's width)."""
    lines: list[str] = []
    for widget in app.screen.query(Static):
        if widget.display and widget.size.area:
            strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
            lines.extend(strip.text.rstrip() for strip in strips)
    return "\n".join(lines)


def section_text(app: ReaderApp, name: str) -> str | None:
    """The text of one section of the reader pane (``header``, ``summary``, ``legend``,
    ``body``, ``banner``, ``removed``), or None when the pane does not show it."""
    text = app.query_one(ArticleView).section(name)
    return None if text is None else text.plain


def rows_text(app: ReaderApp) -> str:
    """Everything the reader pane shows, as it is laid out (scrolling aside)."""
    return "\n".join(app.query_one(ArticleView).rows)


async def open_titled(app: ReaderApp, pilot: Pilot[None], prefix: str) -> None:
    """Highlight the first listed article whose title starts with ``prefix``, press Enter and
    wait until it is shown."""
    lst = app.query_one(LibraryList)
    lst.highlighted = next(i for i, e in enumerate(lst.shown) if e.title.startswith(prefix))
    await pilot.press("enter")
    await settle(pilot)


@contextlib.asynccontextmanager
async def reading(
    folder: Path, title: str, size: tuple[int, int] = (120, 40), export_dir: Path | None = None
) -> AsyncIterator[tuple[ReaderApp, Pilot[None]]]:
    """The app on ``folder``, scanned, with the article whose title starts with ``title``
    open."""
    app = ReaderApp([folder], export_dir=export_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_titled(app, pilot, title)
        yield app, pilot


async def open_paywalled(pilot: Pilot[None]) -> Entry:
    """Open the first truncated article of the list and wait until it is shown."""
    entry = next(e for e in pilot.app.query_one(LibraryList).shown if e.paywall.truncated)
    pilot.app.open_path(entry.path)  # type: ignore[attr-defined]
    await settle(pilot)
    return entry
