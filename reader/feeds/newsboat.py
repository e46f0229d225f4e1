"""newsboat's ``urls`` file: one feed a line, then its tags; a tag ``"~Name"`` names the feed.

Lines are split as newsboat splits them: words separated by spaces, a word in double quotes
may hold spaces (``\\"`` is a quote inside it). ``#`` starts a comment line. ``query:``,
``exec:`` and ``filter:`` lines are not feeds reader can follow: each is named in a note.
"""

from __future__ import annotations

from reader.feeds.model import Subscription
from reader.textutil import safe_line


def _words(line: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    quoted = False
    started = False
    i = 0
    while i < len(line):
        c = line[i]
        if quoted:
            if c == "\\" and i + 1 < len(line):
                current.append(line[i + 1])
                i += 1
            elif c == '"':
                quoted = False
            else:
                current.append(c)
        elif c == '"':
            quoted = started = True
        elif c.isspace():
            if started:
                words.append("".join(current))
                current, started = [], False
        else:
            current.append(c)
            started = True
        i += 1
    if started:
        words.append("".join(current))
    return words


def read_urls(text: str) -> tuple[list[Subscription], list[str]]:
    """The feeds a newsboat ``urls`` file lists, and notes on the lines left out."""
    subs: list[Subscription] = []
    notes: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words = _words(line)
        if not words:
            continue
        url, rest = words[0], words[1:]
        scheme = url.split(":", 1)[0].lower()
        if scheme in ("query", "exec", "filter"):
            notes.append(f"line {number}: a newsboat {scheme}: feed, left out")
            continue
        title = ""
        tags = []
        for word in rest:
            if word.startswith("~"):
                title = safe_line(word[1:])
            elif word.startswith("!"):
                continue  # newsboat's "hidden feed" mark
            elif safe_line(word):
                tags.append(safe_line(word))
        subs.append(Subscription(url=url, title=title, tags=tuple(dict.fromkeys(tags))))
    return subs, notes
