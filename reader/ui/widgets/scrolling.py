"""A ``ScrollView`` whose content can change height without laying the screen out again.

Assigning ``virtual_size`` (a reactive with ``layout=True``) makes Textual lay out and repaint
the whole screen, 25-75 ms at 120x40 on a 2-core machine: on every filter key that changes how
many rows the list has, and on every article opened (a new body, a new height). Nothing else
on screen moves when a view's content grows or shrinks, unless its scrollbar appears or goes
and so changes the width left to the content; only then is the layout pass needed.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class QuietScrollView(ScrollView):
    """A ``ScrollView`` with :meth:`resize_virtual`."""

    def resize_virtual(self, size: Size) -> None:
        """Make the scrollable content ``size``: the scrollbar and the scroll position are
        updated in place (the rows in view are not redrawn: a long article measured a slice
        at a time grows below them), and the screen laid out again only when the vertical scrollbar
        appears or goes without a gutter kept for it (``scrollbar-gutter: stable``)."""
        old = self.virtual_size
        if size == old:
            return
        height = self.scrollable_content_region.height
        same_width = self.styles.scrollbar_gutter == "stable" or (size.height > height) == (
            old.height > height
        )
        if same_width:
            self.set_reactive(ScrollView.virtual_size, size)
        else:
            self.virtual_size = size
        self._scroll_update(size)  # the scrollbar redrawn; the content is the caller's to redraw
