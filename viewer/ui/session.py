"""The reading session: which articles were open, where, and how the window looked.

Saved when the window closes (and after tab changes), restored at the next launch.  The
file is JSON under the user's state folder, written atomically, so a crash or a full disk
leaves either the old session or the new one.  Reading is tolerant: a corrupt file, an
unknown version or a bad entry is skipped, never an error at start-up.

No Qt here: geometry and dock layout arrive as opaque bytes from ``saveGeometry`` /
``saveState`` and are stored base64-encoded.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from viewer.atomic import atomic_write_text

SESSION_VERSION = 1

SourceKind = Literal["file", "library"]


@dataclass(frozen=True, slots=True)
class TabState:
    """One open tab.

    Attributes:
        kind: ``file`` (``ref`` is a path) or ``library`` (``ref`` is an article title).
        ref: the path or the title.
        scroll: the vertical scroll position of the article view, in pixels.
    """

    kind: SourceKind
    ref: str
    scroll: int = 0


@dataclass(frozen=True, slots=True)
class SessionState:
    """Everything restored at the next launch.

    Attributes:
        tabs: the open tabs, left to right.
        current: index of the current tab in ``tabs``.
        geometry: ``QMainWindow.saveGeometry()`` bytes (empty when unknown).
        window_state: ``QMainWindow.saveState()`` bytes: docks and toolbars.
    """

    tabs: tuple[TabState, ...] = ()
    current: int = 0
    geometry: bytes = b""
    window_state: bytes = field(default=b"")


def session_path() -> Path:
    """Where the session is stored: ``<user state dir>/refview/session.json``."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("refview", appauthor=False)) / "session.json"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        return b""
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError):
        return b""


def to_json(state: SessionState) -> str:
    """The session as JSON text."""
    data = {
        "version": SESSION_VERSION,
        "tabs": [{"kind": t.kind, "ref": t.ref, "scroll": t.scroll} for t in state.tabs],
        "current": state.current,
        "geometry": _b64(state.geometry),
        "window_state": _b64(state.window_state),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _tab_from(entry: Any) -> TabState | None:
    if not isinstance(entry, dict):
        return None
    kind, ref, scroll = entry.get("kind"), entry.get("ref"), entry.get("scroll", 0)
    if kind not in ("file", "library") or not isinstance(ref, str) or not ref:
        return None
    if not isinstance(scroll, int) or isinstance(scroll, bool) or scroll < 0:
        scroll = 0
    return TabState(kind, ref, scroll)


def from_json(text: str) -> SessionState | None:
    """Parse a session; ``None`` when the text is not a session this version understands.

    Bad tab entries are dropped one by one; the rest of the session survives.
    """
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("version") != SESSION_VERSION:
        return None
    raw_tabs = data.get("tabs")
    tabs = tuple(t for t in map(_tab_from, raw_tabs if isinstance(raw_tabs, list) else [])
                 if t is not None)
    current = data.get("current", 0)
    if not isinstance(current, int) or isinstance(current, bool) or not tabs:
        current = 0
    current = min(max(current, 0), max(len(tabs) - 1, 0))
    return SessionState(tabs, current, _unb64(data.get("geometry")),
                        _unb64(data.get("window_state")))


def load_session(path: Path) -> SessionState | None:
    """The session saved in ``path``, or ``None`` when there is none or it is unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return from_json(text)


def save_session(path: Path, state: SessionState) -> bool:
    """Write ``state`` to ``path`` atomically; ``False`` when the disk refused it."""
    try:
        atomic_write_text(path, to_json(state))
    except OSError:
        return False
    return True
