"""Is a feed item only a teaser? The reason, or '' for an item that carries its article.

An item is a teaser when its only text is a summary (RSS ``description``, Atom ``summary``)
shorter than :data:`SUMMARY_FULL_WORDS`, when whatever it carries ends in a "read more" mark
(``…``, ``[…]``, "Continue reading", :file:`teaser_phrases.toml`), or when it carries no text
at all. The reason is what the article's paywall verdict shows once the item is saved.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from reader.feeds.model import FeedItem
from reader.feeds.sanitize import plain_text

TEASER_REASON = "the feed carries only a teaser"
SUMMARY_FULL_WORDS = 300
"""A description (with no full content beside it) at least this long, ending normally, is
taken to be the article itself: some feeds put the whole post there."""
_PHRASES = Path(__file__).with_name("teaser_phrases.toml")


@functools.cache
def _ending() -> re.Pattern[str]:
    data = tomllib.loads(_PHRASES.read_text(encoding="utf-8"))
    endings = sorted((str(p) for p in data["endings"]), key=len, reverse=True)
    marks = "|".join(re.escape(w) for w in endings if not w[0].isalpha())
    words = "|".join(re.escape(w) for w in endings if w[0].isalpha())
    # "Continue reading →", "Read more »", "[…]": the words start a word of their own
    # ("read more" not "spread more"), and only marks may follow them.
    return re.compile(
        rf"(?:{marks}|(?:^|(?<=\W))(?:{words})[\s»›→>.…)\]]{{0,6}})$",
        re.IGNORECASE,
    )


def ends_as_teaser(text: str) -> str:
    """The "read more" mark ``text`` ends with, or ''."""
    tail = text.strip()[-200:]
    match = _ending().search(tail)
    return match.group(0).strip() if match else ""


def teaser_reason(item: FeedItem) -> str:
    """:data:`TEASER_REASON` (with what gave it away) for a teaser item, else ''."""
    text = item.text
    if not text and (item.content_html or item.summary_html):
        text = plain_text(item.content_html or item.summary_html)
    content = text if item.content_html else ""
    summary = "" if item.content_html else text
    if content:
        mark = ends_as_teaser(content)
        if mark:
            return f'{TEASER_REASON} (it ends in "{mark}")'
        return ""
    if not summary:
        return f"{TEASER_REASON} (no text, only a title and a link)"
    mark = ends_as_teaser(summary)
    if mark:
        return f'{TEASER_REASON} (it ends in "{mark}")'
    words = len(summary.split())
    if words < SUMMARY_FULL_WORDS:
        return f"{TEASER_REASON} (a {words}-word description and no full content)"
    return ""
