"""The About dialog: version, privacy statement, components, licenses, attribution."""

from __future__ import annotations

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QLabel

from viewer import __version__
from viewer.notices import PRIVACY, components, license_texts
from viewer.ui.about import AboutDialog, app_icon


def _label_text(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_about_shows_name_version_privacy_and_attribution(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = _label_text(dialog)
    assert f"RefView {__version__}" in text
    assert "no network requests" in PRIVACY and "no network requests" in text
    assert "CC BY-SA 4.0" in text
    assert 'href="https://en.wikipedia.org/wiki/Lenalidomide"' in text
    linked = [label for label in dialog.findChildren(QLabel) if "href=" in label.text()]
    assert linked and all(label.openExternalLinks() for label in linked)


def test_components_table_lists_versions_licenses_and_the_qt_in_use(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    table = dialog.components_table
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    expected = [(c.name, c.version, c.license) for c in components()]
    assert rows[:-1] == expected
    assert rows[-1] == ("Qt library in use", qVersion(), "LGPL-3.0-only")


def test_every_license_text_can_be_read(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    texts = license_texts()
    assert dialog.license_list.count() == len(texts)
    for row, license_text in enumerate(texts):
        dialog.license_list.setCurrentRow(row)
        assert dialog.license_view.toPlainText() == license_text.text
    assert dialog.license_view.isReadOnly()


def test_app_icon_has_the_rendered_sizes(qtbot) -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes


def test_help_about_opens_the_dialog(make_window, qtbot) -> None:
    window = make_window()
    window.show_about()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, AboutDialog) and w.isVisible())
    assert dialog.parent() is window
    dialog.close()
