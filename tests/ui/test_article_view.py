"""The article view: loads nothing from outside, reports links and the section being read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QToolTip

from viewer.ui.article_view import ArticleView
from viewer.ui.main_window import render_article

from .reader_support import TESTIUM


@pytest.fixture
def view(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 450)
    view.show()
    qtbot.waitExposed(view)
    article, html = render_article(TESTIUM, "Testium")
    view.show_article(article, html)
    return view


@pytest.mark.parametrize("url", [
    "http://example.org/a.png", "https://example.org/style.css", "file:///etc/passwd",
    "data:image/png;base64,iVBORw0KGgo=", "ftp://example.org/x", "//example.org/x.png",
    "x.png", "qrc:/icon.png", "refview:../../etc/passwd", "refview:/etc/passwd",
])
def test_load_resource_refuses_everything_external(view, url):
    assert view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url)) is None
    assert view.refused[-1] == QUrl(url).toString()


def test_load_resource_serves_app_resources(view):
    data = view.loadResource(QTextDocument.ResourceType.StyleSheetResource.value,
                             QUrl("refview:styles/article.css"))
    assert isinstance(data, bytes) and b"font-size" in data


def test_remote_image_in_html_is_never_fetched(view, qtbot):
    view.setHtml('<p>x<img src="http://example.org/track.png"> '
                 '<img src="file:///etc/hostname"></p>')
    view.viewport().repaint()
    assert "http://example.org/track.png" in view.refused
    assert "file:///etc/hostname" in view.refused


def test_links_are_reported_not_followed(view, qtbot):
    assert not view.openLinks() and not view.openExternalLinks()
    with qtbot.waitSignal(view.link_activated) as blocker:
        view.anchorClicked.emit(QUrl("https://example.org/"))
    assert blocker.args[1] is False
    assert view.document().metaInformation(
        QTextDocument.MetaInformation.DocumentTitle) == "Testium"


def test_middle_click_on_a_link_asks_for_a_new_tab(view, qtbot):
    point = view.anchor_point("wiki:Ununtestium")
    with qtbot.waitSignal(view.link_activated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.MiddleButton, pos=point)
    assert blocker.args[0].toString() == "wiki:Ununtestium" and blocker.args[1] is True


def test_reference_tooltip_appears_on_hover_and_goes_away(view, qtbot):
    ref = view.article.references[1]
    assert view.reference_for_href(f"#{ref.anchor}") is ref
    qtbot.mouseMove(view.viewport(), view.anchor_point(f"#{ref.anchor}"))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Plain reference about the discovery" in QToolTip.text()
    qtbot.mouseMove(view.viewport(), view.viewport().rect().bottomRight())
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_section_changes_are_reported_while_scrolling(view, qtbot):
    with qtbot.waitSignal(view.section_changed) as blocker:
        view.scrollToAnchor("History")
    assert blocker.args == ["History"]
    with qtbot.waitSignal(view.section_changed) as blocker:
        view.set_scroll_value(0)
    assert blocker.args == [""]
    assert view.current_section() == ""
