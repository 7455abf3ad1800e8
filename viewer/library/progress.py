"""A terminal progress bar for imports and indexing (stderr, redrawn in place).

On a terminal it redraws one line at most ten times a second::

    [#########               ]  38%  12,345 pages  1,234 pages/s  ETA 0:00:17

When stderr is not a terminal (a log file, a pipe) it writes a plain line at most every
five seconds instead, so logs stay readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from viewer.library.library import ImportProgress

BAR_WIDTH = 24


def format_duration(seconds: float) -> str:
    """``75.2`` -> ``"0:01:15"``."""
    seconds = max(0, int(seconds + 0.5))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def format_progress(p: ImportProgress) -> str:
    """The text of one progress line (without bar when the total is unknown)."""
    parts = []
    fraction = p.fraction
    if fraction is not None:
        filled = int(fraction * BAR_WIDTH)
        parts.append("[" + "#" * filled + " " * (BAR_WIDTH - filled) + f"] {fraction:4.0%}")
    parts.append(f"{p.pages:,} pages")
    parts.append(f"{p.rate:,.0f} pages/s")
    eta = p.eta
    if eta is not None and fraction is not None and fraction < 1:
        parts.append(f"ETA {format_duration(eta)}")
    return "  ".join(parts)


class TerminalProgress:
    """A callable to pass as ``progress=``; call :meth:`finish` at the end.

    Attributes:
        stream: where to draw (stderr by default).
        interactive: whether ``stream`` is a terminal (redraw in place).
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        # A log gets its first line after the first interval, not at once: short
        # imports then print only their summary.
        self._last = 0.0 if self.interactive else time.monotonic()
        self._width = 0
        self._drawn = False

    def __call__(self, progress: ImportProgress) -> None:
        now = time.monotonic()
        interval = 0.1 if self.interactive else 5.0
        if now - self._last < interval:
            return
        self._last = now
        line = format_progress(progress)
        if self.interactive:
            pad = max(0, self._width - len(line))
            self.stream.write("\r" + line + " " * pad)
            self._width = len(line)
        else:
            self.stream.write(line + "\n")
        self._drawn = True
        self.stream.flush()

    def finish(self) -> None:
        """End the progress line so that the next output starts on a fresh line."""
        if self.interactive and self._drawn:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
        self._drawn = False
