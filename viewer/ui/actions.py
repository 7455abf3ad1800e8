"""Every user action of the reader, declared once as data.

The table :data:`ACTIONS` says, for each :class:`Act`, its menu text, key bindings, icon
and the name of the window method that performs it.  The menus, the toolbar and the
shortcut sheet (F1 / ``?``) are all generated from it, so a shortcut shown to the user is
always the one that works.  Standard keys are used where Qt has one, so bindings follow
the platform's conventions.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence

Key = QKeySequence.StandardKey | str
"""A key binding: a Qt standard key (platform-native) or a portable string."""

SK = QKeySequence.StandardKey


class Act(enum.Enum):
    """The reader's actions."""

    OPEN = enum.auto()
    IMPORT = enum.auto()
    IMPORT_FOLDER = enum.auto()
    EXPORT_PDF = enum.auto()
    EXPORT_HTML = enum.auto()
    PRINT = enum.auto()
    QUIT = enum.auto()
    COPY = enum.auto()
    SELECT_ALL = enum.auto()
    FIND = enum.auto()
    FIND_NEXT = enum.auto()
    FIND_PREVIOUS = enum.auto()
    SEARCH_LIBRARY = enum.auto()
    BACK = enum.auto()
    FORWARD = enum.auto()
    NEW_TAB = enum.auto()
    CLOSE_TAB = enum.auto()
    REOPEN_TAB = enum.auto()
    NEXT_TAB = enum.auto()
    PREVIOUS_TAB = enum.auto()
    MOVE_TAB_LEFT = enum.auto()
    MOVE_TAB_RIGHT = enum.auto()
    ZOOM_IN = enum.auto()
    ZOOM_OUT = enum.auto()
    ZOOM_RESET = enum.auto()
    FULL_SCREEN = enum.auto()
    THEME_SYSTEM = enum.auto()
    THEME_LIGHT = enum.auto()
    THEME_DARK = enum.auto()
    SHOW_OUTLINE = enum.auto()
    SHOW_INFOBOX = enum.auto()
    SHOW_REFERENCES = enum.auto()
    SHOW_LIBRARY = enum.auto()
    NEXT_PANE = enum.auto()
    PREVIOUS_PANE = enum.auto()
    SHORTCUTS = enum.auto()
    ABOUT = enum.auto()


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """How one action looks and what it does.

    Attributes:
        text: menu text with ``&`` mnemonic.
        shortcuts: key bindings, the first one is shown in menus.
        icon: freedesktop icon theme name ("" for none); a file
            ``resources/icons/actions/<icon>.svg`` is used when the theme lacks it.
        handler: name of the main-window method called when triggered; checkable
            actions pass their new state, actions with ``arg`` pass it.
        tip: the status tip (also the accessible description).
        checkable: a toggle (dock visibility, full screen, theme choice).
        group: actions sharing a group name are mutually exclusive (radio items).
        arg: a fixed argument for the handler (``set_theme("dark")``).
        toolbar: also shown on the toolbar.
    """

    text: str
    shortcuts: tuple[Key, ...]
    icon: str
    handler: str
    tip: str = ""
    checkable: bool = False
    group: str = ""
    arg: str = ""
    toolbar: bool = False


