"""Block classification: the article's own text versus boilerplate.

Each block gets a category (``None`` for article text) with the phrase that decided it. Rules:

* A block that mentions a boilerplate phrase is boilerplate only when it is *about* that
  phrase: short (under a per-category word limit) or mostly made of such phrases. A long
  paragraph that merely discusses subscriptions stays article text.
* After a paywall gate ("Keep reading for free!", "Already a subscriber?"), the page is a
  paywall tail: list items and short blocks there (the perks of a subscription) are boilerplate,
  unless real prose follows later, in which case the gate was an inline promo and only blocks
  matched by a phrase are dropped.
"""

from __future__ import annotations

import re

from reader import phrases
from reader.model import Block, Classified
from reader.textutil import word_count

# A block with a phrase of the category is boilerplate when it has at most this many words and
# speaks to the reader ("you", "vous"), or at most SHORT words...
WORD_LIMIT = {
    "percent": 80,
    "gate": 60,
    "login": 40,
    "member": 12,
    "marketing": 30,
    "newsletter": 45,
    "share": 15,
    "navigation": 10,
}
# ...or when phrases of any category cover at least this share of its characters.
COVERAGE = 0.4
SHORT = 20
"""Up to this many words a block needs no reader address to count as boilerplate."""
PROSE_WORDS = 40
"""A paragraph at least this long with no boilerplate phrase is article prose."""
GATES = frozenset({"gate", "login", "percent"})

_RELATED = re.compile(
    r"^(?:other|more|related|recommended|popular|latest|top|trending)\b(?:\s+\S+){0,3}?\s*"
    r"(?:stories|articles|columns|news|posts|reads|videos|links|coverage)$",
    re.IGNORECASE,
)
_SLIDE = re.compile(r"^(\d{1,3})\s?/\s?(\d{1,3})\b")
GALLERY_SLIDES = 3
"""Slide counters in a row ("1/20", "2/20", "3/20") that make a gallery."""
GALLERY_LAST_BLOCKS = 2
"""Blocks after the last counter that belong to its slide (a caption and its credit)."""
_MORE_FROM = re.compile(r"^More (?:from |on )?(?:[A-Z][\w&'’.-]*\s?){1,6}$")
_CREDIT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def _classify_one(block: Block) -> tuple[str | None, str]:
    text = block.text
    folded = phrases.fold(text)
    words = word_count(text)
    hits = phrases.find(folded)
    if hits:
        addresses = phrases.addresses_reader(folded)
        covered = sum(h.end - h.start for h in hits) / max(1, len(text))
        for category in phrases.CATEGORIES:
            limit = WORD_LIMIT[category] if addresses else min(SHORT, WORD_LIMIT[category])
            for hit in hits:
                if hit.category == category and (words <= limit or covered >= COVERAGE):
                    return category, text[hit.start : hit.end]
    if words <= 8 and (_MORE_FROM.match(text) or _CREDIT.match(text)):
        return "navigation", text
    return None, ""


def _looks_like_prose(block: Block) -> bool:
    return block.kind in ("paragraph", "quote") and word_count(block.text) >= PROSE_WORDS


def _gallery(blocks: tuple[Block, ...] | list[Block]) -> set[int]:
    """Indices of a photo gallery's slides: blocks from a slide counter ("3/50 Title") to the
    next, when at least :data:`GALLERY_SLIDES` counters of the same gallery follow in order.

    News pages embed galleries of *other* stories; extractors read their captions as text.
    """
    counters = [
        (i, int(m.group(1)), int(m.group(2)))
        for i, b in enumerate(blocks)
        if b.kind in ("heading", "paragraph") and (m := _SLIDE.match(b.text))
    ]
    out: set[int] = set()
    run: list[tuple[int, int, int]] = []
    for item in [*counters, (-1, 0, 0)]:
        if run and (item[2] != run[-1][2] or item[1] != run[-1][1] + 1):
            if len(run) >= GALLERY_SLIDES:
                end = min(len(blocks), run[-1][0] + 1 + GALLERY_LAST_BLOCKS)
                out.update(range(run[0][0], end))
            run = []
        if item[0] >= 0 and (run or item[1] <= 2):
            run.append(item)
    return out


def _related_tail(
    blocks: tuple[Block, ...] | list[Block], verdicts: list[tuple[str | None, str]]
) -> None:
    """After a heading that introduces other pieces ("More stories", "Other Opinion Columns",
    "Mehr zum Thema") past the middle of the page's words, the teasers that follow are navigation,
    up to the first paragraph of real prose."""
    counts = [word_count(b.text) for b in blocks]
    total = sum(counts)
    before = 0
    for i, block in enumerate(blocks):
        before += counts[i]
        if before * 2 < total or block.kind != "heading" or counts[i] > 6:
            continue
        if not (_RELATED.match(block.text) or verdicts[i][0] == "navigation"):
            continue
        if verdicts[i][0] is None:
            verdicts[i] = ("navigation", block.text)
        for j in range(i + 1, len(blocks)):
            if verdicts[j][0] is None and _looks_like_prose(blocks[j]):
                break
            if verdicts[j][0] is None:
                verdicts[j] = ("navigation", f"after {block.text!r}")
        return


def classify(blocks: tuple[Block, ...] | list[Block]) -> list[Classified]:
    """Classify every block, in order."""
    verdicts = [_classify_one(b) for b in blocks]
    for i in _gallery(blocks):
        if verdicts[i][0] is None:
            verdicts[i] = ("navigation", "photo gallery slide")
    _related_tail(blocks, verdicts)
    out: list[Classified] = []
    in_tail = False
    for i, (block, (category, evidence)) in enumerate(zip(blocks, verdicts, strict=True)):
        if category in GATES:
            # A gate starts a paywall tail unless unmatched prose comes after it.
            in_tail = not any(
                verdicts[j][0] is None and _looks_like_prose(blocks[j])
                for j in range(i + 1, len(blocks))
            )
        elif category is None and in_tail:
            category, evidence = "paywall-tail", "after the paywall notice"
        out.append(Classified(block, category, evidence))
    return out


_SITE_PATTERNS = (
    re.compile(r"subscription to ((?:[A-Z][\w&'’.-]*)(?:\s(?:[A-Z][\w&'’.-]*|of|the|and|&)){0,5})"),
    re.compile(r"^More (?:from |on )?((?:[A-Z][\w&'’.-]*)(?:\s[A-Z][\w&'’.-]*){0,5})\s*$"),
)
# A copyright footer names the owner (a company, a wire service, a photographer), not the
# publication a reader knows: it is never taken as the source.


def site_name(removed: list[str] | tuple[str, ...]) -> str:
    """The publication's name when the boilerplate states it ('' when it does not)."""
    for pattern in _SITE_PATTERNS:
        for text in removed:
            match = pattern.search(text)
            if match:
                return match.group(1).strip(" .:")
    return ""
