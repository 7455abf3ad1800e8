"""One tab of the reader: an article view with its own back/forward history.

An :class:`ArticleTab` owns its :class:`~viewer.ui.article_view.ArticleView` and knows
where it is (:class:`Location`: which article, how far scrolled).  Every move that a
reader would want to undo is recorded: opening another article in the tab, jumping to a
section or to a reference and back.  Links the tab cannot follow by itself (another
article, an external site) are passed up as :attr:`ArticleTab.link_activated`; the window
decides.

Reading and rendering: small articles are parsed and rendered at once (a few ms); big ones
on a worker thread (``QThreadPool``) so the window never freezes.  Meanwhile the tab shows
a preview: the article's beginning (cut at a top-level heading, see :func:`preview_text`)
parsed and rendered at once, which takes a small fraction of the whole; the full rendering
replaces it when ready, at the same reading place.  A tab created for a restored session
loads only when first shown.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QVBoxLayout, QWidget

from viewer.article.model import Article
from viewer.errors import UserError
from viewer.ui.article_view import ArticleView, build_document

SYNC_RENDER_LIMIT = 150_000
"""Articles with fewer characters than this are rendered on the GUI thread (fast enough
not to be noticed); larger ones on a worker thread."""

PREVIEW_MIN = 40_000
"""A big article's preview holds at least this many characters of its beginning..."""

PREVIEW_MAX = 120_000
"""...and at most this many: without a top-level heading in between, no preview."""

PREVIEW_NOTICE = "<p><i>Loading the rest\u2026</i></p>"

MAX_HISTORY = 100

_TOP_HEADING = re.compile(r"^==(?!=)", re.MULTILINE)


def preview_text(text: str, minimum: int | None = None,
                 maximum: int | None = None) -> str | None:
    """The beginning of ``text`` up to the first top-level heading (``== X ==`` at a
    line start, not ``===``) found after ``minimum`` characters; ``None`` if there is no
    such heading before ``maximum`` (a preview would not be much quicker than the whole).

    Cutting between sections keeps the preview a prefix of the article as rendered, so
    the reading position carries over when the full rendering replaces it.
    """
    low = PREVIEW_MIN if minimum is None else minimum
    high = PREVIEW_MAX if maximum is None else maximum
    match = _TOP_HEADING.search(text, low, min(high, len(text)))
    if match is None or match.start() == 0:
        return None
    return text[:match.start()]


@dataclass(frozen=True, slots=True)
class Source:
    """What a tab shows.

    Attributes:
        kind: ``file`` (``ref`` is a path), ``library`` (``ref`` is a title) or
            ``start`` (the new-tab page; ``ref`` is empty).
        ref: the path or the title.
    """

    kind: Literal["file", "library", "start"]
    ref: str = ""

    def label(self) -> str:
        """A short name for the tab before the article is read."""
        if self.kind == "file":
            from pathlib import Path

            return Path(self.ref).stem.replace("_", " ") or self.ref
        if self.kind == "library":
            return self.ref
        return "New Tab"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a tab's history: a source and a scroll position (pixels)."""

    source: Source
    scroll: int = 0


Fetcher = Callable[[Source], tuple[str, str]]
"""Reads a source: returns ``(title, wikitext)`` or raises ``UserError``."""

Renderer = Callable[[str, str], tuple[Article, str]]
"""Turns ``(wikitext, title)`` into ``(article, html)``; must be thread-safe (pure)."""


class _RenderSignals(QObject):
    done = Signal(int, object, str, object)
    failed = Signal(int, object)


class _RenderJob(QRunnable):
    """Parses and renders one article off the GUI thread, and builds its Qt document
    there too (Qt's HTML import of a big page takes a while); reports through signals."""

    def __init__(self, generation: int, render: Renderer, text: str, title: str,
                 signals: _RenderSignals, stylesheet: str, font: QFont) -> None:
        super().__init__()
        self.generation, self.render, self.text, self.title = generation, render, text, title
        self.signals = signals
        self.stylesheet, self.font = stylesheet, QFont(font)
        self.gui_thread = signals.thread()

    def run(self) -> None:
        try:
            article, html = self.render(self.text, self.title)
            document = build_document(html, self.stylesheet, self.font)
            document.moveToThread(self.gui_thread)
        except Exception:
            try:
                self.signals.failed.emit(self.generation, sys.exc_info())
            except RuntimeError:  # the tab was closed meanwhile
                pass
            return
        try:
            self.signals.done.emit(self.generation, article, html, document)
        except RuntimeError:  # the tab was closed meanwhile: nobody wants the result
            pass


