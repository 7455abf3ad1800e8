"""The application's identity for the desktop: its id and its icon.

Kept apart from the About dialog so that start-up can set the window icon without
loading the dialog's widgets.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from viewer.resources import resource_root

APP_ID = "io.github.refview.RefView"
"""The application id: desktop file, icon and AppStream names (see packaging/linux/)."""


def app_icon() -> QIcon:
    """RefView's icon: the SVG plus the pre-rendered PNGs of ``resources/icons/hicolor``."""
    icon = QIcon()
    hicolor = resource_root() / "icons" / "hicolor"
    for path in sorted(hicolor.glob(f"*/apps/{APP_ID}.*")):
        icon.addFile(str(path))
    return icon
