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

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
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
#: Documents kept (an article's references, in most cases all of them).
_CACHE_SIZE = 1024
_DocKey = tuple[str, str, bool, str]  # (html, font key, bold, link stylesheet)
#: The article's link colours (resources/styles/article.css): existing, missing.
_LINKS_LIGHT = ("#3366cc", "#d73333")
_LINKS_DARK = ("#88a3e8", "#fd7865")


def _link_css(palette: QPalette, selected_colour: str = "") -> str:
    """Link rules for a painted document: the article's colours (red for articles the
    library lacks) on the palette's background, or one underlined colour on a
    selection (a blue or red link on the selection colour was unreadable)."""
    if selected_colour:
        return (f" a {{ color: {selected_colour}; text-decoration: underline; }}"
                f" a.new {{ color: {selected_colour}; }}")
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    link, new = _LINKS_DARK if dark else _LINKS_LIGHT
    return f" a {{ color: {link}; }} a.new {{ color: {new}; }}"
#: Events that change how documents look (link colours and fonts are baked in at parse).
_RESTYLE_EVENTS = frozenset({
    QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange,
})
_WATCHED_EVENTS = frozenset({
    QEvent.Type.Resize, QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, *_RESTYLE_EVENTS,
})


ROW_PADDING = 5
"""Extra height per row, in pixels, of the one-line lists (outline, library titles): the
default rows are packed tight and read better with some air."""


