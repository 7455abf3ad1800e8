"""The terminal progress bar: format, throttling, and clean-up of the line."""

from __future__ import annotations

import io

from viewer.library import ImportProgress
from viewer.library.progress import TerminalProgress, format_duration, format_progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_format() -> None:
    p = ImportProgress("dump.xml.bz2", pages=12345, done=250, total=1000, elapsed=10.0)
    line = format_progress(p)
    assert line.startswith("[######                  ]  25%")
    assert "12,345 pages" in line and "1,234 pages/s" in line and "ETA 0:00:30" in line
    unknown = format_progress(ImportProgress("x", 5, 0, 0, 1.0, "pages"))
    assert unknown == "5 pages  5 pages/s"
    assert format_duration(3725.4) == "1:02:05"


def test_terminal_redraws_in_place_and_clears() -> None:
    out = Tty()
    bar = TerminalProgress(out)
    bar(ImportProgress("d", 10, 1, 10, 1.0))
    bar(ImportProgress("d", 20, 2, 10, 1.0))  # throttled: within 0.1 s
    bar.finish()
    text = out.getvalue()
    assert text.startswith("\r[") and text.count("pages/s") == 1
    assert text.endswith("\r")


def test_log_output_stays_quiet_for_short_runs() -> None:
    out = io.StringIO()
    bar = TerminalProgress(out)
    bar(ImportProgress("d", 10, 1, 10, 1.0))
    bar.finish()
    assert out.getvalue() == ""
