"""Snapshot tests: the look of the main screen, a truncated article, help and the narrow layout.

Baselines live in ``__snapshots__``; update them with ``pytest --snapshot-update`` after a
deliberate change and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.ui.app import ReaderApp

from .conftest import settle

SnapCompare = Callable[..., bool]


@pytest.fixture
def seeds_app(seeds: Path) -> ReaderApp:
    return ReaderApp([seeds])


async def _opened(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def test_main_screen(snap_compare: SnapCompare, seeds_app: ReaderApp) -> None:
    assert snap_compare(seeds_app, terminal_size=(120, 40), run_before=settle)


def test_truncated_article(snap_compare: SnapCompare, seeds_app: ReaderApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _opened(pilot)
        await pilot.press("G")  # the banner sits at the end of the visible text
        await pilot.pause()

    assert snap_compare(seeds_app, terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare: SnapCompare, seeds_app: ReaderApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(seeds_app, terminal_size=(120, 40), run_before=run_before)


def test_narrow_layout_list(snap_compare: SnapCompare, seeds_app: ReaderApp) -> None:
    assert snap_compare(seeds_app, terminal_size=(80, 24), run_before=settle)


def test_narrow_layout_article(snap_compare: SnapCompare, seeds_app: ReaderApp) -> None:
    assert snap_compare(seeds_app, terminal_size=(80, 24), run_before=_opened)
