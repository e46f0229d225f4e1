"""ReaderApp: what is app-wide (styles, the store, settings, notifications, the terminal).

Everything else lives in :class:`~reader.ui.screens.main.MainScreen` (layout, keys, the status
line) and its widgets, which run their own workers (see ``ARCHITECTURE.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.events import Event, InputEvent
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import WorkerState

from reader.export import default_export_dir
from reader.library import prepare_workers
from reader.store import Store
from reader.summary import ALGORITHMS
from reader.textutil import safe_line
from reader.ui.background import leave_stuck_work
from reader.ui.idle_gc import QUIET, IdleCollector
from reader.ui.keys import KEYS
from reader.ui.messages import WorkFailed
from reader.ui.screens.main import MainScreen
from reader.ui.shared_store import SharedStore
from reader.ui.terminal import terminal_alive


class ReaderApp(App[None]):
    """Browse a library of saved articles and read them, from the keyboard."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        store_path: Path | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        """Files and folders the library is scanned from."""
        self.export_dir = export_dir if export_dir is not None else default_export_dir()
        """Where ``e`` (and a failed copy) writes Markdown summaries."""
        self.algorithm = ALGORITHMS[0]
        """The summary algorithm (chosen in the command palette)."""
        self._main: MainScreen | None = None
        self._store = SharedStore(store_path)
        self._idle_gc = IdleCollector(busy=self._working)
        prepare_workers()  # before Textual takes over stderr: the scan's process pool needs it

    @property
    def main(self) -> MainScreen:
        """The screen the app runs on (the first on its stack)."""
        if self._main is None:
            self._main = MainScreen(self.paths)
        return self._main

    def get_default_screen(self) -> Screen[Any]:
        return self.main

    def on_mount(self) -> None:
        self.set_interval(QUIET / 2, self._idle_gc.tick)
        if not self.is_headless and terminal_alive():
            self.set_interval(1.0, self._check_terminal)

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run until quit; then end at once even if a read is stuck (see ``background``)."""
        result = super().run(*args, **kwargs)
        leave_stuck_work(self.return_code or 0)
        return result

    def _check_terminal(self) -> None:
        """Quit once the terminal is gone (window closed, tmux killed, SSH dropped): run by a
        parent that does not pass the hangup on (``make``), Textual's input thread would spin
        on end-of-file at full speed."""
        if not terminal_alive():
            self.exit(return_code=129, message="The terminal went away.")

    # --- the store ----------------------------------------------------------------------------

    def store(self) -> Store:
        """The app's one store, opened on first use (call it from workers, not the UI thread)."""
        return self._store.get()

    def check_store(self) -> None:
        """Tell the user, once, what went wrong with the store."""
        for warning in self._store.new_warnings():
            self.notify(warning, title="Summary cache", severity="warning", timeout=10)

    def on_unmount(self) -> None:
        self._store.close()

    # --- what every screen shares -------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, with every line made safe: file names, titles, reasons
        and URLs in messages are untrusted, so never markup and never a control character."""
        safe = "\n".join(safe_line(line) for line in message.splitlines())
        super().notify(
            safe, title=safe_line(title), severity=severity, timeout=timeout, markup=False
        )

    def validate_title(self, title: Any) -> str:  # the window's title: never a control
        return safe_line(str(title))

    def validate_sub_title(self, sub_title: Any) -> str:
        return safe_line(str(sub_title))

    def on_work_failed(self, message: WorkFailed) -> None:
        """A worker that failed is reported, never fatal: the app keeps running."""
        self.notify(
            f"{message.what} failed: {message.error}",
            title="Something went wrong",
            severity="error",
            timeout=10,
        )

    def _working(self) -> bool:
        """Whether any worker (scan, article, summary...) is under way."""
        return any(worker.state == WorkerState.RUNNING for worker in self.workers)

    async def on_event(self, event: Event) -> None:
        if isinstance(event, InputEvent):
            self._idle_gc.input_seen()
        await super().on_event(event)

    def write_osc52(self, sequence: str, text: str) -> None:
        """Send an OSC 52 sequence to the terminal (on the UI thread): through Textual's
        ``copy_to_clipboard`` (the same sequence), or, wrapped for tmux's passthrough (which
        Textual 8 cannot do), to the driver Textual itself writes through."""
        if not sequence.startswith("\x1bPtmux;"):
            self.copy_to_clipboard(text)
            return
        driver = self._driver
        if driver is None:
            raise OSError("no terminal to write to")
        driver.write(sequence)

    # --- settings and the command palette -----------------------------------------------------

    def set_algorithm(self, algorithm: str) -> None:
        """Summarise with ``algorithm`` from now on (and redo the summary on show)."""
        self.algorithm = algorithm
        self.notify(f"Summaries now use {algorithm}.", timeout=2)
        self.main.view.resummarise(algorithm)

    def open_path(self, path: str) -> None:
        """Open ``path`` in the reader pane (for scripts and tests)."""
        self.main.open_path(path)

    @property
    def scanning(self) -> bool:
        """True while the library is being scanned."""
        return self.main.library.scanning

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands plus every reader action."""
        yield from super().get_system_commands(screen)
        for key in KEYS:
            if key.action != "quit":
                yield SystemCommand(key.title, key.help, partial(self.main.run_action, key.action))
        for algorithm in ALGORITHMS:
            yield SystemCommand(
                f"Summary algorithm: {algorithm}",
                f"Summarise with {algorithm}"
                + (" (current)" if algorithm == self.algorithm else ""),
                partial(self.set_algorithm, algorithm),
            )
