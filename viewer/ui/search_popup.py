"""The search popup (Ctrl+K / Ctrl+L): titles as you type, then full-text hits.

Layout: a line edit over one list with two groups, "Titles" (prefix matches first, then
fuzzy ones) and "Full text" (articles with a highlighted snippet).  Up/Down move across
both groups (headers are skipped), Enter opens in the current tab, Alt+Enter or
Ctrl+Enter in a new tab, Esc closes.

Typing restarts a single-shot timer; when it fires, titles are searched at once (an index
lookup, well under 10 ms) and the full-text query goes to a one-thread pool whose task
opens its own read-only :class:`~viewer.library.Library`.  Each query carries a serial
number: a task whose query is no longer the newest skips its work, and results that
arrive late are dropped.
"""

from __future__ import annotations

import html
import itertools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from viewer.errors import UserError
from viewer.library import Library, TextHit, TitleHit, highlight_spans

DEBOUNCE_MS = 120
TITLE_LIMIT = 8
TEXT_LIMIT = 10

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row of the popup's list.

    Attributes:
        kind: ``"header"``, ``"title"`` or ``"text"``.
        label: the text shown (plain) for headers and titles.
        target: the title to open (empty for headers).
        html: rich text for the row (escaped; snippet matches in ``<b>``).
    """

    kind: str
    label: str
    target: str = ""
    html: str = ""


def snippet_html(snippet: str) -> str:
    """A marked snippet (``\\x02``...``\\x03``) as escaped rich text with ``<b>`` matches."""
    return "".join(f"<b>{html.escape(text)}</b>" if marked else html.escape(text)
                   for text, marked in highlight_spans(snippet))


def title_rows(hits: list[TitleHit]) -> list[ResultRow]:
    rows = []
    for hit in hits:
        label = f"{hit.title} → {hit.redirect_to}" if hit.redirect_to else hit.title
        rows.append(ResultRow("title", label, hit.target, html.escape(label)))
    return rows


def text_rows(hits: list[TextHit]) -> list[ResultRow]:
    return [ResultRow("text", hit.title, hit.title,
                      f"<b>{html.escape(hit.title)}</b><br><small>"
                      f"{snippet_html(hit.snippet)}</small>")
            for hit in hits]


class SearchResultsModel(QAbstractListModel):
    """The popup's rows: a "Titles" group and a "Full text" group, each with a header.

    Roles: ``DisplayRole`` (plain label), :attr:`TargetRole` (title to open),
    :attr:`KindRole` (``header``/``title``/``text``), :attr:`HtmlRole` (rich text).
    Headers are enabled but not selectable.
    """

    TargetRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    HtmlRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles: list[ResultRow] = []
        self._texts: list[ResultRow] = []
        self._text_status = ""
        self._rows: list[ResultRow] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == self.TargetRole:
            return row.target
        if role == self.KindRole:
            return row.kind
        if role == self.HtmlRole:
            return row.html
        if role == Qt.ItemDataRole.ToolTipRole and row.kind != "header":
            return row.target
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind == "header":
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({self.TargetRole: QByteArray(b"target"), self.KindRole: QByteArray(b"kind"),
                      self.HtmlRole: QByteArray(b"html")})
        return names

    def set_titles(self, rows: list[ResultRow]) -> None:
        self._titles = rows
        self._rebuild()

    def set_texts(self, rows: list[ResultRow], status: str = "") -> None:
        self._texts = rows
        self._text_status = status
        self._rebuild()

    def clear(self) -> None:
        self._titles, self._texts, self._text_status = [], [], ""
        self._rebuild()

    def _rebuild(self) -> None:
        rows: list[ResultRow] = []
        if self._titles:
            rows.append(ResultRow("header", "Titles", html="<b>Titles</b>"))
            rows += self._titles
        if self._texts or self._text_status:
            label = "Full text" + (f" — {self._text_status}" if self._text_status else "")
            rows.append(ResultRow("header", label, html=f"<b>{html.escape(label)}</b>"))
            rows += self._texts
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def openable_rows(self) -> list[int]:
        """Rows that can be opened (not headers), in order."""
        return [i for i, row in enumerate(self._rows) if row.kind != "header"]


class _RichTextDelegate(QStyledItemDelegate):
    """Paints a row's :attr:`SearchResultsModel.HtmlRole` rich text."""

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(SearchResultsModel.HtmlRole) or ""))
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        rect: QRect = opt.rect
        painter.translate(rect.left() + 4, rect.top() + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(context.palette.ColorRole.Text,
                                     opt.palette.highlightedText().color())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 4)