ACTIONS: dict[Act, ActionSpec] = {
    Act.OPEN: ActionSpec("&Open File...", (SK.Open,), "document-open", "open_file_dialog",
                         "Open a wikitext file (.wiki, .txt) in a new tab", toolbar=True),
    Act.IMPORT: ActionSpec("&Import into Library...", (), "document-import", "import_sources",
                           "Add wikitext files or XML dumps to the library"),
    Act.IMPORT_FOLDER: ActionSpec("Import &Folder into Library...", (), "folder-open",
                                  "import_folder",
                                  "Add every wikitext file and dump in a folder (and its "
                                  "subfolders) to the library"),
    Act.EXPORT_PDF: ActionSpec("Export as &PDF...", (), "application-pdf", "export_pdf_dialog",
                               "Save the article as a PDF file"),
    Act.EXPORT_HTML: ActionSpec("Export as &HTML...", (), "text-html", "export_html_dialog",
                                "Save the rendered article as an HTML file"),
    Act.PRINT: ActionSpec("&Print...", (SK.Print,), "document-print", "print_article",
                          "Print the article"),
    Act.QUIT: ActionSpec("&Quit", ("Ctrl+Q",), "application-exit", "close",
                         "Close RefView (the session is saved)"),
    Act.COPY: ActionSpec("&Copy", (SK.Copy,), "edit-copy", "copy_selection",
                         "Copy the selected text"),
    Act.SELECT_ALL: ActionSpec("Select &All", (SK.SelectAll,), "edit-select-all", "select_all",
                               "Select the whole article"),
    Act.FIND: ActionSpec("&Find in Page...", (SK.Find,), "edit-find", "show_find_bar",
                         "Find text in the article", toolbar=True),
    Act.FIND_NEXT: ActionSpec("Find &Next", ("F3",), "go-down", "find_next",
                              "Go to the next match"),
    Act.FIND_PREVIOUS: ActionSpec("Find Pre&vious", ("Shift+F3",), "go-up", "find_previous",
                                  "Go to the previous match"),
    Act.SEARCH_LIBRARY: ActionSpec("&Search Library...", ("Ctrl+K", "Ctrl+L"), "system-search",
                                   "search_library", "Find an article in the library by title "
                                   "or text", toolbar=True),
    Act.BACK: ActionSpec("&Back", ("Alt+Left", "Back"), "go-previous", "go_back",
                         "Go back in this tab's history", toolbar=True),
    Act.FORWARD: ActionSpec("&Forward", ("Alt+Right", "Forward"), "go-next", "go_forward",
                            "Go forward in this tab's history", toolbar=True),
    Act.NEW_TAB: ActionSpec("&New Tab", (SK.AddTab,), "tab-new", "new_tab",
                            "Open a new tab (library search, recent files)"),
    Act.CLOSE_TAB: ActionSpec("&Close Tab", ("Ctrl+W",), "tab-close", "close_current_tab",
                              "Close the current tab"),
    Act.REOPEN_TAB: ActionSpec("&Reopen Closed Tab", ("Ctrl+Shift+T",), "edit-undo",
                               "reopen_closed_tab", "Bring back the last closed tab"),
    Act.NEXT_TAB: ActionSpec("Ne&xt Tab", ("Ctrl+Tab", "Ctrl+PgDown"), "", "next_tab",
                             "Show the tab on the right"),
    Act.PREVIOUS_TAB: ActionSpec("Pre&vious Tab", ("Ctrl+Shift+Tab", "Ctrl+PgUp"), "",
                                 "previous_tab", "Show the tab on the left"),
    Act.MOVE_TAB_LEFT: ActionSpec("Move Tab &Left", ("Ctrl+Shift+PgUp",), "", "move_tab_left",
                                  "Move the current tab one place left"),
    Act.MOVE_TAB_RIGHT: ActionSpec("Move Tab R&ight", ("Ctrl+Shift+PgDown",), "",
                                   "move_tab_right", "Move the current tab one place right"),
    Act.ZOOM_IN: ActionSpec("Zoom &In", (SK.ZoomIn, "Ctrl+="), "zoom-in", "zoom_in",
                            "Larger text"),
    Act.ZOOM_OUT: ActionSpec("Zoom &Out", (SK.ZoomOut,), "zoom-out", "zoom_out",
                             "Smaller text"),
    Act.ZOOM_RESET: ActionSpec("&Reset Zoom", ("Ctrl+0",), "zoom-original", "zoom_reset",
                               "Normal text size"),
    Act.FULL_SCREEN: ActionSpec("&Full Screen", ("F11",), "view-fullscreen", "set_full_screen",
                                "Use the whole screen", checkable=True),
    Act.THEME_SYSTEM: ActionSpec("&System Colours", (), "", "set_theme",
                                 "Follow the system's light or dark palette", checkable=True,
                                 group="theme", arg="system"),
    Act.THEME_LIGHT: ActionSpec("&Light", (), "", "set_theme", "Dark text on a light page",
                                checkable=True, group="theme", arg="light"),
    Act.THEME_DARK: ActionSpec("&Dark", (), "", "set_theme", "Light text on a dark page",
                               checkable=True, group="theme", arg="dark"),
    Act.SHOW_OUTLINE: ActionSpec("&Outline", ("Ctrl+Shift+O",), "", "show_outline",
                                 "Show or hide the section outline", checkable=True),
    Act.SHOW_INFOBOX: ActionSpec("&Infobox", ("Ctrl+Shift+I",), "", "show_infobox",
                                 "Show or hide the infobox panel", checkable=True),
    Act.SHOW_REFERENCES: ActionSpec("&References", ("Ctrl+Shift+R",), "", "show_references",
                                    "Show or hide the references panel", checkable=True),
    Act.SHOW_LIBRARY: ActionSpec("Li&brary", ("Ctrl+Shift+B",), "", "show_library",
                                 "Show or hide the library panel", checkable=True),
    Act.NEXT_PANE: ActionSpec("Next &Pane", ("F6",), "", "focus_next_pane",
                              "Move the keyboard focus to the next panel or the article"),
    Act.PREVIOUS_PANE: ActionSpec("Previous Pa&ne", ("Shift+F6",), "", "focus_previous_pane",
                                  "Move the keyboard focus to the previous panel"),
    Act.SHORTCUTS: ActionSpec("&Keyboard Shortcuts", ("F1", "?"), "help-keyboard-shortcuts",
                              "show_shortcuts", "List every keyboard shortcut"),
    Act.ABOUT: ActionSpec("&About RefView", (), "help-about", "show_about",
                          "Version, licence and credits"),
}

RECENT_MENU = "recent"
"""Marker in :data:`MENUS` for the File > Open Recent submenu (filled at show time)."""

