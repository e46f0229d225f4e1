"""The main screen's filters: unread (``u``), excerpts (``x``), source (``S``), tag (``t``),
mentions (``E``), the pop-up of those in force (``c``) and clearing them all (``Esc``).

Each is a part of the list's :class:`~reader.filters.FilterSpec` (the core's, which ``reader
list`` builds from its options): they compose with each other and with the ``/`` query, the
status line names each (``listing.status_line``), and each can be removed on its own.
"""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input

from reader.filters import FilterSpec
from reader.textutil import safe_line
from reader.ui.messages import MentionsFound
from reader.ui.screens.entities import EntitiesScreen
from reader.ui.screens.filters import FiltersScreen
from reader.ui.screens.main_base import MainBase
from reader.ui.screens.tags import TagsScreen


class FiltersMixin(MainBase):
    """The keys that narrow the list, and the ones that widen it again."""

    def _filter_list(self, spec: FilterSpec) -> None:
        """Put ``spec`` in force over the list. The status line says which filters are on (a
        notification as well would cost each key a layout pass: 34 -> 24 ms median at 10,000
        articles in bench/tui.py)."""
        if self.library.filter_by(spec):
            self._update_status()

    # --- toggles ------------------------------------------------------------------------------

    def action_unread_only(self) -> None:
        """List only unread articles, or read ones too again."""
        spec = self.library.spec
        self._filter_list(replace(spec, unread=not spec.unread))

    def action_excerpts_only(self) -> None:
        """List only excerpts (pieces cut off by a paywall), or every piece again."""
        spec = self.library.spec
        self._filter_list(replace(spec, excerpt_only=not spec.excerpt_only))

    def action_source_filter(self) -> None:
        """List only the source of the article meant, or every source again."""
        path = self._target_path()
        entry = self.library.entry(path) if path is not None else None
        if entry is None:
            self.notify("Highlight an article first.", severity="warning")
            return
        source, spec = entry.source.strip(), self.library.spec
        if source in spec.sources:
            sources = tuple(s for s in spec.sources if s != source)
        elif source:
            sources = (source,)
        else:
            self.notify("This article names no source.", severity="warning")
            return
        self._filter_list(replace(spec, sources=sources))

    # --- tags and mentions --------------------------------------------------------------------

    def action_tags(self) -> None:
        """Pick one of the listed articles' tags; the list then shows only those with it (and
        every tag picked before)."""
        self.app.push_screen(TagsScreen(self.library.entries), self._filter_by_tag)

    def _filter_by_tag(self, tag: str | None) -> None:
        if tag is None:
            return
        self.library.filter_tag(tag)
        self.reading = False
        self.library.focus()
        self._update_status()

    def action_entities(self) -> None:
        """Show the article's entities; choosing one filters the library to its mentions."""
        article = self.view.article
        if article is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.app.push_screen(EntitiesScreen(article.title, self.view.entities), self._filter_by)

    def _filter_by(self, entity: str | None) -> None:
        if entity is not None:
            self.notify(f"Finding pieces that mention {safe_line(entity)}…", timeout=2)
            self.library.find_mentions(entity)

    def on_mentions_found(self, _: MentionsFound) -> None:
        # "Every piece that mentions X": a title search left over would hide some of them.
        if self.search.value:
            with self.search.prevent(Input.Changed):
                self.search.value = ""
            self.library.query_text = ""
            self.library.rebuild()
        self.search.display = False
        self.reading = False
        self.library.focus()
        self._update_status()

    # --- removing them ------------------------------------------------------------------------

    def action_filters(self) -> None:
        """Show the filters in force; the one picked is removed."""
        spec = self.library.spec
        if not spec:
            self.notify("No filter is on.", timeout=2)
            return
        self.app.push_screen(FiltersScreen(spec), self._remove_filter)

    def _remove_filter(self, label: str | None) -> None:
        if label is None:
            return
        without = self.library.filters.without(label)  # of the spec now (it may have changed)
        if without is not None:
            self._filter_list(without)
        self.library.focus()

    def clear_filters(self) -> None:
        """List every article again (the query aside)."""
        if self.library.clear_filters():
            self._update_status()
