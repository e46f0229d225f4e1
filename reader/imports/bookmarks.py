"""Browser bookmarks (the Netscape bookmark file every browser exports) and Pocket's older
``ril_export.html`` (``<h1>Unread</h1>`` / ``<h1>Read Archive</h1>`` lists of links with
``time_added`` and ``tags``). Both are read by one streaming HTML parser, fed in chunks.

Bookmark folders become tags (the browsers' own top folders, such as "Bookmarks bar", do
not); a ``TAGS`` attribute (Firefox) adds its tags.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from reader.imports.items import Item, clean_tags, iso_time
from reader.textutil import safe_line

CHUNK = 1 << 16
# The top folders browsers make themselves (Chrome, Edge, Firefox, Safari): not the user's tags.
BROWSER_FOLDERS = frozenset(
    {
        "bookmarks",
        "bookmarks bar",
        "bookmarks toolbar",
        "bookmarks menu",
        "other bookmarks",
        "mobile bookmarks",
        "favorites",
        "favorites bar",
        "favourites bar",
        "reading list",
    }
)


class _Links(HTMLParser):
    def __init__(self, pocket: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.pocket = pocket
        self.items: list[Item] = []
        self.folders: list[str | None] = []
        self.heading = ""
        self.section = ""
        self._in_heading = False
        self._link: dict[str, str] | None = None
        self._text: list[str] = []
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self._in_heading = True
            self._text = []
        elif tag == "dl":
            self.folders.append(self.heading or None)
            self.heading = ""
        elif tag == "a":
            self._link = {k.lower(): v or "" for k, v in attrs}
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self._in_heading:
            self._in_heading = False
            text = safe_line("".join(self._text))
            if tag == "h1" and self.pocket:
                self.section = text
            else:
                self.heading = text
        elif tag == "dl" and self.folders:
            self.folders.pop()
        elif tag == "a" and self._link is not None:
            self._add(self._link, safe_line("".join(self._text)))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in_heading or self._link is not None:
            self._text.append(data)

    def _add(self, link: dict[str, str], title: str) -> None:
        self.count += 1
        where = f"link {self.count}"
        url = link.get("href", "").strip()
        if not url:
            self.items.append(Item(url="", title=title, error="no URL", where=where))
            return
        tags = list(link.get("tags", "").split(","))
        read = False
        if self.pocket:
            read = "archive" in self.section.lower() or self.section.lower() == "read"
        else:
            tags += [f for f in self.folders if f and f.lower() not in BROWSER_FOLDERS]
        added = link.get("time_added") or link.get("add_date") or ""
        self.items.append(
            Item(
                url=url,
                title="" if title == url else title,
                tags=clean_tags(tags),
                added=iso_time(added),
                read=read,
                archived=read,
                where=where,
            )
        )


def _read(path: Path, pocket: bool) -> Iterator[Item]:
    parser = _Links(pocket)
    text_of = codecs.getincrementaldecoder("utf-8")(errors="replace")
    with path.open("rb") as f:
        first = True
        while True:
            data = f.read(CHUNK)
            if first:
                data = data.removeprefix(codecs.BOM_UTF8)
                first = False
            parser.feed(text_of.decode(data, final=not data))
            yield from parser.items
            parser.items.clear()
            if not data:
                break
    parser.close()
    yield from parser.items


def read_bookmarks(path: Path) -> Iterator[Item]:
    return _read(path, pocket=False)


def read_pocket_html(path: Path) -> Iterator[Item]:
    return _read(path, pocket=True)
