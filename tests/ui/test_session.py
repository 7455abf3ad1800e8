"""Session and settings: restored in a second window, written atomically, tolerant of
damaged files."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from viewer.ui.actions import Act
from viewer.ui.session import (
    SessionState,
    TabState,
    from_json,
    load_session,
    save_session,
    session_path,
    to_json,
)
from viewer.ui.settings import PREFERENCES, Settings, settings_path
from viewer.ui.tabs import Source


def test_round_trip_keeps_everything():
    state = SessionState((TabState("file", "/a/b.wiki", 120), TabState("library", "Foo", 0)),
                         1, b"\x01geom", b"\x02state")
    assert from_json(to_json(state)) == state


@pytest.mark.parametrize("text", [
    "", "not json", "[]", '{"version": 99, "tabs": []}', '{"version": 1, "tabs": "x"}',
    "\x00\x01\x02",
])
def test_corrupt_or_foreign_session_is_ignored(tmp_path, text):
    path = tmp_path / "session.json"
    path.write_text(text, encoding="utf-8")
    state = load_session(path)
    assert state is None or state.tabs == ()


def test_bad_entries_are_dropped_one_by_one():
    text = json.dumps({"version": 1, "current": 7, "geometry": "%%%", "tabs": [
        {"kind": "file", "ref": "/x.wiki", "scroll": -5},
        {"kind": "http", "ref": "http://evil"},
        {"kind": "library", "ref": ""},
        "garbage",
        {"kind": "library", "ref": "Bar", "scroll": 40},
    ]})
    state = from_json(text)
    assert state is not None
    assert state.tabs == (TabState("file", "/x.wiki", 0), TabState("library", "Bar", 40))
    assert state.current == 1 and state.geometry == b""


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "deep" / "session.json"
    assert save_session(path, SessionState((TabState("file", "/a.wiki"),)))
    assert save_session(path, SessionState((TabState("file", "/b.wiki"),)))
    assert [p.name for p in path.parent.iterdir()] == ["session.json"]
    assert load_session(path).tabs[0].ref == "/b.wiki"


def test_save_to_unwritable_place_reports_false(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert save_session(blocker / "session.json", SessionState()) is False


def test_user_dirs_are_the_isolated_ones(tmp_path_factory):
    # conftest points XDG_* at temporary folders: tests never touch real user files.
    import os

    assert str(session_path()).startswith(os.environ["XDG_STATE_HOME"])
    assert str(settings_path()).startswith(os.environ["XDG_CONFIG_HOME"])


def test_settings_defaults_validation_and_persistence(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "purple", "zoom": 125, "recent_files": [1, 2]}')
    settings = Settings(path)
    assert settings.get("theme") == PREFERENCES["theme"].default
    assert settings.get("zoom") == 125
    assert settings.get("recent_files") == []
    with pytest.raises(ValueError):
        settings.set("zoom", 123)
    seen: list[object] = []
    settings.on_change("theme", seen.append)
    settings.set("theme", "dark")
    assert seen == ["dark"]
    assert Settings(path).get("theme") == "dark"
    for i in range(15):
        settings.add_recent_file(tmp_path / f"{i}.wiki")
    recent = Settings(path).get("recent_files")
    assert len(recent) == 10 and recent[0].endswith("14.wiki")


def test_every_preference_is_described():
    for pref in PREFERENCES.values():
        assert pref.description and pref.valid(pref.default)


def test_session_restored_in_a_second_window(make_window, article_files, tmp_path, qtbot):
    window = make_window()
    first = window.open_source(Source("file", str(article_files["testium"])))
    window.open_source(Source("file", str(article_files["other"])))
    window.tabs.setCurrentIndex(0)
    first.jump_to_anchor("Uses")
    scroll = first.view.scroll_value()
    assert scroll > 0
    window.docks["references"].hide()
    window.close()
    saved = load_session(tmp_path / "state" / "session.json")
    assert saved is not None and [t.ref for t in saved.tabs] == [
        str(article_files["testium"]), str(article_files["other"])]

    again = make_window()
    assert again.restore_session()
    assert again.tabs.count() == 2
    assert [again.tabs.tabText(i) for i in range(2)] == ["Testium", "Other article"]
    restored = again.current_tab()
    qtbot.waitUntil(lambda: restored.article is not None)
    qtbot.waitUntil(lambda: restored.view.scroll_value() == scroll)
    assert again.windowTitle() == "Testium — RefView"
    assert not again.docks["references"].isVisible()
    assert again.docks["outline"].isVisible()
    # The other tab is read only when shown.
    other = again.tab_at(1)
    assert other.article is None
    qtbot.keyClick(again, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: other.article is not None)
    assert QApplication.activeWindow() is again


def test_missing_file_in_session_is_reported_not_fatal(make_window, tmp_path, qtbot):
    window = make_window()
    state = SessionState((TabState("file", str(tmp_path / "gone.wiki")),), 0)
    assert window.restore_session(state)
    qtbot.waitUntil(lambda: "gone.wiki: no such file" in window.statusBar().currentMessage())
    assert window.current_tab() is not None


def test_library_dock_is_beside_the_outline_and_fills_once_there_is_a_library(
        make_window, article_files, tmp_path, qtbot):
    from viewer.library import Library

    library_path = tmp_path / "lib.sqlite"
    first = make_window(library=library_path)   # no library file yet: the empty state
    dock = first.docks["library"]
    assert first.docks["outline"] in first.tabifiedDockWidgets(dock)
    assert "No library yet" in first.library_empty.text()
    assert first.library_panel is None
    first.open_source(Source("file", str(article_files["testium"])))
    first.close()
    with Library.open(library_path) as library:
        library.import_source(article_files["other"])
    second = make_window(library=library_path)
    assert second.restore_session()
    qtbot.waitUntil(lambda: second.library_panel is not None)
    dock = second.docks["library"]
    assert dock.toggleViewAction().isChecked()
    assert second.actions_by_id[Act.SHOW_LIBRARY].isChecked()
    assert second.docks["outline"] in second.tabifiedDockWidgets(dock)
    assert not second.library_empty.isVisible()
    # Closing the dock is remembered.
    second.actions_by_id[Act.SHOW_LIBRARY].trigger()
    assert not dock.toggleViewAction().isChecked()
    second.close()
    third = make_window(library=library_path)
    third.restore_session()
    assert not third.docks["library"].toggleViewAction().isChecked()
    assert not third.actions_by_id[Act.SHOW_LIBRARY].isChecked()
    assert third.docks["outline"].toggleViewAction().isChecked()
