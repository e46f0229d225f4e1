"""Fetching a feed item's full page (``reader fetch FILE``, the app's ``F``, and the per-feed
option on update): the linked page is fetched and cleaned, and replaces the item's body when
it holds more of the article. A page that is itself cut off by a paywall gives the item its
own verdict and reasons: either as the new body (it still holds more than the teaser) or,
kept beside the teaser, as further excerpt reasons in the item's trailer.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from reader import origin as origin_mod
from reader.fetch.client import DEFAULTS, FetchFailed, Settings
from reader.fetch.page import Page
from reader.fetch.polite import fetch_all
from reader.fetch.urls import RefusedURL, check_url
from reader.formats import LoadError, format_for, load_bytes
from reader.model import Article
from reader.pipeline import load_article
from reader.saved import SUFFIXES, write_atomic
from reader.store import Store, path_key
from reader.textutil import NotText, decode

REPLACED = "replaced"
KEPT = "kept"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FullResult:
    """How fetching one item's page ended."""

    path: str
    """The item's file (its new path when the page came in another format)."""
    status: str
    """:data:`REPLACED` (the page's article is now the body), :data:`KEPT` or :data:`FAILED`."""
    reason: str = ""
    words_before: int = 0
    words_after: int = 0
    truncated: bool = False
    """The item's verdict after the fetch: still cut off (the page is paywalled too)."""
    reasons: tuple[str, ...] = ()
    """That verdict's reasons."""

    @property
    def replaced(self) -> bool:
        return self.status == REPLACED

    @property
    def ok(self) -> bool:
        return self.status != FAILED


Progress = Callable[[int, int, "FullResult | None"], None]


@dataclass(frozen=True, slots=True)
class _Job:
    url: str
    path: Path
    origin: origin_mod.Origin


def _page_article(page: Page, path: Path) -> tuple[Article | None, str]:
    fmt = format_for(path)
    if fmt is None:
        return None, "unsupported page type"
    try:
        doc = load_bytes(str(path), page.body, fmt)
    except LoadError as exc:
        return None, str(exc)
    from reader.pipeline import build_article

    return build_article(doc), ""


def _encoding(page: Page) -> str:
    try:
        return decode(page.body[:262_144], page.charset or None)[1]
    except NotText:
        return "utf-8"


def _apply(store: Store, job: _Job, page: Page) -> FullResult:
    path = job.path
    try:
        old = load_article(path)
        before = old.words
    except LoadError:
        old, before = None, 0
    target = path.with_suffix(SUFFIXES.get(page.kind, ".html"))
    new, why = _page_article(page, target)
    extra = {k: v for k, v in job.origin.extra.items() if k != "excerpt"}
    if new is not None and new.words > before:
        origin = replace(
            job.origin,
            final_url=page.final_url,
            fetched=page.fetched,
            content_type=page.content_type,
            charset=page.charset,
            extra={**extra, "page": "fetched"},
        )
        data = page.body + origin_mod.marker_bytes(origin, _encoding(page), page.body)
        try:
            write_atomic(target, data)
            if target != path:
                path.unlink(missing_ok=True)
        except OSError as exc:
            return FullResult(str(path), FAILED, f"cannot write file: {exc.strerror or exc}")
        _move_row(store, job, path, target)
        store.set_feed_item_teaser(path_key(target), new.paywall.truncated)
        return FullResult(
            str(target),
            REPLACED,
            words_before=before,
            words_after=new.words,
            truncated=new.paywall.truncated,
            reasons=new.paywall.reasons,
        )
    # The page holds no more: the item stays; a paywalled page's reasons join the teaser's.
    reason = (
        why
        or f"the page holds no more of the article ({new.words if new else 0} words;"
        f" the item has {before})"
    )
    excerpt = [str(r) for r in job.origin.extra.get("excerpt", []) if isinstance(r, str)]
    if new is not None and new.paywall.truncated:
        added = [f"the linked page is cut off too: {r}" for r in new.paywall.reasons[:2]]
        excerpt += [r for r in added if r not in excerpt]
        origin = replace(job.origin, extra={**job.origin.extra, "excerpt": excerpt})
        try:
            body, _ = origin_mod.split(path.read_bytes())
            write_atomic(path, body + origin_mod.marker_bytes(origin))
        except OSError as exc:
            return FullResult(str(path), FAILED, f"cannot write file: {exc.strerror or exc}")
    verdict = old.paywall if old is not None else None
    if new is not None and new.paywall.truncated:
        with contextlib.suppress(LoadError):
            verdict = load_article(path).paywall
    return FullResult(
        str(path),
        KEPT,
        reason,
        words_before=before,
        words_after=new.words if new else 0,
        truncated=verdict.truncated if verdict else True,
        reasons=verdict.reasons if verdict else (),
    )


def _move_row(store: Store, job: _Job, old: Path, new: Path) -> None:
    feed = job.origin.extra.get("feed")
    key = job.origin.extra.get("item")
    if isinstance(feed, str) and isinstance(key, str):
        store.put_feed_items(feed, [(key, path_key(new), job.origin.url, False)])
        if new != old and store.is_read(str(old)):
            store.set_read(str(new), True)


def fetch_full_pages(
    paths: Iterable[str | Path],
    *,
    store: Store | None = None,
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
) -> list[FullResult]:
    """Fetch the linked page of each saved file (a feed item or any saved page) and replace
    its body when the page holds more; one result per file, in the order they ended."""
    own = store is None
    db = store if store is not None else Store.open()
    out: list[FullResult] = []
    files = [Path(p) for p in paths]
    total = len(files)

    def report(result: FullResult) -> None:
        out.append(result)
        if progress is not None:
            progress(len(out), total, result)

    async def run() -> None:
        jobs = []
        if progress is not None:
            progress(0, total, None)
        for path in files:
            from reader.saved import read_origin

            origin = read_origin(path) if path.is_file() else None
            if origin is None:
                why = (
                    "no such file"
                    if not path.is_file()
                    else "not saved by reader (no link to fetch)"
                )
                report(FullResult(str(path), FAILED, why))
                continue
            try:
                url = check_url(origin.url)
            except RefusedURL as exc:
                report(FullResult(str(path), FAILED, f"the item has no usable link ({exc})"))
                continue
            jobs.append(_Job(url, path, origin))

        async def handle(job: _Job, got: Page | FetchFailed) -> None:
            if isinstance(got, FetchFailed):
                report(FullResult(str(job.path), FAILED, got.reason))
                return
            report(await asyncio.shield(asyncio.to_thread(_apply, db, job, got)))

        await fetch_all(jobs, handle, settings)

    try:
        asyncio.run(run())
    finally:
        if own:
            db.close()
    return out
