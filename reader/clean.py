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
from dataclasses import dataclass

from reader import phrases
from reader.model import Block
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

_MORE_FROM = re.compile(r"^More (?:from |on )?(?:[A-Z][\w&'’.-]*\s?){1,6}$")
_CREDIT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Classified:
    """A block with its verdict: ``category`` is None for article text."""

    block: Block
    category: str | None
    evidence: str
    """The matched phrase as it appears in the block (or the rule that fired)."""

    @property
    def is_content(self) -> bool:
        return self.category is None


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


def classify(blocks: tuple[Block, ...] | list[Block]) -> list[Classified]:
    """Classify every block, in order."""
    verdicts = [_classify_one(b) for b in blocks]
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
