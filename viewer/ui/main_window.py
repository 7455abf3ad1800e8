"""The reader window: tabs of articles, side panels, menus built from the action table.

The window composes owned parts and wires them; it does no rendering itself:

* :class:`~viewer.ui.tabs.ArticleTab` per article (view + history);
* dock panels from :mod:`viewer.ui.panels` (outline, infobox, references) that follow
  the current tab;
* the :class:`~viewer.ui.find_bar.FindBar` under the tabs;
* actions from :mod:`viewer.ui.actions` (menus, toolbar, shortcut sheet);
* :class:`~viewer.ui.settings.Settings` (theme, zoom, recent files) and the session
  (:mod:`viewer.ui.session`), saved atomically;
* one :class:`~viewer.ui.messages.Messenger` for everything the user must be told.

Links: ``#anchor`` stays in the tab; ``wiki:Title`` opens the article from the library
(or says it is not there); ``http(s)`` asks first and then hands the URL to the system
browser; anything else is refused.  Nothing here fetches anything.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.errors import UserError
from viewer.ui.actions import ACTIONS, MENUS, RECENT_MENU, Act, build_actions
from viewer.ui.article_view import body_point_size
from viewer.ui.find_bar import FindBar
from viewer.ui.messages import Messenger
from viewer.ui.render_cache import RenderCache
from viewer.ui.session import (
    SessionState,
    SourceKind,
    TabState,
    load_session,
    save_session,
)
from viewer.ui.settings import ZOOM_LEVELS, Settings
from viewer.ui.tabs import ArticleTab, Location, Source
from viewer.ui.theme import ThemeManager, article_css

if TYPE_CHECKING:
    from viewer.article.model import Article
    from viewer.library import ImportStats, Library

WIKITEXT_SUFFIXES = (".wiki", ".txt", ".mediawiki", ".wikitext")
"""File name endings accepted by drag and drop and offered by the open dialog."""

OPEN_SCHEME = "refview-open"
"""Links of the new-tab page that open a recent file (only honoured on that page)."""

MAX_CLOSED_TABS = 20
LIBRARY_DOCK_DELAY_MS = 250
SESSION_SAVE_DELAY_MS = 1500


@dataclass(frozen=True, slots=True)
class _ClosedTab:
    """A closed tab, for Reopen Closed Tab: where it stood, what it showed, its history."""

    index: int
    location: Location
    back: tuple[Location, ...]
    forward: tuple[Location, ...]


def render_article(text: str, title: str) -> tuple[Article, str]:
    """Parse and render an article for the view (infobox left to its panel).

    Pure and thread-safe: called on a worker thread for big articles.
    """
    from viewer.article.parse import parse_article
    from viewer.article.render.html import to_html

    article = parse_article(text, title)
    return article, to_html(article, include_infobox=False)


def library_file() -> Path:
    """Where the default library lives: the same as
    :func:`viewer.library.default_library_path` (a test keeps them equal), without
    importing the library package, which a start-up with no library never needs."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("refview", appauthor=False)) / "library.sqlite3"


def file_title(path: Path) -> str:
    """The article title of a file: its name without extension, ``_`` as spaces."""
    return path.stem.replace("_", " ").strip() or path.name


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


