"""Light and dark: follow the system palette, or a choice the user made.

The window's colours come from the application palette; the article's from the CSS that
``viewer.article.render.html.article_stylesheet(dark)`` returns.  :class:`ThemeManager`
decides which of the two the app is in and keeps both in step: when the user forces a
scheme that differs from the system's, it installs a palette of its own (with the Fusion
look, which honours palettes everywhere); "system" puts the original palette back.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_DARK_COLOURS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#1b1c1e",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#2d2f33",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#8a8d91",
    QPalette.ColorRole.Text: "#e3e3e3",
    QPalette.ColorRole.Button: "#2a2c2f",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3d6db5",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}

_LIGHT_COLOURS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#f3f3f3",
    QPalette.ColorRole.WindowText: "#1f1f1f",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f6f6",
    QPalette.ColorRole.ToolTipBase: "#ffffe8",
    QPalette.ColorRole.ToolTipText: "#1f1f1f",
    QPalette.ColorRole.PlaceholderText: "#777777",
    QPalette.ColorRole.Text: "#202122",
    QPalette.ColorRole.Button: "#ececec",
    QPalette.ColorRole.ButtonText: "#1f1f1f",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3366cc",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#3366cc",
    QPalette.ColorRole.LinkVisited: "#795cb2",
}


def palette_is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark background."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def build_palette(dark: bool) -> QPalette:
    """A complete palette for the forced light or dark scheme."""
    palette = QPalette()
    for role, colour in (_DARK_COLOURS if dark else _LIGHT_COLOURS).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#7a7d81" if dark else "#a0a0a0")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


class ThemeManager(QObject):
    """Applies a theme choice (``system``, ``light``, ``dark``) to the application.

    Attributes:
        mode: the current choice.
        dark: whether the effective scheme is dark.
    """

    def __init__(self, app: QApplication, on_change: Callable[[bool], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._on_change = on_change
        self._system_palette = QPalette(app.palette())
        self._system_style = app.style().name()
        self.mode = "system"
        self.dark = self.system_is_dark()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    def system_is_dark(self) -> bool:
        """Whether the desktop asks for a dark scheme (palette as a fallback)."""
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        return palette_is_dark(self._system_palette)

    def apply(self, mode: str) -> None:
        """Switch to ``mode`` and tell the window whether the article must be dark."""
        self.mode = mode if mode in ("light", "dark") else "system"
        system_dark = self.system_is_dark()
        dark = system_dark if self.mode == "system" else self.mode == "dark"
        if self.mode == "system" or dark == system_dark:
            if self._app.style().name() != self._system_style:
                self._app.setStyle(self._system_style)
            self._app.setPalette(self._system_palette)
        else:
            if self._app.style().name().lower() != "fusion":
                self._app.setStyle("Fusion")
            self._app.setPalette(build_palette(dark))
        changed = dark != self.dark
        self.dark = dark
        if changed:
            self._on_change(dark)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.mode == "system":
            self._system_palette = QPalette(self._app.style().standardPalette())
            self.apply("system")


_PT_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)pt\b")


def article_css(dark: bool, zoom: int = 100) -> str:
    """The article stylesheet for the scheme, with every ``pt`` font size scaled to
    ``zoom`` percent.

    The stylesheet gives sizes in points, which a widget font change does not scale;
    scaling the sizes themselves zooms text, headings and references alike.
    """
    from viewer.article.render.html import article_stylesheet

    css = article_stylesheet(dark)
    if zoom == 100:
        return css
    factor = zoom / 100

    def scale(match: re.Match[str]) -> str:
        return f"{float(match.group(1)) * factor:.4g}pt"

    return _PT_SIZE.sub(scale, css)
