"""The truncation verdict: does the visible text stop at a paywall, and why do we think so.

Evidence, from strongest to weakest:

* a paywall notice (gate, log-in prompt, "N% of this article left") *after* the last paragraph;
* markup that says this copy is gated (from the HTML loader's signals);
* a member-only marker near the top (Medium) on a short or cut-off text;
* the last paragraph breaking off mid-sentence or with an ellipsis, before subscription
  marketing (a site-level signal beside it is not enough: see below).

Weak evidence alone (a site that declares a paywall, a newsletter footer, subscription words in
the middle of the article) never makes a verdict of truncated, nor does a site-level signal
(vendor script, ``isAccessibleForFree: false``, a member marker in the markup) beside a text
that merely breaks off: they are listed as reasons why the piece was looked at and found
complete.
"""

from __future__ import annotations

import re

from reader.clean import GATES
from reader.model import Classified, PaywallVerdict, Signal
from reader.textutil import clip, unspaced_chars, word_count

_ELLIPSIS = re.compile(r"(?:\.\s?\.\s?\.|…)[\s\"'’”)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…:;\"'’”)\]»。！？」』】）〕]\s*$")
MID_SENTENCE_WORDS = 8
"""A shorter last paragraph that stops without a full stop is a sign-off, credit, dateline or
menu entry ("With Post wires", "Top photo by A. Name"), not a sentence broken off."""
MID_SENTENCE_CJK_CHARS = 30
"""The same for Chinese and Japanese text, in characters."""
MEMBER_SHORT_WORDS = 600
"""A member-only piece shorter than this is taken to be the free preview."""
GATE_SHORT_WORDS = 300
"""Gate markup counts only on a text shorter than this, or one that breaks off (or on a text
followed by a paywall notice): a long text that ends normally is a complete copy, whatever
paywall templates the page also carries."""

_LABEL = {
    "gate": "teaser phrase",
    "login": "log-in prompt",
    "percent": "remaining-text notice",
    "marketing": "subscription offer",
    "paywall-tail": "subscription marketing",
}


def breaks_off(text: str) -> bool:
    """True when a paragraph stops in the middle of a sentence.

    It must be long enough to be running text, and stop where a sentence cannot end: on a
    lower-case word or a comma or dash (a credit or a bio that ends in a name, an address or
    a handle is not cut off). Chinese and Japanese text: on a letter, after enough characters.
    """
    text = text.rstrip()
    if not text or _SENTENCE_END.search(text):
        return False
    if unspaced_chars(text) * 2 > len(text):
        return len(text) >= MID_SENTENCE_CJK_CHARS and text[-1].isalnum()
    words = text.split()
    if word_count(text) < MID_SENTENCE_WORDS:
        return False
    last = words[-1]
    if "@" in last or "://" in last or last.startswith("www."):
        return False
    return last[:1].islower() or last[-1] in ",-–—"


def _quote(text: str, limit: int = 80) -> str:
    return f'"{clip(text.strip(), limit)}"'


def assess(classified: list[Classified], signals: tuple[Signal, ...] = ()) -> PaywallVerdict:
    """Decide whether the article's visible text is cut off by a paywall."""
    content_idx = [i for i, c in enumerate(classified) if c.is_content]
    visible_words = sum(word_count(classified[i].block.text) for i in content_idx)
    last = content_idx[-1] if content_idx else -1
    tail = classified[last + 1 :]
    last_text = classified[last].block.text if last >= 0 else ""

    strong: list[str] = []
    weak: list[str] = []
    notes: list[str] = []

    for c in tail:
        if c.category in GATES:
            shown = c.block.text if len(c.block.text) <= 80 else c.evidence
            strong.append(f"{_LABEL[c.category]} {_quote(shown)} after the last paragraph")
    for c in classified:
        if c.category == "percent" and not any("remaining-text" in r for r in strong):
            strong.append(f"remaining-text notice {_quote(c.evidence)}")
    cut_reason = ""
    if last_text and _ELLIPSIS.search(last_text):
        cut_reason = "the last paragraph breaks off with an ellipsis"
    elif last_text and classified[last].block.kind == "paragraph" and breaks_off(last_text):
        cut_reason = "the last paragraph ends mid-sentence"

    # Markup signals: a gate in this copy's markup is strong evidence only when the text agrees
    # (short, cut off, or followed by a notice); the site merely having a paywall is a note.
    gates = [s for s in signals if s.gate]
    site = [s.detail for s in signals if not s.gate]
    if gates and (cut_reason or strong or visible_words < GATE_SHORT_WORDS):
        strong.extend(s.detail for s in gates)
    else:
        notes.extend(
            f"{s.detail}, but the text ({visible_words} words) ends normally" for s in gates
        )

    marketing_after = [c for c in tail if c.category in ("marketing", "paywall-tail", "member")]
    head = classified[: max(3, (content_idx[0] + 1) if content_idx else 3)]
    member = [c for c in head if c.category == "member"]

    # Site-level signals (a vendor script, "isAccessibleForFree": false, a member marker in the
    # markup) say the site meters access, not that this copy stops: beside a text that merely
    # breaks off they are a note, never a verdict.
    if cut_reason and (strong or marketing_after or member):
        weak.append(cut_reason)
        if marketing_after and not strong:
            weak.append(
                f"{_LABEL.get(marketing_after[0].category or '', 'boilerplate')} "
                f"{_quote(marketing_after[0].evidence or marketing_after[0].block.text)} follows it"
            )
    elif cut_reason:
        notes.append(f"{cut_reason}, but no paywall notice follows")

    if member:
        marker = f"member-only marker {_quote(member[0].block.text)} at the top"
        if visible_words < MEMBER_SHORT_WORDS or cut_reason:
            weak.insert(0, marker)
        else:
            notes.append(f"{marker}, but the full text ({visible_words} words) is present")

    if strong:
        confidence = min(0.99, 0.9 + 0.04 * (len(strong) - 1) + (0.05 if weak else 0.0))
        return PaywallVerdict(True, confidence, tuple(strong + weak + site), visible_words)
    if weak and (member or marketing_after):
        confidence = 0.7 + (0.1 if member and cut_reason else 0.0)
        return PaywallVerdict(True, confidence, tuple(weak + site + notes), visible_words)
    notes.extend(f"{detail}, but this copy looks complete" for detail in site)

    # Complete: say what was seen and set aside, so the verdict is explainable too.
    for c in tail:
        if c.category in ("newsletter", "share", "navigation", "marketing"):
            notes.append(f"{c.category} footer {_quote(c.block.text, 60)} is not a paywall")
            break
    confidence = 0.9 if not notes else 0.75
    return PaywallVerdict(False, confidence, tuple(notes), visible_words)
