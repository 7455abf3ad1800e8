"""Regressions for the open findings of the real-use session (notes/ux-findings.md, "Open
findings" D, C, M, O, E, A): each test drives the window with keys, clicks and menu
actions and checks what the reader sees."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog

from viewer.app import open_initial
from viewer.library import Library
from viewer.ui.actions import Act
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings
from viewer.ui.tabs import ArticleTab, Source

from .reader_support import FILLER, TESTIUM, write_article

RED_LIGHT = "#d73333"
RED_DARK = "#fd7865"

LINKER = f"""'''Linker''' points at [[Present article|a present one]]
and at [[Absent article|an absent one]].

{FILLER}
"""

PRESENT = """'''Present article''' is in the library.
"""

ABSENT = """'''Absent article''' arrives with a later import.
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


def _link_color(tab: ArticleTab, text: str) -> str:
    """The colour the reader sees on the link whose text is ``text``."""
    block = tab.view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text() == text and fragment.charFormat().isAnchor():
                return str(fragment.charFormat().foreground().color().name())
            it += 1
        block = block.next()
    raise AssertionError(f"no link {text!r}")


def _library_with(tmp_path: Path, *articles: tuple[str, str]) -> Path:
    folder = tmp_path / "seed"
    folder.mkdir(exist_ok=True)
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as library:
        for name, text in articles:
            library.import_source(write_article(folder, name, text))
    return path


def test_links_to_absent_articles_are_red_until_an_import_adds_them(qtbot, tmp_path,
                                                                     monkeypatch):
    """D + M: a link to an article the library lacks is red, one to a present article is
    not; File > Import Folder adds the absent one, says so in the status bar, shows the
    library, and the link turns blue at once and stays blue when reopened from the
    render cache."""
    library = _library_with(tmp_path, ("Present_article.wiki", PRESENT))
    linker = write_article(tmp_path, "Linker.wiki", LINKER)
    window = _window(qtbot, tmp_path, library)
    tab = _open(window, linker, qtbot)
    assert _link_color(tab, "an absent one") == RED_LIGHT
    present = _link_color(tab, "a present one")
    assert present != RED_LIGHT
    window.set_theme("dark")
    assert _link_color(tab, "an absent one") == RED_DARK
    window.set_theme("light")

    new_folder = tmp_path / "new"
    new_folder.mkdir()
    write_article(new_folder, "Absent_article.wiki", ABSENT)
    asked: list[str] = []

    def choose_folder(parent, caption, start):
        asked.append(caption)
        return str(new_folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose_folder)
    window.docks["outline"].raise_()
    window.actions_by_id[Act.IMPORT_FOLDER].trigger()
    assert asked
    qtbot.waitUntil(lambda: "Import finished" in window.statusBar().currentMessage(),
                    timeout=10000)
    assert "1 article added" in window.statusBar().currentMessage()
    assert _link_color(tab, "an absent one") == present
    panel = window.library_panel
    assert panel is not None and panel.count_label.text() == "2 articles"
    assert not window.docks["library"].visibleRegion().isEmpty()

    hits = window.render_cache.hits
    again = _open(window, linker, qtbot)  # a second tab: rendered from the cache
    assert window.render_cache.hits == hits + 1
    assert _link_color(again, "an absent one") == present


def test_without_a_library_no_link_is_marked_missing(qtbot, tmp_path):
    """D: with no library every link would be red, which tells nothing: none is."""
    window = _window(qtbot, tmp_path, None)
    tab = _open(window, write_article(tmp_path, "Linker.wiki", LINKER), qtbot)
    assert _link_color(tab, "an absent one") == _link_color(tab, "a present one")
    assert _link_color(tab, "an absent one") != RED_LIGHT


def test_import_files_reports_the_summary_in_the_status_bar(qtbot, tmp_path, monkeypatch):
    """M: File > Import into Library with two files: the status bar gives the count."""
    window = _window(qtbot, tmp_path, tmp_path / "fresh.sqlite")
    files = [write_article(tmp_path, "Present_article.wiki", PRESENT),
             write_article(tmp_path, "Absent_article.wiki", ABSENT)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args: ([str(f) for f in files], ""))
    window.actions_by_id[Act.IMPORT].trigger()
    qtbot.waitUntil(lambda: "Import finished" in window.statusBar().currentMessage(),
                    timeout=10000)
    assert "2 articles added" in window.statusBar().currentMessage()
    assert window.library_panel is not None
    assert window.library_panel.count_label.text() == "2 articles"


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


