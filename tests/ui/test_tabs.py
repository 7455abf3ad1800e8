"""ArticleTab: history across anchors and articles, threaded rendering of big articles,
deferred loading."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QUrl

from viewer.errors import UserError
from viewer.ui import tabs as tabs_module
from viewer.ui.article_view import SafeDocument
from viewer.ui.main_window import render_article
from viewer.ui.tabs import ArticleTab, Location, Source

from .reader_support import OTHER, TESTIUM


class Store:
    """A fetcher over a dict of titles, counting reads."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages
        self.reads: list[str] = []

    def __call__(self, source: Source) -> tuple[str, str]:
        self.reads.append(source.ref)
        if source.ref not in self.pages:
            raise UserError(f"{source.ref}: no such file")
        return source.ref, self.pages[source.ref]


@pytest.fixture
def make_tab(qtbot):
    def make(pages: dict[str, str], render=render_article) -> tuple[ArticleTab, Store]:
        store = Store(pages)
        tab = ArticleTab(store, render, lambda: "<p>start page</p>", "")
        qtbot.addWidget(tab)
        tab.resize(700, 500)
        tab.show()
        qtbot.waitExposed(tab)
        return tab, store
    return make


def test_history_over_anchors_and_articles(make_tab, qtbot):
    tab, _ = make_tab({"Testium": TESTIUM, "Other": OTHER})
    assert tab.open(Source("library", "Testium"))
    assert not tab.can_go_back()
    tab.jump_to_anchor("Uses")
    uses = tab.view.scroll_value()
    assert uses > 0
    with qtbot.waitSignal(tab.loaded):
        tab.open(Source("library", "Other"))
    assert tab.title == "Other" and tab.view.scroll_value() == 0
    back, forward = tab.history()
    assert back == (Location(Source("library", "Testium"), 0),
                    Location(Source("library", "Testium"), uses))
    assert forward == ()
    tab.back()
    assert tab.title == "Testium"
    qtbot.waitUntil(lambda: tab.view.scroll_value() == uses)
    tab.back()
    assert tab.view.scroll_value() == 0
    assert not tab.can_go_back() and tab.can_go_forward()
    tab.forward()
    tab.forward()
    assert tab.title == "Other"
    assert not tab.can_go_forward()


def test_new_navigation_clears_forward(make_tab):
    tab, _ = make_tab({"Testium": TESTIUM})
    tab.open(Source("library", "Testium"))
    tab.jump_to_anchor("Uses")
    tab.back()
    assert tab.can_go_forward()
    tab.jump_to_anchor("History")
    assert not tab.can_go_forward()


def test_same_page_link_is_an_anchor_jump_other_links_go_up(make_tab, qtbot):
    tab, _ = make_tab({"Testium": TESTIUM})
    tab.open(Source("library", "Testium"))
    with qtbot.assertNotEmitted(tab.link_activated):
        tab.view.link_activated.emit(QUrl("#History"), False)
    assert tab.view.scroll_value() > 0 and tab.can_go_back()
    with qtbot.waitSignal(tab.link_activated) as blocker:
        tab.view.link_activated.emit(QUrl("wiki:Ununtestium"), True)
    assert blocker.args[0].toString() == "wiki:Ununtestium" and blocker.args[1] is True


def test_unreadable_source_keeps_current_article(make_tab, qtbot):
    tab, _ = make_tab({"Testium": TESTIUM})
    tab.open(Source("library", "Testium"))
    with qtbot.waitSignal(tab.failed) as blocker:
        assert not tab.open(Source("library", "Missing"))
    assert blocker.args == ["Missing: no such file"]
    assert tab.title == "Testium" and not tab.can_go_back()


def test_big_article_renders_off_the_gui_thread(make_tab, qtbot, monkeypatch):
    monkeypatch.setattr(tabs_module, "SYNC_RENDER_LIMIT", 100)
    threads: list[str] = []

    def render(text: str, title: str):
        threads.append(threading.current_thread().name)
        return render_article(text, title)

    tab, _ = make_tab({"Testium": TESTIUM}, render)
    tab.view.document().setDefaultStyleSheet("p { color: #123456; }")
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.open(Source("library", "Testium"), anchor="Uses")
        assert tab.is_loading()
        assert "Loading Testium" in tab.view.toPlainText()
    assert threads and threads[0] != threading.main_thread().name
    assert "imaginary element" in tab.view.toPlainText()
    qtbot.waitUntil(lambda: tab.view.scroll_value() > 0)
    # The document was built on the worker, now lives on the GUI thread, loads nothing.
    document = tab.view.document()
    assert isinstance(document, SafeDocument)
    assert document.thread() is tab.thread() and document.parent() is tab.view
    assert document.loadResource(2, QUrl("file:///etc/hostname")) is None
    assert document.defaultStyleSheet() == "p { color: #123456; }"


def test_stale_render_result_is_dropped(make_tab, qtbot, monkeypatch):
    monkeypatch.setattr(tabs_module, "SYNC_RENDER_LIMIT", len(OTHER) + 1)
    release = threading.Event()

    def render(text: str, title: str):
        if title == "Testium":
            release.wait(5)
        return render_article(text, title)

    tab, _ = make_tab({"Testium": TESTIUM, "Other": OTHER}, render)
    tab.open(Source("library", "Testium"))      # slow, on a worker
    tab.open(Source("library", "Other"))        # quick, replaces it
    assert tab.title == "Other"
    with qtbot.assertNotEmitted(tab.loaded, wait=200):
        release.set()
    assert tab.title == "Other" and "second article" in tab.view.toPlainText()


def test_render_failure_is_reported_and_logged(make_tab, qtbot, monkeypatch):
    monkeypatch.setattr(tabs_module, "SYNC_RENDER_LIMIT", 10)
    hooked: list[type] = []
    monkeypatch.setattr("sys.excepthook", lambda t, v, tb: hooked.append(t))

    def render(text: str, title: str):
        raise RuntimeError("boom")

    tab, _ = make_tab({"Testium": TESTIUM}, render)
    with qtbot.waitSignal(tab.failed) as blocker:
        tab.open(Source("library", "Testium"))
    assert "could not be displayed" in blocker.args[0]
    assert hooked == [RuntimeError]
    assert not tab.is_loading()


def test_deferred_tab_loads_when_first_shown(qtbot):
    store = Store({"Testium": TESTIUM})
    tab = ArticleTab(store, render_article, lambda: "", "")
    qtbot.addWidget(tab)
    tab.open_later(Source("library", "Testium"), scroll=50)
    assert tab.title == "Testium" and store.reads == []
    assert tab.location() == Location(Source("library", "Testium"), 50)
    tab.resize(600, 400)
    tab.show()
    qtbot.waitUntil(lambda: tab.article is not None)
    assert store.reads == ["Testium"]
    qtbot.waitUntil(lambda: tab.view.scroll_value() == 50)


def test_restored_tab_with_missing_file_says_so_in_the_page(qtbot):
    tab = ArticleTab(Store({}), render_article, lambda: "", "")
    qtbot.addWidget(tab)
    tab.open_later(Source("file", "/nowhere/Gone.wiki"))
    with qtbot.waitSignal(tab.failed):
        tab.show()
    assert "no such file" in tab.view.toPlainText()


def test_start_page(make_tab):
    tab, store = make_tab({})
    assert tab.open(Source("start"))
    assert tab.title == "New Tab" and tab.article is None
    assert "start page" in tab.view.toPlainText() and store.reads == []
