"""The references panel: the numbered, filterable list of the article's references.

Each reference shows as its formatted citation.  Enter or a double-click asks to jump
to the first place it is cited (:attr:`ReferencesPanel.jump_requested`); the citation
can be copied as text, BibTeX or RIS; DOI / PubMed / URL links are offered through
:attr:`ReferencesPanel.open_url_requested` only, because the panel itself never opens
anything (the main window asks the user, then hands the URL to the system browser).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.article.model import Article, Reference
from viewer.article.render._common import alpha_label
from viewer.article.render.export import citation_bibtex, citation_ris
from viewer.article.sanitize import escape_text, safe_url
from viewer.ui.models import ReferencesFilterProxy, ReferencesModel, Role, reference_urls
from viewer.ui.panels.delegates import RichTextDelegate, is_internal_href

ModelIndex = QModelIndex | QPersistentModelIndex
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _row_html(index: ModelIndex) -> str:
    """A reference row: bold label, the formatted citation, and how often it is cited."""
    label = escape_text(str(index.data(Role.LABEL) or ""))
    body = index.data(Role.HTML) or ""
    uses = index.data(Role.USES) or ()
    cited = ""
    if len(uses) > 1:
        cited = f" <small>(cited {len(uses)}\u00d7)</small>"
    return f"<b>{label}.</b>&nbsp;{body}{cited}"


class ReferencesPanel(QWidget):
    """The article's references with a filter box and citation actions.

    Attributes:
        filter_edit: the filter box (words typed must all appear in a reference).
        count_label: how many references are shown.
        view: the list (the panel's focus proxy).
        model: the references model; ``proxy`` filters it for the view.
        copy_text_action, copy_bibtex_action, copy_ris_action: copy the current
            reference's citation to the clipboard.
        open_doi_action, open_pubmed_action, open_url_action: ask to open its links.
    """

    jump_requested = Signal(str)
    """The user asked to go to where a reference is cited: the first marker's anchor (or
    the reference's own anchor when it is never cited in the text)."""
    open_url_requested = Signal(QUrl)
    """The user asked to open a DOI, PubMed or web link of a reference."""
    link_activated = Signal(QUrl)
    """An internal link in the panel was clicked (``wiki:Title#frag`` or ``#anchor``,
    as the article view's links are written): route it as a click in the article."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article: Article | None = None
        self.setObjectName("referencesPanel")
        self.setAccessibleName("References")
        self.model = ReferencesModel(self)
        self.proxy = ReferencesFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("referencesFilter")
        self.filter_edit.setPlaceholderText("Filter references (author, title, DOI\u2026)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter references")
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.filter_edit.returnPressed.connect(self._focus_first)
        self.filter_edit.installEventFilter(self)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("referencesCount")
        self.count_label.setAccessibleName("Number of references shown")
        self.count_label.setEnabled(False)

        self.view = QListView(self)
        self.view.setObjectName("referencesView")
        self.view.setAccessibleName("References list")
        self.view.setAccessibleDescription(
            "Press Enter or double-click to go to where a reference is cited")
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        # Lay long lists out in batches, so a page with hundreds of references never
        # blocks the window while row heights are measured.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(40)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._jump)
        self.view.installEventFilter(self)
        self.delegate = RichTextDelegate(self.view, _row_html)
        self.view.setItemDelegate(self.delegate)
        self.delegate.watch()
        self.delegate.link_clicked.connect(self._link_clicked)

        self.copy_text_action = self._action("Copy citation as &text", self.copy_text)
        self.copy_bibtex_action = self._action("Copy citation as &BibTeX", self.copy_bibtex)
        self.copy_ris_action = self._action("Copy citation as &RIS", self.copy_ris)
        self.open_doi_action = self._action("Open &DOI\u2026", lambda: self._open("doi"))
        self.open_pubmed_action = self._action(
            "Open &PubMed\u2026", lambda: self._open("pubmed"))
        self.open_url_action = self._action("Open &URL\u2026", lambda: self._open("url"))
        self.copy_text_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_text_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        copy_button = self._menu_button(
            "Copy", "Copy the citation",
            (self.copy_text_action, self.copy_bibtex_action, self.copy_ris_action))
        open_button = self._menu_button(
            "Open", "Open a link of the reference in the browser",
            (self.open_doi_action, self.open_pubmed_action, self.open_url_action))
        self.copy_button, self.open_button = copy_button, open_button

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(copy_button)
        bottom.addWidget(open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.view)
        self.setTabOrder(self.filter_edit, self.view)
        self.setTabOrder(self.view, copy_button)
        self.setTabOrder(copy_button, open_button)

        self.view.selectionModel().currentChanged.connect(self._update_actions)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.set_article(None)

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def _menu_button(self, text: str, tip: str, actions: tuple[QAction, ...]) -> QPushButton:
        # A push button, not a QToolButton: with a menu the tool button paints its arrow
        # over the end of the text ("Copy" read as "Cop"), a push button makes room.
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoDefault(False)
        menu = QMenu(button)
        menu.addActions(list(actions))
        button.setMenu(menu)
        return button

    # -- content

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s references (an empty list for ``None``); the filter text
        is kept, so a filter still applies after switching tabs."""
        if article is self._article and article is not None:
            return  # switching back to the same tab: nothing to rebuild
        self._article = article
        self.delegate.clear_cache()
        self.model.set_article(article)
        self._update_count()
        self._update_actions()

    def current_reference(self) -> Reference | None:
        """The reference at the list's current row (``None`` when none)."""
        index = self.view.currentIndex()
        ref = index.data(Role.REFERENCE) if index.isValid() else None
        return ref if isinstance(ref, Reference) else None

    def show_reference(self, anchor: str) -> None:
        """Make the reference with ``anchor`` (its own or a marker's) current and visible,
        clearing the filter if it hides it.  Emits nothing."""
        row = self.model.row_for_anchor(anchor)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self.delegate.clear_cache()
        self._update_count()
        self._update_actions()

    def _update_count(self, *_args: object) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            self.count_label.setText("No references")
        elif shown == total:
            self.count_label.setText(f"{total} reference{'s' if total != 1 else ''}")
        else:
            self.count_label.setText(f"{shown} of {total} references")

    def _update_actions(self, *_args: object) -> None:
        ref = self.current_reference()
        has_citation = ref is not None and ref.citation is not None
        urls = reference_urls(ref) if ref is not None else {}
        self.copy_text_action.setEnabled(ref is not None)
        self.copy_bibtex_action.setEnabled(has_citation)
        self.copy_ris_action.setEnabled(has_citation)
        self.open_doi_action.setEnabled("doi" in urls)
        self.open_pubmed_action.setEnabled("pubmed" in urls)
        self.open_url_action.setEnabled("url" in urls)
        self.copy_button.setEnabled(ref is not None)
        self.open_button.setEnabled(bool(urls))

    # -- actions

    def copy_text(self) -> None:
        """Copy the current reference as one line of text (``[3] Author. Title...``)."""
        index = self.view.currentIndex()
        if index.isValid():
            QGuiApplication.clipboard().setText(str(index.data(Qt.ItemDataRole.DisplayRole)))

    def copy_bibtex(self) -> None:
        """Copy the current reference's citation as a BibTeX entry (same key as in the
        article's BibTeX export)."""
        index = self.view.currentIndex()
        ref = self.current_reference()
        if ref is None or ref.citation is None:
            return
        key = str(index.data(Role.BIBTEX_KEY) or "") or f"ref{ref.number}"
        QGuiApplication.clipboard().setText(citation_bibtex(ref.citation, key))

    def copy_ris(self) -> None:
        """Copy the current reference's citation as a RIS record."""
        ref = self.current_reference()
        if ref is not None and ref.citation is not None:
            QGuiApplication.clipboard().setText(citation_ris(ref.citation))

    def _open(self, kind: str) -> None:
        ref = self.current_reference()
        url = reference_urls(ref).get(kind) if ref is not None else None
        if url:
            self.open_url_requested.emit(QUrl(url))

    def _jump(self, index: ModelIndex) -> None:
        if not index.isValid():
            return
        uses = index.data(Role.USES) or ()
        anchor = uses[0] if uses else index.data(Role.ANCHOR)
        if isinstance(anchor, str) and anchor:
            self.jump_requested.emit(anchor)

    def _focus_first(self) -> None:
        """From the filter box, Enter or Down moves into the list (first match)."""
        if self.proxy.rowCount() == 0:
            return
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid():
            self.view.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.view and event.matches(QKeySequence.StandardKey.Copy):
            # Ctrl+C in the list copies the citation: claim it before a window-wide
            # Copy action does (ShortcutOverride), then copy on the key press.
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.copy_text()
                return True
        if event.type() == QEvent.Type.KeyPress:
            if watched is self.view and event.key() in _ENTER_KEYS:
                self._jump(self.view.currentIndex())
                return True
            if watched is self.filter_edit and event.key() == Qt.Key.Key_Down:
                self._focus_first()
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():  # the Menu key: the menu of the current reference
            index = self.view.currentIndex()
            if not index.isValid():
                return
            pos = self.view.visualRect(index).center()
        self.view.setCurrentIndex(index)
        menu = self.build_context_menu()
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def build_context_menu(self) -> QMenu:
        """The context menu for the current reference: jump (to the first citation, or,
        for a reference cited several times, to any of them: a, b, c...), copy and open."""
        menu = QMenu(self)
        index = self.view.currentIndex()
        uses = tuple(index.data(Role.USES) or ()) if index.isValid() else ()
        if len(uses) > 1:
            places = menu.addMenu("&Go to citation in text")
            for n, anchor in enumerate(uses):
                action = places.addAction(f"{alpha_label(n + 1)}\t(citation {n + 1})")
                action.triggered.connect(
                    lambda _checked=False, a=anchor: self.jump_requested.emit(a))
        else:
            jump = menu.addAction("&Go to citation in text")
            jump.setEnabled(index.isValid())
            jump.triggered.connect(lambda: self._jump(self.view.currentIndex()))
        menu.addSeparator()
        menu.addActions([self.copy_text_action, self.copy_bibtex_action, self.copy_ris_action])
        menu.addSeparator()
        menu.addActions([self.open_doi_action, self.open_pubmed_action, self.open_url_action])
        return menu

    def _link_clicked(self, href: str) -> None:
        """A click on a link: internal links go to the window as they are, external ones
        only as a request to open (never opened here)."""
        if is_internal_href(href):
            self.link_activated.emit(QUrl(href))
            return
        url = safe_url(href)
        if url:
            self.open_url_requested.emit(QUrl(url))
