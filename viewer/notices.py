"""Versions and licenses of RefView and of what it ships, for ``--version`` and About.

Pure Python and quick: versions come from ``importlib.metadata`` (no Qt import, so
``refview --version`` stays fast), license texts from ``resources/licenses/`` through
:mod:`viewer.resources`, which works the same from a checkout, a wheel and the bundle.
The Qt version reported here is the PySide6 wheel's (PySide6 x.y.z is built against
Qt x.y.z); the About dialog adds the version of the Qt library actually loaded.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from viewer import __version__
from viewer.resources import read_text

DESCRIPTION = "An offline reader for MediaWiki (Wikipedia) articles"
PRIVACY = ("RefView works offline: it makes no network requests, sends no data anywhere "
           "and keeps your library, settings and session on this computer. Links to the "
           "web open in your browser only when you ask.")
SAMPLE_ATTRIBUTION = ('The sample article "Lenalidomide" is from the English Wikipedia, '
                      "by Wikipedia contributors, under CC BY-SA 4.0 "
                      "(https://creativecommons.org/licenses/by-sa/4.0/); source: "
                      "https://en.wikipedia.org/wiki/Lenalidomide")


LICENSE_LABELS = {
    "licenses/RefView-GPL-3.0-or-later.txt": "GNU GPL 3.0 or later",
    "licenses/Python-PSF-2.0.txt": "PSF License 2.0",
    "licenses/Qt-PySide6-LGPL-NOTICE.txt": "notice and source code",
    "licenses/LGPL-3.0.txt": "GNU LGPL 3.0",
    "licenses/ICU-Unicode.txt": "ICU, Unicode License",
    "licenses/mwparserfromhell-MIT.txt": "MIT License",
    "licenses/platformdirs-MIT.txt": "MIT License",
}
"""Display names of the license files under ``resources/licenses/``."""


@dataclass(frozen=True)
class Component:
    """One piece of software RefView is made of or ships.

    Attributes:
        name: the name shown to the user.
        version: the installed version, or ``"unknown"`` when it cannot be found.
        license: the SPDX expression of the license RefView uses it under.
        license_files: resource paths of its license and notice texts.
    """

    name: str
    version: str
    license: str
    license_files: tuple[str, ...]


@dataclass(frozen=True)
class LicenseText:
    """The full text of one license file, titled for display."""

    title: str
    text: str


def _dist_version(*names: str) -> str:
    """The version of the first installed distribution among ``names``."""
    from importlib import metadata  # ~20 ms: only when versions are asked for

    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def components() -> tuple[Component, ...]:
    """RefView and the components it ships, in the order they are listed to the user."""
    pyside = _dist_version("PySide6-Essentials", "PySide6")
    return (
        Component("RefView", __version__, "GPL-3.0-or-later",
                  ("licenses/RefView-GPL-3.0-or-later.txt",)),
        Component(f"Python ({platform.python_implementation()})",
                  platform.python_version(), "PSF-2.0", ("licenses/Python-PSF-2.0.txt",)),
        Component("Qt / PySide6", pyside, "LGPL-3.0-only",
                  ("licenses/Qt-PySide6-LGPL-NOTICE.txt", "licenses/LGPL-3.0.txt",
                   "licenses/ICU-Unicode.txt")),
        Component("shiboken6", _dist_version("shiboken6"), "LGPL-3.0-only",
                  ("licenses/Qt-PySide6-LGPL-NOTICE.txt",)),
        Component("mwparserfromhell", _dist_version("mwparserfromhell"), "MIT",
                  ("licenses/mwparserfromhell-MIT.txt",)),
        Component("platformdirs", _dist_version("platformdirs"), "MIT",
                  ("licenses/platformdirs-MIT.txt",)),
    )


def version_text() -> str:
    """What ``refview --version`` prints: versions and licenses, one component a line."""
    parts = components()
    width = max(len(c.name) for c in parts)
    lines = [f"RefView {__version__}", DESCRIPTION, ""]
    lines += [f"{c.name:<{width}}  {c.version:<10}  {c.license}" for c in parts]
    lines += ["", "RefView is free software under the GNU GPL, version 3 or later; there is",
              "NO WARRANTY. Help > About shows the full license texts.",
              SAMPLE_ATTRIBUTION + "."]
    return "\n".join(lines)


def license_texts() -> tuple[LicenseText, ...]:
    """The full texts of every license and notice RefView ships, each once, in list order."""
    seen: set[str] = set()
    texts: list[LicenseText] = []
    for component in components():
        for path in component.license_files:
            if path in seen:
                continue
            seen.add(path)
            label = LICENSE_LABELS.get(path, path.rsplit("/", 1)[-1])
            texts.append(LicenseText(f"{component.name}: {label}", read_text(path)))
    texts.append(LicenseText("Sample article: attribution",
                             read_text("sample/ATTRIBUTION.md")))
    return tuple(texts)


class VersionAction(argparse.Action):
    """``--version`` for argparse: print :func:`version_text` as is, then exit.

    argparse's own ``action="version"`` takes the text when the parser is built (this
    one computes it only when asked) and re-wraps it (this one keeps the lines).
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS,
                 help: str = "show versions and licenses, then exit") -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        sys.stdout.write(version_text() + "\n")
        parser.exit()
