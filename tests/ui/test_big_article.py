"""Big articles open in two steps: a preview of their beginning at once, then the whole
article in its place at the same reading position (``ArticleTab`` progressive display)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool
from shiboken6 import isValid

from viewer.ui import tabs as tabs_module
from viewer.ui.main_window import render_article
from viewer.ui.tabs import PREVIEW_NOTICE, ArticleTab, Location, Source, preview_text

from .reader_support import FILLER, OTHER, TESTIUM


def big_article(target: int = 500_000) -> str:
    """A ~500 KB article: the section-rich body of TESTIUM repeated under new headings
    (each part cites its own reference), one reference list at the end."""
    lead, rest = TESTIUM.split("\n== History ==", 1)
    body = "\n== History ==" + rest.split("\n== References ==", 1)[0]
    parts = [lead]
    size, n = len(lead), 0
    while size < target:
        n += 1
        part = (body.replace("\n== ", f"\n== Part {n} ").replace("\n=== ", f"\n=== Part {n} ")
                + f"\nPart {n} cites its own source.<ref name=\"p{n}\">Source of part {n}.</ref>\n")
        parts.append(part)
        size += len(part)
    parts.append(f"\n== Closing part ==\nThe end of the article.\n\n{FILLER}\n"
                 "\n== References ==\n{{reflist}}\n")
    return "".join(parts)


BIG = big_article()


class Gate:
    """A renderer that holds the whole article's rendering until released, so a test
    can act while the preview is on screen (the preview itself renders at once)."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def __call__(self, text: str, title: str):  # type: ignore[no-untyped-def]
        if len(text) == len(BIG):
            self.release.wait(10)
        return render_article(text, title)


@pytest.fixture
def big_tab(qtbot):
    gate = Gate()
    pages = {"Big": BIG, "Other": OTHER}

    def fetch(source: Source) -> tuple[str, str]:
        return source.ref, pages[source.ref]

    tab = ArticleTab(fetch, gate, lambda: "<p>start page</p>", "")
    qtbot.addWidget(tab)
    tab.resize(700, 500)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab, gate
    gate.release.set()


def test_preview_text_cuts_at_a_top_level_heading():
    text = "a" * 50 + "\n=== Sub ===\n" + "b" * 10 + "\n== Next ==\nc\n== Last ==\n"
    part = preview_text(text, minimum=20, maximum=len(text))
    assert part == text[:text.index("\n== Next") + 1]
    assert preview_text(text, minimum=20, maximum=60) is None    # no heading early enough
    assert preview_text("no headings at all " * 10, minimum=5, maximum=100) is None


def test_big_article_previews_then_replaces_at_the_same_place(big_tab, qtbot):
    tab, gate = big_tab
    assert len(BIG) > 450_000
    loaded: list[object] = []
    tab.loaded.connect(loaded.append)
    assert tab.open(Source("library", "Big"))
    # The beginning is on screen at once, with a notice; the panels wait for the whole.
    assert tab.is_previewing() and tab.is_loading() and tab.article is None
    text = tab.view.toPlainText()
    assert "Loading the rest" in text and "Part 1 History" in text
    assert "Closing part" not in text and not loaded
    # The reader scrolls a bit below a section heading of the preview.
    tab.view.scrollToAnchor("Part_3_Uses")
    tab.view.set_scroll_value(tab.view.scroll_value() + 37)
    qtbot.waitUntil(lambda: tab.view.current_section() == "Part_3_Uses")
    offset = tab.view.scroll_value() - tab.view.anchor_top("Part_3_Uses")
    assert offset == 37
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        gate.release.set()
    assert not tab.is_previewing() and not tab.is_loading()
    assert tab.article is not None and loaded == [tab.article]
    text = tab.view.toPlainText()
    assert "Closing part" in text and "Loading the rest" not in text
    assert tab.view.current_section() == "Part_3_Uses"
    assert tab.view.scroll_value() - tab.view.anchor_top("Part_3_Uses") == 37
    assert tab.html and PREVIEW_NOTICE not in tab.html


def test_reference_jump_in_the_preview_lands_once_the_whole_is_shown(big_tab, qtbot):
    tab, gate = big_tab
    tab.open(Source("library", "Big"))
    assert tab.is_previewing()
    preview_height = tab.view.document().size().height()
    # The preview lists its own references; the jump goes to the article's list.
    tab.jump_to_anchor("cite_note-smith-1")
    assert tab.can_go_back()
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        gate.release.set()
    top = tab.view.anchor_top("cite_note-smith-1")
    assert top is not None and top > 10 * preview_height
    assert abs(tab.view.scroll_value() - min(top, tab.view.verticalScrollBar().maximum())) < 200
    tab.back()
    assert tab.view.scroll_value() == 0


