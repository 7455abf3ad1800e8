"""Helpers shared by the packaging tests: a clean copy of the source tree, PNG sizes,
and an environment with nothing of the developer's setup in it."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "Lenalidomide.wiki"
APP_ID = "io.github.refview.RefView"

# What a fresh clone does not have: environments, build output, caches, VCS data.
_IGNORED = {".venv", "venv", ".git", "build", "dist", "__pycache__", ".mypy_cache",
            ".ruff_cache", ".pytest_cache", ".hypothesis"}


def copy_source_tree(dest: Path) -> Path:
    """Copy the project as a fresh checkout would have it into ``dest``; return ``dest``."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in _IGNORED or n.endswith((".egg-info", ".pyc"))}

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (raises if it is not a PNG)."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment: no PYTHONPATH, no virtual env, a private HOME and XDG dirs."""
    env = {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_RUNTIME_DIR", "runtime")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    os.chmod(home / "runtime", 0o700)
    env.update(extra)
    return env


def no_network_prefix() -> list[str]:
    """``[".../unshare", "-n"]`` (``-rn`` unprivileged) when a network namespace can be made."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    for flags in (["-n"], ["-rn"]):
        probe = subprocess.run([unshare, *flags, "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return [unshare, *flags]  # absolute: the caller's PATH may be empty
    return []
