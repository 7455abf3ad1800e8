"""The action table: one declaration drives menus, toolbar, keys and the shortcut sheet."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from viewer.ui.actions import ACTIONS, MENUS, Act, key_sequences, shortcut_rows, shortcut_text
from viewer.ui.shortcuts_dialog import ShortcutsDialog


def test_every_action_is_declared_and_in_a_menu():
    assert set(ACTIONS) == set(Act)
    in_menus = {item for _, items in MENUS for item in items if isinstance(item, Act)}
    assert in_menus == set(Act)


def test_no_key_is_bound_twice(qapp):
    seen: dict[str, Act] = {}
    for act, spec in ACTIONS.items():
        for seq in key_sequences(spec):
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in seen, f"{key} bound to {seen.get(key)} and {act}"
            seen[key] = act


def test_required_shortcuts(qapp):
    expected = {
        Act.OPEN: "Ctrl+O", Act.NEW_TAB: "Ctrl+T", Act.CLOSE_TAB: "Ctrl+W",
        Act.REOPEN_TAB: "Ctrl+Shift+T", Act.NEXT_TAB: "Ctrl+Tab",
        Act.PREVIOUS_TAB: "Ctrl+Shift+Tab", Act.BACK: "Alt+Left", Act.FORWARD: "Alt+Right",
        Act.FIND: "Ctrl+F", Act.FIND_NEXT: "F3", Act.SEARCH_LIBRARY: "Ctrl+K",
        Act.ZOOM_IN: "Ctrl++", Act.ZOOM_OUT: "Ctrl+-", Act.ZOOM_RESET: "Ctrl+0",
        Act.PRINT: "Ctrl+P", Act.FULL_SCREEN: "F11", Act.QUIT: "Ctrl+Q", Act.SHORTCUTS: "F1",
    }
    for act, key in expected.items():
        keys = [s.toString(QKeySequence.SequenceFormat.PortableText)
                for s in key_sequences(ACTIONS[act])]
        assert key in keys, (act, keys)
    assert "?" in shortcut_text(ACTIONS[Act.SHORTCUTS])
    assert "Ctrl+L" in shortcut_text(ACTIONS[Act.SEARCH_LIBRARY])


def test_window_has_a_handler_and_a_qaction_for_each(make_window):
    window = make_window()
    for act, spec in ACTIONS.items():
        assert callable(getattr(window, spec.handler)), act
        action = window.actions_by_id[act]
        assert action.text() == spec.text
        assert action.shortcuts() == key_sequences(spec)
    menu_titles = [a.text() for a in window.menuBar().actions()]
    assert menu_titles == [title for title, _ in MENUS]
    toolbar = window.toolbar.actions()
    assert [window.actions_by_id[a] for a, s in ACTIONS.items() if s.toolbar] == toolbar


def test_sheet_is_generated_from_the_table(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert rows[:len(shortcut_rows())] == shortcut_rows()
    keyed = {spec.text.replace("&", "").rstrip(".") for spec in ACTIONS.values()
             if shortcut_text(spec)}
    assert keyed == {action for _, action, _ in shortcut_rows()}
    assert ("Go", "Reopen Closed Tab", "Ctrl+Shift+T") in rows