def test_back_in_the_preview_is_kept_for_the_whole(big_tab, qtbot):
    tab, gate = big_tab
    tab.open(Source("library", "Big"))
    tab.jump_to_anchor("Part_2_History")
    place = tab.view.scroll_value()
    assert place > 0
    tab.back()
    assert tab.view.scroll_value() == 0
    assert tab.location() == Location(Source("library", "Big"), 0)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        gate.release.set()
    assert tab.view.scroll_value() == 0 and tab.can_go_forward()
    tab.forward()
    assert tab.view.scroll_value() == place


def test_stale_full_rendering_never_replaces_a_newer_article(big_tab, qtbot):
    tab, gate = big_tab
    tab.open(Source("library", "Big"))
    assert tab.is_previewing()
    tab.open(Source("library", "Other"))
    assert tab.title == "Other" and not tab.is_previewing()
    with qtbot.assertNotEmitted(tab.loaded, wait=300):
        gate.release.set()
    assert "second article" in tab.view.toPlainText()
    assert "Part 1 History" not in tab.view.toPlainText()


def test_tab_closed_during_the_preview_does_not_crash(qtbot, monkeypatch):
    hooked: list[type] = []
    monkeypatch.setattr("sys.excepthook", lambda t, v, tb: hooked.append(t))
    gate = Gate()
    tab = ArticleTab(lambda s: (s.ref, BIG), gate, lambda: "", "")
    tab.resize(700, 500)
    tab.show()
    tab.open(Source("library", "Big"))
    assert tab.is_previewing()
    tab.deleteLater()
    qtbot.waitUntil(lambda: not _alive(tab))
    gate.release.set()
    # The worker finishes and its result has nowhere to go: dropped quietly.
    assert QThreadPool.globalInstance().waitForDone(20000)
    qtbot.wait(50)  # let a (wrongly) queued result be delivered, if there were one
    assert hooked == []


def _alive(widget: ArticleTab) -> bool:
    return bool(isValid(widget))


def test_small_articles_have_no_preview(big_tab, qtbot, monkeypatch):
    tab, _ = big_tab
    monkeypatch.setattr(tabs_module, "SYNC_RENDER_LIMIT", 100)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.open(Source("library", "Other"))
        assert not tab.is_previewing()


def test_window_panels_find_and_session_follow_the_whole_article(make_window, tmp_path, qtbot):
    path = tmp_path / "Big_article.wiki"
    path.write_text(BIG, encoding="utf-8")
    window = make_window()
    tab = window.open_source(Source("file", str(path)))
    assert tab is not None and tab.is_previewing()
    # Panels wait for the whole article; the find bar searches what is shown.
    assert window.outline.model.rowCount() == 0
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.edit, "Part 1 cites")
    assert window.find_bar.count_text() == "1 of 1"
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        pass
    assert window.outline.model.rowCount() > 100
    assert window.outline.model.index_for_anchor("Closing_part").isValid()
    assert window.find_bar.count_text() == "1 of 1"   # searched again, no stale cursors
    window.find_bar.find_next()
    assert window.find_bar.count_text() == "1 of 1"
    window.find_bar.close_bar()
    # A place far beyond the preview is saved, and restored through a preview.
    tab.jump_to_anchor("Closing_part")
    deep = tab.view.scroll_value()
    assert deep > 10 * tab.view.viewport().height()
    window.close()
    again = make_window()
    assert again.restore_session()
    restored = again.current_tab()
    qtbot.waitUntil(lambda: restored.article is not None, timeout=20000)
    qtbot.waitUntil(lambda: restored.view.scroll_value() == deep)


def test_restored_scroll_waits_for_the_whole_article(big_tab, qtbot):
    """A session restores a place (pixels) that may lie beyond the preview: it is
    applied to the whole article, and saved unchanged while the preview shows."""
    tab, gate = big_tab
    tab.open(Source("library", "Big"), scroll=60_000, record=False)
    assert tab.is_previewing()
    assert tab.location() == Location(Source("library", "Big"), 60_000)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        gate.release.set()
    qtbot.waitUntil(lambda: tab.view.scroll_value() == 60_000)
