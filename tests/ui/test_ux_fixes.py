"""Regressions for what a first real user of the reader window ran into (notes/ux-findings.md):
each test drives the widget the way that user did and checks what they saw."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from viewer.ui.article_view import DOCUMENT_MARGIN, ArticleView
from viewer.ui.find_bar import FindBar
from viewer.ui.main_window import render_article
from viewer.ui.panels import OutlinePanel, ReferencesPanel
from viewer.ui.theme import article_css

from .panel_articles import no_infobox, parse, seed
from .reader_support import TESTIUM


def _fragments(document: QTextDocument) -> list[tuple[str, QTextCharFormat]]:
    """Every text fragment of ``document`` with its character format."""
    out: list[tuple[str, QTextCharFormat]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                out.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return out


def test_reference_markers_are_as_large_as_the_text_before_superscripting(qtbot):
    """Markers [n] were set at 8 pt and then shrunk again as superscript (about 5 pt on
    screen): too small to read or hit.  They now start from the body size, so once
    raised they read like Wikipedia's."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 450)
    view.set_stylesheet(article_css(False))
    article, html = render_article(TESTIUM, "Testium")
    view.show_article(article, html)
    fragments = _fragments(view.document())
    superscript = QTextCharFormat.VerticalAlignment.AlignSuperScript
    markers = [fmt for text, fmt in fragments if fmt.verticalAlignment() == superscript
               and set(text) <= set("[]0123456789")]
    body = [fmt for text, fmt in fragments if "Filler sentence" in text]
    assert len(markers) >= 2 and body
    body_size = body[0].font().pointSizeF()
    assert body_size >= 10
    assert all(m.font().pointSizeF() >= 0.95 * body_size for m in markers)


def test_reference_buttons_show_their_whole_label(qtbot):
    """"Copy"/"Open" were tool buttons whose menu arrow covered the end of the label;
    they are push buttons with a menu, wide enough for label and arrow."""
    panel = ReferencesPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 480)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_article(seed())
    for button, label in ((panel.copy_button, "Copy"), (panel.open_button, "Open")):
        assert isinstance(button, QPushButton)
        assert button.text() == label and button.menu() is not None
        text_width = button.fontMetrics().horizontalAdvance(label)
        assert button.width() >= text_width + 16  # room for the arrow beside the text


def test_outline_says_why_it_is_empty(qtbot):
    """An article without sections left a blank white panel; it now says so, and shows
    the tree again for the next article that has sections."""
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.empty_label.isVisible() and panel.empty_label.text() == "No article."
    panel.set_article(parse("'''Short''' has one paragraph and no headings.", "Short"))
    assert panel.empty_label.isVisible() and not panel.view.isVisible()
    assert panel.empty_label.text() == "This article has no sections."
    panel.set_article(no_infobox())
    assert panel.view.isVisible() and not panel.empty_label.isVisible()
    assert panel.model.rowCount() > 0


@pytest.mark.parametrize("dark", [False, True])
def test_markers_take_their_size_from_the_text_in_every_theme(dark):
    """No font size for markers in either theme: Qt (and a browser reading an exported
    page) shrink superscripts from the surrounding text, so zoom and the smaller text
    of reference lists and tables carry over."""
    css = re.sub(r"/\*.*?\*/", "", article_css(dark, 125), flags=re.DOTALL)
    rules = [r for r in css.split("}") if "sup.reference" in r.split("{")[0]]
    assert not any("font-size" in r for r in rules)


@pytest.fixture
def find_setup(qtbot):  # (bar, view) in one small window, as under the article
    host = QWidget()
    view = QTextBrowser(host)
    view.setHtml("<p>apple at the top</p>" + "<p>filler line</p>" * 150
                  + "<p>apple in the middle</p>" + "<p>more filler</p>" * 150
                  + "<p>apple at the end</p>")
    bar = FindBar(host)
    layout = QVBoxLayout(host)
    layout.addWidget(view)
    layout.addWidget(bar)
    bar.set_view(view)
    bar.hide()
    qtbot.addWidget(host)
    host.resize(500, 300)
    host.show()
    qtbot.waitExposed(host)
    yield bar, view
    host.close()


def test_find_starts_where_the_reader_is(find_setup, qtbot):
    """Scrolling half-way down and pressing Ctrl+F used to jump back to the top (the
    bar cleared the selection with setTextCursor, which scrolled to the old cursor) and
    then picked the first match there; it now starts from the visible part."""
    bar, view = find_setup
    scroll = view.verticalScrollBar()
    middle = view.document().find("apple in the middle")
    scroll.setValue(
        int(view.document().documentLayout().blockBoundingRect(middle.block()).top()) - 20)
    before = scroll.value()
    assert before > 0
    bar.open_bar()
    assert scroll.value() == before  # opening the bar does not move the article
    qtbot.keyClicks(bar.edit, "apple")
    assert bar.count_text() == "2 of 3"
    assert "middle" in view.textCursor().block().text()


def test_clearing_the_query_keeps_the_reading_position(find_setup, qtbot):
    bar, view = find_setup
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "the end")
    at_end = view.verticalScrollBar().value()
    assert at_end > 0 and view.textCursor().hasSelection()
    bar.edit.clear()
    assert view.verticalScrollBar().value() == at_end
    assert not view.textCursor().hasSelection() and not view.extraSelections()


def test_find_bar_fits_beside_the_side_panels():
    """At 639 px minimum the bar widened the article column when it opened, squeezing
    the outline and references docks of a 1100 px window; it now fits in under 500."""
    bar = FindBar()
    assert bar.minimumSizeHint().width() < 500
    bar.deleteLater()


