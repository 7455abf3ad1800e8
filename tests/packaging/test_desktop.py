"""Desktop integration: the menu entry, MIME types, AppStream metadata, icons, and the
per-user install/uninstall script (run into a temporary HOME)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _pkg_support import APP_ID, ROOT, clean_env, png_size

from viewer import __version__

LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / "refview-mime.xml"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
INSTALL = ROOT / "packaging" / "install-desktop.sh"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def _split(value: str) -> list[str]:
    return [v for v in value.split(";") if v]


def _defined_mime_types() -> set[str]:
    root = ET.parse(MIME_XML).getroot()
    return {t.get("type", "") for t in root.iter(f"{MIME_NS}mime-type")}


def _appstreamcli() -> str:
    """The appstreamcli program, installed from Debian's `appstream` package if missing."""
    found = shutil.which("appstreamcli")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = [apt, "install", "-y", "-qq", "--no-install-recommends", "appstream"]
        if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
            subprocess.run([apt, "update", "-qq"], env=env, capture_output=True, check=False)
            subprocess.run(install, env=env, capture_output=True, check=False)
        found = shutil.which("appstreamcli")
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("appstreamcli is missing and could not be installed with apt-get")
    pytest.skip("appstreamcli is not installed and apt-get is unavailable (not root?)")


def _run_install(home: Path, *args: str, extra_path: str = "") -> subprocess.CompletedProcess[str]:
    env = clean_env(home)
    del env["XDG_DATA_HOME"]  # the default, ~/.local/share, is what users get
    if extra_path:
        env["PATH"] = f"{extra_path}:{env['PATH']}"
    return subprocess.run(["bash", str(INSTALL), *args], env=env, capture_output=True,
                          text=True, check=False, timeout=60)


# ---------------------------------------------------------------- the entry itself