def test_a_reopened_tab_keeps_its_history(qtbot, tmp_path):
    """H: Ctrl+Shift+T brings a tab back with Back working as before it was closed."""
    window = _window(qtbot, tmp_path, None)
    tab = _open(window, write_article(tmp_path, "Testium.wiki", TESTIUM), qtbot)
    outline = window.outline
    rect = outline.view.visualRect(outline.model.index_for_anchor("Uses"))
    qtbot.mouseClick(outline.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.view.scroll_value() > 0)
    assert tab.can_go_back()
    back_before = tab.history()[0]
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 0
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    reopened = window.current_tab()
    assert reopened is not None and reopened.title == "Testium"
    assert reopened.history()[0] == back_before
    assert window.actions_by_id[Act.BACK].isEnabled()
    scrolled = reopened.view.scroll_value()
    qtbot.keyClick(reopened.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: reopened.view.scroll_value() != scrolled)
    assert reopened.view.scroll_value() == back_before[-1].scroll


def test_status_bar_forgets_the_hovered_link_when_the_pointer_leaves(qtbot, tmp_path):
    """K: the hovered link's title stayed in the status bar after the mouse left."""
    window = _window(qtbot, tmp_path, None)
    tab = _open(window, write_article(tmp_path, "Testium.wiki", TESTIUM), qtbot)
    tab.view.set_scroll_value(0)
    point = tab.view.anchor_point("wiki:Thalidomide")
    assert point is not None
    qtbot.mouseMove(tab.view.viewport(), point)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Thalidomide")
    QApplication.sendEvent(tab.view.viewport(), QEvent(QEvent.Type.Leave))
    assert window.statusBar().currentMessage() == ""


def test_a_damaged_library_does_not_interrupt_opening_a_file(qtbot, tmp_path):
    """D's side effect: opening an article opens the library (to mark links); a damaged
    library must not pop up a box for that, only when a link asks the library."""
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    window = _window(qtbot, tmp_path, broken)
    tab = _open(window, write_article(tmp_path, "Linker.wiki", LINKER), qtbot)
    assert window.messenger.box is None
    assert _link_color(tab, "an absent one") != RED_LIGHT
    tab.view.set_scroll_value(0)
    point = tab.view.anchor_point("wiki:Absent_article")
    assert point is not None
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    box = window.messenger.box
    assert box is not None and box.isVisible() and "broken.sqlite" in box.text()


INFOBOXED = """{{Infobox person
| name = Boxed
| known_for = [[Present article]] and [[Absent article]]
}}
'''Boxed''' cites a source.<ref>See [[Absent article]] for more.</ref>

== References ==
{{reflist}}
"""


def _panel_link_pixels(view, index, colour: str) -> int:
    """Pixels of ``colour`` (within a small tolerance) in the row ``index`` of ``view``."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(index)
    wanted = QColor(colour)
    count = 0
    for y in range(rect.top(), rect.bottom()):
        for x in range(rect.left(), rect.right()):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - wanted.red()) + abs(pixel.green() - wanted.green()) \
                    + abs(pixel.blue() - wanted.blue()) <= 40:
                count += 1
    return count


def test_panels_show_links_to_absent_articles_in_red_too(qtbot, tmp_path):
    """D in the side panels: the infobox value and the reference that link to an absent
    article show that link red, the present one in the article's blue."""
    library = _library_with(tmp_path, ("Present_article.wiki", PRESENT))
    window = _window(qtbot, tmp_path, library)
    _open(window, write_article(tmp_path, "Boxed.wiki", INFOBOXED), qtbot)
    refs = window.references.view
    first = refs.model().index(0, 0)
    refs.clearSelection()
    refs.setCurrentIndex(refs.model().index(-1, -1))
    assert _panel_link_pixels(refs, first, RED_LIGHT) > 0
    infobox = window.infobox.view
    model = infobox.model()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    red = sum(_panel_link_pixels(infobox, model.index(i.row(), 1), RED_LIGHT) for i in rows)
    blue = sum(_panel_link_pixels(infobox, model.index(i.row(), 1), "#3366cc") for i in rows)
    assert red > 0 and blue > 0