def test_ctrl_home_and_ctrl_end_go_to_the_top_and_the_end(qtbot):
    """Home/End scrolled the article but Ctrl+Home/Ctrl+End (what most readers press)
    did nothing."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    article, html = render_article(TESTIUM, "Testium")
    view.show_article(article, html)
    scroll = view.verticalScrollBar()
    assert scroll.maximum() > 0 and scroll.value() == 0
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert scroll.value() == scroll.maximum()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert scroll.value() == 0
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # plain keys still behave as before
    assert 0 < scroll.value() < scroll.maximum()


def _pixels_near(image: QImage, rect: QRect, colour: QColor, tolerance: int = 40) -> int:
    count = 0
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right(), 2):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green())
                    + abs(pixel.blue() - colour.blue())) <= tolerance:
                count += 1
    return count


def test_links_in_a_selected_reference_stay_readable(qtbot):
    """Blue DOI/PMID links on the blue selection were unreadable; a selected row paints
    its links in the highlighted-text colour (other rows keep the link colour)."""
    panel = ReferencesPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 520)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_article(seed())
    view = panel.view
    first, second = view.model().index(0, 0), view.model().index(1, 0)
    view.setCurrentIndex(first)
    image = view.viewport().grab().toImage()
    link = QColor("#3366cc")  # the article's link colour (was the palette's #0000ff)
    assert _pixels_near(image, view.visualRect(second), link) > 0  # unselected: links
    assert _pixels_near(image, view.visualRect(first), link) == 0  # selected: none


def test_a_section_jumped_to_near_the_end_is_the_current_one(qtbot):
    """Choosing the last, short section in the outline highlighted the one above it
    (the view cannot scroll that heading to the top); the section jumped to now stays
    current until the reader scrolls."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    article, html = render_article(TESTIUM, "Testium")
    view.show_article(article, html)
    last = list(article.walk_sections())[-1].anchor
    with qtbot.waitSignal(view.section_changed) as changed:
        view.scrollToAnchor(last)
    assert changed.args == [last]
    scroll = view.verticalScrollBar()
    assert scroll.value() == scroll.maximum()  # could not bring the heading to the top
    # What the throttled scroll rule will compute: still the section jumped to.
    assert view.current_section() == last and view.last_section() == last
    with qtbot.waitSignal(view.section_changed, timeout=2000):
        scroll.setValue(scroll.maximum() // 2)  # the reader scrolls: the rule is back
    assert view.current_section() != last


def test_lines_stay_readable_in_a_wide_window(qtbot):
    """In a wide window lines ran to ~120 characters (finding I): the text is now a
    centred column at most MAX_TEXT_EMS wide; a window of usual width is unchanged, and
    the column follows the font size (zoom)."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_stylesheet(article_css(False))
    article, html = render_article(TESTIUM, "Testium")
    view.show_article(article, html)
    view.resize(700, 450)
    view.show()
    qtbot.waitExposed(view)
    assert view.viewportMargins().left() == 0 and view.viewportMargins().right() == 0
    narrow = view.viewport().width()
    limit = view.reading_width_limit()
    assert narrow - 2 * DOCUMENT_MARGIN < limit  # the usual column: nothing to do

    view.resize(2200, 450)
    margins = view.viewportMargins()
    assert margins.left() > 0 and margins.left() == margins.right()
    text_width = view.viewport().width() - 2 * DOCUMENT_MARGIN
    assert limit - 2 <= text_width <= limit + 2
    assert view.document().textWidth() <= limit + 2 * DOCUMENT_MARGIN + 2

    view.set_stylesheet(article_css(False, zoom=150))  # bigger text, wider column
    assert view.reading_width_limit() > limit
    assert view.viewport().width() - 2 * DOCUMENT_MARGIN > text_width

    view.resize(700, 450)  # narrow again: the margins go
    assert view.viewportMargins().left() == 0
    assert view.viewport().width() == narrow


_MANY_REFERENCES = "'''Many''' references.\n\n" + "\n".join(
    f"Line {i}.<ref>Reference number {i}, with a few words.</ref>" for i in range(120)
) + "\n\n== References ==\n{{reflist}}\n"
_SMALL_INFOBOX = ("{{Infobox person|name=Small|birth_date=1900}}\n"
                  "'''Small''' has one reference.<ref>One.</ref>\n\n"
                  "== References ==\n{{reflist}}\n")


@pytest.mark.parametrize("first", [_MANY_REFERENCES, _SMALL_INFOBOX, None])
def test_infobox_and_references_split_does_not_follow_the_first_article(qtbot, tmp_path,
                                                                        first):
    """The infobox dock was 400 px high with one first article and two rows with a big
    reference list (finding G): Qt sized the split from the first article's size hints.
    It is now fixed at start: the same with any first article, or none."""
    from pathlib import Path

    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    heights: list[tuple[int, int]] = []
    for name, text in (("baseline", None), ("first", first)):
        window = MainWindow(Settings(tmp_path / name / "settings.json"), None,
                            tmp_path / "no-library.sqlite")
        qtbot.addWidget(window)
        if text is not None:
            path = Path(tmp_path / f"{name}.wiki")
            path.write_text(text, encoding="utf-8")
            window.open_files([path])
            tab = window.current_tab()
            assert tab is not None
            qtbot.waitUntil(lambda tab=tab: not tab.is_loading())
        window.resize(1100, 760)
        window.show()
        qtbot.waitExposed(window)
        heights.append((window.docks["infobox"].height(), window.docks["references"].height()))
    (infobox, refs), (first_infobox, first_refs) = heights
    assert infobox > 250 and refs > 250  # both panels get real room
    assert abs(first_infobox - infobox) <= 2 and abs(first_refs - refs) <= 2
