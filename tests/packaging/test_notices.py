"""Notices: ``refview --version``, the license texts shipped, and the project's LICENSE."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from _pkg_support import ROOT

from viewer import __version__, notices
from viewer.cli import build_command_parser, main
from viewer.resources import resource_root


def test_version_text_lists_every_component_with_version_and_license() -> None:
    text = notices.version_text()
    assert text.splitlines()[0] == f"RefView {__version__}"
    table = text.split("\n\n")[1].splitlines()
    assert len(table) == len(notices.components())
    for component, line in zip(notices.components(), table, strict=True):
        assert line.startswith(component.name)
        assert component.version in line and component.license in line
    assert metadata.version("mwparserfromhell") in text
    assert metadata.version("platformdirs") in text
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in text
    assert "CC BY-SA 4.0" in text


def test_versions_come_from_the_installed_distributions() -> None:
    by_name = {c.name: c for c in notices.components()}
    assert by_name["Qt / PySide6"].version == metadata.version("PySide6-Essentials")
    assert by_name["shiboken6"].version == metadata.version("shiboken6")
    assert by_name["RefView"].license == "GPL-3.0-or-later"


def test_cli_version_prints_version_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == notices.version_text() + "\n"


def test_command_parser_version_prints_version_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_command_parser().parse_args(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith(f"RefView {__version__}\n")


def test_version_does_not_load_qt_or_the_parser() -> None:
    code = ("import sys\nfrom viewer.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('PySide6', 'mwparserfromhell') if m in sys.modules]\n"
            "print('LOADED', heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert "LOADED []" in result.stdout


def test_every_component_license_file_is_shipped_and_not_empty() -> None:
    for component in notices.components():
        assert component.license_files, component.name
        for path in component.license_files:
            assert len((resource_root() / path).read_text(encoding="utf-8")) > 500, path


def test_license_texts_are_unique_and_titled() -> None:
    texts = notices.license_texts()
    titles = [t.title for t in texts]
    assert len(titles) == len(set(titles))
    lgpl = [t for t in texts if "GNU LESSER GENERAL PUBLIC LICENSE" in t.text[:200]]
    assert len(lgpl) == 1  # shared by Qt, PySide6 and shiboken6, listed once
    assert texts[0].title.startswith("RefView")
    assert texts[-1].title.startswith("Sample article")
    assert "CC BY-SA 4.0" in texts[-1].text


def test_project_license_is_the_gpl_3_in_full() -> None:
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert "Version 3, 29 June 2007" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    shipped = resource_root() / "licenses" / "RefView-GPL-3.0-or-later.txt"
    assert shipped.read_text(encoding="utf-8") == license_text


def test_qt_notice_says_where_the_source_is_and_how_to_replace_qt() -> None:
    notice = (resource_root() / "licenses" / "Qt-PySide6-LGPL-NOTICE.txt").read_text("utf-8")
    assert "LGPL-3.0" in notice
    assert "https://download.qt.io/official_releases/" in notice
    assert "code.qt.io" in notice
    assert "replace" in notice


def test_licenses_readme_lists_every_license_file() -> None:
    folder = resource_root() / "licenses"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for path in folder.iterdir():
        if path.name != "README.md":
            assert path.name in readme, path.name


def test_license_readme_mentions_each_component() -> None:
    readme = Path(resource_root() / "licenses" / "README.md").read_text(encoding="utf-8")
    for name in ("RefView", "PySide6", "shiboken6", "mwparserfromhell", "platformdirs"):
        assert name in readme
