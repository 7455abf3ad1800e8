"""Find in page: a bar under the article that highlights every match as you type.

All matches are painted with ``QTextEdit.ExtraSelections`` (the document itself is never
modified), the current one in a stronger colour and selected; the bar counts them
("3 of 17").  Enter / F3 go to the next match, Shift+Enter / Shift+F3 to the previous
one (wrapping around), the case toggle makes the search case-sensitive and Esc closes
the bar and gives the focus back to the article.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

MAX_MATCHES = 5000
"""Matches highlighted at most (a one-letter search in a huge article stays fast)."""


class FindBar(QWidget):
    """The find bar of one window; it searches whichever view :meth:`set_view` gave it.

    Attributes:
        edit: the search field.
        count_label: "n of m", "No matches" or empty.
        case_box: the "Match case" toggle.
        matches: the cursors of the current matches.
        current: index of the current match in ``matches`` (-1 when none).
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find in page")
        self._view: QTextEdit | None = None
        self.matches: list[QTextCursor] = []
        self.current = -1

        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("Find in page")
        self.edit.setAccessibleName("Find text")
        self.edit.setClearButtonEnabled(True)
        # Small minimum widths: the bar sits under the article, and a wide minimum
        # pushed the side panels aside (and elided the outline) whenever it opened.
        self.edit.setMinimumWidth(100)
        self.edit.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findCount")
        self.count_label.setAccessibleName("Matches")
        metrics = self.count_label.fontMetrics()
        self.count_label.setMinimumWidth(metrics.horizontalAdvance("99 of 999"))
        self.prev_button = self._button("Previous", "go-up", "Previous match (Shift+F3)")
        self.next_button = self._button("Next", "go-down", "Next match (F3)")
        self.case_box = QCheckBox("Match &case", self)
        self.case_box.setAccessibleName("Match case")
        self.close_button = self._button("Close", "window-close", "Close the find bar (Esc)")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.case_box)
        layout.addStretch(0)
        layout.addWidget(self.close_button)
        for first, second in ((self.edit, self.prev_button), (self.prev_button, self.next_button),
                              (self.next_button, self.case_box),
                              (self.case_box, self.close_button)):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.edit)

        self.edit.textChanged.connect(lambda _t: self.search())
        self.case_box.toggled.connect(lambda _c: self.search())
        self.prev_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)

    def _button(self, text: str, icon: str, tip: str) -> QToolButton:
        from PySide6.QtGui import QIcon

        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        if QIcon.hasThemeIcon(icon):
            button.setIcon(QIcon.fromTheme(icon))
        button.setAutoRaise(True)
        return button

    # ------------------------------------------------------------------ public

    def set_view(self, view: QTextEdit | None) -> None:
        """Search ``view`` from now on (the current tab's); re-runs a visible search."""
        if self._view is not None and self._view is not view:
            self._clear_highlights(self._view)
        self._view = view
        if self.isVisible():
            self.search()

    def open_bar(self) -> None:
        """Show the bar, select the query and put the focus in it."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.search()

    def close_bar(self) -> None:
        """Hide the bar, remove the highlights, focus the article."""
        if self._view is not None:
            self._clear_highlights(self._view, keep_selection=True)
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.hide()
        self.closed.emit()

    def search(self) -> None:
        """Find every match of the query, highlight them, select the first one at or
        after the top of the view."""
        view = self._view
        self.matches, self.current = [], -1
        text = self.edit.text()
        if view is None or not text:
            if view is not None:
                self._clear_highlights(view)
            self._update_label()
            return
        doc = view.document()
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        cursor = QTextCursor(doc)
        while len(self.matches) < MAX_MATCHES:
            cursor = doc.find(text, cursor, flags)
            if cursor.isNull():
                break
            self.matches.append(QTextCursor(cursor))
        if self.matches:
            top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
            self.current = next((i for i, c in enumerate(self.matches)
                                 if c.selectionStart() >= top), 0)
        self._show_current()

    def find_next(self) -> None:
        """Go to the next match (wrapping); opens the bar if it is hidden."""
        self._step(+1)

    def find_previous(self) -> None:
        """Go to the previous match (wrapping)."""
        self._step(-1)

    def count_text(self) -> str:
        """What the count label says."""
        return self.count_label.text()

    # ------------------------------------------------------------------ internals

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if not self.matches:
            self.search()
            return
        self.current = (self.current + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        view = self._view
        if view is None:
            return
        selections: list[QTextEdit.ExtraSelection] = []
        base = self._format(current=False)
        strong = self._format(current=True)
        for i, match in enumerate(self.matches):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = match
            sel.format = strong if i == self.current else base
            selections.append(sel)
        view.setExtraSelections(selections)
        if 0 <= self.current < len(self.matches):
            view.setTextCursor(self.matches[self.current])
            view.ensureCursorVisible()
        self._update_label()

    @staticmethod
    def _format(current: bool) -> QTextCharFormat:
        # Dark text on a bright marker: readable on light and dark themes alike.
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#f28c28" if current else "#fce97b"))
        fmt.setForeground(QColor("#000000"))
        return fmt

    def _update_label(self) -> None:
        if not self.edit.text():
            label = ""
        elif not self.matches:
            label = "No matches"
        else:
            more = "+" if len(self.matches) >= MAX_MATCHES else ""
            label = f"{self.current + 1} of {len(self.matches)}{more}"
        self.count_label.setText(label)
        self.edit.setProperty("noMatch", bool(self.edit.text()) and not self.matches)

    def _clear_highlights(self, view: QTextEdit, keep_selection: bool = False) -> None:
        view.setExtraSelections([])
        cursor = view.textCursor()
        if keep_selection or not cursor.hasSelection():
            # setTextCursor scrolls to the cursor: with nothing to unselect, leaving the
            # cursor alone keeps the reader where they are (opening the bar deep in an
            # article used to jump to the top, then find the first match there).
            return
        bars = view.horizontalScrollBar(), view.verticalScrollBar()
        positions = [bar.value() for bar in bars]
        cursor.clearSelection()
        view.setTextCursor(cursor)
        for bar, value in zip(bars, positions, strict=True):
            bar.setValue(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter / Shift+Enter step through matches; Esc closes."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return False
