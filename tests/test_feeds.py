"""Feeds: RSS 2.0, RDF, Atom and JSON Feed written here, served from 127.0.0.1; items become
library articles, teasers are excerpts, updates are conditional, bad feeds fail alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from pathlib import Path

import pytest
from feedfiles import FAST, SENTENCE, body, rss
from webserver import ARTICLE, Handler, Site

from reader.feeds import (
    TEASER_REASON,
    FeedError,
    feed_rows,
    fetch_full_pages,
    mark_feed_read,
    parse_feed,
    subscribe,
    update_feeds,
)
from reader.feeds import subscriptions as subs_mod
from reader.feeds import update as update_mod
from reader.feeds.newsboat import read_urls
from reader.feeds.opml import read_opml, write_opml
from reader.pipeline import load_article
from reader.store import Store


def full_items(n: int, base: str = "http://harbour.example") -> list[dict[str, str]]:
    return [
        {
            "title": f"Pier report {i}",
            "link": f"{base}/pier-{i}",
            "guid": f"pier-{i}",
            "pubDate": "Tue, 01 Dec 2026 10:00:00 GMT",
            "description": f"Short summary {i}.",
            "content": body(i),
        }
        for i in range(n)
    ]


def teaser_items(n: int, link: str = "http://harbour.example/story") -> list[dict[str, str]]:
    return [
        {
            "title": f"Ferry teaser {i}",
            "link": f"{link}?n={i}" if "?" not in link else link,
            "guid": f"teaser-{i}",
            "description": f"<p>{SENTENCE} [&#8230;]</p>",
        }
        for i in range(n)
    ]


def rdf(n: int) -> bytes:
    items = "".join(
        f'<item rdf:about="http://harbour.example/rdf-{i}"><title>RDF story {i}</title>'
        f"<link>http://harbour.example/rdf-{i}</link>"
        f"<content:encoded><![CDATA[{body(i)}]]></content:encoded></item>"
        for i in range(n)
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        '<channel rdf:about="http://harbour.example/"><title>RDF Harbour</title>'
        "<link>http://harbour.example/</link><description>d</description></channel>"
        f"{items}</rdf:RDF>"
    ).encode()


def atom(n: int) -> bytes:
    entries = "".join(
        f"<entry><title>Atom story {i}</title><id>urn:atom:{i}</id>"
        f'<link rel="alternate" href="/atom-{i}"/><updated>2026-12-01T10:00:00Z</updated>'
        f"<author><name>Ada Quay</name></author>"
        f'<content type="html">{escape(body(i))}</content></entry>'
        for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Harbour</title><id>urn:atom</id><updated>2026-12-01T10:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def json_feed(n: int, teaser: bool = False) -> bytes:
    items = []
    for i in range(n):
        item: dict[str, object] = {
            "id": f"json-{i}",
            "url": f"/json-{i}",
            "title": f"JSON story {i}",
            "date_published": "2026-12-01T10:00:00+01:00",
            "authors": [{"name": "Jo Dock"}],
        }
        if teaser:
            item["summary"] = f"{SENTENCE} Read more"
        else:
            item["content_html"] = body(i)
        items.append(item)
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Harbour", "items": items}
    ).encode()


def serve(
    web: Site, path: str, data: bytes | Callable[[], bytes], ctype: str, etag: str = ""
) -> None:
    """Serve ``data`` at ``path``; with ``etag``, answer 304 to a matching If-None-Match."""

    def route(h: Handler) -> None:
        if etag and h.headers.get("If-None-Match") == etag:
            h.send(b"", 304, "", ETag=etag)
            return
        payload = data() if callable(data) else data
        extra = {"ETag": etag} if etag else {}
        h.send(payload, ctype=ctype, **extra)

    web.routes[path] = route


def articles(folder: Path) -> dict[str, object]:
    from reader.cli import main

    return {"folder": folder, "main": main}


def listing(cli: Callable[..., tuple[int, str, str]], folder: Path) -> list[dict[str, object]]:
    code, out, _ = cli("list", str(folder), "--json")
    assert code == 0
    return sorted(json.loads(out)["articles"], key=lambda a: str(a["title"]))


FORMATS = {
    "rss20": (lambda: rss(full_items(3)), "application/rss+xml", "Harbour Times", "Pier report"),
    "rdf": (lambda: rdf(3), "application/rdf+xml", "RDF Harbour", "RDF story"),
    "atom": (lambda: atom(3), "application/atom+xml", "Atom Harbour", "Atom story"),
    "json": (lambda: json_feed(3), "application/feed+json", "JSON Harbour", "JSON story"),
}


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_format_full_content_items_become_complete_articles(
    name: str, web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    make, ctype, feed_title, item_title = FORMATS[name]
    serve(web, f"/{name}.xml", make(), ctype)
    done = subscribe(web.url(f"/{name}.xml"), tags=["harbour"], settings=FAST)
    assert done.added and len(done.result.new) == 3 and done.result.teasers == 0
    rows = listing(cli, library)
    assert [r["title"] for r in rows] == [f"{item_title} {i}" for i in range(3)]
    for row in rows:
        assert row["source"] == feed_title
        assert row["paywall"]["truncated"] is False  # type: ignore[index]
        assert row["words"] > 200  # type: ignore[operator]
        assert row["url"].startswith("http")  # type: ignore[attr-defined]
        assert row["tags"] == ["harbour"]


@pytest.mark.parametrize("teaser", ["rss", "json", "atom-summary", "no-text"])
def test_a_teaser_item_is_excerpt_only_with_the_feed_reason(
    teaser: str, web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    if teaser == "rss":
        data, ctype = rss(teaser_items(2)), "application/rss+xml"
    elif teaser == "json":
        data, ctype = json_feed(2, teaser=True), "application/feed+json"
    elif teaser == "atom-summary":  # a description and no full content, ending normally
        data = atom(0).replace(
            b"</feed>",
            b"".join(
                f"<entry><title>Summary {i}</title><id>s{i}</id><link href='/s{i}'/>"
                f"<summary>{SENTENCE}</summary></entry>".encode()
                for i in range(2)
            )
            + b"</feed>",
        )
        ctype = "application/atom+xml"
    else:
        data = rss([{"title": f"Bare {i}", "link": f"http://h.example/{i}"} for i in range(2)])
        ctype = "application/rss+xml"
    serve(web, "/teasers.xml", data, ctype)
    done = subscribe(web.url("/teasers.xml"), settings=FAST)
    assert done.result.teasers == 2
    for path in done.result.new:
        code, out, _ = cli("show", path, "--json")
        if teaser == "no-text":  # nothing to read: listed as skipped, fetchable with `fetch`
            assert code == 1
            continue
        shown = json.loads(out)
        assert shown["paywall"]["truncated"] is True
        assert shown["paywall"]["reasons"][0].startswith(TEASER_REASON)
        code, out, _ = cli("summary", path, "--json")
        assert json.loads(out)["excerpt_only"] is True


def test_update_adds_only_new_items_and_keeps_those_that_left_the_feed(
    web: Site, library: Path
) -> None:
    current = {"items": full_items(3)}
    serve(web, "/moving.xml", lambda: rss(current["items"]), "application/rss+xml")
    first = subscribe(web.url("/moving.xml"), settings=FAST)
    assert len(first.result.new) == 3
    current["items"] = full_items(5)[2:]  # 0 and 1 leave, 3 and 4 arrive
    (result,) = update_feeds(settings=FAST)
    assert result.status == "updated" and len(result.new) == 2
    assert {load_article(p).title for p in result.new} == {"Pier report 3", "Pier report 4"}
    assert all(Path(p).is_file() for p in first.result.new)  # the items that left stay
    (again,) = update_feeds(settings=FAST)
    assert again.status == "unchanged" and again.new == ()
    rows = feed_rows(Store.open())
    assert rows[0].items == 5 and rows[0].unread == 5


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per feed document the update parses (it should skip what has not changed)."""
    calls: list[str] = []
    real = update_mod.parse_feed

    def counted(*args: object, **kw: object) -> object:
        calls.append("parse")
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(update_mod, "parse_feed", counted)
    return calls


