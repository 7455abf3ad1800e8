"""One way to tell the user something: the status bar for news, a message box for trouble.

Every part of the window reports through a :class:`Messenger` instead of building its own
``QMessageBox``, so that messages look the same everywhere, an error repeated many times
replaces the text of the box already open instead of stacking boxes, failures that come
together (ten unreadable files dropped at once) are listed in one box, and
``--screenshot`` runs can stay silent.  Boxes are opened non-modally
(``QMessageBox.open``) so that the rest of the app keeps running behind them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

STATUS_TIMEOUT_MS = 8000


class Messenger:
    """Shows information, warnings and errors for one main window.

    Attributes:
        window: the window whose status bar and children the messages use.
        quiet: when true, no message box is opened (status bar only).
        box: the message box currently open, if any (reused for the next error).
    """

    def __init__(self, window: QMainWindow, *, quiet: bool = False) -> None:
        self.window = window
        self.quiet = quiet
        self.box: QMessageBox | None = None

    def info(self, text: str) -> None:
        """A passing piece of news in the status bar."""
        self.window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def warning(self, text: str) -> None:
        """Something did not work, but needs no acknowledgement: the status bar."""
        self.window.statusBar().showMessage(text, 2 * STATUS_TIMEOUT_MS)

    def error(self, text: str, *, title: str = "RefView") -> None:
        """Something failed that the user should see: status bar and a message box.

        An already open error box is reused (its text replaced), so a burst of errors
        never piles up dialogs.
        """
        self.warning(text)
        self._show_box(title, text, "")

    def errors(self, summary: str, messages: list[str], *, title: str = "RefView") -> None:
        """Several failures at once (e.g. files given together): one box whose text is
        ``summary`` and which lists every distinct message under it, so that none is
        lost; the status bar says the summary followed by the messages."""
        distinct = list(dict.fromkeys(messages))
        if not distinct:
            return
        self.warning(f"{summary} " + "; ".join(distinct))
        self._show_box(title, summary, "\n".join(distinct))

    def _show_box(self, title: str, text: str, details: str) -> None:
        """Open the error box, or reuse the open one (its text replaced)."""
        if self.quiet:
            return
        box = self.box
        if box is None or not box.isVisible():
            parent: QWidget = self.window
            box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                              QMessageBox.StandardButton.Ok, parent)
            box.setAccessibleName("Error message")
            box.finished.connect(box.deleteLater)
            box.destroyed.connect(lambda *_args, gone=box: self._forget_box(gone))
            self.box = box
            box.setInformativeText(details)
            box.open()
        else:
            box.setText(text)
            box.setInformativeText(details)

    def _forget_box(self, gone: QMessageBox) -> None:
        if self.box is gone:
            self.box = None
