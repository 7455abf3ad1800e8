"""Regressions for the open findings of the real-use session (notes/ux-findings.md, "Open
findings" D, C, M, O, E, A): each test drives the window with keys, clicks and menu
actions and checks what the reader sees."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from viewer.app import open_initial
from viewer.library import Library
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings
from viewer.ui.tabs import ArticleTab, Source

from .reader_support import FILLER, TESTIUM, write_article

LINKER = f"""'''Linker''' points at [[Present article|a present one]]
and at [[Absent article|an absent one]].

{FILLER}
"""

PRESENT = """'''Present article''' is in the library.
"""

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


def _library_with(tmp_path: Path, *articles: tuple[str, str]) -> Path:
    folder = tmp_path / "seed"
    folder.mkdir(exist_ok=True)
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as library:
        for name, text in articles:
            library.import_source(write_article(folder, name, text))
    return path


def test_clicking_a_marker_selects_its_reference_in_the_panel(qtbot, tmp_path):
    """C: clicking [2] in the text makes reference 2 the current row of the panel."""
    window = _window(qtbot, tmp_path, None)
    tab = _open(window, write_article(tmp_path, "Testium.wiki", TESTIUM), qtbot)
    assert window.references.current_reference() is None
    ref = tab.article.references[1]
    tab.view.set_scroll_value(0)
    point = tab.view.anchor_point(f"#{ref.anchor}")
    assert point is not None
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.references.current_reference() == ref
    assert window.references.view.selectionModel().isSelected(
        window.references.view.currentIndex())


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


def test_full_text_result_opens_at_the_first_match_with_the_find_bar(qtbot, tmp_path):
    """E: Ctrl+K, a word found only deep in an article's text, Enter: the article opens
    scrolled to that word, selected, with the find bar showing the query."""
    deep = f"""'''Deepfind''' is a test article.

{FILLER}

{FILLER}

{FILLER}

== Late ==
Its petals are zygomorphic, unlike most.
"""
    library = _library_with(tmp_path, ("Deepfind.wiki", deep), ("Present_article.wiki", PRESENT))
    window = _window(qtbot, tmp_path, library)
    _open(window, write_article(tmp_path, "Linker.wiki", LINKER), qtbot)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    popup = window._search_popup
    assert popup is not None and popup.isVisible()
    qtbot.keyClicks(popup.input, "zygomorphic")
    qtbot.waitUntil(lambda: bool(popup.model.openable_rows()), timeout=5000)
    qtbot.keyClick(popup.input, Qt.Key.Key_Return)
    tab = window.current_tab()
    assert tab is not None and tab.title == "Deepfind"
    assert window.find_bar.isVisible()
    assert window.find_bar.edit.text() == "zygomorphic"
    assert window.find_bar.count_text().startswith("1 of 1")
    cursor = tab.view.textCursor()
    assert cursor.selectedText() == "zygomorphic"
    assert tab.view.scroll_value() > 0
    assert tab.view.viewport().rect().contains(tab.view.cursorRect(cursor).center())