class _TextSearchSignals(QObject):
    done = Signal(int, object, str)  # serial, list[TextHit], error message


class _TextSearchTask(QRunnable):
    """One full-text query on its own read-only connection (runs in the pool)."""

    def __init__(self, library_path: Path, query: str, serial: int,
                 latest: _Latest, signals: _TextSearchSignals) -> None:
        super().__init__()
        self.library_path = library_path
        self.query = query
        self.serial = serial
        self.latest = latest
        self.signals = signals

    def run(self) -> None:
        if self.latest.value != self.serial:
            return  # a newer query is already waiting: skip the work
        hits: list[TextHit] = []
        error = ""
        try:
            with Library.open(self.library_path, readonly=True) as library:
                hits = library.search_text(self.query, TEXT_LIMIT, prefix=True)
        except UserError as exc:
            error = str(exc)
        if self.latest.value != self.serial:
            return
        try:
            self.signals.done.emit(self.serial, hits, error)
        except RuntimeError:  # the popup was destroyed meanwhile
            pass


class _Latest:
    """The serial of the newest query, shared with pool threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = 0

    @property
    def value(self) -> int:
        with self._lock:
            return self._value

    def set(self, value: int) -> None:
        with self._lock:
            self._value = value


class SearchPopup(QFrame):
    """The search popup over the top centre of its parent window.

    Signals:
        open_requested(title, new_tab): the user chose an article.
        text_result_chosen(query): sent just before ``open_requested`` when the chosen
            row is a full-text hit, with the query that found it (the reader shows
            where it matches).

    Attributes:
        library_path: the library searched (opened read-only).
        model: the results (:class:`SearchResultsModel`).
    """

    open_requested = Signal(str, bool)
    text_result_chosen = Signal(str)

    def __init__(self, library_path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.setObjectName("searchPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._library: Library | None = None
        self._serial = itertools.count(1)
        self._latest = _Latest()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _TextSearchSignals(self)
        self._signals.done.connect(self._on_text_results)

        self.input = QLineEdit(self)
        self.input.setPlaceholderText("Search titles and text…")
        self.input.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(_RichTextDelegate(self.view))
        self.view.setUniformItemSizes(False)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.input)
        layout.addWidget(self.view)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_query)
        self.input.textEdited.connect(lambda _text: self._timer.start())
        self.input.installEventFilter(self)
        self.view.clicked.connect(lambda index: self._open_row(index.row(), new_tab=False))
        self.hide()

    # ------------------------------------------------------------------ showing

    def popup(self) -> None:
        """Show over the top centre of the parent, input focused and its text selected."""
        parent = self.parentWidget()
        if parent is not None:
            width = max(320, min(680, parent.width() - 40))
            self.setGeometry((parent.width() - width) // 2, 8, width, self.height())
        self._fit_height()
        self.show()
        self.raise_()
        self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.input.selectAll()
        if self.input.text().strip() and self.model.rowCount() == 0:
            self.run_query()

    def _fit_height(self) -> None:
        """As tall as the results need (within the parent window), no empty space."""
        parent = self.parentWidget()
        limit = max(120, (parent.height() - 40) if parent is not None else 460)
        rows = sum(max(self.view.sizeHintForRow(r), 0) for r in range(self.model.rowCount()))
        self.view.setVisible(rows > 0)
        self.status.setVisible(bool(self.status.text()))
        margins = self._layout.contentsMargins()
        spacing = self._layout.spacing()
        height = margins.top() + margins.bottom() + self.input.sizeHint().height()
        if rows:
            height += spacing + rows + 2 * self.view.frameWidth() + 2
        if self.status.text():
            height += spacing + self.status.sizeHint().height()
        self.resize(self.width(), min(height, limit))

    def _focus_left(self) -> None:
        """Clicking or tabbing elsewhere in the window closes the popup."""
        new = QApplication.focusWidget()
        if self.isVisible() and new is not None and new is not self \
                and not self.isAncestorOf(new):
            self._timer.stop()
            self.hide()

    def close_popup(self) -> None:
        self._timer.stop()
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus()

    # ------------------------------------------------------------------ querying

    def _title_library(self) -> Library:
        if self._library is None:
            self._library = Library.open(self.library_path, readonly=True)
        return self._library

    def run_query(self) -> None:
        """Search now for the input's text (the debounce timer calls this)."""
        self._timer.stop()
        query = self.input.text().strip()
        serial = next(self._serial)
        self._latest.set(serial)
        if not query:
            self.model.clear()
            self.status.setText("")
            self._fit_height()
            return
        try:
            hits = self._title_library().search_titles(query, TITLE_LIMIT)
        except UserError as exc:
            self.model.clear()
            self.status.setText(str(exc))
            self._fit_height()
            return
        self.status.setText("")
        self.model.set_titles(title_rows(hits))
        self.model.set_texts([], "searching…")
        self._select_first()
        self._fit_height()
        self._pool.start(_TextSearchTask(self.library_path, query, serial, self._latest,
                                         self._signals))

    def _on_text_results(self, serial: int, hits: list[TextHit], error: str) -> None:
        if serial != self._latest.value:
            return  # stale: the user typed on
        current = self._current_target()
        status = error or ("" if hits else "no article contains these words")
        self.model.set_texts(text_rows(hits), status)
        self._select_target(current)
        self._fit_height()

    def wait_for_text_search(self, msecs: int = 5000) -> bool:
        """Block until queued full-text searches are done (tests and shutdown)."""
        return bool(self._pool.waitForDone(msecs))

    # ------------------------------------------------------------------ keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        if watched is self.input and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self, self._focus_left)  # once the new widget has focus
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers()
        if key == Qt.Key.Key_Escape:
            self.close_popup()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():
                self.run_query()  # Enter right after typing: search what was typed
            new_tab = bool(mods & (Qt.KeyboardModifier.AltModifier
                                   | Qt.KeyboardModifier.ControlModifier))
            rows = self.model.openable_rows()
            current = self.view.currentIndex().row()
            row = current if current in rows else (rows[0] if rows else -1)
            if row >= 0:
                self._open_row(row, new_tab=new_tab)
            return True
        return False

    def _move(self, step: int) -> None:
        rows = self.model.openable_rows()
        if not rows:
            return
        current = self.view.currentIndex().row()
        if current not in rows:
            target = rows[0] if step > 0 else rows[-1]
        else:
            position = rows.index(current) + step
            target = rows[max(0, min(len(rows) - 1, position))]
        self._set_current(target)

    def _set_current(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _select_first(self) -> None:
        rows = self.model.openable_rows()
        if rows:
            self._set_current(rows[0])

    def _current_target(self) -> tuple[str, str] | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return (str(index.data(SearchResultsModel.KindRole)),
                str(index.data(SearchResultsModel.TargetRole)))

    def _select_target(self, wanted: tuple[str, str] | None) -> None:
        """Keep the selection on the same result after the model was rebuilt."""
        for row in self.model.openable_rows():
            index = self.model.index(row, 0)
            if wanted == (index.data(SearchResultsModel.KindRole),
                          index.data(SearchResultsModel.TargetRole)):
                self._set_current(row)
                return
        self._select_first()

    def _open_row(self, row: int, *, new_tab: bool) -> None:
        index = self.model.index(row, 0)
        target = str(index.data(SearchResultsModel.TargetRole) or "")
        if not target:
            return
        self.close_popup()
        if index.data(SearchResultsModel.KindRole) == "text":
            self.text_result_chosen.emit(self.input.text().strip())
        self.open_requested.emit(target, new_tab)

    # ------------------------------------------------------------------ cleanup

    def shutdown(self) -> None:
        """Finish pending searches and close the library (call before destroying)."""
        self._latest.set(0)
        self._pool.waitForDone(5000)
        if self._library is not None:
            self._library.close()
            self._library = None
