"""The article view: a read-only ``QTextBrowser`` that never leaves the article by itself.

What it guarantees:

* no resource is ever fetched: :meth:`ArticleView.loadResource` answers only for the
  app's own ``refview:`` resources (files shipped in ``resources/``) and refuses
  ``http``, ``file``, ``data`` and everything else; nothing in the view can make a network
  request or read a file of the user's;
* links are never followed by Qt: ``setOpenLinks(False)``; every click is handed to the
  owner as :attr:`ArticleView.link_activated` (with ``new_tab`` for a middle click), and
  the owner decides (anchor jump, library article, ask before an external link);
* hovering a reference marker shows the formatted citation at once (no tooltip delay);
* while scrolling, :attr:`ArticleView.section_changed` tells which section is being read.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from viewer.article.model import Article, Reference

RESOURCE_SCHEME = "refview"
"""Scheme of the app's own resources (``refview:icons/x.svg``), the only ones loaded."""

_SECTION_THROTTLE_MS = 60

MAX_REFUSED_KEPT = 200
"""Refused URLs remembered per article (a page with thousands of images stays cheap)."""

TARGET_TINT = QColor(51, 102, 204, 48)
"""Translucent blue behind a jump target: visible on light and dark pages."""

DOCUMENT_MARGIN = 18
"""Pixels of white space around the article, so the text does not touch the frame."""

MAX_TEXT_EMS = 46
"""Widest line of text, in ems of the article's font: in a wide window the text stays a
centred column of readable lines instead of ~120 characters a line.  (Qt rich text has no
CSS max-width, so the view adds equal side margins.)  At 1280x800 with the side panels the
text column is narrower than this and the view looks as before; the limit follows zoom."""


class SafeDocument(QTextDocument):
    """A text document that loads no resource at all (used while building a document
    off the GUI thread, before it belongs to a view)."""

    def loadResource(self, type_: int, name: QUrl | str) -> Any:
        """Nothing: no file, no network."""
        return None


def build_document(html: str, stylesheet: str, font: QFont) -> QTextDocument:
    """A document holding ``html`` styled with ``stylesheet``, built on the calling
    thread; the caller moves it to the GUI thread and gives it to
    :meth:`ArticleView.show_article`."""
    document = SafeDocument()
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(stylesheet)
    document.setHtml(html)
    document.setDocumentMargin(DOCUMENT_MARGIN)
    return document


_BODY_SIZE = re.compile(r"\bbody\s*\{[^}]*?font-size:\s*(\d+(?:\.\d+)?)pt")


def body_point_size(stylesheet: str) -> float | None:
    """The ``body`` font size (pt) a stylesheet asks for, if it gives one."""
    match = _BODY_SIZE.search(stylesheet)
    return float(match.group(1)) if match else None


