"""A rich-text item delegate: paints an HTML role with wrapping, for the side panels.

Qt's default delegate paints plain text on one line (elided); infobox values carry
formulas with subscripts and the references are formatted citations several lines long,
so the panels paint them with a ``QTextDocument`` laid out to the column width.  Row
heights follow the width: the views relayout when a column or the viewport is resized
(see :meth:`RichTextDelegate.watch`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from viewer.ui.models import Role

ModelIndex = QModelIndex | QPersistentModelIndex
HtmlSource = Callable[[ModelIndex], str]

#: Stylesheet for the painted documents: no underline clutter, compact paragraphs.
_DOC_CSS = "a { text-decoration: none; } p { margin: 0; }"
_CACHE_SIZE = 256


class RichTextDelegate(QStyledItemDelegate):
    """Paints ``html_for(index)`` (by default the index's :attr:`Role.HTML`) wrapped to
    the width of its column.

    Attributes:
        margin: padding around the text, in pixels.
    """

    def __init__(self, view: QAbstractItemView, html_for: HtmlSource | None = None,
                 margin: int = 3) -> None:
        super().__init__(view)
        self._view = view
        self._html_for: HtmlSource = html_for or _html_role
        self.margin = margin
        self._docs: OrderedDict[tuple[str, int, str, bool], QTextDocument] = OrderedDict()
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._do_relayout)

    # -- layout

    def watch(self) -> None:
        """Re-layout the view's rows whenever the text width can change (column resized,
        viewport resized, font changed)."""
        if isinstance(self._view, QTreeView):
            self._view.header().sectionResized.connect(self._schedule_relayout)
        self._view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._view.viewport():
            self._schedule_relayout()
        return False

    def _schedule_relayout(self, *_args: object) -> None:
        self._relayout.start()

    def _do_relayout(self) -> None:
        # Both views cache row sizes; a fresh items layout asks the delegate again.
        self._view.doItemsLayout()

    def text_width(self, index: ModelIndex) -> int:
        """The width available to the text of ``index`` in the view, in pixels."""
        view = self._view
        if isinstance(view, QTreeView):
            if view.isFirstColumnSpanned(index.row(), index.parent()):
                width = view.viewport().width()
            else:
                width = view.columnWidth(index.column())
            if index.column() == 0:
                depth = 0
                parent = index.parent()
                while parent.isValid():
                    depth += 1
                    parent = parent.parent()
                width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        else:
            width = view.viewport().width()
        return max(40, width - 8)

    # -- documents

    def document(self, option: QStyleOptionViewItem, index: ModelIndex) -> QTextDocument:
        """The laid-out document for ``index`` (cached by HTML, width and font); the same
        document serves the size hint and the painting, so heights always match."""
        html = self._html_for(index)
        width = self.text_width(index)
        bold = bool(index.data(Role.IS_GROUP))
        key = (html, width, option.font.key(), bold)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(self.margin)
        font = option.font
        if bold:
            font.setBold(True)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(_DOC_CSS)
        doc.setHtml(html)
        doc.setTextWidth(width)
        self._docs[key] = doc
        if len(self._docs) > _CACHE_SIZE:
            self._docs.popitem(last=False)
        return doc

    def clear_cache(self) -> None:
        """Forget the laid-out documents (call after the model was reset)."""
        self._docs.clear()

    # -- QStyledItemDelegate

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect: QRect = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        doc = self.document(opt, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        colour_group = (QPalette.ColorGroup.Normal
                        if opt.state & QStyle.StateFlag.State_Enabled
                        else QPalette.ColorGroup.Disabled)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context.palette = QPalette(opt.palette)
        context.palette.setColor(
            QPalette.ColorRole.Text,
            opt.palette.color(colour_group, QPalette.ColorRole.HighlightedText if selected
                              else QPalette.ColorRole.Text))
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(text_rect.translated(-text_rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self.document(opt, index)
        width = self.text_width(index)
        return QSize(width, int(doc.size().height()) + 2)


def _html_role(index: ModelIndex) -> str:
    value = index.data(Role.HTML)
    return value if isinstance(value, str) else ""
