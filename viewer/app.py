"""Start the reader: build the application and the window, open what was asked, run.

No logic of its own: which files, which session, which library come from the command
line (``viewer.cli``); the window does the rest.  Qt is imported here, inside the
functions, so that ``import viewer.app`` stays free and ``refview render`` never loads Qt.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from viewer.ui.main_window import MainWindow

SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_TIMEOUT_S = 60.0


def create_application() -> QApplication:
    """The ``QApplication`` (reused when one exists, as in tests)."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("RefView")
    app.setApplicationDisplayName("RefView")
    from viewer import __version__
    from viewer.ui.icons import APP_ID, app_icon

    # The desktop entry's name (packaging/linux/), so that Wayland shells match the
    # window with its menu entry and icon.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setApplicationVersion(__version__)
    return app


def build_window(library: Path | None = None, *, persistent: bool = True) -> MainWindow:
    """A main window with the user's settings; ``persistent=False`` keeps settings and
    session in memory only (screenshots must not touch the user's files)."""
    from viewer.ui.crash import CrashHandler, crash_log_path
    from viewer.ui.main_window import MainWindow
    from viewer.ui.render_cache import cache_folder
    from viewer.ui.session import session_path
    from viewer.ui.settings import Settings, settings_path

    settings = Settings(settings_path() if persistent else None)
    window = MainWindow(settings, session_path() if persistent else None, library,
                        quiet=not persistent,
                        cache_folder=cache_folder() if persistent else None)

    def context() -> str:
        tab = window.current_tab()
        return tab.title if tab is not None else ""

    handler = CrashHandler(crash_log_path(), context, window.messenger.error,
                           window.messenger.warning)
    handler.install()
    window.destroyed.connect(lambda *_a: handler.uninstall())
    window.crash_handler = handler  # type: ignore[attr-defined]
    return window


def open_initial(window: MainWindow, files: list[Path], open_titles: list[str],
                 restore: bool, *, start_page_on_failure: bool = True) -> None:
    """Open the command line's files and titles; otherwise the last session, or the
    bundled sample article on first launch.

    When none of the files and titles asked for opens, the window shows the new-tab page
    (recent files, how to open or import) under the error message, never an empty frame
    (``start_page_on_failure=False``: left empty, for ``--screenshot`` to fail on).
    """
    from viewer.resources import SAMPLE_ARTICLE, resource_path
    from viewer.ui.tabs import Source

    if files or open_titles:
        window.open_files(files)
        for title in open_titles:
            window.open_title(title, new_tab=True)
        if window.tabs.count() == 0 and start_page_on_failure:
            window.open_source(Source("start"))
        return
    if restore and window.restore_session():
        return
    window.open_source(Source("file", str(resource_path(SAMPLE_ARTICLE))))


def _wait_until_loaded(window: MainWindow, timeout_s: float) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    for _ in range(3):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    while time.monotonic() < deadline:
        tab = window.current_tab()
        if tab is None or not tab.is_loading():
            break
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    for _ in range(3):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def take_screenshot(window: MainWindow, out: Path) -> int:
    """Render ``window`` at 1280x800 and save it as PNG; 0 on success."""
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    _wait_until_loaded(window, SCREENSHOT_TIMEOUT_S)
    image = window.grab()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    if not image.save(str(out), "PNG"):
        print(f"refview: {out}: could not write the screenshot", file=sys.stderr)
        return 1
    return 0


def run_gui(files: list[Path], library: Path | None = None, screenshot: Path | None = None,
            fresh: bool = False, open_titles: list[str] | None = None) -> int:
    """Run the reader until its window closes; the process exit code.

    ``screenshot`` renders the window offscreen into that PNG and returns at once,
    without reading or writing the saved session or settings.
    """
    if screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application()
    window = build_window(library, persistent=screenshot is None)
    open_initial(window, list(files), list(open_titles or []),
                 restore=not fresh and screenshot is None,
                 start_page_on_failure=screenshot is None)
    if screenshot is not None:
        if window.tabs.count() == 0:
            message = window.statusBar().currentMessage() or "nothing to show"
            print(f"refview: {message}", file=sys.stderr)
            window.deleteLater()
            return 1
        code = take_screenshot(window, screenshot)
        window.close()
        window.deleteLater()
        return code
    window.show()
    tab = window.current_tab()
    if tab is not None:
        tab.setFocus()
    return int(app.exec())
