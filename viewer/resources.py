"""Find the data shipped in ``resources/`` (stylesheets, icons, the sample article).

The same lookup works from a source checkout (``<repo>/resources``), an installed wheel
(``viewer/_resources``, see ``pyproject.toml``) and the PyInstaller bundle
(``sys._MEIPASS/resources``).  Paths are relative, with ``/`` separators; absolute paths
and ``..`` are refused.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path, PurePosixPath

SAMPLE_ARTICLE = "sample/Lenalidomide.wiki"
SAMPLE_TITLE = "Lenalidomide"


@cache
def resource_root() -> Path:
    """The folder holding the shipped resources."""
    here = Path(__file__).resolve().parent
    candidates = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        candidates.append(Path(meipass) / "resources")
    candidates += [here / "_resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / SAMPLE_ARTICLE).is_file():
            return candidate
    raise FileNotFoundError("RefView's resources are missing (looked in: "
                            + ", ".join(str(c) for c in candidates) + ")")


def resource_path(relative: str) -> Path:
    """The path of the shipped resource ``relative`` (e.g. ``"sample/Lenalidomide.wiki"``)."""
    rel = PurePosixPath(relative)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ValueError(f"not a resource name: {relative!r}")
    return resource_root().joinpath(*rel.parts)


def read_text(relative: str) -> str:
    """The text of the shipped resource ``relative`` (UTF-8)."""
    return resource_path(relative).read_text(encoding="utf-8")
