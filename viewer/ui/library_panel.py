"""The library browser: every article, alphabetically, with a filter and "Random article".

The list is a lazy model (:class:`TitleListModel`): it asks the library for one page of
titles at a time as the view scrolls (``canFetchMore``/``fetchMore``), so a library of a
million titles opens as fast as one of ten.  The filter matches title prefixes, case-
and accent-insensitively, and is applied as the user types.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.errors import UserError
from viewer.library import Library
from viewer.ui.panels.delegates import RoomyDelegate

FETCH_SIZE = 200

ModelIndex = QModelIndex | QPersistentModelIndex


class TitleListModel(QAbstractListModel):
    """Article titles of a library, fetched page by page.

    Attributes:
        prefix: the current filter (titles starting with it).
        error: the last library error message (empty when fine).
    """

    def __init__(self, library: Library | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._titles: list[str] = []
        self._exhausted = library is None
        self._fetching = False
        self.prefix = ""
        self.error = ""

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._titles):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._titles[index.row()]
        return None

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetching or self._library is None:
            return
        self._fetching = True
        try:
            self._fetch()
        finally:
            self._fetching = False

    def _fetch(self) -> None:
        assert self._library is not None
        try:
            more = self._library.titles(self.prefix, len(self._titles), FETCH_SIZE)
        except UserError as exc:
            self.error = str(exc)
            more = []
        if len(more) < FETCH_SIZE:
            self._exhausted = True
        if more:
            start = len(self._titles)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._titles.extend(more)
            self.endInsertRows()

    def set_prefix(self, prefix: str) -> None:
        """Show only titles starting with ``prefix`` (from the first page again)."""
        self.beginResetModel()
        self.prefix = prefix
        self._titles = []
        self._exhausted = self._library is None
        self.error = ""
        if self._library is not None:  # the first page comes with the reset
            try:
                self._titles = self._library.titles(prefix, 0, FETCH_SIZE)
            except UserError as exc:
                self.error = str(exc)
            self._exhausted = len(self._titles) < FETCH_SIZE
        self.endResetModel()

    def set_library(self, library: Library | None) -> None:
        self._library = library
        self.set_prefix(self.prefix)

    def title(self, row: int) -> str:
        return self._titles[row]


class LibraryPanel(QWidget):
    """A list of the library's articles with a filter box and a "Random article" button.

    Signals:
        open_requested(title, new_tab): the user chose an article (Enter/double-click:
            current tab; Ctrl+Enter or Alt+Enter: new tab).
    """

    open_requested = Signal(str, bool)

    def __init__(self, library_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self._library: Library | None = None
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter titles…")
        self.filter.setClearButtonEnabled(True)
        self.model = TitleListModel(None, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setItemDelegate(RoomyDelegate(self.view))  # rows as airy as the outline's
        self.random_button = QPushButton("Random article", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("libraryCount")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.random_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._open_first)
        self.view.activated.connect(lambda index: self._open(index.row(), new_tab=False))
        self.random_button.clicked.connect(self.open_random)
        self.view.installEventFilter(self)
        self.refresh()

    def _open_library(self) -> Library | None:
        if self._library is None:
            try:
                self._library = Library.open(self.library_path, readonly=True)
            except UserError as exc:
                self.count_label.setText(str(exc))
                return None
        return self._library

    def refresh(self) -> None:
        """Re-read the library (after an import): count, list and filter."""
        library = self._open_library()
        self.model.set_library(library)
        self._fill()
        if library is not None:
            try:
                count = library.count()
            except UserError as exc:
                self.count_label.setText(str(exc))
            else:
                self.count_label.setText(f"{count:,} article" + ("" if count == 1 else "s"))
        self.random_button.setEnabled(library is not None)

    def _fill(self) -> None:
        if self.model.error:
            self.count_label.setText(self.model.error)

    def _apply_filter(self, text: str) -> None:
        self.model.set_prefix(text.strip())
        self._fill()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _open(self, row: int, *, new_tab: bool) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_requested.emit(self.model.title(row), new_tab)

    def _open_first(self) -> None:
        current = self.view.currentIndex()
        self._open(current.row() if current.isValid() else 0, new_tab=False)

    def open_random(self) -> None:
        """Open a random article of the library."""
        library = self._open_library()
        if library is None:
            return
        try:
            title = library.random_title()
        except UserError as exc:
            self.count_label.setText(str(exc))
            return
        if title is not None:
            self.open_requested.emit(title, False)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if watched is self.view and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.AltModifier):
            self._open(self.view.currentIndex().row(), new_tab=True)
            return True
        return super().eventFilter(watched, event)

    def shutdown(self) -> None:
        """Close the library connection."""
        if self._library is not None:
            self._library.close()
            self._library = None
