"""The command line: ``reader [PATH ...]`` opens the app; subcommands script the core.

Exit codes: 0 success, 1 the input could not be processed (message on stderr), 2 usage error.

Layout: ``dispatch`` (``main``: run a subcommand or open the app, map errors to exit codes),
``parser`` (the argument parser), one module per subcommand group (``library``: list and
show; ``entities``; ``summary``: summary and cache), ``launch`` (opening the terminal app) and
``common`` (errors, JSON output, text layout and the store shared by the subcommands).
"""

from __future__ import annotations

from reader.cli.dispatch import main

__all__ = ["main"]
