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


class NetworkAttempt(AssertionError):
    """Raised when code under test tries to reach the network."""


NETWORK_ATTEMPTS: list[str] = []
"""Every network attempt seen in this test session (the no-network test checks it)."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail any test whose code tries to open an internet connection or resolve a name.

    RefView promises to make no network request on its own; this guard holds for the
    whole test session (local Unix sockets, used by Qt and multiprocessing, stay allowed).
    The fixture's value is the list of attempts seen so far (``NetworkAttempt`` is an
    ``AssertionError``, so a swallowed one still shows up there).
    """
    import socket

    def refuse(what: str) -> None:
        NETWORK_ATTEMPTS.append(what)
        raise NetworkAttempt(f"network access attempted: {what}")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def is_inet(sock: socket.socket) -> bool:
        return sock.family in (socket.AF_INET, socket.AF_INET6)

    def connect(self: socket.socket, address: object) -> None:
        if is_inet(self):
            refuse(f"connect {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        if is_inet(self):
            refuse(f"connect_ex {address!r}")
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    real_sendto = socket.socket.sendto

    def sendto(self: socket.socket, *args: object) -> int:
        if is_inet(self):
            refuse(f"sendto {args[-1]!r}")
        return real_sendto(self, *args)  # type: ignore[arg-type, no-any-return]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "create_connection",
                        lambda address, *a, **k: refuse(f"create_connection {address!r}"))
    monkeypatch.setattr(socket, "getaddrinfo",
                        lambda host, *a, **k: refuse(f"getaddrinfo {host!r}"))
    monkeypatch.setattr(socket, "gethostbyname", lambda host: refuse(f"gethostbyname {host!r}"))
    return NETWORK_ATTEMPTS
