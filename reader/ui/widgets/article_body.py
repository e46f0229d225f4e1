"""An article's body as styled paragraphs, made one at a time (an article may have 200,000).

Each paragraph is styled by its kind (headings bold, quotes italic, code dim, list items with a
bullet) and, when highlighting is on, its entities coloured by label. Entity offsets index
into ``Article.body`` (paragraphs joined by a blank line) and are handed to the paragraph they
start in. Always ``rich.text.Text`` with explicit spans: nothing is parsed as markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from rich.text import Text

from reader.model import Article, Entity
from reader.ui.render import ENTITY_COLOURS

KIND_STYLES = {"heading": "bold", "quote": "italic", "code": "dim"}
BULLET = "  • "
MATCH_STYLE = "reverse"
"""A search match in the body (an article opened while ``/`` holds a query)."""
CURRENT_MATCH_STYLE = "reverse bold underline"
"""The match ``n``/``N`` landed on."""


class Body:
    """The paragraphs of ``article`` as shown, with ``entities`` placed on them (plain Python:
    a worker makes it, so that a huge article costs the UI thread nothing here)."""

    def __init__(
        self,
        article: Article,
        entities: Sequence[Entity] = (),
        like: Body | None = None,
        matches: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        """``like``: a body of the same article, whose measuring work (and search matches,
        unless ``matches`` is given) is reused. ``matches``: search matches' offsets into
        ``article.body``, shown reversed."""
        self.article = article
        paragraphs = article.paragraphs
        kinds = article.kinds
        self._kinds = tuple(
            kinds[i] if i < len(kinds) else "paragraph" for i in range(len(paragraphs))
        )
        self.plain = tuple(
            BULLET + p if kind == "list_item" else p
            for p, kind in zip(paragraphs, self._kinds, strict=True)
        )
        """Each paragraph's text as shown (its bullet included)."""
        self._offsets = [0, *accumulate(len(p) + 2 for p in paragraphs[:-1])] if paragraphs else []
        """Where each paragraph starts in ``article.body``."""
        self._entities: dict[int, list[Entity]] = {}
        """The entities of each paragraph that has some."""
        for entity in entities:
            index = max(0, bisect_right(self._offsets, entity.start) - 1)
            self._entities.setdefault(index, []).append(entity)
        if matches is None:
            matches = like.matches if like is not None and like.article is article else ()
        self.matches: tuple[tuple[int, int], ...] = tuple(matches)
        """Search matches (offsets into ``article.body``), in order."""
        self.current = 0
        """The match ``n``/``N`` is on (drawn apart from the others)."""
        self._matches: dict[int, list[int]] = {}
        """The matches (indexes into ``matches``) of each paragraph that has some."""
        for number, (begin, _) in enumerate(self.matches):
            self._matches.setdefault(self.paragraph_of(begin), []).append(number)

    def paragraph_of(self, offset: int) -> int:
        """The paragraph that offset ``offset`` of ``article.body`` falls in."""
        return max(0, bisect_right(self._offsets, offset) - 1)

    def offset_in(self, index: int, offset: int) -> int:
        """Offset ``offset`` of ``article.body`` as an offset into paragraph ``index`` as shown
        (its bullet included)."""
        bullet = len(BULLET) if self._kinds[index] == "list_item" else 0
        return offset - self._offsets[index] + bullet

    def __len__(self) -> int:
        return len(self.plain)

    def paragraph(self, index: int, highlight: bool = True) -> Text:
        """Paragraph ``index``, styled; its entities coloured when ``highlight``."""
        kind = self._kinds[index]
        text = Text(BULLET if kind == "list_item" else "")
        start = self._offsets[index] - len(text)
        text.append(self.article.paragraphs[index], style=KIND_STYLES.get(kind, ""))
        if highlight:
            for entity in self._entities.get(index, ()):
                colour = ENTITY_COLOURS.get(entity.label)
                if colour:
                    text.stylize(colour, entity.start - start, entity.end - start)
        for number in self._matches.get(index, ()):
            begin, end = self.matches[number]
            style = CURRENT_MATCH_STYLE if number == self.current else MATCH_STYLE
            text.stylize(style, begin - start, end - start)
        return text

    def text(self, highlight: bool = True) -> Text:
        """The whole body as one text (paragraphs joined by a blank line)."""
        return Text("\n\n").join(self.paragraph(i, highlight) for i in range(len(self)))
