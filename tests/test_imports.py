"""`reader import`: each export format from a small fixture written in that format, the queue
in the store (resumable, retry), and bad input that loses nothing else."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from webserver import ARTICLE, Handler, Site

from reader.fetch import Settings
from reader.imports import FORMATS, ImportFormatError, detect, read_items
from reader.imports.run import Report, import_file
from reader.origin import split
from reader.store import Store

DATA = Path(__file__).resolve().parent / "data" / "imports"
FAST = Settings(host_delay=0.0)
CLI = Callable[..., tuple[int, str, str]]


def export(name: str, web: Site, tmp_path: Path) -> Path:
    """A fixture export with its URLs pointing at the local site."""
    out = tmp_path / name
    out.write_bytes((DATA / name).read_bytes().replace(b"{BASE}", web.base.encode()))
    return out


def omnivore_zip(web: Site, tmp_path: Path) -> Path:
    out = tmp_path / "omnivore-export.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for file in sorted((DATA / "omnivore").rglob("*")):
            if file.is_file():
                data = file.read_bytes().replace(b"{BASE}", web.base.encode())
                zf.writestr(file.relative_to(DATA / "omnivore").as_posix(), data)
    return out


def run(path: Path, **kw: object) -> tuple[Report, Store]:
    store = Store.open()
    kw.setdefault("settings", FAST)
    return import_file(path, store=store, entries=True, **kw), store  # type: ignore[arg-type]


def by_title(report: Report) -> dict[str, list[str]]:
    return {e.title: list(e.tags) for e in report.articles}


def reasons(report: Report) -> dict[str, str]:
    return {f["url"]: f["reason"] for f in report.failed}


def test_pocket_csv(web: Site, library: Path, tmp_path: Path) -> None:
    path = export("pocket.csv", web, tmp_path)
    assert detect(path) == "pocket-csv"
    report, store = run(path)
    tags = {e.url.removeprefix(web.base): list(e.tags) for e in report.articles}
    assert tags == {
        "/article.html?utm_source=pocket": ["books", "town"],
        "/teaser.html": [],
        "/notes.txt": ["notes"],
        "/notes.md": ["café"],  # that row is Windows-1252, not UTF-8: read all the same
    }
    why = reasons(report)
    assert why[web.url("/missing")].startswith("HTTP 404")
    assert "refused scheme 'javascript:'" in why["javascript:alert(1)"]
    assert "application/pdf" in why[web.url("/doc.pdf")]
    assert any("no URL" in r for r in why.values())
    assert report.skipped == [
        {
            "url": web.url("/article.html"),
            "title": "Same library again",
            "reason": "duplicate of entry 1",
        }
    ]
    teaser = next(e for e in report.articles if e.paywall.truncated)
    assert store.is_read(teaser.path)  # "archive" in Pocket: read
    unread = next(e for e in report.articles if e.tags == ("books", "town"))
    assert not store.is_read(unread.path)
    found = split(Path(unread.path).read_bytes())[1]
    assert found is not None and found.added == "2023-11-14T22:13:20Z" and found.via == "pocket-csv"
    assert report.counts == {"saved": 4, "failed": 4, "duplicate": 1}
    assert report.queued == []


def test_pocket_zip_of_csv_files_queues_without_fetching(
    web: Site, library: Path, tmp_path: Path
) -> None:
    path = tmp_path / "pocket.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "part_000000.csv",
            f"title,url,time_added,cursor,tags,status\n"
            f"One,{web.base}/article.html,1700000000,1,a|b,unread\n",
        )
        zf.writestr(
            "part_000001.csv",
            f"title,url,time_added,cursor,tags,status\n"
            f"Two,{web.base}/teaser.html,1700000001,2,,archive\n",
        )
    assert detect(path) == "pocket-csv"
    report, _ = run(path, fetch=False)
    assert report.queued == [
        {"url": web.url("/article.html"), "title": "One"},
        {"url": web.url("/teaser.html"), "title": "Two"},
    ]
    assert not web.hits


def test_pocket_ril_export_html(web: Site, library: Path, tmp_path: Path) -> None:
    path = export("ril_export.html", web, tmp_path)
    assert detect(path) == "pocket-html"
    items = list(read_items(path, "pocket-html"))
    assert [(i.title, i.tags, i.read) for i in items] == [
        ("Valley library reopens", ("town", "books"), False),
        ("Harbour notes", (), False),
        ("A teaser", ("paywall",), True),
    ]
    assert items[0].added == "2020-09-13T12:26:40Z"
    report, store = run(path)
    assert report.counts == {"saved": 3}
    (teaser,) = [e for e in report.articles if e.paywall.truncated]
    assert teaser.tags == ("paywall",) and store.is_read(teaser.path)


def test_instapaper_csv(web: Site, library: Path, tmp_path: Path) -> None:
    path = export("instapaper.csv", web, tmp_path)
    assert detect(path) == "instapaper"
    items = list(read_items(path, "instapaper"))
    assert [(i.title, i.tags, i.read) for i in items] == [
        ("Valley library reopens", ("town",), False),
        ("A teaser", (), True),
        ("Harbour notes", ("Travel",), False),  # a folder of one's own is a tag
    ]
    report, _ = run(path)
    assert report.counts == {"saved": 3} and report.failed == []


def test_wallabag_json_uses_its_content_without_fetching(
    web: Site, library: Path, tmp_path: Path
) -> None:
    path = export("wallabag.json", web, tmp_path)
    assert detect(path) == "wallabag"
    report, store = run(path)  # mill.example is never fetched: the network guard would fail
    mill = next(e for e in report.articles if e.title == "The mill that fed a valley")
    assert mill.tags == ("history", "local") and store.is_read(mill.path)
    assert mill.url == "https://mill.example/history/the-mill" and mill.words > 80
    assert web.hits == {"/article.html": 1}  # the entry without content was fetched
    fetched = next(e for e in report.articles if e.url == web.url("/article.html"))
    assert fetched.tags == ("starred",)
    assert "refused scheme 'data:'" in reasons(report)["data:text/html,<p>hi</p>"]


def test_omnivore_zip_uses_markdown_content_and_metadata(
    web: Site, library: Path, tmp_path: Path
) -> None:
    path = omnivore_zip(web, tmp_path)
    assert detect(path) == "omnivore"
    report, store = run(path)
    bridge = next(e for e in report.articles if e.title == "The bridge of boats")
    assert bridge.format == "markdown" and bridge.words > 80
    assert bridge.tags == ("history", "rivers") and store.is_read(bridge.path)
    assert bridge.url == "https://river.example/bridge-of-boats"
    assert web.hits == {"/article.html": 1}  # no content file: fetched
    assert report.counts == {"saved": 2}


def test_netscape_bookmarks(web: Site, library: Path, tmp_path: Path) -> None:
    path = export("bookmarks.html", web, tmp_path)
    assert detect(path) == "bookmarks"
    items = list(read_items(path, "bookmarks"))
    assert [(i.title, i.tags) for i in items] == [
        ("Valley library reopens", ("town", "libraries", "Reading")),
        ("Harbour notes", ("Reading",)),
        ("A bookmarklet", ()),
        ("A teaser & more", ()),
    ]
    assert items[0].added == "2022-04-15T05:20:00Z"
    report, _ = run(path)
    assert report.counts == {"saved": 3, "failed": 1}
    assert "refused scheme 'javascript:'" in reasons(report)["javascript:void(0)"]


def test_an_import_resumes_and_retries_failures(
    web: Site, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export("pocket.csv", web, tmp_path)
    import reader.imports.run as run_mod

    real = run_mod.read_items

    def stops_after_three(p: Path, fmt: str):  # type: ignore[no-untyped-def]
        for n, item in enumerate(real(p, fmt)):
            if n == 3:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(run_mod, "read_items", stops_after_three)
    with pytest.raises(KeyboardInterrupt):
        run(path)
    monkeypatch.setattr(run_mod, "read_items", real)
    first, _ = run(path, fetch=False)  # carries on queueing from row 4
    assert sum(first.counts.values()) == 9 and first.counts["pending"] == 6
    second, _ = run(path)
    assert second.counts == {"saved": 4, "failed": 4, "duplicate": 1}
    assert web.hits[web.url("/article.html").split(web.base)[1]] == 1  # nothing twice
    web.routes["/missing"] = lambda h: h.send(ARTICLE.replace(b"Valley", b"Hill"))
    third, _ = run(path, retry_failed=True)
    assert web.url("/missing") not in reasons(third)
    assert third.counts["saved"] == 5 and third.counts["failed"] == 3


def test_malformed_exports_keep_what_can_be_read(
    web: Site, library: Path, tmp_path: Path, cli: CLI
) -> None:
    broken = tmp_path / "wallabag.json"
    text = (DATA / "wallabag.json").read_text(encoding="utf-8")
    broken.write_text(text[: text.index('"id": 13')], encoding="utf-8")  # cut off mid-entry
    items = list(read_items(broken, "wallabag"))
    assert [i.title for i in items[:2]] == ["The mill that fed a valley", "Fetched later"]
    assert items[-1].error.startswith(("malformed JSON", "the JSON ends early"))
    no_url = tmp_path / "links.csv"
    no_url.write_text("title,link\nA,https://example.com/a\n", encoding="utf-8")
    code, _, err = cli("import", str(no_url), "--format", "pocket-csv")
    assert code == 1 and "no 'url' column (columns: title, link)" in err
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\n", encoding="utf-8")
    code, _, err = cli("import", str(other))
    assert code == 1 and "not an export" in err and "Traceback" not in err
    with pytest.raises(ImportFormatError):
        detect(tmp_path / "missing.csv")


def test_an_entry_that_is_not_an_object_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    good = {"url": "https://a.example/one", "title": "One", "content": "<p>Text.</p>"}
    second = {"url": "https://a.example/two", "title": "Two", "slug": "two"}
    wallabag = tmp_path / "wallabag.json"
    wallabag.write_text(json.dumps([good, "stray", second]), encoding="utf-8")
    items = list(read_items(wallabag, "wallabag"))
    assert [(i.title, i.error, i.where) for i in items] == [
        ("One", "", "entry 1"),
        ("", "not an object", "entry 2"),
        ("Two", "", "entry 3"),
    ]
    omnivore = tmp_path / "omnivore.zip"
    with zipfile.ZipFile(omnivore, "w") as zf:
        zf.writestr("metadata_0_to_3.json", json.dumps([good, 7, second]))
        zf.writestr("metadata_3_to_5.json", "[" + json.dumps(second) + ", {")
    items = list(read_items(omnivore, "omnivore"))
    assert [i.title or i.error for i in items[:4]] == ["One", "not an object", "Two", "Two"]
    assert items[1].where == "metadata_0_to_3.json entry 2"
    assert len(items) == 5 and items[-1].where == "metadata_3_to_5.json entry 5"
    assert items[-1].error.startswith(("malformed JSON", "the JSON ends early"))


def test_the_cli_accepts_every_format_the_importer_reads(
    library: Path, tmp_path: Path, cli: CLI
) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\n", encoding="utf-8")
    for fmt in FORMATS:
        code, _, err = cli("import", str(other), "--format", fmt, "--no-fetch", "--json")
        assert code in (0, 1) and "invalid choice" not in err and "Traceback" not in err, fmt
    with pytest.raises(SystemExit) as usage:
        cli("import", str(other), "--format", "delicious")
    assert usage.value.code == 2


def test_a_100000_row_export_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("title,url,time_added,cursor,tags,status\n")
        for i in range(100_000):
            f.write(f"Article {i},https://news.example/{i},1700000000,{i},a|b,unread\n")
    items = read_items(path, "pocket-csv")
    assert next(items).url == "https://news.example/0"
    # A reader that had loaded the file whole would not see rows added from now on.
    with path.open("a", encoding="utf-8") as f:
        f.write("Late,https://news.example/late,1700000000,0,,unread\n")
    rest = [i.url for i in items]
    assert len(rest) == 100_000 and rest[-1] == "https://news.example/late"


def test_cli_import_json(web: Site, library: Path, tmp_path: Path, cli: CLI) -> None:
    path = export("instapaper.csv", web, tmp_path)
    code, out, _ = cli("import", str(path), "--json", "--tag", "imported", "-q")
    assert code == 0
    data = json.loads(out)
    assert {"articles", "failed", "queued"} <= set(data)
    assert data["failed"] == [] and data["queued"] == []
    assert all("imported" in a["tags"] and a["url"].startswith(web.base) for a in data["articles"])
    code, out, _ = cli("import", str(path))  # again: nothing new, nothing fetched twice
    assert code == 0 and "saved 3" in out
    assert web.hits["/article.html"] == 1


def test_ctrl_c_stops_an_import_cleanly_and_a_rerun_finishes_it(
    web: Site, library: Path, tmp_path: Path, isolated_dirs: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    def slow(h: Handler) -> None:
        time.sleep(0.3)
        h.send(ARTICLE.replace(b"Valley", h.path.encode()))

    web.routes["/slow"] = slow
    rows = [
        f"R{i},{web.url(f'/slow?n={i}', host=f'127.0.0.{i % 5 + 1}')},1700000000,{i},,unread"
        for i in range(40)
    ]
    path = tmp_path / "pocket.csv"
    path.write_text("title,url,time_added,cursor,tags,status\n" + "\n".join(rows) + "\n")
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(isolated_dirs / "data"),
        "XDG_CONFIG_HOME": str(isolated_dirs / "config"),
    }
    cmd = [sys.executable, "-m", "reader", "import", str(path), "-q"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(list(library.glob("*.html"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert "Run the same command again to continue" in err.decode()
    saved = list(library.glob("*.html"))
    assert 3 <= len(saved) < 40
    assert not list(library.glob(".*"))  # no half-written file
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "saved 40" in done.stdout
    assert len(list(library.glob("*.html"))) == 40
    assert sum(web.hits.values()) < 40 + 8  # the first run's pages were not fetched again


def test_tags_survive_deleting_the_data_directory(
    web: Site, library: Path, tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export("instapaper.csv", web, tmp_path)
    code, _, _ = cli("import", str(path), "--tag", "imported", "-q")
    assert code == 0
    # The store is disposable: a fresh data directory still lists the tags the files carry.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh-data"))
    code, out, _ = cli("list", str(library), "--json")
    assert code == 0
    articles = json.loads(out)["articles"]
    assert articles and all("imported" in a["tags"] for a in articles)