MENUS: tuple[tuple[str, tuple[Act | str | None, ...]], ...] = (
    ("&File", (Act.OPEN, RECENT_MENU, None, Act.IMPORT, Act.IMPORT_FOLDER, None, Act.PRINT,
               Act.EXPORT_PDF, Act.EXPORT_HTML, None, Act.QUIT)),
    ("&Edit", (Act.COPY, Act.SELECT_ALL, None, Act.FIND, Act.FIND_NEXT, Act.FIND_PREVIOUS,
               None, Act.SEARCH_LIBRARY)),
    ("&View", (Act.ZOOM_IN, Act.ZOOM_OUT, Act.ZOOM_RESET, None, Act.THEME_SYSTEM,
               Act.THEME_LIGHT, Act.THEME_DARK, None, Act.SHOW_OUTLINE, Act.SHOW_INFOBOX,
               Act.SHOW_REFERENCES, Act.SHOW_LIBRARY, None, Act.NEXT_PANE, Act.PREVIOUS_PANE,
               None, Act.FULL_SCREEN)),
    ("&Go", (Act.BACK, Act.FORWARD, None, Act.NEW_TAB, Act.CLOSE_TAB, Act.REOPEN_TAB, None,
             Act.NEXT_TAB, Act.PREVIOUS_TAB, Act.MOVE_TAB_LEFT, Act.MOVE_TAB_RIGHT)),
    ("&Help", (Act.SHORTCUTS, None, Act.ABOUT)),
)
"""Menu bar layout: ``None`` is a separator."""


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The concrete key sequences of ``spec`` on this platform, without duplicates."""
    out: list[QKeySequence] = []
    for key in spec.shortcuts:
        seqs = QKeySequence.keyBindings(key) if isinstance(key, SK) else [QKeySequence(key)]
        for seq in seqs:
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return out


_FIRST_MEDIA_KEY = 0x01000061
"""``Qt.Key.Key_Back``: from here on, keys of multimedia keyboards (Back, Open, Copy...)."""


_F13, _F35 = Qt.Key.Key_F13.value, Qt.Key.Key_F35.value


def _keyboard_key(seq: QKeySequence) -> bool:
    """Whether ``seq`` is on an ordinary keyboard (not F13-F35 or a multimedia key)."""
    combined = seq[0] if seq.count() else None  # type: ignore[index]
    if combined is None:
        return False
    key = int(combined.key().value)
    return key < _FIRST_MEDIA_KEY and not _F13 <= key <= _F35


def shortcut_text(spec: ActionSpec) -> str:
    """The bindings of ``spec`` as the user reads them ("Ctrl+K, Ctrl+L").

    Keys of multimedia keyboards still work but are not listed: nobody needs to be told
    that the Back key goes back.
    """
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                     for s in key_sequences(spec) if _keyboard_key(s))


def menu_of(act: Act) -> str:
    """The menu title (without ``&``) that holds ``act``."""
    for title, items in MENUS:
        if act in items:
            return title.replace("&", "")
    return ""


def shortcut_rows() -> list[tuple[str, str, str]]:
    """``(menu, action, keys)`` for every action that has a key, in menu order."""
    rows: list[tuple[str, str, str]] = []
    for title, items in MENUS:
        for item in items:
            if isinstance(item, Act):
                keys = shortcut_text(ACTIONS[item])
                if keys:
                    rows.append((title.replace("&", ""), ACTIONS[item].text.replace("&", "")
                                 .rstrip("."), keys))
    return rows


def _icon(name: str) -> QIcon:
    if not name:
        return QIcon()
    if QIcon.hasThemeIcon(name):
        return QIcon.fromTheme(name)
    from viewer.resources import resource_root

    path = resource_root() / "icons" / "actions" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def _connect(action: QAction, spec: ActionSpec, target: QObject) -> None:
    handler: Callable[..., Any] = getattr(target, spec.handler)
    if spec.arg:
        action.triggered.connect(lambda _checked=False, h=handler, a=spec.arg: h(a))
    elif spec.checkable:
        action.toggled.connect(handler)
    else:
        action.triggered.connect(lambda _checked=False, h=handler: h())


def build_actions(target: QObject) -> dict[Act, QAction]:
    """Create a ``QAction`` per :data:`ACTIONS` entry, owned by and wired to ``target``.

    Raises ``AttributeError`` if ``target`` lacks a declared handler, so a typo in the
    table fails at once (and in the tests), not when the user presses the key.
    """
    actions: dict[Act, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for act, spec in ACTIONS.items():
        action = QAction(spec.text, target)
        action.setObjectName(f"action_{act.name.lower()}")
        action.setShortcuts(key_sequences(spec))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setIcon(_icon(spec.icon))
        action.setStatusTip(spec.tip)
        action.setToolTip(f"{spec.text.replace('&', '').rstrip('.')}"
                          + (f" ({shortcut_text(spec)})" if spec.shortcuts else ""))
        action.setCheckable(spec.checkable)
        if spec.group:
            group = groups.get(spec.group)
            if group is None:
                group = groups[spec.group] = QActionGroup(target)
                group.setExclusive(True)
            group.addAction(action)
        _connect(action, spec, target)
        actions[act] = action
    return actions
