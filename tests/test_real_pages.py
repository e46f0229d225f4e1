"""The failure classes seen on real saved pages, each on a small page written here.

CJK text, ``<pre>``/list/table-shaped articles, text beside elements, control references,
huge inline scripts, titles and sources from metadata, paywall hunches on complete pages and
boilerplate that names its publication. None of these pages is copied from anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.pipeline import load_article
from reader.textutil import word_count

PROSE = (
    "The harbour committee met on Tuesday evening to hear the engineers explain why the old "
    "sea wall has cracked again, and what a repair would cost the town. "
)
CLOSING = "The committee will vote on the repair plan at its next meeting in March."


def _write(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --- Scripts written without spaces --------------------------------------------------------

ZH = (
    "市议会周二晚上召开会议，听取工程师关于海堤再次出现裂缝的说明。"
    "工程师表示，修复工程需要大约三个月，费用将由市政府和港口管理局共同承担。"
    "许多居民在会上发言，要求尽快开工，以免冬季风暴造成更大的损失。"
)
JA = (
    "市議会は火曜日の夜に会合を開き、防波堤に再びひびが入った理由について技術者から説明を受けた。"
    "修理には約三か月かかり、費用は市と港湾局が分担する見通しだという。"
)


ZH_2 = "港口管理局的发言人说，工程将在明年春天开始，届时部分码头会暂时关闭。"
JA_2 = "港湾局の担当者によると、工事は来年の春に始まり、一部の桟橋は一時的に閉鎖される。"


@pytest.mark.parametrize(("text", "more"), [(ZH, ZH_2), (JA, JA_2)])
def test_chinese_and_japanese_articles_are_read(tmp_path: Path, text: str, more: str) -> None:
    body = f"<article><h1>海堤</h1><p>{text}</p><p>{more}</p></article>"
    a = load_article(_write(tmp_path, _page(body, "<title>海堤</title>")))
    assert a.paragraphs == (text, more)
    # Characters are the unit of length in these scripts: a count of spaces would say 2.
    assert a.words == word_count(text) + word_count(more) > len(text) // 2
    assert not a.paywall.truncated
    assert not any("mid-sentence" in r for r in a.paywall.reasons)


def test_word_count_counts_cjk_characters_and_spaced_words() -> None:
    assert word_count("the harbour wall") == 3
    assert word_count("海堤再次") == 4
    assert word_count("Mac 版の 1Password") == 4  # "Mac", "版", "の", "1Password"


# --- Articles that are not paragraphs ------------------------------------------------------

PRE_TEXT = "\n".join(
    f"   {n}. Section {n} of the draft sets out how clients store and fetch documents."
    for n in range(1, 12)
)


def test_article_in_pre_is_read_with_its_lines(tmp_path: Path) -> None:
    a = load_article(_write(tmp_path, _page(f"<pre>{PRE_TEXT}</pre>", "<title>Draft</title>")))
    assert a.kinds == ("code",)
    assert "Section 11 of the draft" in a.body
    assert a.paragraphs[0].count("\n") == 10  # lines kept


def test_article_of_headings_and_list_items_is_read(tmp_path: Path) -> None:
    items = "".join(
        f"<li>Item {n}: the build system now caches compiled modules between runs</li>"
        for n in range(8)
    )
    body = f"<main><h2>Highlights</h2><ul>{items}</ul><h2>Fixes</h2><ul>{items}</ul></main>"
    a = load_article(_write(tmp_path, _page(body, "<title>Weekly notes</title>")))
    assert a.kinds.count("list_item") == 16
    assert "Highlights" in a.paragraphs and "Fixes" in a.paragraphs


def test_nested_list_items_are_not_repeated(tmp_path: Path) -> None:
    inner = "<ul><li>Inner point about the second release candidate and its fixes</li></ul>"
    items = "".join(
        f"<li>Outer point {n} about the release schedule for the spring {inner}</li>"
        for n in range(6)
    )
    a = load_article(_write(tmp_path, _page(f"<article><ul>{items}</ul></article>")))
    assert a.body.count("Inner point") == 6
    assert all(p.count("Inner point") <= 1 for p in a.paragraphs)


def test_article_in_layout_table_cells_is_read(tmp_path: Path) -> None:
    cell = "".join(f"<p>{PROSE}Paragraph {n} of the story.</p>" for n in range(3))
    body = (
        "<table><tr><td><h3>The sea wall</h3>" + cell + "</td></tr>"
        "<tr><td>" + cell + f"<p>{CLOSING}</p></td></tr></table>"
    )
    a = load_article(_write(tmp_path, _page(body, "<title>The sea wall</title>")))
    assert a.paragraphs[-1] == CLOSING
    assert a.body.count("Paragraph 2 of the story.") == 2


def test_data_table_rows_keep_every_cell(tmp_path: Path) -> None:
    rows = "".join(
        f"<tr><td>Pier {n}</td><td>{n * 10} metres</td><td>repair in spring {2025 + n}</td></tr>"
        for n in range(1, 6)
    )
    body = f"<article><p>{PROSE}</p><table>{rows}</table><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body)))
    assert "Pier 3" in a.body and "30 metres" in a.body and "repair in spring 2028" in a.body


def test_text_beside_elements_is_kept(tmp_path: Path) -> None:
    tail = "This sentence sits beside the paragraph, not inside it, and must not be lost."
    body = (
        f"<article><div><p>{PROSE}</p>{tail}<p>{PROSE}first line<br>second line</p>"
        f"<p>{CLOSING}</p></div></article>"
    )
    a = load_article(_write(tmp_path, _page(body)))
    assert tail in a.body
    assert "first line second line" in a.body  # a line break is a space, not glue


def test_template_markup_is_not_article_text(tmp_path: Path) -> None:
    body = f"<article><p>{PROSE}</p><template>INERT TEMPLATE TEXT</template><p>{CLOSING}</p>"
    a = load_article(_write(tmp_path, _page(body + "</article>")))
    assert "INERT" not in a.body
    assert a.paragraphs[-1] == CLOSING


# --- Pages the parser used to refuse (issue 12) --------------------------------------------


def test_control_character_reference_does_not_cost_the_page(tmp_path: Path) -> None:
    body = (
        f"<article><p>{PROSE}The reading was &#x1b;[31m odd&#27; and &#X9B;2J plain.</p>"
        f"<p>Prices rose 5&#150;10&#37; &#x202E;reversed&#x202C; and &#157;quietly.</p>"
        f"<p>{CLOSING}</p></article>"
    )
    a = load_article(_write(tmp_path, _page(body)))
    assert a.paragraphs[-1] == CLOSING
    text = a.body + " ".join(a.removed)
    assert not any(0x80 <= ord(c) <= 0x9F or c in "\x1b\u202e\u202c" for c in text)
    assert "5–10%" in a.body  # HTML5 reads &#150; as Windows-1252: an en dash


def test_article_beside_a_huge_inline_script_is_read(tmp_path: Path) -> None:
    script = "<script>var bundle = '" + "x" * 15_000_000 + "';</script>"
    body = f"{script}<article><p>{PROSE}</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body, "<title>Wall</title>")))
    assert a.paragraphs == (PROSE.strip(), CLOSING)


# --- Titles and sources from the page's metadata --------------------------------------------


def test_title_tag_with_only_the_site_name_gives_way_to_the_headline(tmp_path: Path) -> None:
    head = (
        "<title>The Harbour Ledger</title>"
        '<meta property="og:site_name" content="The Harbour Ledger">'
    )
    body = f"<article><h1>Sea wall cracks again</h1><p>{PROSE}</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body, head), "ledger-page.html"))
    assert a.title == "Sea wall cracks again"
    assert a.source == "The Harbour Ledger"


def test_title_loses_its_section_and_site_trail(tmp_path: Path) -> None:
    head = (
        "<title>Sea wall cracks again - Breaking News - Coast - Harbour Ledger</title>"
        '<link rel="canonical" href="https://www.harbourledger.example/coast/sea-wall">'
        '<meta property="og:title" content="Sea wall cracks again">'
    )
    body = f"<article><h1>Sea wall cracks again</h1><p>{PROSE}</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body, head)))
    assert a.title == "Sea wall cracks again"
    assert a.source == "Harbour Ledger"  # the <title> part that names the domain


def test_site_part_of_title_is_removed_when_it_names_the_domain(tmp_path: Path) -> None:
    head = (
        "<title>Ferries return to the islands | The Coast Courier</title>"
        '<link rel="canonical" href="https://coastcourier.example/ferries">'
    )
    body = f"<article><p>{PROSE}</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body, head)))
    assert a.title == "Ferries return to the islands"
    assert a.source == "The Coast Courier"


def test_jsonld_headline_and_publisher(tmp_path: Path) -> None:
    head = (
        "<title>Home</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Night ferries return", "datePublished": "2024-05-02T08:00:00Z", "author": '
        '[{"@type": "Person", "name": "Ada Vance"}], "publisher": {"@type": "Organization", '
        '"name": "Island Post"}}</script>'
    )
    body = f"<article><h1>Night ferries return</h1><p>{PROSE}</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body, head)))
    assert (a.title, a.source) == ("Night ferries return", "Island Post")
    assert a.metadata["date"] == "2024-05-02"
    assert a.metadata["author"] == "Ada Vance"


def test_source_is_never_a_copyright_line_or_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "saved-stuff"
    folder.mkdir()
    body = (
        f"<article><p>{PROSE}</p><p>{CLOSING}</p></article>"
        "<footer><p>© 2024 Coastal Media Holdings Ltd</p></footer>"
    )
    a = load_article(_write(folder, _page(body, "<title>Sea wall</title>")))
    assert a.source == ""
    assert "Coastal" not in a.source


def test_source_falls_back_to_the_canonical_domain(tmp_path: Path) -> None:
    head = '<title>Sea wall</title><link rel="canonical" href="https://news.shoreline.example/a">'
    a = load_article(_write(tmp_path, _page(f"<article><p>{PROSE}</p></article>", head)))
    assert a.source == "news.shoreline.example"


def test_text_and_markdown_without_a_source_have_none(tmp_path: Path) -> None:
    folder = tmp_path / "sample_articles"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Sea wall\n\n{PROSE}\n", encoding="utf-8")
    (folder / "b.md").write_text(
        f"---\ntitle: Sea wall\nurl: https://www.tidewater.example/sea-wall\n---\n\n{PROSE}\n",
        encoding="utf-8",
    )
    assert load_article(folder / "a.txt").source == ""
    assert load_article(folder / "b.md").source == "tidewater.example"


def test_list_shows_a_blank_source_aligned(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    (tmp_path / "a.txt").write_text(f"Sea wall\n\n{PROSE}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        f"---\ntitle: Ferries\nsource: Island Post\n---\n\n{PROSE}\n", encoding="utf-8"
    )
    code, out, _ = cli("list", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    title_col = lines[0].index("TITLE")
    assert {line[title_col:].strip() for line in lines[1:]} == {"Sea wall", "Ferries"}
    assert tmp_path.name not in out


# --- Paywall hunches on complete pages ------------------------------------------------------

PIANO = '<script src="https://cdn.tinypass.com/api/tinypass.min.js"></script>'
NOT_FREE = (
    '<script type="application/ld+json">{"@type": "NewsArticle", '
    '"isAccessibleForFree": false}</script>'
)


@pytest.mark.parametrize(
    "last",
    [
        "With Shoreline wires",
        "Top photo by Ana Reyes for the Ledger",
        "Reporting by Sam Hill; editing by Jo Park",
        "Follow her on Twitter @anareyes or write to ana.reyes@ledger.example",
        "HARBOURTON, Maine",
    ],
)
def test_sign_offs_and_credits_on_a_metered_site_are_not_a_cut(tmp_path: Path, last: str) -> None:
    paras = "".join(f"<p>{PROSE}</p>" for _ in range(4))
    body = f"<article>{paras}<p>{CLOSING}</p><p>{last}</p></article>"
    a = load_article(_write(tmp_path, _page(body, PIANO + NOT_FREE)))
    assert not a.paywall.truncated
    assert not any("mid-sentence" in r for r in a.paywall.reasons)


def test_tour_dates_at_the_end_are_not_a_cut(tmp_path: Path) -> None:
    dates = "".join(f"<li>March {n} – Harbour Hall, Portland</li>" for n in range(3, 9))
    body = f"<article><p>{PROSE}</p><p>{CLOSING}</p><p>Tour dates</p><ul>{dates}</ul></article>"
    a = load_article(_write(tmp_path, _page(body, PIANO)))
    assert not a.paywall.truncated
    assert not any("mid-sentence" in r for r in a.paywall.reasons)


def test_a_paragraph_that_breaks_off_is_noted_but_a_vendor_script_does_not_decide(
    tmp_path: Path,
) -> None:
    cut = "The engineers said the wall could be repaired before winter, but only if the council"
    body = f"<article><p>{PROSE}</p><p>{cut}</p></article>"
    a = load_article(_write(tmp_path, _page(body, PIANO + NOT_FREE)))
    # Site-level signals with only a weak text sign beside them: a note, not a verdict.
    assert not a.paywall.truncated
    assert any("ends mid-sentence, but no paywall notice follows" in r for r in a.paywall.reasons)
    assert any("Piano/Tinypass" in r and "looks complete" in r for r in a.paywall.reasons)


def test_a_break_followed_by_an_offer_is_cut_off(tmp_path: Path) -> None:
    cut = "The engineers said the wall could be repaired before winter, but only if the council"
    offer = "Get the Tidewater Gazette for just $1 a week."
    body = f"<article><p>{PROSE}</p><p>{cut}</p><p>{offer}</p></article>"
    a = load_article(_write(tmp_path, _page(body, PIANO)))
    assert a.paywall.truncated
    assert a.paragraphs[-1] == cut


# --- Boilerplate that names its publication ------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    [
        "Subscribe to The Tidewater Gazette now and never miss a story.",
        "Join the Shoreline Examiner today: unlimited stories, one low price.",
        "Every story from the Shoreline Examiner for just $2.",
        "Lee La Voz del Puerto sin límites por solo 2 € al mes.",
        "Le Courrier du Littoral en illimité pour 1 € par mois.",
        "Die Küstenpost digital lesen – für nur 4,99 € im Monat.",
        "O Jornal da Serra sem limites por apenas 1,90 € por mês.",
    ],
)
def test_prompts_naming_their_publication_are_removed(tmp_path: Path, prompt: str) -> None:
    paras = "".join(f"<p>{PROSE}</p>" for _ in range(3))
    # Prose after the prompt: an inline promo, not the end of the free text.
    body = f"<article>{paras}<p>{prompt}</p><p>{PROSE * 2}</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body)))
    assert prompt not in a.body
    assert prompt in a.removed
    assert a.paragraphs[-1] == CLOSING


def test_gate_naming_its_publication_after_the_text_truncates(tmp_path: Path) -> None:
    body = (
        f"<article><p>{PROSE}</p><p>Subscribe to The Tidewater Gazette today to keep "
        "reading.</p></article>"
    )
    a = load_article(_write(tmp_path, _page(body)))
    assert a.paywall.truncated
    assert any("Tidewater Gazette" in r for r in a.paywall.reasons)


def test_prose_that_mentions_a_price_stays(tmp_path: Path) -> None:
    para = (
        "The ferry company said on Monday that island residents would be able to buy a "
        "season pass for just $5 a month, half the fare it charged before the storms closed "
        "the northern pier for repairs last winter."
    )
    body = f"<article><p>{PROSE}</p><p>{para}</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body)))
    assert para in a.paragraphs
    assert not a.paywall.truncated


# --- Other pieces read as article text -----------------------------------------------------


def test_embedded_photo_gallery_of_other_stories_is_removed(tmp_path: Path) -> None:
    slides = "".join(
        f"<h4>{n}/12 Market report {n}</h4><p>Shares in the port operator rose on the "
        f"{n}th after the quarterly figures beat forecasts.</p><p>Agency photo</p>"
        for n in range(1, 13)
    )
    body = f"<article><p>{PROSE}</p><p>{CLOSING}</p>{slides}</article>"
    a = load_article(_write(tmp_path, _page(body)))
    assert a.paragraphs[-1] == CLOSING
    assert "Market report" not in a.body and "7/12 Market report 7" in a.removed


def test_teasers_after_a_related_heading_are_removed(tmp_path: Path) -> None:
    paras = "".join(f"<p>{PROSE}This was meeting {n} of the winter.</p>" for n in range(4))
    teasers = "".join(
        f"<h3>Column {n}</h3><p>JANE ROE The council's plan for the pier is a mistake, "
        f"and here is why number {n}.</p>"
        for n in range(3)
    )
    body = f"<article>{paras}<p>{CLOSING}</p><h2>Other Opinion Columns</h2>{teasers}</article>"
    a = load_article(_write(tmp_path, _page(body)))
    assert a.paragraphs[-1] == CLOSING
    assert "Other Opinion Columns" in a.removed


def test_broken_urls_give_no_source_and_no_crash(tmp_path: Path) -> None:
    head = '<title>Sea wall</title><link rel="canonical" href="http://[broken/a">'
    body = f"<article><p>{PROSE}</p><a href='https://[x/y'>x</a></article>"
    assert load_article(_write(tmp_path, _page(body, head))).source == ""
    (tmp_path / "b.md").write_text(f"---\ntitle: T\nurl: http://[broken\n---\n\n{PROSE}\n")
    assert load_article(tmp_path / "b.md").source == ""


def test_many_unclosed_scripts_on_a_large_page_are_read_quickly(tmp_path: Path) -> None:
    import time

    filler = "<script>var a = 1;" * 60_000 + "x" * 1_200_000
    page = _page(f"<article><p>{PROSE}</p><p>{CLOSING}</p></article>{filler}")
    path = _write(tmp_path, page)
    start = time.perf_counter()
    a = load_article(path)
    assert time.perf_counter() - start < 20  # a quadratic scan takes minutes
    assert a.paragraphs[-1] == CLOSING


MATHML = (
    "<math><mi>a</mi><mi>x</mi><msup><mi>y</mi><mn>2</mn></msup><mo>=</mo><mn>0</mn>"
    "<annotation encoding='application/x-tex'>ax y^2 = 0 TEXSOURCE</annotation></math>"
)


@pytest.mark.parametrize(
    "formula",
    [
        MATHML,
        # MathJax 3 draws the formula in custom elements and keeps the MathML beside them.
        "<mjx-container><mjx-math aria-hidden='true'><mjx-mi></mjx-mi></mjx-math>"
        f"<mjx-assistive-mml>{MATHML}</mjx-assistive-mml></mjx-container>",
    ],
)
def test_formulas_are_read_as_their_symbols(tmp_path: Path, formula: str) -> None:
    body = f"<article><p>{PROSE}The curve is {formula} at the origin.</p><p>{CLOSING}</p></article>"
    a = load_article(_write(tmp_path, _page(body)))
    assert "The curve is a x y 2 = 0 at the origin." in a.body
    assert "TEXSOURCE" not in a.body
