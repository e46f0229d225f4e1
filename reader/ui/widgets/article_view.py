"""The reader pane's work: loading an article, its entities and its summary, copying it.

Each runs in a worker here and ends in a message named as a past event (``ArticleLoaded``,
``SummaryReady``, ``CopyFinished``...). A result is shown only when it answers the request now
in force (the article opened last, the summary length and method asked for last); late ones
are dropped here, and the messages bubble on to the screen, which marks the list, moves the
focus and tells the user. Drawing is :class:`~reader.ui.widgets.article_pane.ArticlePane`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial
from pathlib import Path

from textual import work
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from reader import clipboard, present
from reader.entities import article_entities
from reader.export import export_summary
from reader.formats import LoadError, format_for, load_bytes
from reader.model import Article, Entity, Summary
from reader.pipeline import build_article, load_article
from reader.search import match_spans
from reader.store import Store
from reader.textutil import safe_line, strip_controls
from reader.ui.background import in_thread
from reader.ui.idle_gc import keep_long_lived
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    ArticleLoading,
    ArticlePreviewed,
    CopyFinished,
    EntitiesFound,
    SummaryFailed,
    SummaryReady,
    WorkFailed,
)
from reader.ui.widgets.article_body import Body
from reader.ui.widgets.article_pane import ArticlePane

LOADING_AFTER = 0.2
"""Seconds before "Loading…" is shown: most articles arrive within a frame or two, and a quick
open then repaints the pane once instead of twice."""
ENTITIES_INLINE = 20_000
"""Articles up to this many words get their entities before they are shown (one repaint);
longer ones are shown first and coloured when the entity pass ends."""


PREVIEW_FROM = 1_000_000
"""Text and Markdown files of this many bytes or more show a preview while they load..."""
PREVIEW_BYTES = 65_536
"""... read from their first bytes (whole paragraphs only): many screens' worth."""


def preview(path: str) -> Article | None:
    """The first part of a big text or Markdown file as an article, or None (small, HTML,
    unreadable). Cleaning and the paywall verdict want the whole: this is only for the eye."""
    file = Path(path)
    fmt = format_for(file)
    if fmt is None or fmt.name not in ("text", "markdown"):
        return None
    try:
        if file.stat().st_size < PREVIEW_FROM:
            return None
        with file.open("rb") as handle:
            data = handle.read(PREVIEW_BYTES)
        cut = data.rfind(b"\n\n")
        return build_article(load_bytes(path, data[:cut], fmt)) if cut > 0 else None
    except (OSError, LoadError):
        return None


