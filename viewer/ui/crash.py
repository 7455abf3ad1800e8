"""What happens on a bug: log it, tell the user once, keep running.

An exception escaping a Qt slot or event handler reaches ``sys.excepthook``.  The
:class:`CrashHandler` installed there appends a report to ``crash.log`` in the user's state
folder and shows a message the first time only; the event loop goes on, so the user keeps
their tabs.

Privacy: a report holds the exception *type*, the stack of our own code (file, line,
function, source line of the program) and the title of the article being read; never the
exception message or local variables, which may quote article text.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from viewer import __version__

MAX_LOG_BYTES = 512 * 1024
"""When the log grows past this, it is moved to ``crash.log.1`` (one old copy kept)."""


def crash_log_path() -> Path:
    """``<user state dir>/refview/crash.log``."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("refview", appauthor=False)) / "crash.log"


def format_report(exc_type: type[BaseException], tb: TracebackType | None,
                  context: str) -> str:
    """A crash report without the exception message or any variable's value.

    ``context`` names what the user was doing (the article title); it is the only
    user-data in the report.
    """
    when = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    lines = [
        f"=== {when} RefView {__version__}, Python {platform.python_version()}, "
        f"{platform.system()}",
        f"while reading: {context or '(no article)'}",
        f"exception: {exc_type.__module__}.{exc_type.__qualname__}",
        "stack (most recent call last):",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines) + "\n"


class CrashHandler:
    """Logs unexpected exceptions and shows the first one to the user.

    Attributes:
        log_path: the crash log (appended to).
        context: returns the title of the article the user is reading ("" if none).
        notify: shows a one-line message to the user (called once per run with a box,
            afterwards the status line only through ``notify_again``).
        notify_again: shows later crashes more quietly (status bar).
        count: how many exceptions were handled in this run.
    """

    def __init__(self, log_path: Path, context: Callable[[], str],
                 notify: Callable[[str], None],
                 notify_again: Callable[[str], None] | None = None) -> None:
        self.log_path = log_path
        self.context = context
        self.notify = notify
        self.notify_again = notify_again
        self.count = 0
        self._previous: Callable[..., object] | None = None

    def install(self) -> None:
        """Route uncaught exceptions (from slots and event handlers) here."""
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        """Give ``sys.excepthook`` back to whoever had it before."""
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        """``sys.excepthook``: log, tell the user (once), return to the event loop."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.count += 1
        try:
            context = self.context()
        except Exception:
            context = ""
        written = self._write(format_report(exc_type, tb, context))
        where = f" Details were written to {self.log_path}." if written else ""
        if self.count == 1:
            self.notify("RefView hit an unexpected problem and carried on; "
                        f"you may want to reopen the article.{where}")
        elif self.notify_again is not None:
            self.notify_again(f"Another unexpected problem was logged ({self.count} so far).")

    def _write(self, report: str) -> bool:
        """Append ``report`` to the log; ``False`` when the disk refused it."""
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                if self.log_path.stat().st_size > MAX_LOG_BYTES:
                    os.replace(self.log_path, self.log_path.with_name(self.log_path.name + ".1"))
            with open(self.log_path, "a", encoding="utf-8") as fh:
                fh.write(report)
        except OSError:
            return False
        return True
