"""The subscription list: ``feeds.opml`` in the user's config folder.

Why a file and not the store: subscriptions are the user's own data, and the store is
disposable (it may be deleted, or set aside when damaged). An OPML file is also what every
feed reader imports, so the list can be copied, edited or taken elsewhere as it is. The store
keeps only what can be rebuilt: each feed's ETag/Last-Modified and which item went to which
file (the files carry that too).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import platformdirs

from reader.feeds.model import FeedError, Subscription
from reader.feeds.opml import read_opml, write_opml
from reader.fetch.urls import short_hash, url_key
from reader.saved import slug, write_atomic

FILE_NAME = "feeds.opml"


def subscriptions_path() -> Path:
    """Where the subscription list lives."""
    return Path(platformdirs.user_config_dir("reader")) / FILE_NAME


def load(path: Path | None = None) -> list[Subscription]:
    """The subscriptions (none when the file does not exist yet)."""
    target = path or subscriptions_path()
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise FeedError(f"cannot read {target}: {exc.strerror or exc}") from None
    subs, _ = read_opml(data)
    return subs


def save(subs: list[Subscription], path: Path | None = None) -> None:
    """Write the subscription list at once (a temporary file renamed into place)."""
    write_atomic(path or subscriptions_path(), write_opml(subs).encode("utf-8"))


@contextlib.contextmanager
def editing(path: Path | None = None) -> Iterator[list[Subscription]]:
    """The list to change in place, saved when the block ends; other ``reader`` processes
    editing it at the same time wait their turn (an advisory lock beside the file)."""
    target = path or subscriptions_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.with_name(f".{FILE_NAME}.lock").open("a+b") as lock:
        with contextlib.suppress(ImportError, OSError):
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        subs = load(target)
        before = list(subs)
        yield subs
        if subs != before:
            save(subs, target)


def find(subs: list[Subscription], ref: str, titles: Mapping[str, str] | None = None) -> int:
    """The index of the subscription ``ref`` names (its URL in any spelling, or its exact
    title: the user's, else the feed's own from ``titles``, by URL); -1 for none."""
    key = _key(ref)
    for i, sub in enumerate(subs):
        if _key(sub.url) == key:
            return i
    for i, sub in enumerate(subs):
        if (sub.title or (titles or {}).get(sub.url, "")) == ref.strip():
            return i
    return -1


def _key(url: str) -> str:
    try:
        return url_key(url)
    except ValueError:
        return url.strip()


def folder_for(sub: Subscription, title: str) -> str:
    """The folder (under the library's ``feeds/``) for a feed: its name and a short hash of
    its URL, so two feeds of one name never share a folder."""
    return f"{slug(sub.title or title or 'feed')}-{short_hash(sub.url, 6)}"


def with_folder(sub: Subscription, title: str) -> Subscription:
    """``sub`` with its folder chosen (kept once chosen: renaming a feed moves no files)."""
    return sub if sub.folder else replace(sub, folder=folder_for(sub, title))


def safe_folder(name: str) -> str:
    """A folder name from the subscription file, safe to join under the library: one path
    part, no dots or separators (a hand-edited or imported file is untrusted)."""
    part = name.replace("\\", "/").strip().rsplit("/", 1)[-1]
    return slug(part) if part not in ("", ".", "..") else ""
