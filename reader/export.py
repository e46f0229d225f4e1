"""A summary written to a Markdown file (its text is :func:`reader.present.summary_markdown`)."""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs

from reader.model import Article, Summary
from reader.present import summary_markdown

__all__ = ["default_export_dir", "export_summary", "slug"]


def default_export_dir() -> Path:
    """Where exported summaries go by default: ``<user data dir>/exports``."""
    return Path(platformdirs.user_data_dir("reader")) / "exports"


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
