"""A disk cache of rendered articles, so that reopening an article (every restored tab at
start-up) skips the parser.

Parsing and rendering a typical article costs far more than the window itself, and a
restored session reopens the same articles at every launch.  The cache keeps
``(Article, html)`` per article under the user's cache folder, keyed by a hash of the
wikitext, the title and a fingerprint of the article pipeline's code (any change to the
parser or the renderers, or a new version, misses the cache).

Safety: entries are pickles written by us, atomically, in a folder only the user may
read; they are read with an unpickler that can build nothing but the article model's
frozen dataclasses and plain builtins, so a tampered file cannot run code: it is
refused, deleted and re-rendered.  Any failure of the cache is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from viewer import __version__
from viewer.article.model import Article
from viewer.atomic import atomic_write_bytes

MAX_ENTRIES = 64
"""Entries kept; the least recently used ones go first."""

_SAFE_BUILTINS = frozenset({"tuple", "list", "dict", "str", "int", "bool", "frozenset",
                            "set", "NoneType"})
_MODEL_MODULE = "viewer.article.model"

Renderer = Callable[[str, str], tuple[Article, str]]


def cache_folder() -> Path:
    """``<user cache dir>/refview/rendered``."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("refview", appauthor=False)) / "rendered"


@cache
def pipeline_fingerprint() -> str:
    """The app version plus the name, size and mtime of every source file of the article
    pipeline: it changes whenever the parser or a renderer changes."""
    import viewer.article

    digest = hashlib.sha256(__version__.encode())
    root = Path(viewer.article.__file__).parent
    for path in sorted(root.rglob("*.py")):
        with contextlib.suppress(OSError):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}"
                          .encode())
    return digest.hexdigest()[:16]


class _ModelUnpickler(pickle.Unpickler):
    """Builds only the article model's classes and harmless builtins."""

    def find_class(self, module: str, name: str) -> Any:
        if module == _MODEL_MODULE and not name.startswith("_"):
            return super().find_class(module, name)
        if module == "builtins" and name in _SAFE_BUILTINS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refused in a cache entry: {module}.{name}")


class RenderCache:
    """Rendered articles on disk, in front of a renderer.

    Attributes:
        folder: where entries live (``None``: no cache, e.g. for ``--screenshot``).
        render: the renderer used on a miss.
        hits, misses: counters for this run (tests, benchmarks).
    """

    def __init__(self, folder: Path | None, render: Renderer) -> None:
        self.folder = folder
        self.render = render
        self.hits = 0
        self.misses = 0

    def _path(self, text: str, title: str) -> Path:
        assert self.folder is not None
        key = hashlib.sha256(
            f"{pipeline_fingerprint()}\0{title}\0".encode() + text.encode("utf-8",
                                                                          "surrogatepass"))
        return self.folder / f"{key.hexdigest()[:40]}.pickle"

    def __call__(self, text: str, title: str) -> tuple[Article, str]:
        """``(article, html)`` from the cache, or rendered (and stored)."""
        if self.folder is None:
            return self.render(text, title)
        path = self._path(text, title)
        found = self._read(path)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        article, html = self.render(text, title)
        self._write(path, article, html)
        return article, html

    def _read(self, path: Path) -> tuple[Article, str] | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            value = _ModelUnpickler(io.BytesIO(data)).load()
        except Exception:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        if not (isinstance(value, tuple) and len(value) == 2
                and isinstance(value[0], Article) and isinstance(value[1], str)):
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return value[0], value[1]

    def _write(self, path: Path, article: Article, html: str) -> None:
        try:
            data = pickle.dumps((article, html), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, RecursionError, TypeError):
            return
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write_bytes(path, data)
        except OSError:
            return
        self._prune()

    def _prune(self) -> None:
        assert self.folder is not None
        try:
            entries = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        except OSError:
            return
        for old in entries[:-MAX_ENTRIES]:
            with contextlib.suppress(OSError):
                old.unlink()
