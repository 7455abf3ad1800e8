"""Regressions for the open findings of the real-use session (notes/ux-findings.md, "Open
findings" D, C, M, O, E, A): each test drives the window with keys, clicks and menu
actions and checks what the reader sees."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from viewer.app import open_initial
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings
from viewer.ui.tabs import ArticleTab, Source


def _window(qtbot, tmp_path: Path, library: Path | None) -> MainWindow:
    """A shown window with its own settings, a render cache and ``library``."""
    window = MainWindow(Settings(tmp_path / "config" / "settings.json"), None,
                        library or tmp_path / "no-library.sqlite",
                        cache_folder=tmp_path / "cache")
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _open(window: MainWindow, path: Path, qtbot) -> ArticleTab:
    tab = window.open_source(Source("file", str(path)))
    assert tab is not None
    qtbot.waitUntil(lambda: tab.article is not None)
    return tab


def test_when_every_command_line_file_fails_the_start_page_shows(qtbot, tmp_path):
    """O + A: a folder and two bad files on the command line: the window opens on the
    New Tab page, and one box lists all three errors in the app's words."""
    window = _window(qtbot, tmp_path, None)
    folder = tmp_path / "articles"
    folder.mkdir()
    empty = tmp_path / "empty.wiki"
    empty.write_text("  \n", encoding="utf-8")
    open_initial(window, [folder, empty, tmp_path / "missing.wiki"], [], restore=False)
    assert window.tabs.count() == 1
    tab = window.current_tab()
    assert tab is not None and tab.source == Source("start")
    assert "Ctrl+O" in tab.view.toPlainText()
    box = window.messenger.box
    assert box is not None and box.isVisible()
    assert box.text() == "3 files could not be opened:"
    lines = box.informativeText().splitlines()
    assert len(lines) == 3
    assert "articles: is a folder" in lines[0] and "Import Folder into Library" in lines[0]
    assert "empty.wiki: the file is empty" in lines[1]
    assert "missing.wiki: no such file" in lines[2]
    assert "refview import" not in box.informativeText()
