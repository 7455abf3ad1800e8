"""The wheel carries the code, the resources and the notices, and runs from a fresh venv.

Offline by design: the fresh virtual environment gets the wheel with ``--no-index`` and
sees the dependencies through a folder holding links to exactly the distributions the
wheel declares (and theirs), taken from the test's own environment.  A dependency
missing from the wheel's metadata therefore fails the test, as it would for a user.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from _pkg_support import ROOT, SAMPLE, clean_env, copy_source_tree, png_size
from packaging.requirements import Requirement

pytestmark = pytest.mark.packaging


def _setuptools_new_enough() -> bool:
    """Whether this environment can build the wheel without build isolation."""
    try:
        major = int(metadata.version("setuptools").split(".")[0])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return major >= 77  # SPDX `license = "..."` in pyproject.toml needs setuptools 77


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a clean copy of the source tree."""
    base = tmp_path_factory.mktemp("wheel")
    tree = copy_source_tree(base / "src")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "out")]
    if _setuptools_new_enough():
        cmd.append("--no-build-isolation")
    result = subprocess.run([*cmd, str(tree)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        if "--no-build-isolation" not in cmd and not os.environ.get("CI") and (
                "setuptools" in result.stderr and "No matching distribution" in result.stderr):
            pytest.skip("cannot fetch setuptools for the isolated build (no package index)")
        pytest.fail(f"pip wheel failed:\n{result.stdout}\n{result.stderr}")
    (built,) = (base / "out").glob("refview-*.whl")
    return built


def _dependency_closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions that ``requirements`` need, transitively (no extras)."""
    found: dict[str, metadata.Distribution] = {}
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        dist = metadata.distribution(req.name)
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in found:
            continue
        assert dist.version in req.specifier, f"{req} is not met by {dist.version}"
        found[key] = dist
        todo += [Requirement(r) for r in dist.requires or []]
    return list(found.values())


def _link_distributions(dists: list[metadata.Distribution], dest: Path) -> None:
    """Make ``dest`` an import folder holding links to exactly these distributions."""
    dest.mkdir()
    for dist in dists:
        tops = {Path(str(f)).parts[0] for f in dist.files or []}
        for top in tops:
            source = Path(str(dist.locate_file(top)))
            if top.endswith(".pth") or top in {"..", "bin"} or not source.exists():
                continue
            if not (dest / top).exists():
                (dest / top).symlink_to(source)


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed and its dependencies (only those) visible."""
    base = tmp_path_factory.mktemp("venv")
    env_dir = base / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True)
    with zipfile.ZipFile(wheel) as zf:
        meta_name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        requires = [line.split(":", 1)[1].strip() for line in
                    zf.read(meta_name).decode().splitlines() if line.startswith("Requires-Dist:")]
    deps = base / "deps"
    _link_distributions(_dependency_closure(requires), deps)
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = subprocess.run([str(python), "-c", purelib], capture_output=True, text=True,
                          check=True).stdout.strip()
    (Path(site) / "refview_test_deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    return env_dir


def test_wheel_holds_every_module_and_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    tree = wheel.parent.parent / "src"  # the copy it was built from (others edit ROOT)
    modules = {p.relative_to(tree).as_posix() for p in (tree / "viewer").rglob("*.py")
               if "__pycache__" not in p.parts}
    missing = sorted(modules - names)
    assert not missing, f"not in the wheel (add the package to pyproject.toml): {missing}"
    resources = {"viewer/_resources/" + p.relative_to(tree / "resources").as_posix()
                 for p in (tree / "resources").rglob("*") if p.is_file()}
    assert resources <= names, sorted(resources - names)
    assert "viewer/_resources/sample/ATTRIBUTION.md" in names
    assert "viewer/_resources/licenses/Qt-PySide6-LGPL-NOTICE.txt" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), "LICENSE not shipped"
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith(("tests/", "packaging/", "benchmarks/"))]


def test_wheel_metadata_declares_runtime_dependencies(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        meta = next(zf.read(n).decode() for n in zf.namelist() if n.endswith("METADATA"))
        entry_points = next(zf.read(n).decode() for n in zf.namelist()
                            if n.endswith("entry_points.txt"))
    requires = {Requirement(line.split(":", 1)[1].strip()).name.lower()
                for line in meta.splitlines() if line.startswith("Requires-Dist:")
                and "extra ==" not in line}
    assert {"pyside6-essentials", "mwparserfromhell", "platformdirs"} <= requires
    assert "refview = viewer.cli:main" in entry_points


def test_installed_wheel_renders_the_sample(venv: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home")
    result = subprocess.run([str(venv / "bin" / "refview"), "render", "--format", "text",
                             str(SAMPLE)], cwd=tmp_path, env=env, capture_output=True,
                            text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Lenalidomide" in result.stdout
    assert "{{" not in result.stdout


def test_installed_wheel_uses_its_own_code_and_resources(venv: Path, tmp_path: Path) -> None:
    code = ("import viewer, viewer.resources as r, viewer.notices as n; "
            "print(viewer.__file__); print(r.resource_root()); "
            "print(len(n.license_texts())); print(n.version_text())")
    result = subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path,
                            env=clean_env(tmp_path / "home"), capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    module_file, resource_root, n_licenses, *version = result.stdout.splitlines()
    assert Path(module_file).is_relative_to(venv), module_file
    assert not Path(module_file).is_relative_to(ROOT)
    assert Path(resource_root).is_relative_to(venv)
    assert Path(resource_root).name == "_resources"
    assert int(n_licenses) >= 6
    text = "\n".join(version)
    assert "unknown" not in text, text
    assert "mwparserfromhell" in text and "LGPL-3.0-only" in text


def test_installed_wheel_takes_a_screenshot(venv: Path, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = subprocess.run([str(venv / "bin" / "refview"), "--screenshot", str(out)],
                            cwd=tmp_path, env=clean_env(tmp_path / "home"),
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1280, 800)


def test_fresh_venv_is_isolated_from_the_source_tree(venv: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(venv / "bin" / "python"), "-c",
                             "import sys; print('\\n'.join(sys.path))"], cwd=tmp_path,
                            env=clean_env(tmp_path / "home"), capture_output=True, text=True,
                            check=True)
    entries = [Path(e) for e in result.stdout.splitlines() if e]
    assert not [e for e in entries if e == ROOT or e.is_relative_to(ROOT)], entries
