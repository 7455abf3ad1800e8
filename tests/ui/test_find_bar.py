"""The find bar on its own: live highlighting, counting, stepping, case, Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTextBrowser, QVBoxLayout, QWidget

from viewer.ui.find_bar import FindBar


@pytest.fixture
def setup(qtbot):  # yields (bar, view) while keeping their window alive
    host = QWidget()
    view = QTextBrowser(host)
    view.setHtml("<p>Apple pie. apple juice.</p>" + "<p>filler</p>" * 200 + "<p>APPLE end</p>")
    bar = FindBar(host)
    layout = QVBoxLayout(host)
    layout.addWidget(view)
    layout.addWidget(bar)
    bar.set_view(view)
    bar.hide()
    qtbot.addWidget(host)
    host.resize(500, 300)
    host.show()
    qtbot.waitExposed(host)
    yield bar, view
    host.close()


def test_typing_highlights_all_matches_live(setup, qtbot):
    bar, view = setup
    bar.open_bar()
    assert bar.isVisible() and bar.count_text() == ""
    qtbot.keyClicks(bar.edit, "app")
    assert bar.count_text() == "1 of 3"
    assert len(view.extraSelections()) == 3
    qtbot.keyClicks(bar.edit, "le j")
    assert bar.count_text() == "1 of 1"
    assert view.textCursor().selectedText() == "apple j"
    qtbot.keyClicks(bar.edit, "x")
    assert bar.count_text() == "No matches"
    assert view.extraSelections() == []


def test_case_toggle(setup, qtbot):
    bar, _ = setup
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "Apple")
    assert bar.count_text() == "1 of 3"
    bar.case_box.click()
    assert bar.count_text() == "1 of 1"


def test_enter_and_shift_enter_wrap_and_scroll(setup, qtbot):
    bar, view = setup
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "apple")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == "3 of 3"
    assert view.verticalScrollBar().value() > 0  # the last match is far down
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_text() == "1 of 3"
    bar.next_button.click()
    assert bar.count_text() == "2 of 3"
    bar.prev_button.click()
    assert bar.count_text() == "1 of 3"


def test_escape_closes_and_keeps_the_selection(setup, qtbot):
    bar, view = setup
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "juice")
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert view.extraSelections() == []
    assert view.textCursor().selectedText() == "juice"


def test_find_next_while_hidden_reopens_with_the_last_query(setup, qtbot):
    bar, _ = setup
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "apple")
    bar.close_bar()
    bar.find_next()
    assert bar.isVisible() and bar.count_text() == "1 of 3"


def test_switching_views_searches_the_new_one(setup, qtbot):
    bar, view = setup
    other = QTextBrowser()
    qtbot.addWidget(other)
    other.setHtml("<p>apple</p>")
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "apple")
    bar.set_view(other)
    assert bar.count_text() == "1 of 1"
    assert view.extraSelections() == []


def test_tab_order_runs_through_the_bar(setup, qtbot):
    bar, _ = setup
    window = bar.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    bar.open_bar()
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [bar.prev_button, bar.next_button, bar.case_box, bar.close_button]
    assert all(w.accessibleName() for w in order)