def test_a_304_answer_costs_no_parse(web: Site, library: Path, parses: list[str]) -> None:
    serve(web, "/etag.xml", rss(full_items(2)), "application/rss+xml", etag='"v1"')
    subscribe(web.url("/etag.xml"), settings=FAST)
    parses.clear()  # subscribing parses once; the updates are counted
    (result,) = update_feeds(settings=FAST)
    assert result.status == "not modified" and parses == []
    assert web.hits["/etag.xml"] == 2
    row = feed_rows(Store.open())[0]
    assert row.error == "" and row.updated


def test_nothing_new_costs_no_parse_even_without_validators(
    web: Site, library: Path, parses: list[str]
) -> None:
    count = {"n": 2, "build": 0}

    def document() -> bytes:
        count["build"] += 1  # a new build date each time: the bytes always differ
        stamp = f"<lastBuildDate>build {count['build']}</lastBuildDate>".encode()
        return rss(full_items(count["n"])).replace(b"<description>", stamp + b"<description>", 1)

    serve(web, "/noetag.xml", document, "application/rss+xml")
    subscribe(web.url("/noetag.xml"), settings=FAST)
    parses.clear()  # subscribing parses once; the updates are counted
    (same,) = update_feeds(settings=FAST)
    assert same.status == "unchanged" and parses == []
    count["n"] = 3
    (more,) = update_feeds(settings=FAST)
    assert more.status == "updated" and len(more.new) == 1 and parses == ["parse"]