class ArticleView(ArticlePane):
    """Shows one article, and loads and summarises it in workers."""

    def __init__(
        self,
        store: Callable[[], Store],
        osc52: Callable[[str, str], None],
        export_dir: Path,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._store = store
        self._osc52 = osc52
        """Writes an OSC 52 sequence (and the text it carries) to the terminal (UI thread)."""
        self.export_dir = export_dir
        """Where ``e`` (and a failed copy) writes Markdown summaries."""
        self.sentences: int | None = None
        """The summary length asked for; None adapts it to the article."""
        self.algorithm = ""
        """The summary method asked for last."""
        self.opening: str | None = None
        """The article asked for last: results for any other are late and dropped."""
        self._loading: Timer | None = None
        self._previewed: str | None = None
        """The article whose preview is on show."""

    # --- opening (workers) --------------------------------------------------------------------

    def open(self, path: str, title: str, algorithm: str, query: str = "") -> None:
        """Load ``path`` in a worker and show it; say "Loading" only if that takes a while.
        ``query``: the search it was opened from; its matches are highlighted and the pane
        lands on the first."""
        self.opening = path
        self.algorithm = algorithm
        self._stop_loading()
        self._loading = self.set_timer(LOADING_AFTER, partial(self._show_loading, path, title))
        self._load_worker(path, self.sentences, algorithm, query)

    def _stop_loading(self) -> None:
        if self._loading is not None:
            self._loading.stop()
            self._loading = None

    def _show_loading(self, path: str, title: str) -> None:
        if self.opening == path and (self.article is None or self.article.path != path):
            self.show_loading(title)
            self.post_message(ArticleLoading(path))

    @work(exit_on_error=False, exclusive=True, group="article", description="Opening the article")
    async def _load_worker(
        self, path: str, sentences: int | None, algorithm: str, query: str = ""
    ) -> None:
        from reader import summary as summarize

        def load(_: object) -> tuple[ArticleLoaded, bool]:
            first = preview(path)
            if first is not None:
                with suppress(RuntimeError):  # (the app has quit)
                    self.post_message(ArticlePreviewed(first, Body(first)))
            article = load_article(path)
            entities: tuple[Entity, ...] = ()
            late = article.words > ENTITIES_INLINE
            if not late:
                entities = tuple(article_entities(article))
            summary = summarize.stored_summary(article, sentences, algorithm, self._store())
            matches = match_spans(article.body, query) if query.strip() else ()
            body = Body(article, entities, matches=matches)
            return ArticleLoaded(article, entities, summary, sentences, algorithm, body), late

        try:
            loaded, late = await in_thread(load)
        except Exception as exc:  # LoadError, or a bug in the core: never take the app down.
            reason = str(exc) if isinstance(exc, LoadError) else f"{type(exc).__name__}: {exc}"
            self.post_message(ArticleFailed(path, reason))
            return
        self.post_message(loaded)
        if late:

            def entities(_: object) -> EntitiesFound:
                found = tuple(article_entities(loaded.article))
                return EntitiesFound(path, found, Body(loaded.article, found, like=loaded.body))

            self.post_message(await in_thread(entities))

    def on_article_previewed(self, message: ArticlePreviewed) -> None:
        shown = self.article
        if message.article.path == self.opening and (shown is None or shown.path != self.opening):
            self._stop_loading()
            self._previewed = message.article.path
            self.show_preview(message.article, message.body)
            self.post_message(ArticleLoading(message.article.path))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        article = message.article
        if article.path != self.opening:
            message.stop()  # a late answer: the reader has opened another since
            return
        self._stop_loading()
        keep_place = self._previewed == article.path
        self._previewed = None
        self.show(article, message.entities, message.body, keep_place=keep_place)
        if message.summary is not None and (message.sentences, message.algorithm) == (
            self.sentences,
            self.algorithm,
        ):
            self.show_summary(message.summary)  # from the cache: no second repaint
        else:
            self._summary_worker(article, self.sentences, self.algorithm)

    def on_article_failed(self, message: ArticleFailed) -> None:
        if message.path != self.opening:
            message.stop()
            return
        self._stop_loading()  # a late "Loading" must not cover the error
        self.show_error(f"Could not open {safe_line(message.path)}: {safe_line(message.reason)}")

    def on_entities_found(self, message: EntitiesFound) -> None:
        if self.article is not None and self.article.path == message.path:
            self.entities = message.entities
            self._set_body(message.body, restyle=True)
            self._relayout()

    @work(exit_on_error=False, exclusive=True, group="summary", description="Summarising")
    async def _summary_worker(
        self, article: Article, sentences: int | None, algorithm: str
    ) -> None:
        from reader import summary as summarize

        try:
            summary = await in_thread(
                lambda _: summarize.cached_summary(article, sentences, algorithm, self._store())
            )
        except Exception as exc:  # SummaryError, or a bug: say so, never crash.
            self.post_message(SummaryFailed(article.path, str(exc) or type(exc).__name__))
            return
        self.post_message(SummaryReady(article.path, sentences, algorithm, summary))

    def on_summary_ready(self, message: SummaryReady) -> None:
        # (The message bubbles on either way: the list marks the article as summarised.)
        current = self.article is not None and self.article.path == message.path
        if current and (message.sentences, message.algorithm) == (self.sentences, self.algorithm):
            self.show_summary(message.summary)

    def on_summary_failed(self, message: SummaryFailed) -> None:
        if self.article is not None and self.article.path == message.path:
            self.show_summary(None, error=message.reason)

    def resummarise(self, algorithm: str | None = None, sentences: int | None = None) -> None:
        """Summarise the article on show again (with another method or length)."""
        if algorithm is not None:
            self.algorithm = algorithm
        if sentences is not None:
            self.sentences = sentences
        if self.article is not None:
            self.show_summary(None, loading=True)
            self._summary_worker(self.article, self.sentences, self.algorithm)

    @work(exit_on_error=False, group="warm-up", description="Loading the summarizer")
    async def warm_up(self) -> None:
        """Load the summarizer (numpy, sumy: a third of a second of imports) off the UI thread,
        so that neither start-up, the scan nor the first open waits for it."""
        from reader import summary as summarize

        await in_thread(lambda _: summarize.warm_up())
        keep_long_lived()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.post_message(WorkFailed(event.worker.description, str(event.worker.error)))

    # --- copying and exporting ----------------------------------------------------------------

    def copy(self, what: str) -> bool:
        """Copy the ``"summary"`` or the whole ``"article"`` on show in a worker; False (and
        nothing done) when there is nothing to copy yet."""
        article, summary = self.article, self.summary
        if article is None or (what == "summary" and summary is None):
            return False
        if what == "summary":
            assert summary is not None
            text = present.summary_text(article, summary)
        else:
            text = present.article_text(article)
        self._copy_worker(strip_controls(text), what, article, summary)
        return True

    @work(exit_on_error=False, exclusive=True, group="copy", description="Copying")
    async def _copy_worker(
        self, text: str, what: str, article: Article, summary: Summary | None
    ) -> None:
        """Run the clipboard tools off the UI thread; export Markdown when nothing worked."""
        folder, write, app = self.export_dir, self._osc52, self.app

        def osc52(sequence: str) -> None:
            app.call_from_thread(write, sequence, text)

        export = None if summary is None else partial(export_summary, article, summary, folder)

        def run(_: object) -> CopyFinished:
            return CopyFinished(what, *clipboard.copy_or_export(text, osc52=osc52, export=export))

        self.post_message(await in_thread(run))

    def export(self) -> Path | None:
        """Write the summary on show as Markdown; its file, or None when there is none yet.
        Raises OSError when it cannot be written."""
        if self.article is None or self.summary is None:
            return None
        return export_summary(self.article, self.summary, self.export_dir)
