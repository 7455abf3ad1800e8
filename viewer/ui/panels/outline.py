"""The outline panel: the article's section tree; choosing a section asks to go there."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.article.model import Article
from viewer.ui.models import Role, SectionTreeModel
from viewer.ui.panels.delegates import RoomyDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
class OutlinePanel(QWidget):
    """A tree of the article's sections.

    A click, or Enter on the current row, emits :attr:`section_activated` with the
    section's anchor; moving through the tree with the arrow keys does not (so reading
    the outline never scrolls the article).  :meth:`set_current_anchor` highlights the
    section being read, without emitting anything.

    Attributes:
        view: the tree view (the panel's focus proxy).
        model: the section model.
        empty_label: shown instead of the tree when there are no sections, so an empty
            panel says why it is empty rather than looking broken.
    """

    section_activated = Signal(str)
    """The user chose a section: its anchor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article: Article | None = None
        self.setObjectName("outlinePanel")
        self.setAccessibleName("Outline")
        self.model = SectionTreeModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("outlineView")
        self.view.setAccessibleName("Article sections")
        self.view.setAccessibleDescription(
            "Sections of the article; press Enter or click to go to a section")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setIndentation(14)
        self.view.setItemDelegate(RoomyDelegate(self.view))
        self.view.clicked.connect(self._activate)
        self.view.installEventFilter(self)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("outlineEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.empty_label.setMargin(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label, 1)
        self.setFocusProxy(self.view)
        self._update_empty()

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s sections (an empty tree for ``None``)."""
        if article is self._article and article is not None:
            return  # switching back to the same tab: nothing to rebuild
        self._article = article
        self.model.set_article(article)
        self.view.expandAll()
        self._update_empty()

    def _update_empty(self) -> None:
        """Show the tree, or a line saying there is nothing to list and why."""
        empty = self.model.rowCount() == 0
        self.view.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.empty_label.setText("No article." if self._article is None
                                 else "This article has no sections.")

    def set_current_anchor(self, anchor: str) -> None:
        """Highlight the section with ``anchor`` (the one being read) and bring it into
        view; an unknown anchor clears the highlight.  Never emits ``section_activated``."""
        index = self.model.index_for_anchor(anchor)
        selection = self.view.selectionModel()
        if not index.isValid():
            selection.clearSelection()
            return
        if index == self.view.currentIndex() and selection.isSelected(index):
            return
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        selection.setCurrentIndex(
            index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def current_anchor(self) -> str:
        """The anchor of the highlighted section (``""`` when none)."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return ""
        return str(index.data(Role.ANCHOR) or "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _ENTER_KEYS):
            self._activate(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        self.view.selectionModel().select(
            index, self.view.selectionModel().SelectionFlag.ClearAndSelect)
        anchor = index.data(Role.ANCHOR)
        if isinstance(anchor, str) and anchor:
            self.section_activated.emit(anchor)
