"""User preferences, each declared once with its type, default and description.

Preferences (what the user chose: theme, zoom, recent files) are kept apart from UI
*state* (window geometry, open tabs), which lives in :mod:`viewer.ui.session`.  The file
is a small JSON object under the user's config folder, written atomically; a missing,
corrupt or partly invalid file falls back to the defaults field by field, so a bad value
never stops the app from starting.

This module has no Qt dependency, so that reading preferences costs nothing at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.atomic import atomic_write_text

THEMES = ("system", "light", "dark")
"""Theme choices: follow the system palette, or force light or dark."""

ZOOM_LEVELS = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
"""Zoom steps in percent, as in web browsers; Ctrl++ / Ctrl+- move along them."""

MAX_RECENT_FILES = 10


def _valid_theme(value: Any) -> bool:
    return value in THEMES


def _valid_zoom(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in ZOOM_LEVELS


def _valid_recent(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


@dataclass(frozen=True, slots=True)
class Preference:
    """One user preference.

    Attributes:
        name: the key in the settings file.
        default: the value used when the file does not give a valid one.
        description: what it changes, for the user and the reader of this code.
        valid: tells whether a value read from the file is acceptable.
    """

    name: str
    default: Any
    description: str
    valid: Callable[[Any], bool]


PREFERENCES: dict[str, Preference] = {
    p.name: p
    for p in (
        Preference("theme", "system",
                   "Colours of the window and the article: follow the system, light or dark.",
                   _valid_theme),
        Preference("zoom", 100, "Text size of the article view, in percent.", _valid_zoom),
        Preference("recent_files", [],
                   f"The last {MAX_RECENT_FILES} files opened, newest first.", _valid_recent),
    )
}


def settings_path() -> Path:
    """Where preferences are stored: ``<user config dir>/refview/settings.json``."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("refview", appauthor=False)) / "settings.json"


class Settings:
    """The user's preferences, loaded from and saved to one JSON file.

    Attributes:
        path: the settings file (``None`` keeps everything in memory, e.g. for
            ``--screenshot`` runs that must not touch the user's files).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._values: dict[str, Any] = {name: p.default for name, p in PREFERENCES.items()}
        self._listeners: dict[str, list[Callable[[Any], None]]] = {}
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> None:
        """Read ``path``; anything missing or invalid keeps its default."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict):
            return
        for name, pref in PREFERENCES.items():
            if name in data and pref.valid(data[name]):
                self._values[name] = data[name]

    def get(self, name: str) -> Any:
        """The current value of preference ``name``."""
        if name not in PREFERENCES:
            raise KeyError(name)
        return self._values[name]

    def set(self, name: str, value: Any) -> None:
        """Change preference ``name``, save, and tell the listeners of that preference."""
        pref = PREFERENCES[name]
        if not pref.valid(value):
            raise ValueError(f"invalid value for {name}: {value!r}")
        if self._values[name] == value:
            return
        self._values[name] = value
        self.save()
        for callback in self._listeners.get(name, ()):
            callback(value)

    def on_change(self, name: str, callback: Callable[[Any], None]) -> None:
        """Call ``callback(new_value)`` whenever preference ``name`` changes."""
        if name not in PREFERENCES:
            raise KeyError(name)
        self._listeners.setdefault(name, []).append(callback)

    def save(self) -> None:
        """Write every preference to the file atomically (no-op when in memory only).

        A write failure (read-only or full disk) is not fatal: the preference still
        applies to this run.
        """
        if self.path is None:
            return
        try:
            atomic_write_text(self.path, json.dumps(self._values, indent=2) + "\n")
        except OSError:
            pass

    def add_recent_file(self, path: Path) -> None:
        """Put ``path`` first in the recent-files list (deduplicated, bounded)."""
        text = str(path)
        recent = [p for p in self.get("recent_files") if p != text]
        self.set("recent_files", [text, *recent][:MAX_RECENT_FILES])
