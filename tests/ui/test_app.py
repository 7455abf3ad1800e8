"""Start-up: first launch, session restore, --fresh, --screenshot, bad files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from viewer.app import build_window, open_initial, run_gui
from viewer.resources import SAMPLE_ARTICLE, SAMPLE_TITLE, resource_path
from viewer.ui.crash import crash_log_path
from viewer.ui.session import session_path
from viewer.ui.settings import settings_path

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot, **kwargs):
    window = build_window(**kwargs)
    qtbot.addWidget(window)
    window.crash_handler.uninstall()
    return window


def test_first_launch_opens_sample_then_session_is_restored(qtbot, article_files):
    window = _window(qtbot)
    open_initial(window, [], [], restore=True)
    assert window.current_tab().title == SAMPLE_TITLE
    assert window.current_tab().source.ref == str(resource_path(SAMPLE_ARTICLE))
    window.open_files([article_files["testium"]])
    window.close()
    assert session_path().is_file()

    again = _window(qtbot)
    open_initial(again, [], [], restore=True)
    assert [again.tabs.tabText(i) for i in range(again.tabs.count())] == [
        SAMPLE_TITLE, "Testium"]
    assert again.tabs.currentIndex() == 1

    fresh = _window(qtbot)
    open_initial(fresh, [], [], restore=False)
    assert fresh.tabs.count() == 1 and fresh.current_tab().title == SAMPLE_TITLE


def test_files_on_the_command_line_open_in_tabs(qtbot, article_files, tmp_path):
    window = _window(qtbot)
    open_initial(window, [article_files["testium"], tmp_path / "missing.wiki",
                          article_files["other"]], [], restore=True)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Testium", "Other article"]
    assert "missing.wiki: no such file" in window.statusBar().currentMessage()


def test_screenshot_writes_png_without_touching_user_files(qapp, tmp_path):
    out = tmp_path / "shot.png"
    assert run_gui([], screenshot=out) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert not session_path().exists() and not settings_path().exists()
    assert not crash_log_path().exists()


def test_screenshot_of_unreadable_file_fails_with_one_line(qapp, tmp_path, capsys):
    bad = tmp_path / "bad.wiki"
    bad.write_bytes(b"text then \xc3\x28 invalid UTF-8 " * 10)
    assert run_gui([bad], screenshot=tmp_path / "x.png") == 1
    err = capsys.readouterr().err
    assert err.startswith("refview: ") and err.count("\n") == 1
    assert not (tmp_path / "x.png").exists()


def test_refview_command_screenshot_in_a_subprocess(tmp_path, article_files):
    out = tmp_path / "cli.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(out), str(article_files["testium"])],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert QImage(str(out)).width() == 1280


def test_open_title_from_the_library(qtbot, article_files, tmp_path):
    from viewer.library import Library

    path = tmp_path / "lib.sqlite"
    with Library.open(path) as library:
        library.import_source(article_files["testium"])
    window = _window(qtbot, library=path)
    open_initial(window, [], ["testium", "Nothing here"], restore=True)
    assert window.tabs.count() == 1
    tab = window.current_tab()
    assert tab.title == "Testium" and tab.source.kind == "library"
    assert "“Nothing here” is not in the library." in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.library_panel is not None)
    assert window.docks["library"].widget().isAncestorOf(window.library_panel)



def test_application_names_itself_after_its_desktop_entry() -> None:
    import os
    import subprocess
    import sys

    code = ("from viewer.app import create_application; app = create_application(); "
            "print(app.desktopFileName(), app.windowIcon().isNull())")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["io.github.refview.RefView", "False"]
