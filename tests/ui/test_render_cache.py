"""The render cache: hits skip the parser, anything odd is a miss, nothing runs."""

from __future__ import annotations

import os
import pickle

from viewer.article.model import Article
from viewer.ui.main_window import render_article
from viewer.ui.render_cache import MAX_ENTRIES, RenderCache, cache_folder
from viewer.ui.tabs import Source

from .reader_support import OTHER, TESTIUM


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str, title: str) -> tuple[Article, str]:
        self.calls += 1
        return render_article(text, title)


def test_second_render_comes_from_disk_and_is_equal(tmp_path):
    render = Counting()
    first = RenderCache(tmp_path, render)
    article, html = first(TESTIUM, "Testium")
    again = RenderCache(tmp_path, render)(TESTIUM, "Testium")
    assert render.calls == 1
    assert again == (article, html)
    assert RenderCache(tmp_path, render)(TESTIUM, "Other title")[0].title == "Other title"
    assert render.calls == 2


def test_no_folder_means_no_cache(tmp_path):
    render = Counting()
    cache = RenderCache(None, render)
    cache(OTHER, "Other")
    cache(OTHER, "Other")
    assert render.calls == 2 and list(tmp_path.iterdir()) == []


def test_corrupt_entry_is_a_miss_and_is_replaced(tmp_path):
    render = Counting()
    RenderCache(tmp_path, render)(OTHER, "Other")
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(b"not a pickle")
    assert RenderCache(tmp_path, render)(OTHER, "Other")[0].title == "Other"
    assert render.calls == 2
    assert pickle.loads(entry.read_bytes())[0].title == "Other"


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned > pwned.txt",))


def test_tampered_entry_cannot_run_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render = Counting()
    RenderCache(tmp_path, render)(OTHER, "Other")
    (entry,) = [p for p in tmp_path.iterdir() if p.suffix == ".pickle"]
    entry.write_bytes(pickle.dumps(Evil()))
    article, _ = RenderCache(tmp_path, render)(OTHER, "Other")
    assert article.title == "Other" and render.calls == 2
    assert not (tmp_path / "pwned.txt").exists()


def test_wrong_shape_is_refused(tmp_path):
    render = Counting()
    RenderCache(tmp_path, render)(OTHER, "Other")
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(pickle.dumps(("just", "strings")))
    RenderCache(tmp_path, render)(OTHER, "Other")
    assert render.calls == 2


def test_old_entries_are_pruned(tmp_path):
    cache = RenderCache(tmp_path, lambda text, title: (Article(title), f"<p>{title}</p>"))
    for i in range(MAX_ENTRIES + 5):
        cache("x", f"T{i}")
    assert len(list(tmp_path.glob("*.pickle"))) == MAX_ENTRIES


def test_cache_folder_is_under_the_isolated_cache_dir():
    assert str(cache_folder()).startswith(os.environ["XDG_CACHE_HOME"])


def test_window_reopening_a_file_uses_the_cache(make_window, article_files, tmp_path, qtbot,
                                                monkeypatch):
    import viewer.ui.main_window as main_window_module

    calls: list[str] = []

    def counting(text: str, title: str):
        calls.append(title)
        return render_article(text, title)

    monkeypatch.setattr(main_window_module, "render_article", counting)
    window = make_window()
    window.render_cache = RenderCache(tmp_path / "cache", counting)
    window.open_source(Source("file", str(article_files["testium"])))
    window.open_source(Source("file", str(article_files["testium"])))
    assert calls == ["Testium"] and window.render_cache.hits == 1
    assert window.tabs.count() == 2
    assert window.tab_at(1).article == window.tab_at(0).article
