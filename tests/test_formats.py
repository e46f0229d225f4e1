"""Loading: titles, blocks, decoding and hostile bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats import LoadError, load_path


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_text_title_is_first_line_and_repeat_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Headline Here\n\nHeadline here\n\nFirst para.\n\nSecond.\n")
    doc = load_path(path)
    assert doc.title == "Headline Here"
    assert [b.text for b in doc.blocks] == ["First para.", "Second."]
    assert doc.dropped == ("Headline here",)


PROSE = (
    "The council met on Tuesday evening and voted to keep the harbour ferry running through "
    "the winter, after a long debate about the cost of fuel and crew."
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.txt", f"Ferry Stays\n\nMember-only story\n\nFERRY STAYS!\n\n{PROSE}\n"),
        ("b.txt", f"Ferry Stays\n\nFerry stays\n{PROSE}\n"),
        ("a.md", f"# Ferry Stays\n\nMember-only story\n\nFerry stays\n\n{PROSE}\n"),
        ("b.md", f"---\ntitle: Ferry Stays\n---\n\nNote\n\n## Ferry Stays\n\n{PROSE}\n"),
        (
            "a.html",
            "<html><head><title>Ferry Stays</title></head><body><article>"
            f"<p>Member-only story</p><h1>Ferry Stays</h1><p>{PROSE}</p></article></body></html>",
        ),
    ],
    ids=["txt-below-a-line", "txt-above-the-body", "md-paragraph", "md-h2", "html-h1"],
)
def test_headline_repeated_near_the_top_is_dropped_in_every_format(
    tmp_path: Path, name: str, data: str
) -> None:
    doc = load_path(write(tmp_path, name, data))
    assert doc.title == "Ferry Stays"
    texts = [b.text for b in doc.blocks]
    assert texts[-1] == PROSE
    assert not any(t.casefold().startswith("ferry stays") for t in texts)
    assert len(doc.dropped) == 1 and doc.dropped[0].casefold().startswith("ferry stays")


def test_a_section_heading_like_the_title_further_down_is_kept(tmp_path: Path) -> None:
    md = f"# Ferry Stays\n\nOne.\n\nTwo.\n\nThree.\n\n## Ferry stays\n\n{PROSE}\n"
    doc = load_path(write(tmp_path, "a.md", md))
    assert [b.text for b in doc.blocks] == ["One.", "Two.", "Three.", "Ferry stays", PROSE]
    assert doc.dropped == ()


def test_bullet_lines_stay_list_items(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "T\n\nIntro:\n\n  • one thing\n  • two\n    continued\n")
    doc = load_path(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Intro:"),
        ("list_item", "one thing"),
        ("list_item", "two continued"),
    ]


def test_whitespace_is_normalised_but_words_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "T\n\n   Some   spaced\n\ttext\u00a0here.   \n")
    assert load_path(path).blocks[0].text == "Some spaced text here."


def test_markdown_front_matter_heading_and_inline_syntax(tmp_path: Path) -> None:
    md = (
        "---\ntitle: From Front Matter\nsource: The Daily Example\nurl: https://ex.org/a\n"
        "date: 2024-05-01\n---\n\n# From Front Matter\n\nA **bold** [link](https://x.y) and "
        "`code`.\n\n> quoted words\n\n- item one\n- item two\n\n## Section\n"
    )
    doc = load_path(write(tmp_path, "a.md", md))
    assert doc.title == "From Front Matter"
    assert doc.metadata == {
        "source": "The Daily Example",
        "url": "https://ex.org/a",
        "date": "2024-05-01",
    }
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "A bold link and code."),
        ("quote", "quoted words"),
        ("list_item", "item one"),
        ("list_item", "item two"),
        ("heading", "Section"),
    ]


def test_markdown_heading_is_title_without_front_matter(tmp_path: Path) -> None:
    doc = load_path(write(tmp_path, "a.md", "# The Title\n\nBody text.\n"))
    assert doc.title == "The Title"
    assert [b.text for b in doc.blocks] == ["Body text."]


def test_utf8_bom_and_legacy_encoding(tmp_path: Path) -> None:
    bom = load_path(write(tmp_path, "b.txt", b"\xef\xbb\xbfTitle\n\nCaf\xc3\xa9 au lait.\n"))
    assert bom.title == "Title"
    assert bom.blocks[0].text == "Café au lait."
    text = "Titre\n\nLe café est très apprécié à Besançon, déjà depuis longtemps.\n"
    legacy = load_path(write(tmp_path, "l.txt", text.encode("cp1252")))
    assert legacy.blocks[0].text == "Le café est très apprécié à Besançon, déjà depuis longtemps."


def test_invalid_utf8_never_crashes(tmp_path: Path) -> None:
    doc = load_path(write(tmp_path, "bad.txt", b"Title\n\nok \xff\xfe\xfa then more words.\n"))
    assert doc.blocks[0].text.startswith("ok ")
    assert doc.blocks[0].text.endswith("then more words.")


def test_control_sequences_are_stripped(tmp_path: Path) -> None:
    raw = "Ti\x1b[31mtle\x1b[0m\n\nA \x1b]0;pwned\x07body\x07 with\x00 NUL and \x9b2J C1.\n"
    doc = load_path(write(tmp_path, "esc.txt", raw))
    assert doc.title == "Title"
    assert doc.blocks[0].text == "A body with NUL and C1."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("bin.txt", bytes(range(256)) * 40, "binary file"),
        ("zeros.md", b"\x00" * 5000, "binary file"),
        ("pic.jpg", b"\xff\xd8\xff\xe0", "unsupported file type"),
    ],
)
def test_bad_files_raise_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(LoadError, match=reason):
        load_path(write(tmp_path, name, data))


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(25 * 1024 * 1024)
    with pytest.raises(LoadError, match=r"too large \(26.2 MB; the limit is 20 MB\)"):
        load_path(path)


BODY = (
    "The harbour council met on Tuesday to argue about the cost of the new ferry pier, and "
    "members asked the port authority for a second estimate before the vote."
)


@pytest.mark.parametrize(
    "lines",
    [
        'tags: [harbour, "local politics"]',
        "tags: harbour, local politics",
        "tags:\n  - harbour\n  - '#local politics'",
        "tag:\n- harbour\n- local politics",
    ],
)
def test_markdown_front_matter_tags_become_the_articles_tags(tmp_path: Path, lines: str) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"---\ntitle: Pier vote\n{lines}\nauthor: Ada\n---\n{BODY}\n")
    from reader.library import Entry, scan

    (entry,) = scan([path])
    assert isinstance(entry, Entry)
    assert entry.tags == ("harbour", "local politics")
    assert entry.title == "Pier vote"
    assert load_path(path).metadata["author"] == "Ada"  # the keys after the list still read


def test_markdown_space_separated_tags_and_hostile_ones(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"---\ntags: harbour ferries \x1b]0;owned\x07x\n---\n{BODY}\n")
    from reader.formats import tags_of

    tags = tags_of(load_path(path).metadata)
    assert tags[:2] == ("harbour", "ferries")
    assert not any("\x1b" in t or "\x07" in t for t in tags)
