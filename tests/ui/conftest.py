"""Fixtures for the reader-window tests: test articles as files, and main windows whose
settings and session live in the test's temporary folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings

from .reader_support import OTHER, TESTIUM, write_article

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def article_files(tmp_path: Path) -> dict[str, Path]:
    """Our test articles as files."""
    folder = tmp_path / "articles"
    folder.mkdir()
    return {"testium": write_article(folder, "Testium.wiki", TESTIUM),
            "other": write_article(folder, "Other_article.txt", OTHER)}


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[MakeWindow]:
    """Build shown main windows whose settings and session live in ``tmp_path``."""
    made: list[MainWindow] = []

    def make(*, session: bool = True, library: Path | None = None) -> MainWindow:
        settings = Settings(tmp_path / "config" / "settings.json")
        window = MainWindow(settings, tmp_path / "state" / "session.json" if session else None,
                            library or tmp_path / "no-library.sqlite")
        qtbot.addWidget(window)
        window.resize(1100, 760)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.theme.apply("system")
