"""The stand-alone bundle: built from a clean copy of the tree with packaging/build.sh,
unpacked from its .tar.gz elsewhere, and run with no Python, no source tree and (where
``unshare -n`` works) no network.

Slow (a PyInstaller build, ~20-40 s on 2 cores): ``pytest -m packaging`` runs it alone.
Set ``REFVIEW_TEST_BUNDLE=/path/to/refview-*.tar.gz`` to test an archive built earlier
instead of building one.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from _pkg_support import SAMPLE, clean_env, copy_source_tree, no_network_prefix, png_size

from viewer import __version__

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's .tar.gz: given by REFVIEW_TEST_BUNDLE, or built now."""
    given = os.environ.get("REFVIEW_TEST_BUNDLE")
    if given:
        return Path(given)
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install '.[packaging]' to build the bundle")
    tree = copy_source_tree(tmp_path_factory.mktemp("bundle") / "src")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHON"] = sys.executable
    result = subprocess.run(["bash", "packaging/build.sh"], cwd=tree, env=env,
                            capture_output=True, text=True, check=False, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # The summary: size, archive, build time and what dominates.
    assert "bundle: dist/refview/" in result.stdout
    assert "by part:" in result.stdout and "largest files:" in result.stdout
    (built,) = (tree / "dist").glob("refview-*-linux-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def bundle(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked in a folder of its own (so that nothing points back)."""
    dest = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="tar")
    return dest / "refview"


def _run(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the bundle's executable with no Python on PATH, offscreen, without network."""
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir(exist_ok=True)
    env = clean_env(tmp_path / "home", PATH=str(empty_bin))
    cmd = [*no_network_prefix(), str(bundle / "refview"), *args]
    return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=False, timeout=180)


def test_bundle_renders_the_sample_as_text(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "render", "--format", "text", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Lenalidomide" in result.stdout
    assert "{{" not in result.stdout


def test_bundle_takes_a_screenshot_of_the_sample(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    result = _run(bundle, tmp_path, "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1280, 800)
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 20, "the screenshot looks blank"


def test_bundle_version_lists_components(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"RefView {__version__}\n")
    assert "unknown" not in result.stdout  # dist metadata made it into the bundle
    assert "LGPL-3.0-only" in result.stdout


def test_bundle_is_lean(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert not [p for p in files if "__pycache__" in p.parts or p.suffix == ".pyc"]
    assert not [p for p in files if "translations" in p.parts]
    unwanted = ("libQt6Network", "libQt6Qml", "libQt6Quick", "libQt6WebEngine",
                "libQt6Multimedia", "libQt6Pdf", "libQt6Sql", "libQt6Test", "libssl", "libcrypto")
    assert not [n for n in names if n.startswith(unwanted)]
    assert not [p for p in files if "tests" in p.relative_to(bundle).parts]
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]


def test_bundle_carries_notices_and_desktop_files(bundle: Path) -> None:
    for rel in ("LICENSE", "NOTICE.txt", "install-desktop.sh",
                "_internal/resources/licenses/Qt-PySide6-LGPL-NOTICE.txt",
                "_internal/resources/licenses/LGPL-3.0.txt",
                "_internal/resources/sample/ATTRIBUTION.md",
                "share/applications/io.github.refview.RefView.desktop",
                "share/metainfo/io.github.refview.RefView.metainfo.xml",
                "share/icons/hicolor/scalable/apps/io.github.refview.RefView.svg"):
        assert (bundle / rel).is_file(), rel


def test_bundle_installs_its_desktop_entry(bundle: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home")
    del env["XDG_DATA_HOME"]
    result = subprocess.run([str(bundle / "install-desktop.sh")], env=env, capture_output=True,
                            text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    entry = (tmp_path / "home/.local/share/applications/io.github.refview.RefView.desktop")
    assert f"Exec={bundle / 'refview'} %F" in entry.read_text(encoding="utf-8")
