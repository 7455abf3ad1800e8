"""The keyboard shortcut sheet (F1 or ``?``), generated from the action table.

Nothing here lists keys by hand: the rows come from
:func:`viewer.ui.actions.shortcut_rows`, so the sheet always matches what the keys do.
A few keys that belong to widgets rather than to window actions (Enter in the find bar,
Esc) are added from :data:`EXTRA_KEYS`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.actions import shortcut_rows

EXTRA_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Find bar", "Next / previous match", "Enter, Shift+Enter"),
    ("Find bar", "Close the find bar", "Esc"),
    ("Article", "Open a link in a new tab", "Middle click"),
    ("Article", "Move between links", "Tab, Shift+Tab"),
)


class ShortcutsDialog(QDialog):
    """A table of every shortcut: where it lives, what it does, which keys.

    Attributes:
        table: the table widget (rows: menu, action, keys).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = shortcut_rows() + list(EXTRA_KEYS)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName("Shortcut list")
        self.table.setHorizontalHeaderLabels(["Where", "Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 620)
        self.table.setFocus()

    def rows(self) -> list[tuple[str, str, str]]:
        """The table's content, row by row."""
        out: list[tuple[str, str, str]] = []
        for r in range(self.table.rowCount()):
            texts = [item.text() if (item := self.table.item(r, c)) else "" for c in range(3)]
            out.append((texts[0], texts[1], texts[2]))
        return out
