"""An unexpected exception in a slot: logged privately, shown once, the app goes on."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QPushButton

from viewer.app import build_window
from viewer.ui.crash import CrashHandler, crash_log_path, format_report
from viewer.ui.tabs import Source

SECRET = "Confidential article sentence that must not reach the log"


@pytest.mark.qt_no_exception_capture
def test_slot_exception_is_logged_shown_once_and_app_continues(qtbot, tmp_path):
    article = tmp_path / "Secret_page.wiki"
    article.write_text(f"'''Secret page''' says: {SECRET}.\n\n== Part ==\nMore.\n")
    window = build_window(persistent=False)
    qtbot.addWidget(window)
    window.messenger.quiet = False
    try:
        window.show()
        tab = window.open_source(Source("file", str(article)))
        assert tab is not None and tab.article is not None

        def boom() -> None:
            raise ValueError(f"bad paragraph: {SECRET}")

        button = QPushButton("crash me")
        qtbot.addWidget(button)
        button.clicked.connect(boom)
        button.click()
        box = window.messenger.box
        assert box is not None and box.isVisible()
        assert "unexpected problem" in box.text()
        box.close()
        button.click()  # a second one: logged, status line only
        qtbot.waitUntil(lambda: window.messenger.box is None or not window.messenger.box
                        .isVisible())
        assert "Another unexpected problem" in window.statusBar().currentMessage()
        log = crash_log_path().read_text(encoding="utf-8")
        assert log.count("exception: builtins.ValueError") == 2
        assert "while reading: Secret page" in log
        assert SECRET not in log
        assert "test_crash.py" in log
        # The window still works.
        tab.jump_to_anchor("Part")
        assert tab.view.scroll_value() >= 0 and window.tabs.count() == 1
    finally:
        window.crash_handler.uninstall()
    assert sys.excepthook is not window.crash_handler.handle


def test_report_has_no_message_or_locals():
    try:
        secret_local = SECRET  # noqa: F841
        raise KeyError(SECRET)
    except KeyError:
        report = format_report(KeyError, sys.exc_info()[2], "Title")
    assert SECRET not in report
    assert "exception: builtins.KeyError" in report and "while reading: Title" in report


def test_unwritable_log_still_notifies(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    shown: list[str] = []
    handler = CrashHandler(blocker / "crash.log", lambda: "", shown.append)
    handler.handle(RuntimeError, RuntimeError("x"), None)
    assert len(shown) == 1 and "Details were written" not in shown[0]


def test_log_is_rotated_when_large(tmp_path):
    log = tmp_path / "crash.log"
    log.write_text("x" * 600_000)
    handler = CrashHandler(log, lambda: "", lambda _m: None)
    handler.handle(RuntimeError, RuntimeError("x"), None)
    assert (tmp_path / "crash.log.1").stat().st_size == 600_000
    assert log.stat().st_size < 1000
