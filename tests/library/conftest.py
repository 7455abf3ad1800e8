"""Fixtures for the library tests: temporary libraries and small dumps."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The dump writers live beside the tests; make them importable whether or not tests/ is
# a package (rootdir- or package-relative imports).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _library_dumps import sample_pages, write_dump

from viewer.library import Library, store


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked library is reported quickly in tests."""
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.05)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    return write_dump(tmp_path / "testwiki.xml", sample_pages())


@pytest.fixture
def loaded(library: Library, dump: Path) -> Library:
    library.import_source(dump, workers=0)
    return library
