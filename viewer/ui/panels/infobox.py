"""The infobox panel: the article's infobox as a structured, copyable tree.

Fields are grouped under their headings (Clinical data, Identifiers, ...), values keep
their formatting (formulas with subscripts), and anything can be copied: Ctrl+C copies
``Label: value`` for each selected row, the context menu copies the value alone.  Links
in values are never opened here: the panel emits :attr:`InfoboxPanel.open_url_requested`
and the main window decides.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QStyle,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.article.model import Article, Infobox, Media
from viewer.article.render.text import inlines_text
from viewer.article.sanitize import clean_text, safe_url
from viewer.ui.models import InfoboxModel, Role
from viewer.ui.panels.delegates import RichTextDelegate, is_internal_href

ModelIndex = QModelIndex | QPersistentModelIndex

#: How many links of one value the context menu offers to open.
_MAX_LINKS_IN_MENU = 8
#: Label column width, as a share of the view, when the panel first lays out.
_LABEL_SHARE = 0.42


class _InfoboxDelegate(RichTextDelegate):
    """Rich values, plus group headings painted as shaded bands across both columns."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.data(Role.IS_GROUP) and not option.state & QStyle.StateFlag.State_Selected:
            base = option.palette.color(QPalette.ColorRole.AlternateBase)
            band = base.lighter(135) if base.lightness() < 128 else base.darker(108)
            painter.fillRect(option.rect, band)
        super().paint(painter, option, index)