def test_desktop_entry_keys() -> None:
    entry = _desktop_entry(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "RefView"
    assert entry["Exec"] == "refview %F"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert _split(entry["Categories"])[:2] == ["Office", "Education"]
    assert set(_split(entry["MimeType"])) == {
        "text/x-wiki", "application/x-mediawiki-dump+xml", "application/x-mediawiki-dump-bzip2"}


def test_every_mime_type_of_the_entry_is_defined_or_standard() -> None:
    entry_types = set(_split(_desktop_entry(DESKTOP)["MimeType"]))
    assert entry_types == _defined_mime_types()


def test_mime_definitions() -> None:
    root = ET.parse(MIME_XML).getroot()
    by_type = {t.get("type"): t for t in root.iter(f"{MIME_NS}mime-type")}
    wiki_globs = {g.get("pattern") for g in by_type["text/x-wiki"].iter(f"{MIME_NS}glob")}
    assert "*.wiki" in wiki_globs
    parents = {name: {s.get("type") for s in t.iter(f"{MIME_NS}sub-class-of")}
               for name, t in by_type.items()}
    assert parents == {"text/x-wiki": {"text/plain"},
                       "application/x-mediawiki-dump+xml": {"application/xml"},
                       "application/x-mediawiki-dump-bzip2": {"application/x-bzip2"}}
    roots = {(r.get("namespaceURI"), r.get("localName"))
             for r in by_type["application/x-mediawiki-dump+xml"].iter(f"{MIME_NS}root-XML")}
    assert ("http://www.mediawiki.org/xml/export-0.11/", "mediawiki") in roots


def test_desktop_file_validate() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


# ---------------------------------------------------------------- AppStream

def test_metainfo_validates() -> None:
    result = subprocess.run([_appstreamcli(), "validate", "--no-net", "--no-color", str(METAINFO)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_agrees_with_the_desktop_entry_and_the_code() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("provides/binary") == "refview"
    mediatypes = {m.text for m in root.iterfind("provides/mediatype")}
    assert mediatypes == set(_split(_desktop_entry(DESKTOP)["MimeType"]))
    versions = [r.get("version") for r in root.iterfind("releases/release")]
    assert versions[0] == __version__, "add a <release> for the new version"


# ---------------------------------------------------------------- icons

def test_icons_exist_at_every_size() -> None:
    for size in ICON_SIZES:
        path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(path) == (size, size), path
    svg = ET.parse(HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 256 256"


def test_make_icons_renders_the_svg(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # qapp first: make_icons would otherwise create a QGuiApplication, and widget tests
    # later in the same process need a QApplication.
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    monkeypatch.setattr(make_icons, "HICOLOR", tmp_path)
    written = make_icons.render(make_icons.SVG, (16, 48))
    assert {size: png_size(path) for size, path in written.items()} == {
        16: (16, 16), 48: (48, 48)}
    # Not a blank tile: the rendered icon has colour.
    from PySide6.QtGui import QImage

    image = QImage(str(written[48]))
    colours = {image.pixel(x, y) for x in range(0, 48, 3) for y in range(0, 48, 3)}
    assert len(colours) > 8


# ---------------------------------------------------------------- install / uninstall

def test_install_and_uninstall_into_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _run_install(home, "--exec", "/opt/RefView apps/refview")
    assert result.returncode == 0, result.stderr
    data = home / ".local" / "share"
    desktop = data / "applications" / DESKTOP.name
    entry = _desktop_entry(desktop)
    assert entry["Exec"] == '"/opt/RefView apps/refview" %F'
    assert entry["TryExec"] == "/opt/RefView apps/refview"
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (data / "mime" / "packages" / f"{APP_ID}.xml").read_bytes() == MIME_XML.read_bytes()
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True, check=False)
        assert check.returncode == 0, check.stdout
    if shutil.which("update-mime-database"):
        assert "text/x-wiki:*.wiki" in (data / "mime" / "globs2").read_text()

    result = _run_install(home, "--uninstall")
    assert result.returncode == 0, result.stderr
    left = [p for p in data.rglob("*") if APP_ID in p.name]
    assert left == []
    if (data / "mime" / "globs2").exists():
        assert "x-wiki" not in (data / "mime" / "globs2").read_text()
    # Uninstalling again is harmless.
    assert _run_install(home, "--uninstall").returncode == 0


def test_install_uses_refview_on_path_by_default(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "refview").write_text("#!/bin/sh\n", encoding="utf-8")
    (bin_dir / "refview").chmod(0o755)
    result = _run_install(tmp_path / "home", extra_path=str(bin_dir))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    entry = _desktop_entry(tmp_path / "home/.local/share/applications" / DESKTOP.name)
    assert entry["Exec"] == "refview %F"


def test_install_from_a_virtual_env_writes_the_absolute_path(tmp_path: Path) -> None:
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "refview").write_text("#!/bin/sh\n", encoding="utf-8")
    (venv_bin / "refview").chmod(0o755)
    env = clean_env(tmp_path / "home", VIRTUAL_ENV=str(tmp_path / "venv"))
    env["PATH"] = f"{venv_bin}:{env['PATH']}"
    result = subprocess.run(["bash", str(INSTALL)], env=env, capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    entry = _desktop_entry(Path(env["XDG_DATA_HOME"]) / "applications" / DESKTOP.name)
    assert entry["Exec"] == f"{venv_bin / 'refview'} %F"


def test_install_warns_when_refview_is_not_on_path(tmp_path: Path) -> None:
    result = _run_install(tmp_path / "home")
    assert result.returncode == 0
    assert "not on your PATH" in result.stderr


def test_install_rejects_unknown_arguments(tmp_path: Path) -> None:
    result = _run_install(tmp_path / "home", "--frobnicate")
    assert result.returncode == 2
    assert "unknown argument" in result.stderr
    assert not (tmp_path / "home" / ".local").exists()


def test_installed_mime_types_are_recognised(tmp_path: Path) -> None:
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database is not installed (Debian: shared-mime-info)")
    home = tmp_path / "home"
    assert _run_install(home, "--exec", "/usr/bin/true").returncode == 0
    files = tmp_path / "files"
    files.mkdir()
    (files / "Article.wiki").write_text("'''Article''' is a page.\n", encoding="utf-8")
    dump = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">'
            "<page><title>A</title></page></mediawiki>\n")
    # A dump by its usual name, and one recognised by its content alone.
    (files / "enwiki-20260101-pages-articles1.xml").write_text(dump, encoding="utf-8")
    (files / "export").write_text(dump, encoding="utf-8")
    (files / "enwiki-20260101-pages-articles-multistream.xml.bz2").write_bytes(b"BZh91AY&SY")
    code = ("import sys; from PySide6.QtCore import QMimeDatabase; db = QMimeDatabase(); "
            "print('\\n'.join(db.mimeTypeForFile(p).name() for p in sys.argv[1:]))")
    env = clean_env(home)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_DATA_DIRS"] = "/usr/share"
    names = ["Article.wiki", "enwiki-20260101-pages-articles1.xml", "export",
             "enwiki-20260101-pages-articles-multistream.xml.bz2"]
    result = subprocess.run([sys.executable, "-c", code, *(str(files / n) for n in names)],
                            env=env, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["text/x-wiki", "application/x-mediawiki-dump+xml",
                                     "application/x-mediawiki-dump+xml",
                                     "application/x-mediawiki-dump-bzip2"]