def test_a_broken_feed_fails_alone_with_its_reason(
    web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    serve(web, "/good.xml", rss(full_items(2)), "application/rss+xml")
    cut = rss(full_items(2)).split(b"</item>")[0] + b"</item><item><title>Cut o"
    serve(web, "/broken.xml", cut, "application/rss+xml")
    serve(web, "/notxml.xml", b"\x00\x01 this is { not xml", "application/xml")
    serve(web, "/page.xml", ARTICLE, "text/html")
    web.routes["/loop.xml"] = lambda h: h.send(b"", 302, "", Location="/loop2.xml")
    web.routes["/loop2.xml"] = lambda h: h.send(b"", 302, "", Location="/loop.xml")
    subscribe(web.url("/good.xml"), settings=FAST)
    from reader.feeds.model import Subscription

    with subs_mod.editing() as subs:
        for name in ("broken", "notxml", "page", "loop"):
            subs.append(Subscription(url=web.url(f"/{name}.xml"), folder=name))
    serve(web, "/good.xml", rss(full_items(3)), "application/rss+xml")
    results = {r.url.rsplit("/", 1)[-1]: r for r in update_feeds(settings=FAST)}
    assert results["good.xml"].status == "updated" and len(results["good.xml"].new) == 1
    assert results["notxml.xml"].status == "failed"
    assert "invalid XML" in results["notxml.xml"].error
    assert "HTML page, not a feed" in results["page.xml"].error
    assert "redirect loop" in results["loop.xml"].error
    # A document cut short is read leniently as far as it goes, and says so.
    assert results["broken.xml"].status == "updated"
    assert [load_article(p).title for p in results["broken.xml"].new] == ["Pier report 0"]
    assert any("not well-formed" in n for n in results["broken.xml"].notes)
    _, out, _ = cli("feed", "list", "--json")
    feeds = {f["url"].rsplit("/", 1)[-1]: f for f in json.loads(out)["feeds"]}
    assert set(feeds["good.xml"]) >= {"url", "title", "items", "unread", "updated", "error"}
    assert feeds["good.xml"]["items"] == 3 and feeds["good.xml"]["error"] is None
    assert "redirect loop" in feeds["loop.xml"]["error"]


def test_hostile_and_odd_items(web: Site, library: Path) -> None:
    nasty = (
        "<p>Visible text of the article goes here and it is long enough to be prose.</p>"
        "<script>alert('run')</script><style>p{color:red}</style>"
        '<p onclick="steal()">Second paragraph with <a href="/rel/link">a relative link</a>'
        ' and <a href="javascript:alert(1)">a bad link</a>.</p>' + body(1)
    )
    items = [
        {"title": "Hostile", "link": "/relative-item", "guid": "same", "content": nasty},
        {
            "title": "Same GUID",
            "link": "http://h.example/other",
            "guid": "same",
            "content": body(2),
        },
        {"guid": "no-title-no-link", "content": body(3)},
    ]
    serve(web, "/odd.xml", rss(items), "application/rss+xml")
    done = subscribe(web.url("/odd.xml"), settings=FAST)
    assert len(done.result.new) == 3  # a repeated GUID does not hide the second item
    assert any("GUID" in n for n in done.result.notes)
    texts = {Path(p).read_text(encoding="utf-8") for p in done.result.new}
    joined = "\n".join(texts)
    assert "<script" not in joined and "alert('run')" not in joined and "onclick" not in joined
    assert "javascript:" not in joined and "color:red" not in joined
    assert web.url("/rel/link") in joined  # relative links made absolute
    arts = {load_article(p).title: load_article(p) for p in done.result.new}
    assert arts["Hostile"].url == web.url("/relative-item")
    assert "alert" not in arts["Hostile"].body
    untitled = [a for t, a in arts.items() if t not in ("Hostile", "Same GUID")]
    assert untitled and untitled[0].title.startswith("The harbour council met")


def test_wrong_and_missing_encodings_are_read(web: Site, library: Path) -> None:
    text = rss(
        [
            {
                "title": "Café crème",
                "guid": "c",
                "link": "http://h.example/c",
                "content": "<p>Le café crème coûte deux euros à la gare, dit le patron.</p>",
            }
        ]
    )
    latin = text.decode().replace('encoding="utf-8"', 'encoding="iso-8859-1"').encode("latin-1")
    wrong = text.decode().encode("latin-1")  # declared utf-8, really latin-1
    parsed = parse_feed(latin, "http://h.example/f", "application/rss+xml")
    assert parsed.items[0].title == "Café crème"
    mislabelled = parse_feed(wrong, "http://h.example/f", "application/rss+xml", "utf-8")
    assert mislabelled.items and "Caf" in mislabelled.items[0].title
    bare = parse_feed(text.replace(b' encoding="utf-8"', b""), "http://h.example/f")
    assert bare.items[0].title == "Café crème"


def test_a_feed_of_10000_items_is_read_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    items = "".join(f"<item><title>t{i}</title><guid>g{i}</guid></item>" for i in range(10_000))
    data = f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()
    parsed = parse_feed(data, "http://h.example/big", "application/rss+xml")
    assert len(parsed.items) == 1000
    assert any("10000 items" in n for n in parsed.notes)


def test_not_feeds_are_named() -> None:
    for data, words in [
        (b"", "empty"),
        (ARTICLE, "HTML page"),
        (b'{"hello": 1}', "jsonfeed.org"),
        (b"<notafeed><x/></notafeed>", "not a feed"),
    ]:
        with pytest.raises(FeedError) as caught:
            parse_feed(data, "http://h.example/f")
        assert words in caught.value.reason


def test_a_page_that_links_its_feed_is_discovered(web: Site, library: Path) -> None:
    serve(web, "/blog/feed.atom", atom(2), "application/atom+xml")
    page = (
        b"<html><head><title>Blog</title>"
        b'<link rel="alternate" type="application/atom+xml" href="feed.atom">'
        b"</head><body><p>Hello</p></body></html>"
    )
    serve(web, "/blog/", page, "text/html")
    done = subscribe(web.url("/blog/"), settings=FAST)
    assert done.subscription.url == web.url("/blog/feed.atom")
    assert len(done.result.new) == 2
    serve(web, "/nofeed.html", ARTICLE, "text/html")
    with pytest.raises(FeedError, match="links no feed"):
        subscribe(web.url("/nofeed.html"), settings=FAST)


def test_opml_round_trip_and_newsboat_urls(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>'
        '<outline text="News"><outline text="Harbour &amp; Co" type="rss" '
        'xmlUrl="http://h.example/feed" htmlUrl="http://h.example/"/>'
        '<outline text="Tech"><outline title="Dock blog" xmlUrl="http://d.example/atom" '
        'category="/boats,ferries"/></outline></outline>'
        '<outline text="Loose" xmlUrl="https://l.example/rss"/></body></opml>',
        encoding="utf-8",
    )
    code, out, _ = cli("feed", "import", str(opml), "--json")
    assert code == 0 and len(json.loads(out)["added"]) == 3
    code, exported, _ = cli("feed", "export")
    subs, _ = read_opml(exported.encode())
    got = {(s.url, s.title, s.tags) for s in subs}
    assert got == {
        ("http://h.example/feed", "Harbour & Co", ("News",)),
        ("http://d.example/atom", "Dock blog", ("News", "Tech", "boats", "ferries")),
        ("https://l.example/rss", "Loose", ()),
    }
    again, _ = read_opml(write_opml(subs).encode())
    assert again == subs  # reader's own export reads back the same, folders included
    code, out, _ = cli("feed", "import", str(opml), "--json")
    assert json.loads(out)["already"] == 3

    urls = tmp_path / "urls"
    urls.write_text(
        "# my feeds\n"
        'http://n.example/rss news "~Night Desk" "two words"\n'
        'query:Unread:unread = "yes"\n'
        "https://m.example/atom.xml\n",
        encoding="utf-8",
    )
    found, notes = read_urls(urls.read_text(encoding="utf-8"))
    assert [(s.url, s.title, s.tags) for s in found] == [
        ("http://n.example/rss", "Night Desk", ("news", "two words")),
        ("https://m.example/atom.xml", "", ()),
    ]
    assert notes and "query" in notes[0]


def test_fetch_replaces_a_teaser_with_the_full_page_or_keeps_the_paywall_verdict(
    web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    items = [
        *teaser_items(1, web.url("/article.html")),
        {
            "title": "Gated",
            "link": web.url("/teaser.html"),
            "guid": "gated",
            "description": f"{SENTENCE} Continue reading",
        },
    ]
    serve(web, "/short.xml", rss(items), "application/rss+xml")
    done = subscribe(web.url("/short.xml"), settings=FAST)
    assert done.result.teasers == 2
    results = fetch_full_pages(done.result.new, settings=FAST)
    full = next(r for r in results if Path(r.path).name.startswith("ferry-teaser"))
    gated = next(r for r in results if Path(r.path).name.startswith("gated"))
    assert full.status == "replaced" and not full.truncated
    article = load_article(full.path)
    assert not article.paywall.truncated and article.words > 300
    assert gated.truncated  # the page is paywalled too: the item keeps that verdict
    shown = load_article(gated.path).paywall
    assert shown.truncated and shown.reasons
    assert any("Subscribe" in r or "teaser" in r or "log-in" in r for r in shown.reasons)
    code, out, _ = cli("fetch", str(tmp_missing := library / "nope.html"), "--json")
    assert code == 1 and json.loads(out)["results"][0]["status"] == "failed"
    assert not tmp_missing.exists()


def test_full_pages_option_fetches_teaser_pages_on_update(web: Site, library: Path) -> None:
    serve(web, "/opt.xml", rss(teaser_items(1, web.url("/article.html"))), "application/rss+xml")
    done = subscribe(web.url("/opt.xml"), full_pages=True, settings=FAST)
    assert done.result.fetched_pages == 1
    article = load_article(done.result.new[0])
    assert not article.paywall.truncated and article.words > 300


def test_a_lost_store_costs_a_download_not_duplicates(web: Site, library: Path) -> None:
    serve(web, "/keep.xml", rss(full_items(3)), "application/rss+xml", etag='"e"')
    subscribe(web.url("/keep.xml"), settings=FAST)
    store = Store.open()
    assert store.path is not None
    path = store.path
    store.close()
    path.unlink()
    (result,) = update_feeds(settings=FAST)
    assert result.status == "unchanged"  # no validators left: fetched, parsed, nothing new
    assert len(list((library / "feeds").rglob("*.html"))) == 3
    assert feed_rows(Store.open())[0].items == 3


def test_mark_feed_read_and_remove_keep_the_files(
    web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    serve(web, "/r.xml", rss(full_items(2)), "application/rss+xml")
    done = subscribe(web.url("/r.xml"), settings=FAST)
    store = Store.open()
    assert mark_feed_read(store, web.url("/r.xml")) == 2
    assert feed_rows(store)[0].unread == 0
    code, out, _ = cli("feed", "remove", "Harbour Times")
    assert code == 0 and "stay" in out
    assert all(Path(p).is_file() for p in done.result.new)
    code, out, _ = cli("feed", "list", "--json")
    assert json.loads(out) == {"feeds": []}


def test_the_commands_report_in_json(
    web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    serve(web, "/cli.xml", rss(full_items(2)), "application/rss+xml", etag='"c"')
    code, out, _ = cli("feed", "add", web.url("/cli.xml"), "--tag", "port", "--json")
    added = json.loads(out)
    assert code == 0 and added["added"] is True and len(added["feed"]["new"]) == 2
    code, out, _ = cli("update", "--json")
    (feed,) = json.loads(out)["feeds"]
    assert code == 0 and feed["status"] == "not modified" and feed["new"] == []
    code, _, err = cli("update", "no such feed")
    assert code == 1 and "no subscription" in err
    code, out, _ = cli("feed", "list")
    assert code == 0 and "2 unread" in out and "Harbour Times" in out


@pytest.mark.parametrize(("status", "follows"), [(301, True), (308, True), (302, False)])
def test_a_feed_that_moved_for_good_is_asked_at_its_new_address(
    web: Site, library: Path, status: int, follows: bool
) -> None:
    serve(web, "/old.xml", rss(full_items(2)), "application/rss+xml")
    subscribe(web.url("/old.xml"), settings=FAST)
    serve(web, "/new.xml", rss(full_items(3)), "application/rss+xml")
    web.routes["/old.xml"] = lambda h: h.send(b"", status, "", Location="/new.xml")
    (moved,) = update_feeds(settings=FAST)
    assert moved.status == "updated" and len(moved.new) == 1  # the two known items stay known
    assert moved.moved_to == (web.url("/new.xml") if follows else "")
    (sub,) = subs_mod.load()
    assert sub.url == web.url("/new.xml" if follows else "/old.xml")
    (row,) = feed_rows(Store.open())
    assert row.items == 3
    before = dict(web.hits)
    (again,) = update_feeds(settings=FAST)
    assert again.ok and not again.new
    asked_old = web.hits.get("/old.xml", 0) - before.get("/old.xml", 0)
    assert asked_old == (0 if follows else 1)


def test_a_move_onto_a_feed_already_subscribed_changes_nothing(
    web: Site, library: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    serve(web, "/a.xml", rss(full_items(2)), "application/rss+xml")
    serve(web, "/b.xml", rss(full_items(2)), "application/rss+xml")
    subscribe(web.url("/a.xml"), settings=FAST)
    subscribe(web.url("/b.xml"), settings=FAST)
    web.routes["/a.xml"] = lambda h: h.send(b"", 301, "", Location="/b.xml")
    code, out, _ = cli("update")
    assert code == 0 and f"moved permanently to {web.url('/b.xml')}" in out
    assert sorted(s.url for s in subs_mod.load()) == [web.url("/a.xml"), web.url("/b.xml")]
    assert sorted(r.url for r in feed_rows(Store.open())) == sorted(
        [web.url("/a.xml"), web.url("/b.xml")]
    )