class ArticleTab(QWidget):
    """A tab: one article view and its history.

    Attributes:
        view: the article view (focus proxy of the tab).
        source: what the tab shows (``None`` while empty).
        title: the article's title ("" while empty).
        article: the parsed article (``None`` for the start page or while loading).
    """

    loaded = Signal(object)
    """A new article (or ``None`` for the start page) is on screen."""

    title_changed = Signal(str)

    failed = Signal(str)
    """A source could not be read or rendered: a one-line message."""

    link_activated = Signal(QUrl, bool)
    """A link the tab does not handle itself (another article, an external URL)."""

    history_changed = Signal()

    anchor_jumped = Signal(str)
    """The view moved to an anchor of the article (a section, a reference, a marker)."""

    def __init__(self, fetch: Fetcher, render: Renderer, start_page: Callable[[], str],
                 stylesheet: str, parent: QWidget | None = None,
                 render_preview: Renderer | None = None) -> None:
        """``render_preview`` renders the preview of a big article (default: ``render``;
        the window passes one that skips its render cache)."""
        super().__init__(parent)
        self._fetch = fetch
        self._render = render
        self._render_preview = render_preview or render
        self._start_page = start_page
        self.view = ArticleView(self)
        self.view.set_stylesheet(stylesheet)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        self.setAccessibleName("Article tab")
        self.source: Source | None = None
        self.title = ""
        self.article: Article | None = None
        self._html = ""
        self._back: list[Location] = []
        self._forward: list[Location] = []
        self._pending_anchor = ""
        self._pending_scroll: int | None = None
        self._deferred: Location | None = None
        self._generation = 0
        self._loading = False
        self._previewing = False
        self._signals = _RenderSignals(self)
        self._signals.done.connect(self._render_done)
        self._signals.failed.connect(self._render_failed)
        self.view.link_activated.connect(self._link)
        self.view.installEventFilter(self)

    # ------------------------------------------------------------------ state

    def location(self) -> Location | None:
        """Where the tab is now (source and scroll), ``None`` while empty."""
        if self._deferred is not None:
            return self._deferred
        if self.source is None:
            return None
        scroll = self._pending_scroll if self._pending_scroll is not None \
            else self.view.scroll_value()
        return Location(self.source, scroll)

    @property
    def html(self) -> str:
        """The rendered HTML on screen ("" while empty or loading)."""
        return self._html

    def is_previewing(self) -> bool:
        """Whether the view shows the preview of a big article being rendered."""
        return self._previewing

    def is_loading(self) -> bool:
        """Whether an article is being read or rendered for this tab."""
        return self._loading or self._deferred is not None

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    # ------------------------------------------------------------------ opening

    def open(self, source: Source, anchor: str = "", scroll: int | None = None,
             record: bool = True) -> bool:
        """Show ``source`` in this tab; ``False`` (and :attr:`failed`) if unreadable.

        ``anchor`` or ``scroll`` say where to go once it is shown; ``record`` pushes the
        current place on the back history.
        """
        if source.kind == "start":
            self._record(record)
            self._set_source(source, "New Tab")
            self._show(None, self._start_page())
            return True
        try:
            title, text = self._fetch(source)
        except UserError as exc:
            if self.source is None:  # an empty tab (restored session): say it in the page
                self.view.show_article(None, "<h1 class='title'>Not available</h1>"
                                       f"<p>{_escape(str(exc))}</p>")
            self.failed.emit(str(exc))
            return False
        self._record(record)
        self._set_source(source, title)
        self._pending_anchor, self._pending_scroll = anchor, scroll
        self._generation += 1
        if len(text) < SYNC_RENDER_LIMIT:
            article, html = self._render(text, title)
            self._show(article, html)
        else:
            self._loading = True
            self.article = None
            self._html = ""
            if not self._show_preview(text, title):
                self.view.show_article(None, f"<p><i>Loading {_escape(title)}...</i></p>")
            QThreadPool.globalInstance().start(
                _RenderJob(self._generation, self._render, text, title, self._signals,
                           self.view.document().defaultStyleSheet(), self.view.font()))
        return True

    def _show_preview(self, text: str, title: str) -> bool:
        """Show the beginning of a big article at once; ``False`` if it has none."""
        self._previewing = False
        part = preview_text(text)
        if part is None:
            return False
        try:
            article, html = self._render_preview(part, title)
        except Exception:  # the full rendering will report it
            return False
        self.view.show_article(article, html + PREVIEW_NOTICE)
        self._previewing = True
        return True

    def open_later(self, source: Source, scroll: int = 0) -> None:
        """Remember ``source`` and load it when the tab is first shown (session restore:
        only the visible tab pays for parsing at start-up)."""
        self._deferred = Location(source, scroll)
        self.title = source.label()
        self.title_changed.emit(self.title)

    def _record(self, record: bool) -> None:
        here = self.location()
        if record and here is not None:
            self._back.append(here)
            del self._back[:-MAX_HISTORY]
            self._forward.clear()
            self.history_changed.emit()

    def _set_source(self, source: Source, title: str) -> None:
        self.source = source
        if title != self.title:
            self.title = title
            self.title_changed.emit(title)

    def _show(self, article: Article | None, html: str,
              document: QTextDocument | None = None) -> None:
        self._loading = False
        self._previewing = False
        self.article = article
        self._html = html
        self.view.show_article(article, html, document)
        self._apply_pending()
        self.loaded.emit(article)

    def _render_done(self, generation: int, article: Article, html: str,
                     document: QTextDocument) -> None:
        if generation == self._generation:
            place = self._reading_place() if self._previewing else None
            self._show(article, html, document)
            if place is not None:
                self._restore_reading_place(*place)
        else:
            document.deleteLater()

    def _render_failed(self, generation: int,
                       exc_info: tuple[type[BaseException], BaseException, Any]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._previewing = False
        self.view.show_article(None, "")
        self.failed.emit(f"{self.title}: could not be displayed (an internal error was logged)")
        sys.excepthook(*exc_info)

    def _reading_place(self) -> tuple[str, int] | None:
        """Where the reader is in the preview, as (section anchor, pixels below its
        heading); ``None`` at the top or if a pending anchor or scroll decides (a pending
        scroll to the top does not: the reader has moved since)."""
        if self._pending_anchor or self._pending_scroll:
            return None
        value = self.view.scroll_value()
        if value <= 0:
            return None
        anchor = self.view.current_section()
        top = self.view.anchor_top(anchor) if anchor else None
        return (anchor, value - top) if top is not None else ("", value)

    def _restore_reading_place(self, anchor: str, offset: int) -> None:
        """Bring the reader back to ``offset`` pixels below ``anchor``'s heading (or to
        ``offset`` itself without an anchor) in the full rendering."""
        self.view.ensure_laid_out()
        top = self.view.anchor_top(anchor) if anchor else 0
        self.view.set_scroll_value((top or 0) + offset)

    def _apply_pending(self) -> None:
        """Scroll to the remembered anchor or position, once the view has a size."""
        if not self.view.isVisible() or self._loading:
            return
        anchor, scroll = self._pending_anchor, self._pending_scroll
        self._pending_anchor, self._pending_scroll = "", None
        if anchor or scroll:
            self.view.ensure_laid_out()
        if anchor:
            self.view.scrollToAnchor(anchor)
            self.view.mark_target(anchor)
        elif scroll is not None:
            self.view.set_scroll_value(scroll)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Load a deferred source, then apply a pending scroll, when the view shows."""
        if watched is self.view and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self._on_shown)
        return False

    def _on_shown(self) -> None:
        if self._deferred is not None:
            location, self._deferred = self._deferred, None
            self.open(location.source, scroll=location.scroll, record=False)
        else:
            self._apply_pending()

    def rerender(self, stylesheet: str) -> None:
        """Apply a new stylesheet (theme or zoom) and keep the reading position."""
        self.view.set_stylesheet(stylesheet)
        if not self._html:
            return
        ratio = self._scroll_ratio()
        self.view.show_article(self.article, self._html)
        bar = self.view.verticalScrollBar()
        bar.setValue(round(ratio * bar.maximum()))

    def replace_html(self, html: str) -> None:
        """Show ``html`` in place of the current rendering of the same article (links
        re-marked after the library changed), keeping the reading position."""
        if not self._html or html == self._html:
            return
        self._html = html
        self.rerender(self.view.document().defaultStyleSheet())

    def _scroll_ratio(self) -> float:
        bar = self.view.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    # ------------------------------------------------------------------ navigation

    def jump_to_anchor(self, anchor: str, record: bool = True) -> None:
        """Scroll to ``anchor`` (a section or reference), recording where we were."""
        self._record(record)
        if self._previewing and not self.view.has_section(anchor):
            # A reference (the preview's list is not the article's) or a section beyond
            # the preview: go there again once the whole article is on screen.
            self._pending_anchor, self._pending_scroll = anchor, None
        self.view.scrollToAnchor(anchor)
        self.view.mark_target(anchor)
        self.anchor_jumped.emit(anchor)

    def back(self) -> None:
        """Return to the previous place in this tab's history."""
        here = self.location()
        if not self._back or here is None:
            return
        target = self._back.pop()
        self._forward.append(here)
        self._go(target)

    def forward(self) -> None:
        """Undo the last :meth:`back`."""
        here = self.location()
        if not self._forward or here is None:
            return
        target = self._forward.pop()
        self._back.append(here)
        self._go(target)

    def _go(self, target: Location) -> None:
        self.view.clear_target()
        if target.source == self.source and (self._previewing or not self._loading):
            self.view.set_scroll_value(target.scroll)
            if self._previewing:  # the preview is a prefix: the same place once rendered
                self._pending_anchor, self._pending_scroll = "", target.scroll
        else:
            self.open(target.source, scroll=target.scroll, record=False)
        self.history_changed.emit()

    def _link(self, url: QUrl, new_tab: bool) -> None:
        """Same-page anchors are ours; everything else goes to the window."""
        if not url.scheme() and not url.path() and url.hasFragment() and not new_tab:
            self.jump_to_anchor(url.fragment(QUrl.ComponentFormattingOption.FullyDecoded))
        else:
            self.link_activated.emit(url, new_tab)

    def history(self) -> tuple[tuple[Location, ...], tuple[Location, ...]]:
        """The back and forward stacks (oldest first)."""
        return tuple(self._back), tuple(self._forward)

    def set_history(self, back: tuple[Location, ...], forward: tuple[Location, ...]) -> None:
        """Replace the back and forward stacks (a reopened tab gets its history back)."""
        self._back = list(back)[-MAX_HISTORY:]
        self._forward = list(forward)[-MAX_HISTORY:]
        self.history_changed.emit()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