class MainWindow(QMainWindow):
    """The reader window.

    Attributes:
        settings: the user's preferences.
        session_file: where the session is saved (``None``: never saved, e.g. for
            ``--screenshot``).
        render_cache: rendered articles kept on disk (no folder: no cache).
        library_path: the library file to use (``None``: the default one, if it exists).
        tabs: the tab widget; each page is an :class:`ArticleTab`.
        find_bar: the find bar.
        actions_by_id: the window's actions keyed by :class:`Act`.
        messenger: status bar and message boxes.
        docks: the side panels' dock widgets, by name.
    """

    article_opened = Signal(object)
    """A tab finished showing an article (the ``Article``; ``None`` for a start page)."""

    def __init__(self, settings: Settings, session_file: Path | None = None,
                 library_path: Path | None = None, *, quiet: bool = False,
                 cache_folder: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("RefView")
        self.setAccessibleName("RefView")
        self.settings = settings
        self.session_file = session_file
        self.library_path = library_path
        self.messenger = Messenger(self, quiet=quiet)
        self.render_cache = RenderCache(cache_folder, render_article)
        self._library: Library | None = None
        self._library_checked = False
        self._link_exists: dict[str, bool] = {}
        self._failures: list[str] | None = None
        self._find_after_open = ""
        self._pending_find: tuple[ArticleTab, str] | None = None
        self._closed: list[_ClosedTab] = []
        self._search_popup: Any = None
        self.theme = ThemeManager(_app(), self._theme_changed, self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setAccessibleName("Open articles")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.tabs.tabBar().installEventFilter(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.actions_by_id = build_actions(self)
        self._build_menus()
        self._build_toolbar()
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self.statusBar().setAccessibleName("Status")
        self.setAcceptDrops(True)

        self._session_timer = QTimer(self)
        self._session_timer.setSingleShot(True)
        self._session_timer.setInterval(SESSION_SAVE_DELAY_MS)
        self._session_timer.timeout.connect(self.save_session)

        self.theme.apply(settings.get("theme"))
        self._sync_theme_actions()
        self._update_actions()
        self.resize(1100, 760)

    # ================================================================== building

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for title, items in MENUS:
            menu = bar.addMenu(title)
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif item == RECENT_MENU:
                    self.recent_menu = menu.addMenu("Open &Recent")
                    self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
                elif isinstance(item, Act):
                    menu.addAction(self.actions_by_id[item])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Navigation", self)
        toolbar.setObjectName("navigationToolbar")
        toolbar.setAccessibleName("Navigation toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(toolbar.iconSize().boundedTo(QSize(20, 20)))
        for act, spec in ACTIONS.items():
            if spec.toolbar:
                toolbar.addAction(self.actions_by_id[act])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea,
              act: Act) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        dock.setAccessibleName(f"{title} panel")
        dock.setWidget(widget)
        dock.setFocusProxy(widget)
        self.addDockWidget(area, dock)
        self.actions_by_id[act].setChecked(True)
        dock.setProperty("toggle_action", act.name)
        dock.visibilityChanged.connect(self._dock_toggled)
        self.docks[name] = dock
        return dock

    def _build_docks(self) -> None:
        from viewer.ui.panels.infobox import InfoboxPanel
        from viewer.ui.panels.outline import OutlinePanel
        from viewer.ui.panels.references import ReferencesPanel

        self.outline = OutlinePanel(self)
        self.infobox = InfoboxPanel(self)
        self.references = ReferencesPanel(self)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self._dock("outline", "Contents", self.outline, left, Act.SHOW_OUTLINE)
        infobox = self._dock("infobox", "Infobox", self.infobox, right, Act.SHOW_INFOBOX)
        refs = self._dock("references", "References", self.references, right,
                          Act.SHOW_REFERENCES)
        self.splitDockWidget(infobox, refs, Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["outline"], infobox], [230, 330],
                         Qt.Orientation.Horizontal)
        # The infobox/references split is set here, once: left to Qt, it followed the
        # size hints of the first article shown (a big reference list squeezed the
        # infobox to two rows for the whole session).  The reader's own drags and a
        # restored layout still win.
        self.resizeDocks([infobox, refs], [370, 350], Qt.Orientation.Vertical)
        self.infobox.model.is_missing = self._link_is_missing
        self.references.model.is_missing = self._link_is_missing
        self.outline.section_activated.connect(self._section_activated)
        self.references.jump_requested.connect(self._reference_jump)
        self.references.open_url_requested.connect(self.open_external_confirmed)
        self.infobox.open_url_requested.connect(self.open_external_confirmed)
        self.library_panel: Any = None
        self._build_library_dock()
        # The library browser needs the library package and SQLite: built a moment
        # after start-up, so that the first article is on screen first.
        QTimer.singleShot(LIBRARY_DOCK_DELAY_MS, self._ensure_library_dock)

    def _build_library_dock(self) -> None:
        """The library dock, beside the outline.  It exists from the start (so that a
        saved layout restores it like any dock) and first says how to get a library;
        the browser itself is put in by :meth:`_ensure_library_dock`."""
        holder = QWidget(self)
        holder.setObjectName("libraryHolder")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.library_empty = QLabel(
            "No library yet.\n\nImport Wikipedia dumps, folders or files to browse and "
            "search them here, and to follow links between articles.", holder)
        self.library_empty.setWordWrap(True)
        self.library_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.library_empty.setMargin(12)
        import_button = QToolButton(holder)
        import_button.setDefaultAction(self.actions_by_id[Act.IMPORT])
        import_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.library_import_button = import_button
        layout.addStretch(1)
        layout.addWidget(self.library_empty)
        layout.addWidget(import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        holder.setFocusProxy(import_button)
        dock = self._dock("library", "Library", holder, Qt.DockWidgetArea.LeftDockWidgetArea,
                          Act.SHOW_LIBRARY)
        self.tabifyDockWidget(self.docks["outline"], dock)
        self.docks["outline"].raise_()
        self.library_holder = holder

    def _ensure_library_dock(self) -> None:
        """Put the library browser in its dock once there is a library file (refresh it
        after an import)."""
        if self.library_panel is not None:
            self.library_panel.refresh()
            return
        path = self.library_path or library_file()
        if not Path(path).exists():
            return
        from viewer.ui.library_panel import LibraryPanel

        panel = LibraryPanel(Path(path), self.library_holder)
        panel.setAccessibleName("Library")
        panel.open_requested.connect(self._library_open_requested)
        self.library_empty.hide()
        self.library_import_button.hide()
        layout = self.library_holder.layout()
        assert isinstance(layout, QVBoxLayout)
        while layout.count():  # the stretches of the empty state
            layout.takeAt(0)
        layout.addWidget(panel)
        self.library_holder.setFocusProxy(panel)
        self.library_panel = panel

    def _library_open_requested(self, title: str, new_tab: bool) -> None:
        query, self._find_after_open = self._find_after_open, ""
        if self.open_title(title, "", new_tab) and query:
            tab = self.current_tab()
            if tab is not None:
                self._pending_find = (tab, query)
                if not tab.is_loading():
                    self._apply_pending_find(tab)

    def _text_result_chosen(self, query: str) -> None:
        """A full-text hit is about to open: show where the query matches in it."""
        self._find_after_open = query

    def _apply_pending_find(self, tab: ArticleTab) -> None:
        """Open the find bar on the query that found ``tab``'s article, at its first
        match: the whole query if the text has it, else its longest word that occurs
        (the full-text search matches words, not the phrase)."""
        if self._pending_find is None or self._pending_find[0] is not tab:
            return
        query = self._pending_find[1]
        self._pending_find = None
        text = tab.view.toPlainText().casefold()
        words = sorted((w.strip('"*()') for w in query.split()), key=len, reverse=True)
        found = next((c for c in [query.strip('"'), *words]
                      if c and c.casefold() in text), "")
        if not found:
            return
        tab.view.set_scroll_value(0)
        self.find_bar.edit.setText(found)
        self.find_bar.open_bar()

    def _dock_toggled(self, _visible: bool) -> None:
        dock = self.sender()
        if not isinstance(dock, QDockWidget) or not self.isVisible() or self.isMinimized():
            return
        action = self.actions_by_id[Act[str(dock.property("toggle_action"))]]
        # A dock behind a tabified sibling is hidden but still open: Qt's own toggle
        # action knows the difference.
        action.blockSignals(True)
        action.setChecked(dock.toggleViewAction().isChecked())
        action.blockSignals(False)

    # ================================================================== tabs

    def current_tab(self) -> ArticleTab | None:
        """The tab on screen, if any."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ArticleTab) else None

    def tab_at(self, index: int) -> ArticleTab:
        """The tab at ``index``."""
        widget = self.tabs.widget(index)
        assert isinstance(widget, ArticleTab)
        return widget

    def all_tabs(self) -> list[ArticleTab]:
        """Every tab, left to right."""
        return [self.tab_at(i) for i in range(self.tabs.count())]

    def _make_tab(self) -> ArticleTab:
        tab = ArticleTab(self._fetch, self._render_for_view, self._start_page_html,
                         self._stylesheet(), self.tabs, render_preview=self._render_preview)
        # Bound methods (not lambdas): Qt drops them when the window goes away.
        tab.title_changed.connect(self._tab_title_changed)
        tab.loaded.connect(self._tab_loaded)
        tab.failed.connect(self._tab_failed)
        tab.link_activated.connect(self._tab_link)
        tab.history_changed.connect(self._update_actions)
        tab.anchor_jumped.connect(self._tab_anchor_jumped)
        tab.view.section_changed.connect(self._section_changed)
        tab.view.link_hovered.connect(self._link_hovered)
        return tab

    def _add_tab(self, tab: ArticleTab, index: int = -1, activate: bool = True) -> int:
        label = tab.title or "Loading..."
        index = self.tabs.insertTab(index, tab, label) if index >= 0 else \
            self.tabs.addTab(tab, label)
        if activate:
            self.tabs.setCurrentIndex(index)
        self._schedule_session_save()
        return index

    def open_source(self, source: Source, *, new_tab: bool = True, anchor: str = "",
                    scroll: int | None = None, activate: bool = True) -> ArticleTab | None:
        """Open ``source`` in a new tab (or the current one); ``None`` if unreadable (the
        user has been told why)."""
        current = self.current_tab()
        if not new_tab and current is not None:
            current.open(source, anchor=anchor, scroll=scroll)
            return current
        tab = self._make_tab()
        # Added first so the view has its size when the article arrives.
        index = self._add_tab(tab, activate=activate)
        if not tab.open(source, anchor=anchor, scroll=scroll, record=False):
            self.tabs.removeTab(index)
            tab.deleteLater()
            return None
        if source.kind == "file":
            self.settings.add_recent_file(Path(source.ref))
        return tab

    def open_files(self, paths: list[Path]) -> int:
        """Open each file in its own tab; returns how many opened.

        Every failure is reported, in one message when there are several.
        """
        opened = 0
        failures: list[str] = []
        self._failures = failures
        try:
            for path in paths:
                if self.open_source(Source("file", str(path.absolute()))) is not None:
                    opened += 1
        finally:
            self._failures = None
        if len(failures) == 1:
            self.messenger.error(failures[0])
        elif failures:
            self.messenger.errors(f"{len(failures)} files could not be opened:", failures)
        return opened

    def open_title(self, title: str, fragment: str = "", new_tab: bool = False) -> bool:
        """Open the library article ``title`` (following redirects)."""
        library = self.library()
        if library is None:
            self.messenger.info(f"“{title}” is not in the library (the library is empty: "
                                "use File > Import to add articles).")
            return False
        try:
            resolved = library.resolve_link(title)
        except UserError as exc:
            self.messenger.error(str(exc))
            return False
        if not resolved:
            self.messenger.info(f"“{title}” is not in the library.")
            return False
        if not fragment and resolved != title:
            # A redirect may point at a section (#REDIRECT [[Target#Section]]).
            record = library.article(title)
            if record is not None:
                fragment = record.section
        source = Source("library", resolved)
        current = self.current_tab()
        in_place = not new_tab and current is not None
        tab = self.open_source(source, new_tab=not in_place, anchor=fragment.replace(" ", "_"))
        return tab is not None

    def close_tab(self, index: int) -> None:
        """Close the tab at ``index`` (remembered for Reopen Closed Tab)."""
        if not 0 <= index < self.tabs.count():
            return
        tab = self.tab_at(index)
        location = tab.location()
        if location is not None and location.source.kind != "start":
            self._closed.append(_ClosedTab(index, location, *tab.history()))
            del self._closed[:-MAX_CLOSED_TABS]
        self.tabs.removeTab(index)
        tab.deleteLater()
        if self.tabs.count() == 0:
            self._current_changed(-1)
        self._update_actions()
        self._schedule_session_save()

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def reopen_closed_tab(self) -> None:
        """Bring back the most recently closed tab at its place and scroll position,
        with its back and forward history."""
        while self._closed:
            closed = self._closed.pop()
            tab = self._make_tab()
            position = self._add_tab(tab, index=min(closed.index, self.tabs.count()))
            location = closed.location
            if tab.open(location.source, scroll=location.scroll, record=False):
                tab.set_history(closed.back, closed.forward)
                self._update_actions()
                return
            self.tabs.removeTab(position)
            tab.deleteLater()
        self.messenger.info("No closed tab to reopen.")

    def new_tab(self) -> None:
        """A new tab with the start page; the library search pops up if there is one."""
        self.open_source(Source("start"))
        if self.library() is not None:
            self.search_library()

    def next_tab(self) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    def previous_tab(self) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count())

    def _move_tab(self, delta: int) -> None:
        index = self.tabs.currentIndex()
        target = index + delta
        if index >= 0 and 0 <= target < self.tabs.count():
            self.tabs.tabBar().moveTab(index, target)
            self._schedule_session_save()

    def move_tab_left(self) -> None:
        self._move_tab(-1)

    def move_tab_right(self) -> None:
        self._move_tab(+1)

    def go_back(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.back()

    def go_forward(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.forward()

    # ------------------------------------------------------------------ tab events

    def _sender_tab(self) -> ArticleTab | None:
        """The tab whose signal (or whose view's signal) is being handled."""
        sender: QObject | None = self.sender()
        while sender is not None and not isinstance(sender, ArticleTab):
            sender = sender.parent()
        return sender

    def _tab_title_changed(self, _title: str) -> None:
        tab = self._sender_tab()
        if tab is None:
            return
        index = self.tabs.indexOf(tab)
        if index >= 0:
            self.tabs.setTabText(index, tab.title.replace("&", "&&"))
            self.tabs.setTabToolTip(index, tab.title)
        if tab is self.current_tab():
            self._update_title()

    def _tab_loaded(self, article: Article | None) -> None:
        tab = self._sender_tab()
        if tab is not None and tab is self.current_tab():
            self._show_panels(tab)
            if self._pending_find is not None and self._pending_find[0] is tab:
                self._apply_pending_find(tab)
            elif self.find_bar.isVisible():
                self.find_bar.search()
        self._update_actions()
        self._schedule_session_save()
        self.article_opened.emit(article)

    def _tab_failed(self, message: str) -> None:
        if self._failures is not None:  # several files at once: reported together
            self._failures.append(message)
        else:
            self.messenger.error(message)

    def _tab_anchor_jumped(self, anchor: str) -> None:
        """A marker clicked in the article (or a reference's back link) selects its
        reference in the References panel; other anchors leave the panel alone."""
        if self._sender_tab() is self.current_tab():
            self.references.show_reference(anchor)

    def _tab_link(self, url: QUrl, new_tab: bool) -> None:
        tab = self._sender_tab()
        if tab is not None:
            self.follow_link(tab, url, new_tab)

    def _current_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.find_bar.set_view(tab.view if tab else None)
        self._show_panels(tab)
        self._update_title()
        self._update_actions()
        self._schedule_session_save()

    def _show_panels(self, tab: ArticleTab | None) -> None:
        article = tab.article if tab is not None else None
        self.outline.set_article(article)
        self.infobox.set_article(article)
        self.references.set_article(article)
        if tab is not None and article is not None:
            self.outline.set_current_anchor(tab.view.last_section())
        has_infobox = article is not None and article.infobox is not None
        self.docks["infobox"].setWindowTitle("Infobox" if has_infobox else "Infobox (none)")

    def _update_title(self) -> None:
        tab = self.current_tab()
        title = tab.title if tab is not None else ""
        self.setWindowTitle(f"{title} — RefView" if title else "RefView")

    def _update_actions(self) -> None:
        tab = self.current_tab()
        has_article = tab is not None and tab.article is not None
        a = self.actions_by_id
        a[Act.BACK].setEnabled(tab is not None and tab.can_go_back())
        a[Act.FORWARD].setEnabled(tab is not None and tab.can_go_forward())
        for act in (Act.PRINT, Act.EXPORT_PDF, Act.EXPORT_HTML):
            a[act].setEnabled(has_article)
        for act in (Act.CLOSE_TAB, Act.NEXT_TAB, Act.PREVIOUS_TAB, Act.MOVE_TAB_LEFT,
                    Act.MOVE_TAB_RIGHT, Act.FIND, Act.FIND_NEXT, Act.FIND_PREVIOUS,
                    Act.COPY, Act.SELECT_ALL):
            a[act].setEnabled(tab is not None)
        a[Act.REOPEN_TAB].setEnabled(bool(self._closed))

    def _section_changed(self, anchor: str) -> None:
        if self._sender_tab() is self.current_tab():
            self.outline.set_current_anchor(anchor)

    def _section_activated(self, anchor: str) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.jump_to_anchor(anchor)

    def _reference_jump(self, anchor: str) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.jump_to_anchor(anchor)
            tab.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _link_hovered(self, href: str) -> None:
        if href.startswith("wiki:"):
            from viewer.article.render.html import parse_wiki_href

            parsed = parse_wiki_href(href)
            text = parsed[0] + (f" § {parsed[1]}" if parsed and parsed[1] else "") \
                if parsed else href
            self.statusBar().showMessage(text)
        elif href.startswith(("http:", "https:")):
            self.statusBar().showMessage(f"{href} (external: opens in your browser)")
        else:
            self.statusBar().clearMessage()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A middle click on a tab closes it, as in browsers."""
        if watched is self.tabs.tabBar() and event.type() == QEvent.Type.MouseButtonRelease:
            from PySide6.QtGui import QMouseEvent

            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.MiddleButton:
                index = self.tabs.tabBar().tabAt(event.position().toPoint())
                if index >= 0:
                    self.close_tab(index)
                    return True
        return False

    # ================================================================== links

    def follow_link(self, tab: ArticleTab, url: QUrl, new_tab: bool) -> None:
        """Decide what a clicked link does (see the module docstring)."""
        scheme = url.scheme().lower()
        if scheme == "wiki":
            from viewer.article.render.html import parse_wiki_href

            parsed = parse_wiki_href(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
            if parsed is not None and parsed[0]:
                self.open_title(parsed[0], parsed[1], new_tab)
        elif scheme in ("http", "https"):
            self.open_external(url)
        elif scheme == OPEN_SCHEME and tab.source is not None and tab.source.kind == "start":
            path = Path(unquote(url.path()))
            self.open_source(Source("file", str(path)), new_tab=False)
        elif not scheme and url.hasFragment() and new_tab and tab.source is not None:
            self.open_source(tab.source, anchor=url.fragment())
        else:
            self.messenger.warning(f"Link not followed: {url.toString()}")

    def open_external(self, url: QUrl) -> bool:
        """Ask, then hand ``url`` to the system browser; the app itself never fetches."""
        answer = QMessageBox.question(
            self, "Open external link",
            f"Open this address in your web browser?\n\n{url.toString()}",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Open:
            return False
        return self.open_external_confirmed(url)

    def open_external_confirmed(self, url: QUrl) -> bool:
        """Open ``url`` in the system browser (the user has asked explicitly)."""
        if url.scheme().lower() not in ("http", "https"):
            self.messenger.warning(f"Not opened (not a web address): {url.toString()}")
            return False
        if not QDesktopServices.openUrl(url):
            self.messenger.error(f"Could not start a web browser for {url.toString()}")
            return False
        self.messenger.info(f"Opened in your browser: {url.toString()}")
        return True

    # ================================================================== library

    def library(self, *, create: bool = False, report: bool = True) -> Library | None:
        """The library (opened on first use), or ``None`` when there is none.

        Merely reading never creates a library (a missing file means "no library");
        ``create`` (search, import) opens or creates it.  A library that cannot be opened
        is reported in a message box, unless ``report`` is false (opening an article
        only to mark its links: the box comes when the library itself is asked for).
        """
        if self._library is not None:
            return self._library
        if self._library_checked and not create:
            return None
        self._library_checked = True
        path = self.library_path or library_file()
        if not create and not Path(path).exists():
            return None  # without importing the library package (~50 ms at start-up)
        from viewer.library import Library
        try:
            self._library = Library.open(self.library_path)
        except UserError as exc:
            if report:
                self.messenger.error(str(exc))
            else:
                self._library_checked = False
        if create and self._library is not None:
            self._ensure_library_dock()  # a library may have just been created
        return self._library

    def search_library(self) -> None:
        """Ctrl+K / Ctrl+L: the library search popup."""
        library = self.library(create=True)
        if library is None:
            return
        if self._search_popup is None:
            from viewer.ui.search_popup import SearchPopup

            self._search_popup = SearchPopup(library.path, self)
            self._search_popup.open_requested.connect(self._library_open_requested)
            self._search_popup.text_result_chosen.connect(self._text_result_chosen)
        self._search_popup.popup()

    def import_sources(self) -> None:
        """File > Import into Library: choose wikitext files or dumps to add."""
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import into the library", str(Path.home()),
            "Wikitext and dumps (*.wiki *.txt *.mediawiki *.wikitext *.xml *.bz2);;"
            "All files (*)")
        self.import_paths([Path(f) for f in files])

    def import_folder(self) -> None:
        """File > Import Folder into Library: every article file under a folder."""
        folder = QFileDialog.getExistingDirectory(self, "Import a folder into the library",
                                                  str(Path.home()))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in the background; when done, say what was added,
        show the library and re-mark links (see :meth:`_import_done`)."""
        from viewer.ui.import_worker import run_import

        library = self.library(create=True) if paths else None
        if library is not None:
            self.messenger.info("Importing into the library…")
            run_import(self, library.path, paths, self._import_done)

    def _import_done(self, stats: list[ImportStats]) -> None:
        """The import ended: the status bar sums it up (a failure has had its box), the
        library dock comes to the front, links are re-marked, warnings are listed."""
        self._library_changed()
        if not stats:
            return
        added = sum(s.added for s in stats)
        updated = sum(s.updated for s in stats)
        unchanged = sum(s.unchanged for s in stats)
        noun = "article" if added == 1 else "articles"
        text = (f"Import finished: {added:,} {noun} added, {updated:,} updated, "
                f"{unchanged:,} unchanged")
        if any(s.cancelled for s in stats):
            text = "Import cancelled: " + text.split(": ", 1)[1]
        self.messenger.info(text)
        self._set_dock("library", True)
        warnings = [w for s in stats for w in s.warnings]
        if warnings:
            count = f"{len(warnings)} item" + ("" if len(warnings) == 1 else "s")
            self.messenger.errors(f"{text}; {count} could not be imported.", warnings)

    def _render_for_view(self, text: str, title: str) -> tuple[Article, str]:
        """Render (through the cache) and mark links to articles the library lacks.

        The cache holds renderings without the marking, so they never depend on the
        library; the marking is applied on every display (called on a worker thread for
        big articles: it only reads ``self._library``, opened by :meth:`_fetch`).
        """
        from viewer.article.render.html import mark_missing_links

        article, html = self.render_cache(text, title)
        return article, mark_missing_links(html, self._link_is_missing)

    def _render_preview(self, text: str, title: str) -> tuple[Article, str]:
        """Render the preview of a big article (its beginning) for the view, past the
        render cache: it is shown once, for a moment, and must not evict real entries."""
        from viewer.article.render.html import mark_missing_links

        article, html = render_article(text, title)
        return article, mark_missing_links(html, self._link_is_missing)

    def _link_is_missing(self, title: str) -> bool:
        """Whether a link to ``title`` leads nowhere in the library.

        Without a library nothing is marked: every link would be red, which says
        nothing (a click explains that there is no library).  Answers are memoised until
        the library changes (:meth:`_library_changed`), so an article with hundreds of
        links costs one indexed lookup per distinct target, once.
        """
        library = self._library
        if library is None:
            return False
        exists = self._link_exists.get(title)
        if exists is None:
            try:
                exists = library.has(title)
            except UserError:
                exists = True  # cannot tell: better unmarked than wrongly red
            self._link_exists[title] = exists
        return not exists

    def _library_changed(self) -> None:
        """After an import: forget the link answers, re-mark the open articles' links,
        refresh the library browser."""
        from viewer.article.render.html import mark_missing_links

        self._link_exists.clear()
        self._library_checked = False  # the first import may have created the file
        self.library()
        for tab in self.all_tabs():
            if tab.article is not None:
                tab.replace_html(mark_missing_links(tab.html, self._link_is_missing))
        self.infobox.set_article(None)  # panels skip a same-article update: their
        self.references.set_article(None)  # links are re-marked by a fresh one
        self._show_panels(self.current_tab())
        self._ensure_library_dock()

    def _fetch(self, source: Source) -> tuple[str, str]:
        """Read a source for a tab: ``(title, wikitext)`` or ``UserError``.

        Also opens the library if there is one, so that rendering can mark missing links.
        """
        self.library(report=False)
        if source.kind == "file":
            from viewer.textio import read_wikitext_file

            path = Path(source.ref)
            if path.is_dir():
                raise UserError(f"{path}: is a folder, not an article file "
                                "(File › Import Folder into Library adds a folder's "
                                "articles)")
            return file_title(path), read_wikitext_file(path)
        if source.kind == "library":
            library = self.library()
            if library is None:
                raise UserError(f"{source.ref}: the library is not available")
            record = library.article(source.ref)
            if record is None:
                raise UserError(f"{source.ref}: not in the library")
            return record.title, record.wikitext
        raise UserError(f"cannot open {source.kind} sources")

    def _start_page_html(self) -> str:
        """The new-tab page: how to find something to read, and recent files."""
        recent = [p for p in self.settings.get("recent_files") if Path(p).is_file()]
        items = "".join(
            f'<li><a href="{OPEN_SCHEME}:{quote(p)}">{_escape(file_title(Path(p)))}</a>'
            f' <span class="template-fallback">— {_escape(p)}</span></li>'
            for p in recent)
        search = ("<p>Press <b>Ctrl+K</b> to search the library by title or text.</p>"
                  if self.library() is not None else
                  "<p>No library yet: <b>File › Import into Library</b> adds files "
                  "and Wikipedia dumps, <b>File › Import Folder into Library</b> a "
                  "whole folder.</p>")
        recent_html = (f"<h2>Recent files</h2><ul>{items}</ul>" if items
                       else "<p>No recent files.</p>")
        return (f"<html><body><h1 class='title'>New tab</h1>{search}"
                "<p>Press <b>Ctrl+O</b> to open a wikitext file, or drop one on the window."
                f"</p>{recent_html}</body></html>")

    # ================================================================== view

    def _stylesheet(self) -> str:
        return article_css(self.theme.dark, int(self.settings.get("zoom")))

    def _restyle_all(self) -> None:
        css = self._stylesheet()
        for tab in self.all_tabs():
            tab.rerender(css)
        if self.find_bar.isVisible():
            self.find_bar.search()

    def _theme_changed(self, _dark: bool) -> None:
        if hasattr(self, "find_bar"):
            self._restyle_all()

    def set_theme(self, mode: str) -> None:
        """View > System / Light / Dark."""
        self.settings.set("theme", mode)
        self.theme.apply(mode)
        self._sync_theme_actions()

    def _sync_theme_actions(self) -> None:
        mode = self.settings.get("theme")
        for act, name in ((Act.THEME_SYSTEM, "system"), (Act.THEME_LIGHT, "light"),
                          (Act.THEME_DARK, "dark")):
            action = self.actions_by_id[act]
            action.blockSignals(True)
            action.setChecked(mode == name)
            action.blockSignals(False)

    def zoom(self) -> int:
        """The current zoom in percent."""
        return int(self.settings.get("zoom"))

    def set_zoom(self, percent: int) -> None:
        """Set the zoom (one of ``ZOOM_LEVELS``), re-lay out every tab, remember it."""
        if percent == self.zoom():
            return
        self.settings.set("zoom", percent)
        self._restyle_all()
        self.messenger.info(f"Zoom {percent}%")

    def zoom_in(self) -> None:
        larger = [z for z in ZOOM_LEVELS if z > self.zoom()]
        if larger:
            self.set_zoom(larger[0])

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOM_LEVELS if z < self.zoom()]
        if smaller:
            self.set_zoom(smaller[-1])

    def zoom_reset(self) -> None:
        self.set_zoom(100)

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _set_dock(self, name: str, visible: bool) -> None:
        dock = self.docks.get(name)
        if dock is not None:
            dock.setVisible(visible)
            if visible:
                dock.raise_()

    def show_outline(self, visible: bool) -> None:
        self._set_dock("outline", visible)

    def show_infobox(self, visible: bool) -> None:
        self._set_dock("infobox", visible)

    def show_references(self, visible: bool) -> None:
        self._set_dock("references", visible)

    def show_library(self, visible: bool) -> None:
        self._set_dock("library", visible)

    def panes(self) -> list[QWidget]:
        """The places the keyboard focus cycles through with F6: the article, then each
        visible panel in reading order."""
        out: list[QWidget] = []
        tab = self.current_tab()
        if tab is not None:
            out.append(tab.view)
        for name in ("outline", "library", "infobox", "references"):
            dock = self.docks.get(name)
            if dock is not None and dock.isVisible() and not dock.visibleRegion().isEmpty():
                out.append(dock.widget())
        return out

    def _cycle_pane(self, step: int) -> None:
        panes = self.panes()
        if not panes:
            return
        focus = QApplication.focusWidget()
        current = next((i for i, p in enumerate(panes)
                        if focus is not None and (focus is p or p.isAncestorOf(focus))), -1)
        start = current if current >= 0 else -step
        for offset in range(1, len(panes) + 1):  # skip panes with nothing to focus
            if _focus_into(panes[(start + offset * step) % len(panes)]):
                return

    def focus_next_pane(self) -> None:
        """F6: the keyboard focus goes to the next pane (article, outline, panels)."""
        self._cycle_pane(+1)

    def focus_previous_pane(self) -> None:
        """Shift+F6: the previous pane."""
        self._cycle_pane(-1)

    # ================================================================== edit / find

    def _focused_text_widget(self) -> Any:
        focus = QApplication.focusWidget()
        if focus is not None and hasattr(focus, "copy") and hasattr(focus, "selectAll"):
            return focus
        tab = self.current_tab()
        return tab.view if tab is not None else None

    def copy_selection(self) -> None:
        widget = self._focused_text_widget()
        if widget is not None:
            widget.copy()

    def select_all(self) -> None:
        widget = self._focused_text_widget()
        if widget is not None:
            widget.selectAll()

    def show_find_bar(self) -> None:
        if self.current_tab() is not None:
            self.find_bar.open_bar()

    def find_next(self) -> None:
        if self.current_tab() is not None:
            self.find_bar.find_next()

    def find_previous(self) -> None:
        if self.current_tab() is not None:
            self.find_bar.find_previous()

    # ================================================================== files

    def open_file_dialog(self) -> None:
        """File > Open: choose one or more wikitext files."""
        recent = self.settings.get("recent_files")
        start = str(Path(recent[0]).parent) if recent else str(Path.home())
        names, _ = QFileDialog.getOpenFileNames(
            self, "Open wikitext files", start,
            "Wikitext (*.wiki *.txt *.mediawiki *.wikitext);;All files (*)")
        self.open_files([Path(n) for n in names])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.get("recent_files")
        for i, path in enumerate(recent):
            action = self.recent_menu.addAction(f"&{(i + 1) % 10} {file_title(Path(path))}")
            action.setStatusTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_files([Path(p)]))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept wikitext files dragged from a file manager."""
        if self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open each dropped wikitext file in a tab."""
        paths = self._dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    @staticmethod
    def _dropped_paths(mime: Any) -> list[Path]:
        if mime is None or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().lower().endswith(WIKITEXT_SUFFIXES)]

    def _print_document(self) -> QTextDocument | None:
        """A light, unzoomed copy of the current article for paper and PDF."""
        tab = self.current_tab()
        if tab is None or tab.article is None:
            return None
        doc = QTextDocument()
        css = article_css(False, 100)
        doc.setDefaultStyleSheet(css)
        size = body_point_size(css)
        if size is not None:
            font = doc.defaultFont()
            font.setPointSizeF(size)
            doc.setDefaultFont(font)
        doc.setHtml(tab.html)
        doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, tab.title)
        return doc

    def export_pdf(self, path: Path) -> None:
        """Write the current article as a PDF (atomically); ``UserError`` on failure."""
        from PySide6.QtPrintSupport import QPrinter

        doc = self._print_document()
        if doc is None:
            raise UserError("There is no article to export.")
        path = Path(path)
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".pdf", dir=path.parent)
            os.close(fd)
        except OSError as exc:
            raise UserError(f"{path}: cannot write here ({exc.strerror})") from None
        try:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(tmp)
            printer.setDocName(doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
            printer.setCreator("RefView")
            doc.print_(printer)
            if os.path.getsize(tmp) == 0:
                raise UserError(f"{path}: the PDF could not be written")
            os.replace(tmp, path)
        except OSError as exc:
            raise UserError(f"{path}: cannot write the PDF ({exc.strerror})") from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def export_html(self, path: Path) -> None:
        """Write the current article as a standalone HTML file with its stylesheet."""
        from viewer.atomic import atomic_write_text

        tab = self.current_tab()
        if tab is None or tab.article is None:
            raise UserError("There is no article to export.")
        style = f"<style>\n{article_css(False, 100)}\n</style>"
        html = tab.html
        head = '<meta charset="utf-8">' + style
        html = html.replace("<head>", "<head>" + head, 1) if "<head>" in html \
            else f"<html><head>{head}</head><body>{html}</body></html>"
        try:
            atomic_write_text(Path(path), html)
        except OSError as exc:
            raise UserError(f"{path}: cannot write the HTML file ({exc.strerror})") from None

    def _export_dialog(self, kind: str, suffix: str,
                       export: Callable[[Path], None]) -> None:
        tab = self.current_tab()
        if tab is None or tab.article is None:
            return
        default = str(Path.home() / f"{tab.title}{suffix}")
        name, _ = QFileDialog.getSaveFileName(self, f"Export as {kind}", default,
                                              f"{kind} (*{suffix})")
        if not name:
            return
        try:
            export(Path(name))
        except UserError as exc:
            self.messenger.error(str(exc))
            return
        self.messenger.info(f"Saved {name}")

    def export_pdf_dialog(self) -> None:
        self._export_dialog("PDF", ".pdf", self.export_pdf)

    def export_html_dialog(self) -> None:
        self._export_dialog("HTML", ".html", self.export_html)

    def print_article(self) -> None:
        """File > Print: the system print dialog, then print the article."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        doc = self._print_document()
        if doc is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            doc.print_(printer)

    # ================================================================== help

    def show_shortcuts(self) -> None:
        """F1 / ?: the shortcut sheet generated from the action table."""
        from viewer.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog

    def show_about(self) -> None:
        """Help > About."""
        from viewer.ui.about import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # ================================================================== session

    def session_state(self) -> SessionState:
        """The session as it is now."""
        tabs: list[TabState] = []
        current = 0
        for i, tab in enumerate(self.all_tabs()):
            location = tab.location()
            if location is None or location.source.kind == "start":
                continue
            if i == self.tabs.currentIndex():
                current = len(tabs)
            kind: SourceKind = "file" if location.source.kind == "file" else "library"
            tabs.append(TabState(kind, location.source.ref, max(location.scroll, 0)))
        return SessionState(tuple(tabs), current, bytes(self.saveGeometry().data()),
                            bytes(self.saveState().data()))

    def save_session(self) -> bool:
        """Write the session now (no-op without a session file)."""
        self._session_timer.stop()
        if self.session_file is None:
            return False
        return save_session(self.session_file, self.session_state())

    def _schedule_session_save(self) -> None:
        if self.session_file is not None:
            self._session_timer.start()

    def restore_session(self, state: SessionState | None = None) -> bool:
        """Reopen the saved session's tabs (only the current one is read at once);
        ``False`` when there is no usable session."""
        if state is None:
            if self.session_file is None:
                return False
            state = load_session(self.session_file)
        if state is None:
            return False
        if state.geometry:
            self.restoreGeometry(QByteArray(state.geometry))
        if state.window_state:
            self.restoreState(QByteArray(state.window_state))
            for name, act in (("outline", Act.SHOW_OUTLINE), ("infobox", Act.SHOW_INFOBOX),
                              ("references", Act.SHOW_REFERENCES), ("library", Act.SHOW_LIBRARY)):
                action = self.actions_by_id[act]
                action.blockSignals(True)
                action.setChecked(self.docks[name].toggleViewAction().isChecked())
                action.blockSignals(False)
        if not state.tabs:
            return False
        for tab_state in state.tabs:
            tab = self._make_tab()
            tab.open_later(Source(tab_state.kind, tab_state.ref), tab_state.scroll)
            self._add_tab(tab, activate=False)
        self.tabs.setCurrentIndex(min(state.current, self.tabs.count() - 1))
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the session, then let background searches finish and close the
        library connections before the window goes."""
        self.save_session()
        for part in (self._search_popup, self.library_panel):
            if part is not None:
                part.shutdown()
        super().closeEvent(event)


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _focus_into(pane: QWidget) -> bool:
    """Give the focus to ``pane`` or, if it does not take it, to its first visible child
    that accepts keyboard focus (in tab order); ``False`` when nothing in it can."""
    if pane.focusPolicy() & Qt.FocusPolicy.TabFocus or pane.focusProxy() is not None:
        pane.setFocus(Qt.FocusReason.TabFocusReason)
        focus = QApplication.focusWidget()
        if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
            return True
    widget = pane.nextInFocusChain()
    while widget is not None and widget is not pane and pane.isAncestorOf(widget):
        if widget.isVisible() and widget.isEnabled() \
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        widget = widget.nextInFocusChain()
    return False
