"""The command line as scripts use it: JSON shapes, exit codes, no tracebacks."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli import main
from reader.present import cells

SEED = "wpr-bmd-moscow-meeting-paywalled.txt"


def test_list_json_contract(cli: Callable[..., tuple[int, str, str]], samples: Path) -> None:
    code, out, _ = cli("list", str(samples), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"articles", "skipped"}
    first = data["articles"][0]
    assert {"path", "title", "source", "format", "words", "paywall"} <= set(first)
    assert set(first["paywall"]) == {"truncated", "confidence", "reasons", "visible_words"}
    flagged = {Path(a["path"]).name for a in data["articles"] if a["paywall"]["truncated"]}
    assert {SEED, "wpr-sochi-summit-missile-defense-paywalled.txt"} <= flagged
    assert all(0 <= a["paywall"]["confidence"] <= 1 for a in data["articles"])


def test_list_skips_bad_files_and_exits_zero(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    code, out, _ = cli("list", str(tmp_path), "--json")
    assert code == 0
    assert json.loads(out) == {
        "articles": [],
        "skipped": [{"path": str(tmp_path / "bin.txt"), "reason": "binary file (not text)"}],
    }


def test_show_json_contract(cli: Callable[..., tuple[int, str, str]], samples: Path) -> None:
    code, out, _ = cli("show", str(samples / SEED), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["title"].startswith("BMD: Limited Progress")
    assert data["body"] == "\n\n".join(data["paragraphs"])
    assert data["title"] not in data["body"]
    assert "subscri" not in data["body"].lower()
    assert "Keep reading for free!" in data["removed"]
    assert data["paywall"]["truncated"] is True
    for ent in data["entities"]:
        assert data["body"][ent["start"] : ent["end"]] == ent["text"]


def test_list_human_table_is_aligned(
    cli: Callable[..., tuple[int, str, str]], samples: Path
) -> None:
    code, out, _ = cli("list", str(samples))
    assert code == 0
    header, *rows = out.splitlines()
    words_end = cells(header[: header.index("WORDS") + len("WORDS")])
    for row in rows:
        number = re.search(r"\d+", row)
        assert number is not None
        # The lock emoji takes two cells; the word counts still line up under the header.
        assert cells(row[: number.end()]) == words_end, row
    _, out, _ = cli("list", str(samples), "--json")
    truncated = sum(a["paywall"]["truncated"] for a in json.loads(out)["articles"])
    assert sum("🔒 excerpt" in row for row in rows) == truncated >= 5


def test_list_and_show_align_wide_characters(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    body = "A paragraph of ordinary words that is long enough to be kept as the article body."
    articles = {
        "cjk.md": (
            "東京の新しい図書館が週末の開館時間を延長しますと市が発表しました",
            "東京新聞デジタル",
        ),
        "emoji.md": (
            "🚢 Ferry returns 🎉 after two years of repairs in the harbour yard",
            "Ferry 🚢 News",
        ),
        "plain.md": ("Plain title", "The Courier"),
    }
    for name, (title, source) in articles.items():
        text = f"---\ntitle: {title}\nsource: {source}\n---\n\n{body}\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, _ = cli("list", str(tmp_path))
    assert code == 0
    header, *rows = out.splitlines()
    assert len(rows) == 3
    title_col = cells(header[: header.index("TITLE")])
    for row in rows:
        title = next(t for t, _ in articles.values() if row.find(t[:3]) > 0)
        # Every title starts in the TITLE column and no row is wider than the terminal.
        assert cells(row[: row.index(title[:3])]) == title_col, row
        assert cells(row) <= 80, row
    assert any(row.endswith("…") for row in rows)  # the long wide titles were cut to fit

    code, out, _ = cli("show", str(tmp_path / "cjk.md"))
    title_line, rule = out.splitlines()[:2]
    assert rule == "=" * cells(title_line)


def test_show_human_output(cli: Callable[..., tuple[int, str, str]], samples: Path) -> None:
    code, out, _ = cli("show", str(samples / SEED))
    assert code == 0
    assert "Excerpt only: cut off by a paywall after 260 words." in out
    assert "Keep reading for free!" in out  # as a reason, not as body text
    assert "Subscribe now" not in out


def test_markup_and_escapes_are_literal(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text("[bold red]Title[/]\n\nBody with [link=x]markup[/link] and \x1b[2Jescape.\n")
    code, out, _ = cli("show", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "[bold red]Title[/]"
    assert data["body"] == "Body with [link=x]markup[/link] and escape."


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "missing.txt"], 1, "missing.txt: cannot read file"),
        (["list"], 2, "required"),
        (["list", "--bogus", "."], 2, "unrecognized arguments: --bogus"),
    ],
)
def test_exit_codes_without_traceback(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr
    assert message in proc.stderr


def test_show_binary_file_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 4)
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "show", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"reader: {path}: binary file (not text)"


def test_huge_file_is_skipped_not_loaded(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"Big\n\n")
        fh.truncate(25 * 1024 * 1024)
    code, out, _ = cli("list", str(tmp_path), "--json")
    assert code == 0
    assert json.loads(out)["skipped"][0]["reason"].startswith("file too large (26.2 MB")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("reader 0.")


def test_list_json_has_one_article_a_line_with_unsafe_characters_escaped(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    evil = tmp_path / "evil\u202ename\u2028.txt"  # a file name is listed exactly as it is
    evil.write_text("First\n\nSome words of text.\n")
    (tmp_path / "b.md").write_text("# Second\n\nMore words,\nover two lines.\n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    code, out, _ = cli("list", str(tmp_path), "--json")
    assert code == 0
    assert "\u202e" not in out and "\u2028" not in out
    assert "\\u202e" in out and "\\u2028" in out
    lines = out.splitlines()
    articles = [json.loads(line.strip().rstrip(",")) for line in lines if '"words"' in line]
    assert [(a["title"], a["path"]) for a in articles] == [
        ("Second", str(tmp_path / "b.md")),
        ("First", str(evil)),
    ]
    assert json.loads(out)["articles"] == articles
    assert json.loads(out)["skipped"] == [
        {"path": str(tmp_path / "bin.txt"), "reason": "binary file (not text)"}
    ]


def test_show_json_of_a_long_article_has_one_entity_a_line(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    story = "\n\n".join(
        f"Mira Okonjo flew from Berlin to Lisbon on Monday, day {i}, with Tomas Veld."
        for i in range(40)
    )
    (tmp_path / "long.txt").write_text(f"Forty days\n\n{story}\n\nThe end in Kessling.\n")
    code, out, _ = cli("show", str(tmp_path / "long.txt"), "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["entities"]) >= 40
    lines = [json.loads(line.strip().rstrip(",")) for line in out.splitlines() if '"label"' in line]
    assert lines == data["entities"]  # each entity is one whole line: grep finds it
    assert '\n  "paywall": {\n    "' in out  # a small object is still indented


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("total", "shown"), [(250, True), (10, False)])
def test_a_long_first_scan_shows_a_reading_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, total: int, shown: bool
) -> None:
    from reader.cli.progress import reading_bar

    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    with reading_bar() as progress:
        for done in range(total + 1):
            progress(done, total)
    text = err.getvalue()
    assert ("Reading" in text and f"{total}/{total}" in text) is shown
    assert shown or text == ""
