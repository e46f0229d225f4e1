"""Real saved pages: reader's HTML pipeline beside plain ``trafilatura.extract()``, same run.

Reads ``../shared/data/readability-pages/`` (94 saved pages from Mozilla Readability's test
suite, each with ``source.html``, ``expected.html`` and ``expected-metadata.json``) and prints,
for reader and for plain trafilatura:

* pages refused (reader: "no article text found" or another load error; trafilatura: no text);
* mean body F1 over bags of ``\\w+`` tokens (case-folded, clipped counts) against the text of
  ``expected.html``; a refused page scores 0;
* title exact-match rate against the expected title (whitespace normalised);
* ``source`` that is a real site name or domain (the expected site name, a host name, or a name
  the page's own host or ``<title>`` carries; never the folder name or a copyright line);
* false paywall flags (every page here is complete) and the share of pages whose verdict carries
  the "ends mid-sentence" note;
* in-process ms/page, decoding included for both.

Skips cleanly (exit 0, one line) when the data folder is absent. Run:
``.venv/bin/python bench/realpages.py [-v]`` (``-v`` lists every page).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import checkout  # noqa: F401  (this checkout's reader first)
import lxml.html
import trafilatura

from reader.formats import LoadError, format_for, load_bytes
from reader.model import Article
from reader.pipeline import build_article
from reader.textutil import decode, normalize_space

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "readability-pages"
ROUNDS = 2
_TOKEN = re.compile(r"\w+")
_HOST = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th", "br")


@dataclass
class Page:
    name: str
    data: bytes
    expected: str
    title: str
    site: str
    page_title: str
    hosts: tuple[str, ...]


def tokens(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in _TOKEN.findall(text))


def f1(got: str, want: str) -> float:
    g, w = tokens(got), tokens(want)
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0
    p = overlap / sum(g.values())
    r = overlap / sum(w.values())
    return 2 * p * r / (p + r)


def _text(html: str) -> str:
    root = lxml.html.fromstring(html)
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


def _hosts(html: str) -> tuple[str, ...]:
    found = re.findall(
        r"""<(?:link|meta)[^>]+(?:canonical|og:url)[^>]*>""", html[:200_000], re.IGNORECASE
    )
    hosts = []
    for tag in found:
        m = re.search(r"""(?:href|content)\s*=\s*["']([^"']+)""", tag)
        if m:
            host = (urlparse(m.group(1)).hostname or "").removeprefix("www.")
            if host:
                hosts.append(host)
    return tuple(hosts)


def load_pages() -> list[Page]:
    pages = []
    for folder in sorted(p for p in DATA.iterdir() if (p / "source.html").is_file()):
        data = (folder / "source.html").read_bytes()
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        html = data.decode("utf-8", errors="replace")
        m = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
        pages.append(
            Page(
                name=folder.name,
                data=data,
                expected=_text((folder / "expected.html").read_text(encoding="utf-8")),
                title=normalize_space(meta.get("title") or ""),
                site=normalize_space(meta.get("siteName") or ""),
                page_title=normalize_space(m.group(1)) if m else "",
                hosts=_hosts(html),
            )
        )
    return pages


def ours(page: Page) -> Article | None:
    fmt = format_for(Path("source.html"))
    assert fmt is not None
    try:
        return build_article(load_bytes(f"{page.name}/source.html", page.data, fmt))
    except LoadError:
        return None


def plain(page: Page) -> str:
    fmt = format_for(Path("source.html"))
    declared = fmt.declared_encoding(page.data) if fmt and fmt.declared_encoding else None
    text, _ = decode(page.data, declared)
    return trafilatura.extract(text, include_comments=False) or ""


def _squash(s: str) -> str:
    return re.sub(r"\W+", "", s.casefold())


def _core(host: str) -> str:
    labels = host.split(".")
    return _squash(labels[-2]) if len(labels) > 1 else ""


def real_source(source: str, page: Page) -> bool:
    """A site name or domain: never the folder name, a copyright line or blank."""
    source = normalize_space(source)
    if not source or source in (page.name, "readability-pages", "source"):
        return False
    if re.match(r"(?:©|\(c\)|copyright\b)", source, re.IGNORECASE) or len(source) > 60:
        return False
    if page.site and _squash(source) == _squash(page.site):
        return True
    if _HOST.match(source):
        return True
    squashed = _squash(source)
    if any(squashed and squashed in _squash(h) for h in page.hosts):
        return True  # "The Verge" for theverge.com
    if any(len(core) > 3 and core in squashed for h in page.hosts if (core := _core(h))):
        return True  # "Spiceworks Inc" for spiceworks.com
    return bool(squashed) and squashed in _squash(page.page_title)


def main() -> None:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return
    verbose = "-v" in sys.argv
    pages = load_pages()
    n = len(pages)
    results: dict[str, Article | None] = {}
    plain_text: dict[str, str] = {}
    timing = {"reader": 0.0, "trafilatura": 0.0}
    for round_ in range(ROUNDS):  # interleaved, so both see the same machine load
        for page in pages:
            start = time.perf_counter()
            article = ours(page)
            timing["reader"] += time.perf_counter() - start
            start = time.perf_counter()
            text = plain(page)
            timing["trafilatura"] += time.perf_counter() - start
            if round_ == 0:
                results[page.name] = article
                plain_text[page.name] = text
    f_ours = {p.name: f1(a.body, p.expected) if (a := results[p.name]) else 0.0 for p in pages}
    f_plain = {p.name: f1(plain_text[p.name], p.expected) for p in pages}
    refused = [p.name for p in pages if results[p.name] is None]
    refused_plain = [p.name for p in pages if not plain_text[p.name].strip()]
    worse = [name for name in refused if name not in refused_plain]
    kept = [(p, a) for p in pages if (a := results[p.name]) is not None]
    titles = sum(a.title == p.title for p, a in kept)
    sources = sum(real_source(a.source, p) for p, a in kept)
    flagged = [p.name for p, a in kept if a.paywall.truncated]
    noted = [
        p.name
        for p, a in kept
        if not a.paywall.truncated and any("mid-sentence" in r for r in a.paywall.reasons)
    ]
    c1 = [p.name for p in pages if re.search("[\x80-\x9f]", p.data.decode("utf-8", "replace"))]

    if verbose:
        print(f"{'page':32} {'F1 reader':>9} {'F1 traf':>8}  title ok  source")
        for p in pages:
            a = results[p.name]
            t = "refused" if a is None else ("yes" if a.title == p.title else "no")
            s = "" if a is None else a.source
            print(f"{p.name:32} {f_ours[p.name]:9.3f} {f_plain[p.name]:8.3f}  {t:8}  {s!r}")
        print()
    mo = sum(f_ours.values()) / n
    mp = sum(f_plain.values()) / n
    ms_o = 1000 * timing["reader"] / (ROUNDS * n)
    ms_p = 1000 * timing["trafilatura"] / (ROUNDS * n)
    print(f"{n} pages from {DATA.name}/ (all complete articles)")
    print(f"{'':44} {'reader':>10} {'trafilatura':>12}   target")
    print(
        f"{'pages refused':44} {len(refused):>10} {len(refused_plain):>12}   none that traf. reads"
    )
    print(f"{'  of which trafilatura extracts':44} {len(worse):>10} {'':>12}   0")
    print(f"{'mean body F1 (bags of word tokens)':44} {mo:>10.3f} {mp:>12.3f}   >= {mp + 0.02:.3f}")
    print(
        f"{'pages with F1 lower than trafilatura - 0.05':44} "
        f"{sum(f_ours[k] < f_plain[k] - 0.05 for k in f_ours):>10}"
    )
    print(f"{'title exact match':44} {titles / n:>10.0%} {'':>12}   >= 85%")
    print(f"{'source is a real site name or domain':44} {sources / n:>10.0%} {'':>12}   >= 90%")
    print(f"{'complete pages flagged as cut off':44} {len(flagged):>10} {'':>12}   0")
    print(
        f"{'complete pages with the mid-sentence note':44} {len(noted) / n:>10.0%} {'':>12}   <= 5%"
    )
    print(
        f"{'in-process ms/page':44} {ms_o:>10.1f} {ms_p:>12.1f}   ratio {ms_o / ms_p:.2f} (<= 1.5)"
    )
    if refused:
        print(f"refused: {', '.join(refused)}")
    if flagged:
        print(f"flagged as cut off: {', '.join(flagged)}")
    if noted:
        print(f"mid-sentence note: {', '.join(noted)}")
    if c1:
        print(
            f"pages with C1 control characters in the source ({', '.join(c1)}): their bodies "
            "depend on textutil.strip_controls (issue 11, item 2)"
        )


if __name__ == "__main__":
    main()
