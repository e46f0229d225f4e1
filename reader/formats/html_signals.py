"""What a web page's markup says about its paywall, as named :class:`~reader.model.Signal` s.

* JSON-LD ``"isAccessibleForFree": false`` says the *site* has a paywall (metered sites set it
  on complete pages too); its ``hasPart`` → ``cssSelector`` names the gated section, which is
  either present in this copy (complete) or missing/empty (cut off).
* AMP ``subscriptions-section``: a ``content-not-granted`` prompt with an empty ``content``
  section means this copy is the locked view.
* Gate markup: a short element whose class or id names a paywall, snippet or upsell *and*
  whose text is a paywall prompt (class names alone, or the word "subscribe", prove nothing).
* Vendor scripts (Piano/Tinypass, Poool, Zephr, Pelcro, Leaky Paywall): the site meters access.
* A "Member-only story" marker (Medium), which extractors drop with the page chrome.

Hosts and markup conventions: schema.org's ``isAccessibleForFree``/``WebPageElement``
(documented by schema.org and Google's "subscription and paywalled content" guide), AMP's
amp-subscriptions component docs, and the vendors' public embed snippets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from reader import phrases
from reader.model import Signal
from reader.textutil import clip, normalize_space, word_count

GATED_PRESENT_WORDS = 120
"""A JSON-LD gated section with at least this many words is in this copy."""
GATED_MISSING_WORDS = 30
"""A JSON-LD gated section with fewer words than this is missing from this copy."""
GATE_MAX_WORDS = 80
"""Gate markup is a prompt, not the article: longer elements are not gates."""
MEMBER_MAX_CHARS = 60
"""A member-only marker ("Member-only story") is short: longer elements are not markers."""

_GATE_CLASS = re.compile(
    r"pay-?wall|reg-?wall|meter(?:ed)?-?(?:wall|gate)|subscri(?:ber|ption)-?(?:only|gate|wall|prompt)"
    r"|snippet-?promo|upsell|article-?gate|content-?gate|premium-?(?:gate|wall|prompt)"
    r"|piano-?offer|tp-modal|locked-?content|content-?lock",
    re.IGNORECASE,
)
_VENDORS = (
    ("Piano/Tinypass", re.compile(r"tinypass\.com|piano\.io|\bnpttech\.com|\btp\s*=\s*window\.tp")),
    ("Poool", re.compile(r"poool\.fr|\bpoool\b", re.IGNORECASE)),
    ("Zephr", re.compile(r"zephr", re.IGNORECASE)),
    ("Pelcro", re.compile(r"pelcro\.com|\bPelcro\b")),
    ("Leaky Paywall", re.compile(r"leaky-?paywall", re.IGNORECASE)),
)
_PROMPT_CATEGORIES = frozenset({"gate", "login", "member", "marketing"})


def element_text(element: etree._Element) -> str:
    """An element's text, its descendants' text joined as written, whitespace normalised."""
    return normalize_space("".join(element.itertext()))


def _words(element: HtmlElement) -> int:
    return word_count(element_text(element))


def _not_free(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _select(tree: HtmlElement, selector: str) -> list[HtmlElement] | None:
    """Elements for a simple ``.class``, ``#id`` or ``tag`` selector; None when too complex."""
    selector = selector.strip()
    if re.fullmatch(r"\.[\w-]+", selector):
        cls = selector[1:]
        return [
            e
            for e in tree.iter()
            if isinstance(e.tag, str) and cls in (e.get("class") or "").split()
        ]
    if re.fullmatch(r"#[\w-]+", selector):
        return [e for e in tree.iter() if e.get("id") == selector[1:]]
    if re.fullmatch(r"[a-zA-Z][\w-]*", selector):
        return list(tree.iter(selector.lower()))
    return None


def jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON object (nested ones too) of the page's ``application/ld+json`` scripts."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        objects.extend(_walk(data))
    return objects