class InfoboxPanel(QWidget):
    """The infobox of the current article: title, image placeholder, grouped fields.

    Attributes:
        title_label: the infobox title.
        image_frame: the image placeholder (hidden when there is no image).
        view: the field tree (the panel's focus proxy).
        model: the infobox model.
        empty_label: shown instead of the tree when the article has no infobox.
    """

    open_url_requested = Signal(QUrl)
    """The user asked to open a link found in a value (the window confirms and opens)."""
    link_activated = Signal(QUrl)
    """An internal link in the panel was clicked (``wiki:Title#frag`` or ``#anchor``,
    as the article view's links are written): route it as a click in the article."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article: Article | None = None
        self.setObjectName("infoboxPanel")
        self.setAccessibleName("Infobox")
        self.model = InfoboxModel(self)
        self._sized = False

        self.title_label = QLabel(self)
        self.title_label.setObjectName("infoboxTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.title_label.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.title_label.setFont(title_font)
        self.title_label.setAccessibleName("Infobox title")

        self.image_frame = QFrame(self)
        self.image_frame.setObjectName("infoboxImage")
        self.image_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.image_frame.setFrameShadow(QFrame.Shadow.Sunken)
        self.image_frame.setAccessibleName("Infobox image (not available offline)")
        self._image_name = QLabel(self.image_frame)
        self._image_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._image_name.setWordWrap(True)
        self._image_name.setTextFormat(Qt.TextFormat.PlainText)
        muted = QFont(self._image_name.font())
        muted.setItalic(True)  # it stands for something absent
        self._image_name.setFont(muted)
        self._image_caption = QLabel(self.image_frame)
        self._image_caption.setWordWrap(True)
        self._image_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._image_caption.setTextFormat(Qt.TextFormat.PlainText)
        self._image_caption.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        image_layout = QVBoxLayout(self.image_frame)
        image_layout.setContentsMargins(6, 4, 6, 4)
        image_layout.setSpacing(2)
        image_layout.addWidget(self._image_name)
        image_layout.addWidget(self._image_caption)

        self.view = QTreeView(self)
        self.view.setObjectName("infoboxView")
        self.view.setAccessibleName("Infobox fields")
        self.view.setAccessibleDescription(
            "Infobox fields grouped by section; Ctrl+C copies the selected rows")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setAlternatingRowColors(False)
        self.view.setRootIsDecorated(False)
        self.view.setIndentation(0)
        self.view.setItemsExpandable(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(60)
        self.delegate = _InfoboxDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.delegate.watch()
        self.delegate.link_clicked.connect(self._link_clicked)
        self.view.installEventFilter(self)

        self.empty_label = QLabel("This article has no infobox.", self)
        self.empty_label.setObjectName("infoboxEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.image_frame)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        self.setFocusProxy(self.view)
        self.set_article(None)

    # -- content

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s infobox, or say that it has none."""
        if article is self._article and article is not None:
            return  # switching back to the same tab: nothing to rebuild
        self._article = article
        self.delegate.clear_cache()
        self.model.set_article(article)
        box = self.model.infobox
        self.title_label.setVisible(box is not None)
        self.view.setVisible(box is not None)
        self.empty_label.setVisible(box is None)
        self.empty_label.setText("No article." if article is None
                                 else "This article has no infobox.")
        self._show_image(box.image if box is not None else None)
        if box is None:
            self.title_label.clear()
            return
        self.title_label.setText(box.title or (article.title if article else ""))
        self._span_groups()
        self.view.expandAll()
        self.view.setCurrentIndex(QModelIndex())
        self._size_columns()

    def _show_image(self, image: Media | None) -> None:
        self.image_frame.setVisible(image is not None)
        if image is None:
            return
        name = clean_text(image.filename)
        self._image_name.setText(f"Image: {name} (not available offline)")
        caption = inlines_text(image.caption) if image.caption else clean_text(image.alt)
        self._image_caption.setText(caption)
        self._image_caption.setVisible(bool(caption))
        self.image_frame.setToolTip(name)

    def _span_groups(self) -> None:
        root = QModelIndex()
        for row in range(self.model.rowCount(root)):
            index = self.model.index(row, 0, root)
            self.view.setFirstColumnSpanned(row, root, bool(index.data(Role.IS_GROUP)))

    def _size_columns(self) -> None:
        """Give labels their natural width, capped at a share of the panel, but never
        narrower than their longest word (so words wrap whole, never mid-word)."""
        metrics = self.view.fontMetrics()
        widest = longest_word = 0
        box: Infobox | None = self.model.infobox
        for f in box.fields if box is not None else ():
            widest = max(widest, metrics.horizontalAdvance(f.label))
            for word in f.label.split():
                longest_word = max(longest_word, metrics.horizontalAdvance(word))
        available = max(self.width() - 16, 200)
        width = max(min(widest, int(available * _LABEL_SHARE)), longest_word) + 20
        self.view.setColumnWidth(0, max(80, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.model.infobox is not None:
            self._size_columns()

    # -- copying and links

    def selected_text(self) -> str:
        """``Label: value`` for every selected field (a selected group row stands for
        all its fields), one per line, in view order, each field once."""
        rows: dict[tuple[int, int], str] = {}
        for index in self.view.selectionModel().selectedRows(0):
            parent = index.parent()
            if index.data(Role.IS_GROUP):
                for child in range(self.model.rowCount(index)):
                    field_index = self.model.index(child, 0, index)
                    rows[(index.row(), child)] = str(field_index.data(Role.COPY_TEXT))
            elif parent.isValid():
                rows[(parent.row(), index.row())] = str(index.data(Role.COPY_TEXT))
            else:
                rows[(index.row(), -1)] = str(index.data(Role.COPY_TEXT))
        return "\n".join(text for _key, text in sorted(rows.items()) if text)

    def copy_selection(self) -> None:
        """Put ``Label: value`` of the selected rows on the clipboard."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def copy_value(self, index: ModelIndex | None = None) -> None:
        """Put the value of ``index`` (default: the current row) on the clipboard."""
        index = self.view.currentIndex() if index is None else index
        value = index.data(Role.PLAIN_TEXT) if index.isValid() else None
        if isinstance(value, str) and value:
            QGuiApplication.clipboard().setText(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and isinstance(event, QKeyEvent) and event.matches(
                QKeySequence.StandardKey.Copy):
            # Claim Ctrl+C before a window-wide Copy action does, then copy the rows.
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.copy_selection()
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():  # the Menu key: the menu of the current row
            index = self.view.currentIndex()
            if not index.isValid():
                return
            pos = self.view.visualRect(index).center()
        menu = self.build_context_menu(index)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def build_context_menu(self, index: ModelIndex) -> QMenu:
        """The context menu for the row at ``index``: copy value, copy row(s), and one
        "Open link" entry per link in the value."""
        menu = QMenu(self)
        is_group = bool(index.data(Role.IS_GROUP))
        copy_value = menu.addAction("Copy &value")
        copy_value.setEnabled(not is_group)
        copy_value.triggered.connect(lambda: self.copy_value(index))
        copy_rows = menu.addAction("&Copy \u201cLabel: value\u201d")
        copy_rows.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy_rows.triggered.connect(self._copy_index_or_selection(index))
        urls = index.data(Role.URLS) or ()
        if urls:
            menu.addSeparator()
        for url in tuple(urls)[:_MAX_LINKS_IN_MENU]:
            shown = url if len(url) <= 60 else url[:57] + "\u2026"
            action = menu.addAction(f"Open link {shown}\u2026")
            action.setToolTip(url)
            action.triggered.connect(
                lambda _checked=False, u=url: self.open_url_requested.emit(QUrl(u)))
        return menu

    def _copy_index_or_selection(self, index: ModelIndex) -> Callable[[], None]:
        def copy() -> None:
            if self.view.selectionModel().isRowSelected(index.row(), index.parent()):
                self.copy_selection()
            else:
                text = index.data(Role.COPY_TEXT)
                if isinstance(text, str) and text:
                    QGuiApplication.clipboard().setText(text)
        return copy

    def _link_clicked(self, href: str) -> None:
        """A click on a link: internal links go to the window as they are, external ones
        only as a request to open (never opened here)."""
        if is_internal_href(href):
            self.link_activated.emit(QUrl(href))
            return
        url = safe_url(href)
        if url:
            self.open_url_requested.emit(QUrl(url))
