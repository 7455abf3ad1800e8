"""Help > About: who RefView is, what it promises about privacy, and what it is made of.

Everything shown comes from :mod:`viewer.notices` (versions, licenses, attribution), so
``refview --version`` and this dialog never disagree.  The dialog adds what only Qt knows:
the version of the Qt library actually loaded.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.notices import (
    DESCRIPTION,
    PRIVACY,
    SAMPLE_ATTRIBUTION,
    LicenseText,
    components,
    license_texts,
)
from viewer.ui.icons import app_icon


class AboutDialog(QDialog):
    """The About box: name, version, description, privacy, components and licenses.

    Attributes:
        tabs: "About", "Components" and "Licenses" pages.
        components_table: one row per component: name, version, license.
        license_list: the titles of the shipped license texts.
        license_view: the text of the license selected in ``license_list``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About RefView")
        self.setWindowIcon(app_icon())
        self.resize(640, 520)
        self._licenses: tuple[LicenseText, ...] = license_texts()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._about_page(), "&About")
        self.components_table = self._components_table()
        self.tabs.addTab(self.components_table, "&Components")
        self.license_list = QListWidget()
        self.license_view = QPlainTextEdit()
        self.tabs.addTab(self._licenses_page(), "&Licenses")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header())
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _header(self) -> QWidget:
        """Icon, name, version and one-line description."""
        header = QWidget(self)
        icon = QLabel(header)
        icon.setPixmap(app_icon().pixmap(64, 64))
        name = QLabel(f"RefView {html.escape(__version__)}", header)
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.addWidget(name)
        text.addWidget(QLabel(DESCRIPTION, header))
        text.addStretch(1)
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        return header

    def _about_page(self) -> QWidget:
        """Privacy statement, license summary and the sample's attribution."""
        paragraphs = (
            f"<b>Privacy.</b> {html.escape(PRIVACY)}",
            "<b>License.</b> RefView is free software: you can redistribute it and/or "
            "modify it under the terms of the GNU General Public License, version 3 or "
            "(at your option) any later version. It comes with ABSOLUTELY NO WARRANTY. "
            "The Licenses page has the full texts of RefView's license and of the "
            "components it ships.",
            f"<b>Sample article.</b> {_linkify(SAMPLE_ATTRIBUTION)}",
        )
        label = QLabel("".join(f"<p>{p}</p>" for p in paragraphs))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Links open in the user's browser, and only when clicked.
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        layout.addStretch(1)
        return page

    def _components_table(self) -> QTableWidget:
        """Name, version and license of each component, plus the Qt library loaded."""
        rows = [(c.name, c.version, c.license) for c in components()]
        rows.append(("Qt library in use", qVersion(), "LGPL-3.0-only"))
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels(["Component", "Version", "License"])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                table.setItem(r, c, item)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def _licenses_page(self) -> QWidget:
        """A list of license texts beside the selected one, read-only and scrollable."""
        self.license_list.addItems([text.title for text in self._licenses])
        self.license_view.setReadOnly(True)
        self.license_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        self.license_view.setFont(mono)
        self.license_list.currentRowChanged.connect(self._show_license)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.license_list)
        splitter.addWidget(self.license_view)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 400])
        if self._licenses:
            self.license_list.setCurrentRow(0)
        return splitter

    def _show_license(self, row: int) -> None:
        """Show the license text at ``row`` of the list (nothing for no selection)."""
        text = self._licenses[row].text if 0 <= row < len(self._licenses) else ""
        self.license_view.setPlainText(text)


def _linkify(text: str) -> str:
    """HTML of ``text`` with its http(s) URLs as links (trailing punctuation left out)."""
    parts: list[str] = []
    for word in text.split(" "):
        core = word.rstrip(").,;")
        opening = "(" if core.startswith("(") else ""
        core = core.removeprefix("(")
        if core.startswith(("https://", "http://")):
            tail = word[len(opening) + len(core):]
            url = html.escape(core, quote=True)
            parts.append(f'{opening}<a href="{url}">{html.escape(core)}</a>{html.escape(tail)}')
        else:
            parts.append(html.escape(word))
    return " ".join(parts)