class ArticleView(QTextBrowser):
    """Shows one rendered article.

    Attributes:
        article: the article shown (``None`` for a start page or an empty tab).
        refused: URLs :meth:`loadResource` refused since the last ``setHtml`` (for
            diagnostics and tests).
    """

    link_activated = Signal(QUrl, bool)
    """A link was clicked: its URL and whether a new tab was asked for (middle click)."""

    link_hovered = Signal(str)
    """The pointer is over a link (its href) or left one ("")."""

    section_changed = Signal(str)
    """The section at the top of the view changed: its anchor ("" before the first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName("Article text")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)
        self.setMouseTracking(True)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        # The side margins added by _fit_reading_width are the view's own area, not the
        # viewport's: they are painted in the text background (light and dark palettes).
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.article: Article | None = None
        self.refused: list[str] = []
        self._target_marked = False
        self._references: dict[str, Reference] = {}
        self._reference_html: dict[str, str] = {}
        self._hover_href = ""
        self._section_anchors: frozenset[str] = frozenset()
        self._section_tops: list[int] | None = None
        self._section_names: list[str] = []
        self._current_section: str | None = None
        self._pinned_section: tuple[str, int] | None = None
        self._section_timer = QTimer(self)
        self._section_timer.setSingleShot(True)
        self._section_timer.setInterval(_SECTION_THROTTLE_MS)
        self._section_timer.timeout.connect(self._update_section)
        self.anchorClicked.connect(lambda url: self.link_activated.emit(url, False))
        self._hovered = ""
        self.highlighted.connect(self._highlighted)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._section_timer.start())
        self.document().documentLayout().documentSizeChanged.connect(self._layout_changed)

    # ------------------------------------------------------------------ content

    def set_stylesheet(self, stylesheet: str) -> None:
        """Use ``stylesheet`` for the next content shown.

        Qt sizes ``<h1>``..``<h6>`` relative to the document's default font, not with the
        stylesheet's sizes; so the default font gets the body size of the stylesheet, and
        headings stay in proportion to the text (and follow the zoom).
        """
        self.document().setDefaultStyleSheet(stylesheet)
        size = body_point_size(stylesheet)
        if size is not None and size != self.font().pointSizeF():
            font = QFont(self.font())
            font.setPointSizeF(size)
            self.setFont(font)
            self.document().setDefaultFont(font)
            self._fit_reading_width(self.width())

    def show_article(self, article: Article | None, html: str,
                     document: QTextDocument | None = None) -> None:
        """Replace the content with ``html`` (rendered from ``article``).

        ``document``, when given, already holds ``html`` (built on a worker thread by
        :func:`build_document`) and replaces the view's document, so that a big article
        does not block the GUI thread while Qt parses its HTML.
        """
        self.article = article
        self.refused = []
        self._references = {r.anchor: r for r in article.references} if article else {}
        self._reference_html = {}
        self._section_anchors = frozenset(
            s.anchor for s in article.walk_sections()) if article else frozenset()
        self._section_tops = None
        self._current_section = None
        self._pinned_section = None
        self._target_marked = False
        # Highlights hold cursors into the old document, which the swap below frees:
        # touching them later (the next mark or find) would crash.
        self.setExtraSelections([])
        if document is not None:
            stylesheet = self.document().defaultStyleSheet()
            document.setParent(self)  # owned (and freed with the next swap) by the view
            self.setDocument(document)
            document.setDefaultStyleSheet(stylesheet)
            document.documentLayout().documentSizeChanged.connect(self._layout_changed)
        else:
            self.setHtml(html)
            self.document().setDocumentMargin(DOCUMENT_MARGIN)
        title = article.title if article else ""
        self.document().setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)

    def reference_for_href(self, href: str) -> Reference | None:
        """The reference a marker link (``#cite_note-x``) points at, if any."""
        if not href.startswith("#"):
            return None
        return self._references.get(QUrl.fromPercentEncoding(href[1:].encode()))

    def citation_tooltip(self, ref: Reference) -> str:
        """The formatted citation of ``ref`` as tooltip HTML (cached)."""
        cached = self._reference_html.get(ref.anchor)
        if cached is None and self.article is not None:
            from viewer.article.render.html import reference_html

            cached = self._reference_html[ref.anchor] = (
                f"<div style='max-width: 36em'>{reference_html(self.article, ref)}</div>")
        return cached or ""

    # ------------------------------------------------------------------ safety

    def loadResource(self, type_: int, name: QUrl | str) -> Any:
        """Only the app's own ``refview:`` resources; ``None`` (nothing) for the rest."""
        name = QUrl(name)
        if name.scheme() == RESOURCE_SCHEME:
            from viewer.resources import resource_path

            try:
                path = resource_path(name.path())
                return path.read_bytes() if path.is_file() else None
            except (ValueError, OSError):
                pass
        if len(self.refused) < MAX_REFUSED_KEPT:
            self.refused.append(name.toString())
        return None

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Home / Ctrl+End go to the top / end of the article.

        A read-only QTextBrowser scrolls on Home and End but ignores them with Ctrl held,
        which is how most readers and browsers (and many users) go to the top or end.
        """
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractSlider

        if event.modifiers() == Qt.KeyboardModifier.ControlModifier \
                and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
            to_end = event.key() == Qt.Key.Key_End
            self.verticalScrollBar().triggerAction(
                QAbstractSlider.SliderAction.SliderToMaximum if to_end
                else QAbstractSlider.SliderAction.SliderToMinimum)
            cursor = self.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if to_end
                                else QTextCursor.MoveOperation.Start)
            self.setTextCursor(cursor)
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ mouse

    def _highlighted(self, url: QUrl) -> None:
        self._hovered = url.toString()
        self.link_hovered.emit(self._hovered)

    def viewportEvent(self, event: QEvent) -> bool:
        """The pointer leaving the view while over a link also says it left the link
        (Qt only says so when it moves off the link inside the view)."""
        if event.type() == QEvent.Type.Leave and self._hovered:
            self._hovered = ""
            self.link_hovered.emit("")
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Show a reference's citation as soon as the pointer is over its marker."""
        super().mouseMoveEvent(event)
        href = self.anchorAt(event.position().toPoint())
        if href == self._hover_href:
            return
        self._hover_href = href
        ref = self.reference_for_href(href)
        if ref is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.citation_tooltip(ref),
                              self.viewport())
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A middle click on a link asks for it in a new tab."""
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.MiddleButton:
            href = self.anchorAt(event.position().toPoint())
            if href:
                self.link_activated.emit(QUrl(href), True)
                event.accept()
                return
        super().mouseReleaseEvent(event)

    def reading_width_limit(self) -> int:
        """The widest text line in pixels (:data:`MAX_TEXT_EMS` of the current font)."""
        em = self.font().pointSizeF() * self.logicalDpiY() / 72
        if em <= 0:  # a pixel-sized font
            em = float(self.fontInfo().pixelSize())
        return round(MAX_TEXT_EMS * em)

    def _fit_reading_width(self, width: int) -> None:
        """Centre the text in a column at most :meth:`reading_width_limit` wide for a
        view ``width`` pixels wide, with equal side viewport margins (none when the text
        fits).  Called before the view lays out at a new width, so a resize still lays
        the document out once."""
        margins = self.viewportMargins()
        bar = self.verticalScrollBar()
        chrome = 2 * self.frameWidth() + (bar.sizeHint().width() if bar.isVisibleTo(self) else 0)
        text = width - chrome - 2 * DOCUMENT_MARGIN
        side = max(0, (text - self.reading_width_limit()) // 2)
        if side != margins.left() or side != margins.right():
            self.setAutoFillBackground(side > 0)  # without margins: exactly as before
            self.setViewportMargins(side, 0, side, 0)

    def event(self, event: QEvent) -> bool:
        """On the view's own resize (``resizeEvent`` is the viewport's in a scroll area),
        keep the text column readable in a wide window (see :data:`MAX_TEXT_EMS`)."""
        if isinstance(event, QResizeEvent):
            self._fit_reading_width(event.size().width())
        return super().event(event)

    # ------------------------------------------------------------------ sections

    def _layout_changed(self, *_args: object) -> None:
        self._section_tops = None
        if self.isVisible():
            self._section_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        """Sections are placed once the view has its width: recompute then."""
        super().showEvent(event)
        self._section_tops = None
        self._section_timer.start()

    def last_section(self) -> str:
        """The section last reported by :attr:`section_changed` ("" if none yet)."""
        return self._current_section or ""

    def _compute_section_tops(self) -> None:
        """Where each section heading is, in document pixels (from the anchors)."""
        doc = self.document()
        layout = doc.documentLayout()
        tops: list[tuple[int, str]] = []
        wanted = self._section_anchors
        if wanted:
            block = doc.begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    fmt = it.fragment().charFormat()
                    if fmt.isAnchor():
                        names = [n for n in fmt.anchorNames() if n in wanted]
                        if names:
                            y = int(layout.blockBoundingRect(block).top())
                            tops.append((y, names[0]))
                    it += 1
                block = block.next()
        tops.sort()
        self._section_tops = [t for t, _ in tops]
        self._section_names = [n for _, n in tops]

    def scrollToAnchor(self, name: str) -> None:
        """Scroll to ``name``; a section jumped to stays the current section until the
        reader scrolls.

        Near the end of an article the view cannot bring a short last section to the
        top, so the scroll rule alone reported the section above it: choosing "External
        links" in the outline highlighted "References".
        """
        super().scrollToAnchor(name)
        if name not in self._section_anchors:
            return
        self._pinned_section = (name, self.verticalScrollBar().value())
        self._section_timer.stop()
        if name != self._current_section:
            self._current_section = name
            self.section_changed.emit(name)

    def current_section(self) -> str:
        """The anchor of the section being read: the one last jumped to while the view
        has not moved since, otherwise the last heading above the top edge."""
        if self._pinned_section is not None:
            name, value = self._pinned_section
            if self.verticalScrollBar().value() == value:
                return name
            self._pinned_section = None
        if self._section_tops is None:
            self._compute_section_tops()
        assert self._section_tops is not None
        y = self.verticalScrollBar().value() + self.viewport().height() // 8
        i = bisect.bisect_right(self._section_tops, y) - 1
        return self._section_names[i] if i >= 0 else ""

    def _update_section(self) -> None:
        anchor = self.current_section()
        if anchor != self._current_section:
            self._current_section = anchor
            self.section_changed.emit(anchor)

    def _anchor_position(self, anchor: str) -> int | None:
        """Where the named anchor ``anchor`` is in the document."""
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if anchor in fragment.charFormat().anchorNames():
                    return fragment.position()
                it += 1
            block = block.next()
        return None

    def has_section(self, anchor: str) -> bool:
        """Whether ``anchor`` names a section of the article shown."""
        return anchor in self._section_anchors

    def anchor_top(self, anchor: str) -> int | None:
        """The top of the block holding the named anchor ``anchor``, in document
        pixels; ``None`` if the document has no such anchor."""
        position = self._anchor_position(anchor)
        if position is None:
            return None
        doc = self.document()
        block = doc.findBlock(position)
        return int(doc.documentLayout().blockBoundingRect(block).top())

    def mark_target(self, anchor: str) -> None:
        """Tint what a reference jump landed on (the reference, or the marker a back-link
        leads to), so the eye finds it; other jumps clear the tint."""
        reference = self._references.get(anchor)
        is_marker = reference is None and any(
            anchor in r.uses for r in self._references.values())
        position = self._anchor_position(anchor) if reference or is_marker else None
        if position is None:
            self.clear_target()
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        if reference is not None:  # the whole reference
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
        else:  # the marker: the run of text that links like its first character
            href = self._href_at(position)
            end = position
            while end < self.document().characterCount() - 1 and self._href_at(end) == href:
                end += 1
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(TARGET_TINT)
        self.setExtraSelections([selection])
        self._target_marked = True

    def _href_at(self, position: int) -> str:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position + 1)
        return cursor.charFormat().anchorHref()

    def clear_target(self) -> None:
        """Remove the tint of :meth:`mark_target` (leaves find highlights alone)."""
        if self._target_marked:
            self._target_marked = False
            self.setExtraSelections([])

    def ensure_laid_out(self) -> None:
        """Finish laying out the document now (Qt does it lazily, in steps), so that the
        scroll range is complete before jumping to an anchor or a saved position."""
        doc = self.document()
        layout = doc.documentLayout()
        layout.blockBoundingRect(doc.lastBlock())
        # The scroll bar follows the size only when the layout reports it, which a
        # document built on a worker thread does late: report it now.
        layout.documentSizeChanged.emit(layout.documentSize())

    def scroll_value(self) -> int:
        """The vertical scroll position in pixels."""
        return self.verticalScrollBar().value()

    def set_scroll_value(self, value: int) -> None:
        """Scroll to ``value`` pixels (clamped by the scroll bar)."""
        self.verticalScrollBar().setValue(value)

    def anchor_point(self, href: str) -> QPoint | None:
        """The viewport point in the middle of the first link to ``href``, scrolled into
        view; ``None`` if there is no such link.  (Tools and tests use it to click a link
        the way a user would.)"""
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        doc = self.document()
        start = end = -1
        raised = False
        block = doc.begin()
        while block.isValid() and end < 0:
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                if fmt.anchorHref() == href:
                    if start < 0:
                        start = frag.position()
                        raised = fmt.verticalAlignment() == \
                            QTextCharFormat.VerticalAlignment.AlignSuperScript
                elif start >= 0:
                    end = frag.position()
                    break
                it += 1
            if start >= 0 and end < 0:
                end = block.position() + block.length() - 1
            block = block.next()
        if start < 0:
            return None
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        first = self.cursorRect(cursor)
        cursor.setPosition(end)
        last = self.cursorRect(cursor)
        if last.top() != first.top():  # the link wraps: aim inside its first character
            last = first.translated(4, 0)
        y = first.top() + first.height() // 3 if raised else first.center().y()
        return QPoint((first.left() + last.left()) // 2, y)