def _jsonld(tree: HtmlElement, objects: list[dict[str, Any]]) -> list[Signal]:
    signals: list[Signal] = []
    not_free = False
    selectors: list[str] = []
    for obj in objects:
        if _not_free(obj.get("isAccessibleForFree")):
            not_free = True
            selector = obj.get("cssSelector")
            if isinstance(selector, str) and selector not in selectors:
                selectors.append(selector)
    if not not_free:
        return []
    signals.append(
        Signal(
            "jsonld-not-free",
            'JSON-LD declares "isAccessibleForFree": false (the site has a paywall)',
            gate=False,
        )
    )
    for selector in selectors:
        found = _select(tree, selector)
        if found is None:
            continue
        words = sum(_words(e) for e in found)
        if words >= GATED_PRESENT_WORDS:
            signals.append(
                Signal(
                    "jsonld-gated-section-present",
                    f'the gated section "{selector}" (JSON-LD hasPart) is in this copy '
                    f"({words} words)",
                    gate=False,
                )
            )
        elif words < GATED_MISSING_WORDS:
            state = "empty" if found else "missing"
            signals.append(
                Signal(
                    "jsonld-gated-section-missing",
                    f'the gated section "{selector}" (JSON-LD hasPart) is {state} in this copy',
                    gate=True,
                )
            )
    return signals


def _amp(tree: HtmlElement) -> list[Signal]:
    sections: dict[str, int] = {}
    for element in tree.iter():
        name = element.get("subscriptions-section") if isinstance(element.tag, str) else None
        if name:
            sections[name] = sections.get(name, 0) + _words(element)
    if "content-not-granted" not in sections:
        return []
    content = sections.get("content", 0)
    if content < GATED_MISSING_WORDS:
        return [
            Signal(
                "amp-content-not-granted",
                'AMP section subscriptions-section="content-not-granted" is shown and the '
                '"content" section is ' + ("empty" if "content" in sections else "missing"),
                gate=True,
            )
        ]
    return [
        Signal(
            "amp-subscriptions",
            f'AMP subscription sections, with the "content" section in this copy ({content} words)',
            gate=False,
        )
    ]


def _gate_markup(tree: HtmlElement) -> list[Signal]:
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "html", "body"):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        match = _GATE_CLASS.search(names)
        if not match:
            continue
        text = normalize_space(" ".join(element.itertext()))
        if not text or word_count(text) > GATE_MAX_WORDS:
            continue
        hits = [h for h in phrases.find(phrases.fold(text)) if h.category in _PROMPT_CATEGORIES]
        if not hits:
            continue
        return [
            Signal(
                "gate-markup",
                f'gate markup <{element.tag} class/id "{match.group(0)}"> with the prompt '
                f'"{clip(text, 70)}"',
                gate=True,
            )
        ]
    return []


def _vendors(tree: HtmlElement) -> list[Signal]:
    found: list[str] = []
    for script in tree.iter("script"):
        haystack = (script.get("src") or "") + " " + (script.text or "")[:5000]
        for name, pattern in _VENDORS:
            if name not in found and pattern.search(haystack):
                found.append(name)
    return [
        Signal(
            "paywall-vendor",
            f"paywall vendor script ({name}) is loaded: the site meters access",
            gate=False,
        )
        for name in found
    ]


def _member(tree: HtmlElement) -> list[Signal]:
    for element in tree.iter("span", "div", "p"):
        # A marker is a few words: stop reading an element's text once it is longer than
        # that, so wrappers around the whole page are not joined again at every level.
        if len(element) > 3:
            continue
        pieces: list[str] = []
        size = 0
        for piece in element.itertext():
            pieces.append(piece)
            size += len(piece)
            if size > MEMBER_MAX_CHARS:
                break
        if size > MEMBER_MAX_CHARS:
            continue
        text = normalize_space(" ".join(pieces))
        if text and word_count(text) <= 4:
            hits = phrases.find(phrases.fold(text))
            if any(h.category == "member" for h in hits):
                return [
                    Signal("member-only", f'member-only marker "{text}" on the page', gate=False)
                ]
    return []


def find_signals(
    tree: HtmlElement, objects: list[dict[str, Any]] | None = None
) -> tuple[Signal, ...]:
    """Every paywall signal the page's markup carries, strongest kinds first.

    ``objects``: the page's JSON-LD objects when the caller has parsed them already.
    """
    if objects is None:
        objects = jsonld_objects(tree)
    return tuple(
        _amp(tree) + _gate_markup(tree) + _jsonld(tree, objects) + _vendors(tree) + _member(tree)
    )
