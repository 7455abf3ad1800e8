"""The reader window driven as a user drives it: keys, clicks, menus; asserting what shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from viewer.resources import SAMPLE_ARTICLE, resource_path
from viewer.ui.actions import Act
from viewer.ui.tabs import Source


def _open(window, path: Path, qtbot):
    tab = window.open_source(Source("file", str(path)))
    assert tab is not None
    qtbot.waitUntil(lambda: tab.article is not None)
    return tab


def test_sample_opens_with_title_outline_and_references(make_window, qtbot):
    window = make_window()
    tab = _open(window, resource_path(SAMPLE_ARTICLE), qtbot)
    assert window.windowTitle() == "Lenalidomide — RefView"
    assert window.tabs.tabText(0) == "Lenalidomide"
    assert "thalidomide" in tab.view.toPlainText()
    assert window.outline.model.rowCount() > 3
    assert window.references.isVisible()


def test_outline_click_scrolls_to_section_and_back_returns(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    assert tab.view.scroll_value() == 0
    outline = window.outline
    index = outline.model.index_for_anchor("Uses")
    rect = outline.view.visualRect(index)
    qtbot.mouseClick(outline.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.view.scroll_value() > 0)
    assert tab.can_go_back()
    qtbot.waitUntil(lambda: tab.view.last_section() == "Uses")
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.view.scroll_value() == 0)
    assert tab.can_go_forward()
    qtbot.keyClick(tab.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.view.scroll_value() > 0)


def test_reference_marker_click_jumps_and_alt_left_comes_back(make_window, article_files,
                                                              qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    ref = tab.article.references[1]
    href = f"#{ref.anchor}"
    tab.view.set_scroll_value(0)
    point = tab.view.anchor_point(href)
    assert point is not None
    assert tab.view.anchorAt(point) == href
    before = tab.view.scroll_value()
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: tab.view.scroll_value() > before)
    assert tab.history()[0][-1].scroll == before
    qtbot.keyClick(tab.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.view.scroll_value() == before)


def test_hovering_a_marker_shows_the_citation(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    ref = tab.article.references[0]
    point = tab.view.anchor_point(f"#{ref.anchor}")
    assert point is not None
    from PySide6.QtWidgets import QToolTip

    qtbot.mouseMove(tab.view.viewport(), point)
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert "On testium" in QToolTip.text()
    assert "Smith" in QToolTip.text()


def test_find_thalidomide_and_step_with_f3(make_window, qtbot):
    window = make_window()
    tab = _open(window, resource_path(SAMPLE_ARTICLE), qtbot)
    qtbot.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "thalidomide")
    total = len(bar.matches)
    assert total > 3
    assert bar.count_text() == f"1 of {total}"
    assert tab.view.textCursor().selectedText().lower() == "thalidomide"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.count_text() == f"2 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_text() == f"3 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == f"1 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == f"{total} of {total}"
    assert len(tab.view.extraSelections()) == total
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert tab.view.extraSelections() == []


def test_tabs_open_close_reopen_switch_and_move(make_window, article_files, qtbot):
    window = make_window()
    first = _open(window, article_files["testium"], qtbot)
    second = _open(window, article_files["other"], qtbot)
    assert window.tabs.count() == 2 and window.current_tab() is second
    assert window.tabs.tabText(1) == "Other article"
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab() is first
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab() is second
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ShiftModifier
                   | Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.indexOf(second) == 0
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 1 and window.current_tab() is first
    assert window.windowTitle() == "Testium — RefView"
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.count() == 2
    qtbot.waitUntil(lambda: window.current_tab().title == "Other article")
    assert window.tabs.currentIndex() == 0


def test_new_tab_shows_start_page_with_recent_files(make_window, article_files, qtbot):
    window = make_window()
    _open(window, article_files["other"], qtbot)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    tab = window.current_tab()
    assert window.tabs.count() == 2 and tab.title == "New Tab"
    assert "Other article" in tab.view.toPlainText()
    href = next(h for h in _hrefs(tab.view) if h.startswith("refview-open:"))
    tab.view.link_activated.emit(QUrl(href), False)
    qtbot.waitUntil(lambda: tab.title == "Other article")


def _hrefs(view):
    out = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href:
                out.append(href)
            it += 1
        block = block.next()
    return out


def test_unreadable_file_shows_a_message_and_other_tabs_stay(make_window, article_files,
                                                            tmp_path, qtbot):
    window = make_window()
    _open(window, article_files["testium"], qtbot)
    binary = tmp_path / "image.wiki"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert window.open_files([binary, tmp_path / "missing.wiki"]) == 0
    assert window.tabs.count() == 1
    assert "no such file" in window.statusBar().currentMessage()
    assert "2 files could not be opened" in window.statusBar().currentMessage()
    # One box (not one per file) that lists every error, each on its own line.
    box = window.messenger.box
    assert box is not None and box.isVisible()
    assert box.text() == "2 files could not be opened:"
    lines = box.informativeText().splitlines()
    assert len(lines) == 2
    assert "image.wiki: this is a binary file" in lines[0]
    assert "missing.wiki: no such file" in lines[1]
    # A later single error reuses the box and drops the old list.
    window.open_files([tmp_path / "gone.wiki"])
    assert window.messenger.box is box
    assert "gone.wiki: no such file" in box.text() and box.informativeText() == ""


def test_external_link_asks_then_opens_only_when_confirmed(make_window, article_files,
                                                          qtbot, monkeypatch):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Open]
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    href = next(h for h in _hrefs(tab.view) if h.startswith("https://example.org"))
    point = tab.view.anchor_point(href)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(asked) == 1 and "https://example.org/testium" in asked[0]
    assert opened == []
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert [u.toString() for u in opened] == ["https://example.org/testium"]


def test_internal_link_without_library_says_so(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    href = next(h for h in _hrefs(tab.view) if h.startswith("wiki:Ununtestium"))
    point = tab.view.anchor_point(href)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert "Ununtestium" in window.statusBar().currentMessage()
    assert "not in the library" in window.statusBar().currentMessage()
    assert window.tabs.count() == 1


def test_internal_link_opens_library_article_middle_click_new_tab(make_window, article_files,
                                                                  tmp_path, qtbot):
    from viewer.library import Library

    library_path = tmp_path / "lib.sqlite"
    with Library.open(library_path) as library:
        library.import_source(article_files["testium"])
        library.import_source(article_files["other"])
    window = make_window(library=library_path)
    tab = _open(window, article_files["other"], qtbot)
    href = next(h for h in _hrefs(tab.view) if h.startswith("wiki:Testium"))
    point = tab.view.anchor_point(href)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.MiddleButton, pos=point)
    qtbot.waitUntil(lambda: window.tabs.count() == 2)
    assert window.current_tab().title == "Testium"
    window.tabs.setCurrentIndex(0)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.view.anchor_point(href))
    qtbot.waitUntil(lambda: tab.title == "Testium")
    assert tab.source == Source("library", "Testium")
    qtbot.keyClick(tab.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.title == "Other article")


def test_zoom_keys_change_text_size_and_persist(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    height = tab.view.document().size().height()
    qtbot.keyClick(tab.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom() == 110
    qtbot.waitUntil(lambda: tab.view.document().size().height() > height)
    qtbot.keyClick(tab.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom() == 90
    assert make_window().zoom() == 90  # persisted: a new window starts at 90 %
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(tab.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom() == 100


def test_switch_theme_to_dark_and_back(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    light_base = tab.view.palette().base().color().lightness()
    window.actions_by_id[Act.THEME_DARK].trigger()
    assert window.theme.dark
    qtbot.waitUntil(lambda: tab.view.palette().base().color().lightness() < 100)
    assert tab.view.document().defaultStyleSheet() != ""
    window.actions_by_id[Act.THEME_LIGHT].trigger()
    assert not window.theme.dark
    qtbot.waitUntil(lambda: tab.view.palette().base().color().lightness() > 150)
    assert window.settings.get("theme") == "light"
    assert light_base > 150 or window.theme.system_is_dark()


def test_export_pdf_and_html(make_window, article_files, tmp_path, qtbot):
    window = make_window()
    _open(window, article_files["testium"], qtbot)
    pdf, html = tmp_path / "out.pdf", tmp_path / "out.html"
    window.export_pdf(pdf)
    window.export_html(html)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = html.read_text(encoding="utf-8")
    assert "<title>Testium</title>" in text and "imaginary element" in text
    assert "<style>" in text


def test_drop_wikitext_files_opens_them(make_window, article_files, qtbot):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article_files["testium"])),
                  QUrl.fromLocalFile(str(article_files["other"]))])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.tabs.count() == 2
    assert [window.tabs.tabText(i) for i in range(2)] == ["Testium", "Other article"]


def test_shortcut_sheet_opens_with_f1_and_question_mark(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    qtbot.keyClick(tab.view, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    qtbot.waitExposed(dialog)
    rows = dialog.rows()
    assert ("Edit", "Find in Page", "Ctrl+F") in rows
    dialog.close()
    qtbot.keyClick(tab.view, Qt.Key.Key_Question)
    qtbot.waitUntil(lambda: window.shortcuts_dialog.isVisible())


def test_dock_toggles_from_view_menu(make_window, qtbot):
    window = make_window()
    action = window.actions_by_id[Act.SHOW_OUTLINE]
    assert action.isChecked() and window.docks["outline"].isVisible()
    action.trigger()
    assert not window.docks["outline"].isVisible() and not action.isChecked()
    action.trigger()
    assert window.docks["outline"].isVisible()


def test_widgets_have_accessible_names(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    for widget in (window.tabs, tab.view, window.find_bar.edit, window.find_bar.case_box,
                   *window.docks.values()):
        assert widget.accessibleName(), widget


@pytest.mark.parametrize("key", [Qt.Key.Key_Q])
def test_ctrl_q_closes_and_saves_session(make_window, article_files, qtbot, key, tmp_path):
    window = make_window()
    _open(window, article_files["testium"], qtbot)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert "Testium.wiki" in (tmp_path / "state" / "session.json").read_text()



def test_help_about_opens_the_about_dialog(make_window, qtbot):
    from viewer.ui.about import AboutDialog

    window = make_window()
    window.actions_by_id[Act.ABOUT].trigger()
    dialogs = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()


def test_print_dialog_is_shown_and_cancel_prints_nothing(make_window, article_files, qtbot,
                                                         monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    window = make_window()
    _open(window, article_files["testium"], qtbot)
    shown: list[QPrintDialog] = []

    def fake_exec(dialog):
        shown.append(dialog)
        return QPrintDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    qtbot.keyClick(window.current_tab().view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(shown) == 1


def test_f6_moves_focus_through_the_panes_and_enter_in_outline_jumps(make_window,
                                                                    article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)  # no infobox: that pane is skipped
    tab.view.setFocus()
    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen[0] is window.outline.view
    assert window.references.isAncestorOf(seen[1])
    assert seen[2] is tab.view
    qtbot.keyClick(tab.view, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.references.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    qtbot.keyClick(tab.view, Qt.Key.Key_F6)
    outline = window.outline.view
    assert QApplication.focusWidget() is outline
    # In the outline, the keyboard chooses a section.
    outline.setCurrentIndex(window.outline.model.index_for_anchor("Uses"))
    qtbot.keyClick(outline, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.view.scroll_value() > 0)


def test_ctrl_k_creates_the_library_and_opens_the_search(make_window, tmp_path, qtbot):
    library_path = tmp_path / "new-library.sqlite"
    window = make_window(library=library_path)
    assert window.library_panel is None
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert library_path.exists()
    assert window.library_panel is not None
    popup = window._search_popup
    assert popup is not None and popup.isVisible()
    popup.close()


def _heading_size(view, text):
    block = view.document().begin()
    while block.isValid():
        if block.text().strip() == text:
            return block.begin().fragment().charFormat().font().pointSizeF()
        block = block.next()
    raise AssertionError(text)


def test_headings_are_larger_than_text_and_follow_the_zoom(make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    body = tab.view.font().pointSizeF()
    h2 = _heading_size(tab.view, "History")
    assert h2 > body
    window.set_zoom(150)
    assert _heading_size(tab.view, "History") == pytest.approx(h2 * 1.5)
    assert tab.view.font().pointSizeF() == pytest.approx(body * 1.5)


def test_recent_files_menu_lists_and_reopens(make_window, article_files, qtbot):
    window = make_window()
    _open(window, article_files["testium"], qtbot)
    _open(window, article_files["other"], qtbot)
    window.close_tab(0)
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.isEnabled()]
    assert [a.text() for a in entries] == ["&1 Other article", "&2 Testium"]
    assert entries[1].statusTip() == str(article_files["testium"])
    entries[1].trigger()
    assert window.current_tab().title == "Testium" and window.tabs.count() == 2


def test_reference_jump_tints_the_reference_and_back_link_tints_the_marker(
        make_window, article_files, qtbot):
    window = make_window()
    tab = _open(window, article_files["testium"], qtbot)
    ref = tab.article.references[1]
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.view.anchor_point(f"#{ref.anchor}"))
    (tint,) = tab.view.extraSelections()
    assert "Plain reference about the discovery" in tint.cursor.selectedText()
    # The reference's back-link leads to the marker, which is tinted in turn.
    back_link = f"#{ref.uses[0]}"
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.view.anchor_point(back_link))
    (tint,) = tab.view.extraSelections()
    assert tint.cursor.selectedText() == "[2]"
    qtbot.keyClick(tab.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert tab.view.extraSelections() == []


def test_redirect_to_a_section_opens_the_target_there(make_window, article_files,
                                                      tmp_path, qtbot):
    from viewer.library import Library

    redirect = tmp_path / "articles" / "Testium uses.wiki"
    redirect.write_text("#REDIRECT [[Testium#Uses]]\n", encoding="utf-8")
    library_path = tmp_path / "lib.sqlite"
    with Library.open(library_path) as library:
        library.import_source(article_files["testium"])
        library.import_source(redirect)
    window = make_window(library=library_path)
    assert window.open_title("Testium uses", new_tab=True)
    tab = window.current_tab()
    qtbot.waitUntil(lambda: tab.article is not None and tab.title == "Testium")
    qtbot.waitUntil(lambda: tab.view.scroll_value() > 0)
    qtbot.waitUntil(lambda: tab.view.last_section() == "Uses")


def test_closing_the_window_shuts_down_library_search(make_window, article_files,
                                                      tmp_path, qtbot):
    from viewer.library import Library

    library_path = tmp_path / "lib.sqlite"
    with Library.open(library_path) as library:
        library.import_source(article_files["testium"])
    window = make_window(library=library_path)
    window.search_library()
    popup = window._search_popup
    assert popup is not None
    qtbot.keyClicks(popup.input, "Test")
    popup.run_query()
    assert popup._library is not None  # a title search opened its connection
    window.close()
    assert popup._library is None


def test_window_finds_the_default_library_where_the_library_keeps_it():
    """The window checks for the default library without importing the library package
    (start-up speed); both must name the same file."""
    from viewer.library import default_library_path
    from viewer.ui.main_window import library_file

    assert library_file() == default_library_path()
