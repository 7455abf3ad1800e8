"""The search popup: results as you type, keyboard navigation, off-thread full text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from viewer.library import Library
from viewer.ui.search_popup import SearchPopup, SearchResultsModel, snippet_html

ARTICLES = {
    "Lenalidomide": "'''Lenalidomide''' treats [[multiple myeloma]], like thalidomide.",
    "Thalidomide": "'''Thalidomide''' is an older drug, once given against nausea.",
    "Lemon": "The '''lemon''' is a yellow citrus fruit.",
    "Paris": "'''Paris''' is the capital of France. Myeloma research happens there.",
}


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for title, text in ARTICLES.items():
        (folder / f"{title}.wiki").write_text(text, encoding="utf-8")
    (folder / "Revlimid.wiki").write_text("#REDIRECT [[Lenalidomide]]", encoding="utf-8")
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        lib.import_source(folder)
    return path


@pytest.fixture
def popup(qtbot, library_path: Path):
    window = QWidget()
    window.resize(900, 600)
    qtbot.addWidget(window)
    window.show()
    widget = SearchPopup(library_path, window)
    widget.popup()
    yield widget
    widget.shutdown()


def type_query(qtbot, popup: SearchPopup, text: str) -> None:
    popup.input.clear()
    qtbot.keyClicks(popup.input, text)
    with qtbot.waitSignal(popup._signals.done, timeout=5000):
        qtbot.waitUntil(lambda: not popup._timer.isActive(), timeout=2000)


def rows(popup: SearchPopup) -> list[tuple[str, str]]:
    model = popup.model
    return [(model.index(r, 0).data(SearchResultsModel.KindRole),
             model.index(r, 0).data()) for r in range(model.rowCount())]


def test_popup_position_and_focus(popup: SearchPopup) -> None:
    parent = popup.parentWidget()
    assert popup.isVisible()
    assert abs(popup.geometry().center().x() - parent.width() // 2) <= 1
    assert popup.geometry().top() < 20
    assert popup.input.hasFocus() or popup.focusWidget() is popup.input


def test_titles_then_full_text_groups(qtbot, popup: SearchPopup) -> None:
    type_query(qtbot, popup, "le")
    got = rows(popup)
    assert got[0] == ("header", "Titles")
    assert got[1:3] == [("title", "Lemon"), ("title", "Lenalidomide")]
    type_query(qtbot, popup, "myeloma")
    got = rows(popup)
    assert ("header", "Full text") in got
    texts = [label for kind, label in got if kind == "text"]
    assert set(texts) == {"Lenalidomide", "Paris"}
    html = popup.model.index(len(got) - 1, 0).data(SearchResultsModel.HtmlRole)
    assert "<b>" in html and "\x02" not in html


def test_keyboard_navigation_and_open(qtbot, popup: SearchPopup) -> None:
    type_query(qtbot, popup, "revl")
    assert rows(popup)[1] == ("title", "Revlimid → Lenalidomide")
    with qtbot.waitSignal(popup.open_requested) as blocker:
        qtbot.keyClick(popup.input, Qt.Key.Key_Return)
    assert blocker.args == ["Lenalidomide", False]
    assert not popup.isVisible()

    popup.popup()
    assert popup.input.selectedText() == "revl"
    type_query(qtbot, popup, "myeloma")
    openable = popup.model.openable_rows()
    qtbot.keyClick(popup.input, Qt.Key.Key_Down)  # from the first result to the second
    assert popup.view.currentIndex().row() == openable[1]
    qtbot.keyClick(popup.input, Qt.Key.Key_Up)
    qtbot.keyClick(popup.input, Qt.Key.Key_Up)  # stays on the first, skipping headers
    assert popup.view.currentIndex().row() == openable[0]
    qtbot.keyClick(popup.input, Qt.Key.Key_Down)
    expected = popup.model.index(openable[1], 0).data(SearchResultsModel.TargetRole)
    with qtbot.waitSignal(popup.open_requested) as blocker:
        qtbot.keyClick(popup.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [expected, True]


def test_alt_enter_and_escape(qtbot, popup: SearchPopup) -> None:
    type_query(qtbot, popup, "paris")
    with qtbot.waitSignal(popup.open_requested) as blocker:
        qtbot.keyClick(popup.input, Qt.Key.Key_Enter, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == ["Paris", True]
    popup.popup()
    with qtbot.assertNotEmitted(popup.open_requested):
        qtbot.keyClick(popup.input, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_typing_is_debounced_and_stale_results_dropped(qtbot, popup: SearchPopup) -> None:
    popup.input.clear()
    qtbot.keyClicks(popup.input, "thal")
    assert popup._timer.isActive() and popup.model.rowCount() == 0  # nothing yet
    popup.run_query()
    first_serial = popup._latest.value
    popup._on_text_results(first_serial - 1, [], "")  # a late answer to an older query
    assert ("header", "Full text — searching…") in rows(popup)
    popup.wait_for_text_search()
    qtbot.waitUntil(lambda: ("text", "Thalidomide") in rows(popup), timeout=5000)


def test_no_results_and_fuzzy(qtbot, popup: SearchPopup) -> None:
    type_query(qtbot, popup, "zzzzqx")
    assert rows(popup) == [("header", "Full text — no article contains these words")]
    type_query(qtbot, popup, "lenalidomdie")
    assert rows(popup)[1] == ("title", "Lenalidomide")


def test_missing_library_is_reported(qtbot, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    popup = SearchPopup(tmp_path / "none.sqlite3", window)
    popup.popup()
    qtbot.keyClicks(popup.input, "abc")
    popup.run_query()
    assert "no library there" in popup.status.text()
    popup.shutdown()


def test_results_model(qtmodeltester, qtbot, popup: SearchPopup) -> None:
    type_query(qtbot, popup, "myeloma")
    qtmodeltester.check(popup.model)


def test_snippet_html_escapes() -> None:
    assert snippet_html("<i>a</i> \x02b&c\x03") == "&lt;i&gt;a&lt;/i&gt; <b>b&amp;c</b>"


def test_focus_elsewhere_closes(qtbot, popup: SearchPopup) -> None:
    from PySide6.QtWidgets import QLineEdit

    other = QLineEdit(popup.parentWidget())
    other.show()
    popup.popup()
    assert popup.isVisible()
    other.setFocus()
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)
