"""Shared test setup: headless Qt, and the data in ../shared (read by path)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test read or write the developer's real settings, session or library.
os.environ.setdefault("REFVIEW_TEST", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "Lenalidomide.wiki"
SAMPLE = ROOT / "resources" / "sample" / "Lenalidomide.wiki"
PARSERTESTS = SHARED / "corpus" / "parsertests"


def _shared_path(path: Path) -> Path:
    """``path`` under ../shared, skipping (or failing under CI) when it is absent."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the clone")
        pytest.skip(f"{path} not available (no ../shared beside this checkout)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's wikitext (the bundled sample, identical to ../shared/seed)."""
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def parsertests_dir() -> Path:
    """MediaWiki's parser test corpus in ../shared/corpus/parsertests."""
    return _shared_path(PARSERTESTS)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every per-user folder (config, data, state, cache) at a temporary place."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