class RoomyDelegate(QStyledItemDelegate):
    """The default delegate with :data:`ROW_PADDING` more height per row."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_PADDING)


class RichTextDelegate(QStyledItemDelegate):
    """Paints ``html_for(index)`` (by default the index's :attr:`Role.HTML`) wrapped to
    the width of its column.

    Links in the text are live: the pointer becomes a hand over them and a click
    (press and release on the same link) emits :attr:`link_clicked` with its ``href``.
    The delegate never follows a link; the panel decides what the click means.

    Attributes:
        margin: padding around the text, in pixels.
    """

    link_clicked = Signal(str)
    """A link in an item was clicked: its ``href`` as written in the HTML."""

    def __init__(self, view: QAbstractItemView, html_for: HtmlSource | None = None,
                 margin: int = 3) -> None:
        super().__init__(view)
        self._view = view
        self._html_for: HtmlSource = html_for or _html_role
        self.margin = margin
        self._docs: OrderedDict[_DocKey, QTextDocument] = OrderedDict()
        self._heights: dict[tuple[_DocKey, int], int] = {}
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._do_relayout)
        self._pressed_href = ""

    # -- layout

    def watch(self) -> None:
        """Re-layout the view's rows whenever the text width can change (column resized,
        viewport resized) and re-parse them when the palette, font or style changes."""
        if isinstance(self._view, QTreeView):
            self._view.header().sectionResized.connect(self._schedule_relayout)
        self._view.viewport().installEventFilter(self)
        self._view.viewport().setMouseTracking(True)
        self._view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED_EVENTS or not shiboken6.isValid(self._view):
            return False  # (also: the view may be half destroyed already)
        viewport = self._view.viewport()
        if watched is self._view and kind in _RESTYLE_EVENTS:
            # A theme or font switch: re-parse with the new link colours and metrics.
            self.clear_cache()
            self._schedule_relayout()
            return False
        if watched is not viewport:
            return False
        if kind == QEvent.Type.Resize:
            self._schedule_relayout()
        elif isinstance(event, QMouseEvent):
            href = self.anchor_at(event.position().toPoint())
            if kind == QEvent.Type.MouseMove:
                if href:
                    viewport.setCursor(Qt.CursorShape.PointingHandCursor)
                else:
                    viewport.unsetCursor()
            elif (kind == QEvent.Type.MouseButtonPress
                    and event.button() == Qt.MouseButton.LeftButton):
                self._pressed_href = href
            elif (kind == QEvent.Type.MouseButtonRelease
                    and event.button() == Qt.MouseButton.LeftButton):
                pressed, self._pressed_href = self._pressed_href, ""
                if href and href == pressed:
                    self.link_clicked.emit(href)
        return False

    def anchor_at(self, pos: QPoint) -> str:
        """The ``href`` of the link under ``pos`` (viewport coordinates), or ``""``."""
        index = self._view.indexAt(pos)
        if not index.isValid():
            return ""
        opt = QStyleOptionViewItem()
        opt.initFrom(self._view)
        opt.rect = self._view.visualRect(index)
        self.initStyleOption(opt, index)
        opt.widget = self._view
        text_rect = self._view.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, opt, self._view)
        if not text_rect.contains(pos):
            return ""
        doc = self.document(opt, index)
        local = QPointF(pos - text_rect.topLeft())
        return doc.documentLayout().anchorAt(local)

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

    def _key(self, option: QStyleOptionViewItem, index: ModelIndex,
             selected_colour: str = "") -> _DocKey:
        return (self._html_for(index), option.font.key(), bool(index.data(Role.IS_GROUP)),
                _link_css(option.palette, selected_colour))

    def document(self, option: QStyleOptionViewItem, index: ModelIndex) -> QTextDocument:
        """The document for ``index`` laid out to its width; the same document serves
        the size hint and the painting, so heights always match.

        Documents are cached by HTML and font (parsing the HTML is the dear part) and
        only re-laid out when the width changes.
        """
        key = self._key(option, index)
        return self._document(key, self.text_width(index), option.font)

    def _document(self, key: _DocKey, width: int, base_font: QFont) -> QTextDocument:
        doc = self._docs.get(key)
        if doc is None:
            html, _font_key, bold, link_css = key
            doc = QTextDocument()
            doc.setDocumentMargin(self.margin)
            font = QFont(base_font)
            font.setBold(bold)
            doc.setDefaultFont(font)
            doc.setDefaultStyleSheet(_DOC_CSS + link_css)
            doc.setHtml(html)
            self._docs[key] = doc
            if len(self._docs) > _CACHE_SIZE:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(key)
        if doc.textWidth() != width:
            doc.setTextWidth(width)
        return doc

    def cached_documents(self) -> int:
        """How many laid-out documents are cached (for tests and benchmarks)."""
        return len(self._docs)

    def clear_cache(self) -> None:
        """Forget the laid-out documents and heights (call after the model was reset)."""
        self._docs.clear()
        self._heights.clear()

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
        context = QAbstractTextDocumentLayout.PaintContext()
        colour_group = (QPalette.ColorGroup.Normal
                        if opt.state & QStyle.StateFlag.State_Enabled
                        else QPalette.ColorGroup.Disabled)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            # Link colours are baked in when the HTML is parsed: on the selection colour
            # a blue link was unreadable, so a selected row gets links in the highlighted
            # text colour, underlined to stay recognisable as links.
            link = opt.palette.color(colour_group, QPalette.ColorRole.HighlightedText)
            doc = self._document(self._key(opt, index, link.name()), self.text_width(index),
                                 opt.font)
        else:
            doc = self.document(opt, index)
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
        key = self._key(option, index)
        width = self.text_width(index)
        height = self._heights.get((key, width))
        if height is None:
            height = int(self._document(key, width, option.font).size().height()) + 2
            if len(self._heights) > 8 * _CACHE_SIZE:
                self._heights.clear()
            self._heights[(key, width)] = height
        return QSize(width, height)


def is_internal_href(href: str) -> bool:
    """Whether ``href`` points inside the wiki (``wiki:Title#frag``) or this page
    (``#anchor``) rather than out to the web."""
    return href.startswith(("#", "wiki:"))


def _html_role(index: ModelIndex) -> str:
    value = index.data(Role.HTML)
    return value if isinstance(value, str) else ""
