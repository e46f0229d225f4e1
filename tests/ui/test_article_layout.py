"""The lazily laid-out reader pane gives the rows a full wrap would, whatever is asked first."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from reader.model import Summary
from reader.ui.widgets.article_layout import Layout
from reader.ui.widgets.article_view import ArticleView

from .conftest import settle

PARAGRAPHS = (
    "Short one.",
    "A much longer paragraph that goes on and on " * 6,
    "A paragraph\nwith a line break inside it, as code or a poem has.",
    "x" * 95,
    "Tabs\tare\texpanded.",
    "Control \x1b[31m characters \u202e shown, not sent.",
)


def full_rows(width: int, paragraphs: tuple[str, ...]) -> list[str]:
    """What wrapping the whole body at once gives: the paragraphs joined by a blank line."""
    console = Console(width=200)
    joined = Text("\n\n".join(paragraphs))
    return [line.plain for line in joined.wrap(console, width, overflow="fold")]


@pytest.mark.parametrize("width", [20, 47, 80])
def test_rows_match_a_full_wrap_asked_in_any_order(width: int) -> None:
    paragraphs = PARAGRAPHS * 40
    layout = Layout(Console(width=200))
    layout.set_width(width)
    layout.set_body(paragraphs, lambda i: Text(paragraphs[i]))
    assert not layout.measured
    late = layout.line(500)  # far down first: measures up to it, no further
    assert late is not None and not layout.measured
    shown = tuple(p.translate({0x1B: "␛", 0x202E: "\ufffd"}) for p in paragraphs)
    expected = full_rows(width, shown)
    assert late.plain == expected[500]
    early = layout.line(3)
    assert early is not None and early.plain == expected[3]
    layout.measure(budget=0.0)  # a slice between frames
    assert [line.plain for line in layout.lines()] == expected
    assert layout.measured and layout.height == len(expected)
    assert layout.line(len(expected)) is None


def test_the_height_is_estimated_until_measured_then_exact() -> None:
    paragraphs = tuple(f"Paragraph {i} is short." for i in range(5000))
    layout = Layout(Console(width=200))
    layout.set_width(60)
    layout.set_body(paragraphs, lambda i: Text(paragraphs[i]))
    assert layout.height > 5000  # an estimate, so the scrollbar is about right at once
    layout.measure()
    assert layout.height == 2 * 5000 - 1  # each paragraph one row, a blank row between


async def test_a_huge_article_shows_at_once_and_reaches_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import summary as summarize
    from reader.ui.app import ReaderApp

    count = 30_000  # over the inline entity pass's limit: coloured once it is found
    paragraphs = [f"Paragraph {i} mentions Lisbon briefly." for i in range(count)]
    (tmp_path / "huge.txt").write_text("Huge piece\n\n" + "\n\n".join(paragraphs), "utf-8")
    quick = Summary(algorithm="news", sentences=(paragraphs[0],), excerpt_only=False)
    monkeypatch.setattr(summarize, "cached_summary", lambda *args, **kwargs: quick)
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and len(view.article.paragraphs) == count
        shown = [view.render_line(y).text for y in range(view.size.height)]
        assert any("Paragraph 0 mentions Lisbon" in row for row in shown)
        await pilot.press("G")
        await settle(pilot)
        shown = [view.render_line(y).text for y in range(view.size.height)]
        assert any(f"Paragraph {count - 1} mentions" in row for row in shown), shown
        assert "Lisbon" in {e.text for e in view.entities}
        body = view.section("body")
        assert body is not None and any(str(s.style) for s in body.spans)


def test_a_big_text_file_has_a_preview_of_its_first_part(tmp_path: Path) -> None:
    from reader.pipeline import load_article
    from reader.ui.widgets.article_view import PREVIEW_FROM, preview

    big = tmp_path / "big.md"
    paragraphs = [f"Paragraph {i} of a long piece, with a few more words." for i in range(40_000)]
    big.write_text("# A long piece\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    assert big.stat().st_size >= PREVIEW_FROM
    first = preview(str(big))
    whole = load_article(big)
    assert first is not None and first.title == whole.title == "A long piece"
    assert 100 < len(first.paragraphs) < len(whole.paragraphs)
    assert first.paragraphs == whole.paragraphs[: len(first.paragraphs)]  # whole ones only
    small = tmp_path / "small.md"
    small.write_text("# Short\n\nA short piece.\n", "utf-8")
    page = tmp_path / "page.html"
    page.write_bytes(big.read_bytes())
    assert preview(str(small)) is None and preview(str(page)) is None
