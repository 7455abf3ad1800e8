"""The library panel (lazy title list, filter, random article) and the import worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QWidget

from viewer.library import Library
from viewer.ui import library_panel
from viewer.ui.import_worker import ImportWorker, run_import
from viewer.ui.library_panel import LibraryPanel


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(25):
        (folder / f"Article {i:02d}.wiki").write_text(f"Text of article {i}.")
    (folder / "Émile.wiki").write_text("A name.")
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        lib.import_source(folder)
    return path


def titles(panel: LibraryPanel) -> list[str]:
    return [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]


def test_title_model(qtbot, qtmodeltester, library_path: Path,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_panel, "FETCH_SIZE", 10)
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    qtmodeltester.check(panel.model)
    assert panel.model.rowCount() >= 10
    panel.shutdown()


def test_lazy_list_filter_and_open(qtbot, library_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_panel, "FETCH_SIZE", 10)
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    assert panel.count_label.text() == "26 articles"
    assert len(titles(panel)) == 10  # one page fetched, more on demand
    assert panel.model.canFetchMore()
    while panel.model.canFetchMore():
        panel.model.fetchMore()
    assert len(titles(panel)) == 26 and titles(panel)[-1] == "Émile"

    qtbot.keyClicks(panel.filter, "emi")
    assert titles(panel) == ["Émile"]
    with qtbot.waitSignal(panel.open_requested) as blocker:
        qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert blocker.args == ["Émile", False]
    panel.filter.clear()
    panel.view.setCurrentIndex(panel.model.index(2, 0))
    with qtbot.waitSignal(panel.open_requested) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["Article 02", True]
    panel.shutdown()


def test_random_article(qtbot, library_path: Path) -> None:
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.open_requested) as blocker:
        panel.random_button.click()
    assert blocker.args[0].startswith(("Article", "Émile")) and blocker.args[1] is False
    panel.shutdown()


def test_missing_library(qtbot, tmp_path: Path) -> None:
    panel = LibraryPanel(tmp_path / "none.sqlite3")
    qtbot.addWidget(panel)
    assert "no library there" in panel.count_label.text()
    assert not panel.random_button.isEnabled()


def test_import_worker_in_a_thread_then_refresh(qtbot, tmp_path: Path,
                                                library_path: Path) -> None:
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    extra = tmp_path / "New topic.wiki"
    extra.write_text("'''New topic''' text.")
    done: list[object] = []
    window = QWidget()
    qtbot.addWidget(window)
    worker = run_import(window, library_path, [extra], on_done=done.append, workers=0)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert done[0][0].added == 1
    panel.refresh()
    assert panel.count_label.text() == "27 articles"
    assert isinstance(worker, ImportWorker)
    panel.shutdown()


def test_import_worker_reports_failure_and_cancel(qtbot, tmp_path: Path) -> None:
    worker = ImportWorker(tmp_path / "lib.sqlite3", [tmp_path / "missing.xml"], workers=0)
    with qtbot.waitSignal(worker.failed) as blocker:
        worker.run()
    assert "no such file" in blocker.args[0] and "\n" not in blocker.args[0]

    source = tmp_path / "A.wiki"
    source.write_text("text")
    worker = ImportWorker(tmp_path / "lib.sqlite3", [source], workers=0)
    worker.cancel()
    with qtbot.waitSignal(worker.finished) as blocker:
        worker.run()
    assert blocker.args == [[]]


def test_import_failure_shows_a_message_box(qtbot, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    done: list[object] = []
    run_import(window, tmp_path / "lib.sqlite3", [tmp_path / "nothing.xml"],
               on_done=done.append, workers=0)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    from PySide6.QtWidgets import QMessageBox

    boxes = [w for w in window.findChildren(QMessageBox)]
    assert boxes and "no such file" in boxes[0].text()
    assert not any(isinstance(t, QThread) and t.isRunning() for t in window.findChildren(QThread))


def test_library_rows_have_room_like_the_outline(qtbot, library_path: Path) -> None:
    """The title list was packed tight next to the roomy outline (finding N): its rows
    now get the outline's extra height."""
    from PySide6.QtWidgets import QListView

    from viewer.ui.panels.delegates import ROW_PADDING

    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    panel.show()
    qtbot.waitExposed(panel)
    plain = QListView()
    qtbot.addWidget(plain)
    plain.setFont(panel.view.font())
    plain.setModel(panel.model)
    plain_height = plain.sizeHintForRow(0)
    assert plain_height > 0
    assert panel.view.sizeHintForRow(0) >= plain_height + ROW_PADDING
    assert panel.view.visualRect(panel.model.index(1, 0)).height() >= plain_height + ROW_PADDING
    panel.shutdown()
