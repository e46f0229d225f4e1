"""Full-text search (reader.search, ``reader search``) and composable filters (``reader list``)."""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.library import scan_all
from reader.pipeline import load_article
from reader.search import match_spans, parse_query, search
from reader.store import Store, default_path

CLI = Callable[..., tuple[int, str, str]]

FILLER = (
    "The committee met again on Tuesday to go over the figures for the coming year, and "
    "members said they expected a long discussion before any vote could be taken. "
)
GATE = (
    "Keep reading for free!\n\nAlready a subscriber? Log in here.\n\n"
    "Subscribe now to get full access."
)


def write(folder: Path, name: str, title: str, body: str, front: str = "") -> Path:
    """A Markdown article with a title, optional front matter lines and a body."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    head = f"---\ntitle: {title}\n{front}---\n\n" if front or title else ""
    path.write_text(f"{head}# {title}\n\n{FILLER}\n\n{body}\n\n{FILLER}\n", encoding="utf-8")
    return path


def results(cli: CLI, query: str, *paths: Path | str) -> list[dict[str, object]]:
    code, out, err = cli("search", query, *map(str, paths), "--json")
    assert code == 0, err
    found: list[dict[str, object]] = json.loads(out)["results"]
    return found


def names(found: list[dict[str, object]]) -> list[str]:
    return [Path(str(r["path"])).name for r in found]


def test_phrase_matches_words_in_order_only(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "quoted.md", "Port news", "A remark came from the harbour master himself.")
    write(lib, "apart.md", "Other news", "The master plan for the harbour was set aside.")
    assert names(results(cli, '"harbour master"', lib)) == ["quoted.md"]
    # The same words without quotes: both pieces have both.
    assert sorted(names(results(cli, "harbour master", lib))) == ["apart.md", "quoted.md"]


def test_prefix_query_and_snippet_marks(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "a.md", "Ferries", "The electrification of the fleet began in spring.")
    write(lib, "b.md", "Buses", "Diesel buses stay on the road for now.")
    found = results(cli, "electri*", lib)
    assert names(found) == ["a.md"]
    snippet = str(found[0]["snippet"])
    (start, end), *_ = found[0]["matches"]  # type: ignore[misc]
    assert snippet[start:end] == "electrification"
    # Piped human output marks the match with plain characters, no escape codes.
    code, out, _ = cli("search", "electri*", str(lib))
    assert code == 0
    assert "«electrification»" in out and "\x1b" not in out


def test_non_english_text_with_and_without_diacritics(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "de.md", "Stadtrat", "Die Bürgermeisterin eröffnete die Sitzung im Rathaus.")
    write(lib, "fr.md", "Conseil", "Le café près de la gare a fermé ses portes.")
    write(lib, "ru.md", "Новости", "Городской совет утвердил новый бюджет.")
    write(lib, "el.md", "Ειδήσεις", "Το λιμάνι της πόλης άνοιξε ξανά.")
    assert names(results(cli, "Bürgermeisterin", lib)) == ["de.md"]
    assert names(results(cli, "burgermeisterin", lib)) == ["de.md"]
    assert names(results(cli, "cafe", lib)) == ["fr.md"]
    assert names(results(cli, "бюджет", lib)) == ["ru.md"]
    assert names(results(cli, "λιμάνι", lib)) == ["el.md"]
    # The highlight lands on the word as written, accents and all.
    found = results(cli, "eroffnete", lib)
    (start, end), *_ = found[0]["matches"]  # type: ignore[misc]
    assert str(found[0]["snippet"])[start:end] == "eröffnete"


def test_a_title_match_ranks_above_a_body_match(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    # Written first, so file order alone would put the body match first.
    write(lib, "a-body.md", "Budget talks resume", "Later the lighthouse keeper spoke briefly.")
    write(lib, "b-title.md", "Lighthouse reopens", "Visitors returned on Sunday afternoon.")
    for i in range(3):  # pieces without the word, as any library has
        write(lib, f"c{i}.md", f"Other news {i}", "Nothing to see.")
    found = results(cli, "lighthouse", lib)
    assert names(found) == ["b-title.md", "a-body.md"]
    assert float(found[0]["score"]) > float(found[1]["score"])  # type: ignore[arg-type]


def test_index_follows_edits_and_deletes(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    kept = write(lib, "kept.md", "Kept", "Nothing about boats here.")
    edited = write(lib, "edited.md", "Edited", "The old text spoke of walruses.")
    gone = write(lib, "gone.md", "Gone", "Seagulls circled the pier.")
    assert names(results(cli, "walruses", lib)) == ["edited.md"]
    assert names(results(cli, "seagulls", lib)) == ["gone.md"]

    edited.write_text("# Edited\n\nThe new text speaks of penguins instead.\n", encoding="utf-8")
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 10**9))
    gone.unlink()
    assert results(cli, "walruses", lib) == []
    assert names(results(cli, "penguins", lib)) == ["edited.md"]
    assert results(cli, "seagulls", lib) == []
    # The deleted file left the index itself, not just this scan's results.
    store = Store.open()
    assert str(gone) not in store.search.versions()
    assert str(kept.resolve()) in store.search.versions()
    assert search(store, "seagulls") == []


def test_search_finds_nothing_gone_even_without_a_scan(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    doomed = write(lib, "doomed.md", "Doomed", "Albatrosses nest on the cliffs.")
    store = Store.open(tmp_path / "db.sqlite3")
    scan_all([lib], store=store)
    assert [h.title for h in search(store, "albatrosses")] == ["Doomed"]
    doomed.unlink()
    assert search(store, "albatrosses") == []
    assert store.search.count() == 0


def test_damaged_search_index_is_rebuilt_with_a_warning(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "a.md", "Storm", "The breakwater held through the night.")
    assert names(results(cli, "breakwater", lib)) == ["a.md"]
    index_file = default_path().with_name("search.sqlite3")
    assert index_file.exists()
    Store.open().close()
    for suffix in ("-wal", "-shm"):
        index_file.with_name(index_file.name + suffix).unlink(missing_ok=True)
    index_file.write_bytes(b"this is not a database at all" * 200)

    code, out, err = cli("search", "breakwater", str(lib), "--json")
    assert code == 0
    assert "search index" in err and "damaged" in err
    assert names(json.loads(out)["results"]) == ["a.md"]  # rebuilt from the files
    code, out, err = cli("search", "breakwater", str(lib), "--json")
    assert "damaged" not in err
    assert names(json.loads(out)["results"]) == ["a.md"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed phrase',
        "(breakwater",
        "breakwater)",
        "NEAR(breakwater night)",
        "breakwater NEAR night",
        "*",
        "-breakwater",
        "breakwater -night",
        "title:breakwater",
        "^breakwater",
        "breakwater AND OR NOT",
        "break*water*",
        "'; DROP TABLE docs; --",
        "{title body}: x",
        "\x1b[31mbreakwater",
    ],
)
def test_hostile_queries_never_break_the_search(cli: CLI, tmp_path: Path, query: str) -> None:
    lib = tmp_path / "lib"
    write(lib, "a.md", "Storm", "The breakwater held through the night.")
    # After "--", as a shell user types a query that starts with "-".
    code, out, err = cli("search", "--json", "--", query, str(lib))
    assert code == 0, err
    json.loads(out)
    code, out, err = cli("search", "--", query, str(lib))
    assert code == 0 and "Traceback" not in err
    assert "\x1b" not in out


def test_operators_are_plain_words(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "near.md", "Near misses", "Two boats came near each other in the fog.")
    write(lib, "far.md", "Far away", "The fog lifted by noon.")
    assert names(results(cli, "near fog", lib)) == ["near.md"]
    # "-" is no negation: "fog -near" asks for both words.
    assert names(results(cli, "fog -near", lib)) == ["near.md"]


def test_hostile_article_text_is_made_safe_in_human_output(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "evil.txt").write_text(
        "Evil \x1b]0;owned\x07 title\n\nThe [bold]kraken[/bold] \u202eawoke\u202c at dawn.\n",
        encoding="utf-8",
    )
    code, out, _ = cli("search", "kraken", str(lib))
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "[bold]«kraken»[/bold]" in out  # shown as written, never parsed as markup


def test_match_spans_index_the_article_body(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "Tide", "High tide, then Tide tables; and tidal flats.")
    body = load_article(path).body
    spans = match_spans(body, parse_query("tide"))
    assert [body[s:e] for s, e in spans] == ["tide", "Tide"]
    assert [body[s:e] for s, e in match_spans(body, "tid*")] == ["tide", "Tide", "tidal"]


def test_search_without_paths_uses_the_library_folder(cli: CLI, library: Path) -> None:
    write(library, "x.md", "Mooring", "Fresh ropes for every mooring.")
    assert names(results(cli, "ropes")) == ["x.md"]


# --- filters ---------------------------------------------------------------------------------


def listed(cli: CLI, *args: str) -> list[str]:
    code, out, err = cli("list", *args, "--json")
    assert code == 0, err
    return sorted(Path(a["path"]).name for a in json.loads(out)["articles"])


def test_list_filters_compose(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(
        lib,
        "a.md",
        "Alpha",
        "Port Avery council met.",
        "source: The Coastal Ledger\ndate: 2025-03-14\n",
    )
    write(
        lib,
        "b.md",
        "Bravo",
        f"Port Avery ferries.\n\n{GATE}",
        "source: The Coastal Ledger\ndate: 2024-01-02\n",
    )
    write(
        lib,
        "c.md",
        "Charlie",
        f"Kessling ferries.\n\n{GATE}",
        "source: Daily Planet\ndate: 2025-06-01\n",
    )
    write(lib, "d.md", "Delta", "Port Avery weather.", "source: Daily Planet\ndate: 2025-07-01\n")
    # The premise: b and c are excerpts.
    code, out, _ = cli("list", str(lib), "--json")
    truncated = {
        Path(a["path"]).name for a in json.loads(out)["articles"] if a["paywall"]["truncated"]
    }
    assert truncated == {"b.md", "c.md"}
    store = Store.open()
    store.set_read(str(lib / "a.md"), True)
    store.add_tags(os.path.realpath(lib / "a.md"), ["harbour"])
    store.add_tags(os.path.realpath(lib / "b.md"), ["harbour", "ferry"])
    store.add_tags(os.path.realpath(lib / "d.md"), ["harbour"])
    store.close()

    d = str(lib)
    assert listed(cli, d, "--unread") == ["b.md", "c.md", "d.md"]
    assert listed(cli, d, "--excerpt-only") == ["b.md", "c.md"]
    assert listed(cli, d, "--tag", "harbour") == ["a.md", "b.md", "d.md"]
    assert listed(cli, d, "--tag", "harbour", "--tag", "#Ferry") == ["b.md"]
    assert listed(cli, d, "--source", "coastal") == ["a.md", "b.md"]
    assert listed(cli, d, "--source", "coastal", "--source", "planet") == [
        "a.md",
        "b.md",
        "c.md",
        "d.md",
    ]
    assert listed(cli, d, "--mentions", "Port Avery") == ["a.md", "b.md", "d.md"]
    assert listed(cli, d, "--mentions", "avery port") == []  # a name is a phrase
    assert listed(cli, d, "--since", "2025-03") == ["a.md", "c.md", "d.md"]
    assert listed(cli, d, "--unread", "--mentions", "Port Avery", "--tag", "harbour") == [
        "b.md",
        "d.md",
    ]
    assert listed(cli, d, "--unread", "--excerpt-only", "--since", "2025") == ["c.md"]
    assert listed(
        cli, d, "--mentions", "Port Avery", "--source", "planet", "--since", "2025-07-01"
    ) == ["d.md"]
    # Search takes the same filters.
    found = results(cli, "ferries", lib)
    assert sorted(names(found)) == ["b.md", "c.md"]
    code, out, err = cli("search", "ferries", d, "--source", "planet", "--json")
    assert code == 0, err
    assert names(json.loads(out)["results"]) == ["c.md"]


def test_a_bad_date_is_a_usage_error(cli: CLI, tmp_path: Path) -> None:
    write(tmp_path / "lib", "a.md", "A", "Text.")
    with pytest.raises(SystemExit) as exc:
        cli("list", str(tmp_path / "lib"), "--since", "last tuesday")
    assert exc.value.code == 2


def test_filter_spec_parts_are_each_removable() -> None:
    from datetime import date

    from reader.filters import FilterSpec

    spec = FilterSpec(
        unread=True, tags=("a", "b"), mentions=("Port Avery",), since=date(2025, 1, 1)
    )
    labels = [p.label for p in spec.parts()]
    assert labels == ["unread", "#a", "#b", "mentions: Port Avery", "since 2025-01-01"]
    without_b = spec.parts()[2].without
    assert without_b.tags == ("a",) and without_b.unread and without_b.since == date(2025, 1, 1)
    empty = spec
    for _ in labels:
        empty = empty.parts()[0].without
    assert not empty and empty == FilterSpec()


def test_a_query_matching_too_much_to_rank_still_puts_title_matches_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.search_index import Doc, SearchIndex

    monkeypatch.setattr(SearchIndex, "BROAD_MIN", 4)
    monkeypatch.setattr(SearchIndex, "BROAD_MATCHES", 3)
    index = Store.memory().search
    docs = [
        Doc(f"/lib/{i}.md", 1, 1, f"Story {i}", "Wire", (), "", f"The tide came in. {FILLER}")
        for i in range(8)
    ]
    docs[6] = Doc("/lib/6.md", 1, 1, "Tide tables", "Wire", (), "", FILLER)
    index.put(docs)
    within = {d.path: d.path for d in docs}
    hits = search(index, "tide", within=within, limit=5)
    assert [h.path for h in hits][:1] == ["/lib/6.md"]
    assert len(hits) == 5 and len({h.path for h in hits}) == 5
    # Below the limits the same query is ranked by bm25, the title match first too.
    monkeypatch.setattr(SearchIndex, "BROAD_MATCHES", 100)
    assert [h.path for h in search(index, "tide", within=within, limit=5)][:1] == ["/lib/6.md"]


ZH = "市议会今天批准了新的港口预算，渡轮服务将在春季恢复。"
JA = "東京都の港湾局は、新しいフェリーの運航を発表しました。"
KO = "서울특별시의회는 새 예산을 승인했습니다."


def test_cjk_words_inside_longer_runs_are_found(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "zh.md", "港口新闻", ZH)
    write(lib, "ja.md", "港のニュース", JA)
    write(lib, "ko.md", "서울 소식", KO)
    # Words in the middle of a sentence written without spaces, two or more characters long.
    assert names(results(cli, "预算", lib)) == ["zh.md"]
    assert names(results(cli, "市议会", lib)) == ["zh.md"]
    assert names(results(cli, "フェリー", lib)) == ["ja.md"]
    assert names(results(cli, "運航", lib)) == ["ja.md"]
    assert names(results(cli, "예산", lib)) == ["ko.md"]  # "예산을": the word and its particle
    # One character finds every piece that has it, at a run's start, middle or end.
    assert sorted(names(results(cli, "港", lib))) == ["ja.md", "zh.md"]
    assert names(results(cli, "复", lib)) == ["zh.md"]
    # The characters must stand together and in order.
    assert results(cli, "算预", lib) == []
    assert names(results(cli, '"渡轮服务"', lib)) == ["zh.md"]
    assert results(cli, '"渡轮春季"', lib) == []
    assert names(results(cli, "渡轮 春季", lib)) == ["zh.md"]
    # The snippet marks exactly the word asked for.
    (found,) = results(cli, "预算", lib)
    assert [str(found["snippet"])[s:e] for s, e in found["matches"]] == ["预算"]  # type: ignore[attr-defined]
    (found,) = results(cli, "复", lib)
    assert [str(found["snippet"])[s:e] for s, e in found["matches"]] == ["复"]  # type: ignore[attr-defined]
    code, out, _ = cli("search", "港口", str(lib))
    assert code == 0 and "«港口»新闻" in out and "新的«港口»预算" in out


def test_latin_phrases_prefixes_and_accents_beside_cjk(cli: CLI, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(
        lib,
        "mixed.md",
        "Harbour",
        "苹果发布了新的iPhone手机。The harbour master said the café reopened.",
    )
    write(lib, "plain.md", "Plain", "The master plan for the harbour was set aside.")
    assert names(results(cli, "iphone", lib)) == ["mixed.md"]
    assert names(results(cli, "手机", lib)) == ["mixed.md"]
    assert names(results(cli, "发布", lib)) == ["mixed.md"]
    assert names(results(cli, '"harbour master"', lib)) == ["mixed.md"]
    assert sorted(names(results(cli, "harb*", lib))) == ["mixed.md", "plain.md"]
    assert names(results(cli, "cafe", lib)) == ["mixed.md"]
    (found,) = results(cli, "iphone", lib)
    assert [str(found["snippet"])[s:e] for s, e in found["matches"]] == ["iPhone"]  # type: ignore[attr-defined]


def test_match_spans_in_cjk_text() -> None:
    text = "中华人民共和国的人民代表。人们"
    assert [text[s:e] for s, e in match_spans(text, "人民")] == ["人民", "人民"]
    assert [text[s:e] for s, e in match_spans(text, "人")] == ["人", "人", "人"]
    assert [text[s:e] for s, e in match_spans(text, "共和国")] == ["共和国"]
    assert match_spans(text, "民人") == []
    # As in Latin text (and in the index), punctuation between a phrase's words is no barrier.
    assert [text[s:e] for s, e in match_spans(text, '"代表 人们"')] == ["代表。人们"]
    mixed = "新的iPhone手机"
    assert [mixed[s:e] for s, e in match_spans(mixed, "iphone 手机")] == ["iPhone", "手机"]


def test_an_index_of_an_older_layout_is_rebuilt(cli: CLI, tmp_path: Path) -> None:
    """An index file written before CJK bigrams (version 2) looks current to the scan (same
    files, same sizes and times) but holds CJK runs whole: it must be started again."""
    import sqlite3

    lib = tmp_path / "lib"
    path = write(lib, "zh.md", "新闻", ZH).resolve()
    index_file = default_path().with_name("search.sqlite3")
    index_file.parent.mkdir(parents=True, exist_ok=True)
    st = path.stat()
    conn = sqlite3.connect(index_file)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('version', '2');"
        "CREATE TABLE docs (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER,"
        " mtime_ns INTEGER, title TEXT, source TEXT, tags TEXT, date TEXT, body BLOB);"
        "CREATE VIRTUAL TABLE fts USING fts5(title, source, tags, body, content='',"
        " prefix='2 3', tokenize=\"unicode61 remove_diacritics 2 categories 'L* N*'\");"
    )
    body = load_article(path).body
    conn.execute(
        "INSERT INTO docs VALUES (1, ?, ?, ?, '新闻', '', '', '', ?)",
        (str(path), st.st_size, st.st_mtime_ns, zlib.compress(body.encode())),
    )
    conn.execute("INSERT INTO fts (rowid, title, body) VALUES (1, '新闻', ?)", (body,))
    conn.commit()
    conn.close()

    code, out, err = cli("search", "预算", str(lib), "--json")
    assert code == 0 and "damaged" not in err
    assert names(json.loads(out)["results"]) == ["zh.md"]
    assert names(results(cli, "新闻", lib)) == ["zh.md"]


def test_a_tidied_index_still_follows_edits_and_deletes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After a scan that wrote many files the index is merged (SearchIndex.tidy); what it
    answers, and how it follows later edits and deletes, stays the same."""
    from reader.search_index import SearchIndex

    monkeypatch.setattr(SearchIndex, "TIDY_MIN", 5)
    lib = tmp_path / "lib"
    for i in range(8):
        write(lib, f"n{i}.md", f"Note {i}", f"Entry {i} of the logbook mentions gannets.")
    edited = write(lib, "edited.md", "Edited", "The old text spoke of walruses and 港口预算.")
    store = Store.open(tmp_path / "db.sqlite3")
    scan_all([lib], store=store)
    assert not store.search.tidy()  # the scan tidied already: nothing written since
    assert len(search(store, "gannets")) == 8
    assert [h.title for h in search(store, "预算")] == ["Edited"]

    edited.write_text("# Edited\n\nThe new text speaks of penguins.\n", encoding="utf-8")
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 10**9))
    (lib / "n0.md").unlink()
    scan_all([lib], store=store)
    assert search(store, "walruses") == [] and search(store, "预算") == []
    assert [h.title for h in search(store, "penguins")] == ["Edited"]
    assert len(search(store, "gannets")) == 7
    assert store.search.count() == 8


def test_search_within_a_few_files_finds_them_below_better_matches() -> None:
    from reader.search_index import Doc

    index = Store.memory().search
    docs = [
        Doc(f"/lib/{i}.md", 1, 1, f"Tide story {i}", "Wire", (), "", f"The tide rose. {FILLER}")
        for i in range(30)
    ]
    docs.append(Doc("/lib/weak.md", 1, 1, "Harbour notes", "Wire", (), "", f"{FILLER} tide"))
    index.put(docs)
    best = search(index, "tide", within={d.path: d.path for d in docs}, limit=1)
    assert [h.path for h in best] != ["/lib/weak.md"]
    # Searched within one file that thirty better matches outrank: still found, shown as named.
    hits = search(index, "tide", within={"/lib/weak.md": "lib/weak.md"}, limit=1)
    assert [h.path for h in hits] == ["lib/weak.md"]
