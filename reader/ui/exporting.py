"""A summary as a Markdown file (copied text is built in ``reader.clipboard``)."""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs

from reader.clipboard import EXCERPT_NOTE
from reader.model import Article, Summary


def default_export_dir() -> Path:
    """Where ``e`` writes summaries: ``<user data dir>/exports``."""
    return Path(platformdirs.user_data_dir("reader")) / "exports"


def summary_markdown(article: Article, summary: Summary) -> str:
    """The summary as a Markdown document: heading, source line, note, one bullet a sentence."""
    lines = [f"# {article.title}", ""]
    facts = [f for f in (article.source, article.url, article.path) if f]
    lines += [" · ".join(facts), ""]
    if summary.excerpt_only:
        lines += [f"> {EXCERPT_NOTE}", ""]
    lines += [f"- {s}" for s in summary.sentences]
    lines += ["", f"_Summary: {summary.algorithm}, {len(summary.sentences)} sentences._"]
    return "\n".join(lines) + "\n"


def slug(title: str) -> str:
    """A file-name-safe version of ``title`` (at most 60 characters)."""
    words = re.findall(r"\w+", title.casefold())
    return "-".join(words)[:60].strip("-") or "article"


def export_summary(article: Article, summary: Summary, folder: Path) -> Path:
    """Write the summary's Markdown to ``folder`` (created if needed); return the file's path.

    An existing file of the same name is replaced: exporting again gives the latest summary.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{slug(article.title)}.summary.md"
    target.write_text(summary_markdown(article, summary), "utf-8")
    return target
