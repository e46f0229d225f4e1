"""``reader entities``, and the entity marking and ``--ner`` option that ``show`` uses too."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from reader.cli.common import InputError, path_arg, print_json, print_skipped, shown
from reader.entities import BACKENDS, BackendUnavailable, article_entities, count_entities
from reader.library import Skipped
from reader.library import articles as library_articles
from reader.model import Article, Entity
from reader.present import ansi_style


def recognize(article: Article, backend: str) -> list[Entity]:
    """The article's entities by ``backend``; :class:`InputError` when the backend is missing."""
    try:
        return article_entities(article, backend)
    except BackendUnavailable as exc:
        raise InputError(f"--ner {backend}: {exc}") from None


def mark_entities(text: str, entities: Sequence[Entity], color: bool) -> str:
    """``text`` with entities in bold/colour by label (ANSI) when ``color``, else unchanged."""
    if not color:
        return text
    out: list[str] = []
    pos = 0
    for e in entities:
        if e.start < pos or e.end > len(text):
            continue
        style = ansi_style(e.label)
        out.append(text[pos : e.start])
        out.append(f"\x1b[{style}m{text[e.start : e.end]}\x1b[0m")
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def cmd_entities(args: argparse.Namespace) -> int:
    """Count the entities of every article under ``args.paths``, per article and in total."""
    articles: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    totals: dict[tuple[str, str], list[int]] = {}
    for article in library_articles(args.paths):
        if isinstance(article, Skipped):
            skipped.append(article)
            continue
        counted = count_entities(recognize(article, args.ner))
        articles.append(
            {
                "path": article.path,
                "title": article.title,
                "entities": [{"text": t, "label": lab, "count": n} for t, lab, n in counted],
            }
        )
        for text, label, n in counted:
            slot = totals.setdefault((text, label), [0, 0])
            slot[0] += n
            slot[1] += 1
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    if args.json:
        print_json(
            {
                "articles": articles,
                "totals": [
                    {"text": t, "label": lab, "count": c, "articles": a}
                    for (t, lab), (c, a) in ranked
                ],
            }
        )
    else:
        for art in articles:
            print(shown(art["title"]))
            for e in art["entities"]:
                print(f"  {e['count']:>4}  {e['label']:<8} {shown(e['text'])}")
            print()
        if len(articles) > 1:
            print(f"All {len(articles)} articles")
            for (t, lab), (c, a) in ranked:
                print(f"  {c:>4}  {lab:<8} {shown(t)}  ({a} articles)")
    print_skipped(skipped)
    return 0


def add_ner_option(p: argparse.ArgumentParser) -> None:
    """The ``--ner`` option choosing the entity recognizer."""
    p.add_argument(
        "--ner",
        choices=BACKENDS,
        default="rules",
        help="entity recognizer: built-in rules (default) or an installed spaCy model",
    )


def add_entities_command(sub: Any) -> None:
    """The ``entities`` subcommand."""
    p = sub.add_parser("entities", help="people, places, organisations and dates per article")
    p.add_argument(
        "paths", nargs="+", type=path_arg, metavar="FILE|DIR", help="files or folders (recursive)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_ner_option(p)
    p.set_defaults(handler=cmd_entities)
