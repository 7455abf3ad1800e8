"""No network, proven: the whole test session runs with sockets patched (tests/conftest.py)
so that any internet connection or name lookup fails the test.  Here we check that the
guard really bites, then exercise every path that could plausibly reach out: rendering
pages full of external links and remote images, importing a library, searching it, and
the reader following internal and external links (the system browser is mocked: the app
hands a URL over only on an explicit, confirmed user action)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

HOSTILE = """'''Page''' with [http://example.org/a external], http://example.com/bare,
[//example.net/proto relative], [[File:Remote.png|thumb|http://example.org/img.png]],
<img src="http://example.org/x.png"> <span style="background:url(http://example.org/y)">s</span>
<ref>{{cite web |url=https://example.org/ref |title=Remote |archive-url=https://archive.org/x}}</ref>
{{Infobox person |name=P |website={{URL|example.org}} |image=Remote.jpg}}
[[Other page]] and [[Category:Things]]
{{reflist}}
"""


def test_the_guard_refuses_connections_and_lookups(no_network: list[str]) -> None:
    before = len(no_network)
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.getaddrinfo("example.org", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, \
            pytest.raises(AssertionError, match="network access attempted"):
        sock.connect(("127.0.0.1", 9))
    assert len(no_network) == before + 3
    del no_network[before:]


def test_rendering_hostile_pages_makes_no_request(no_network: list[str]) -> None:
    from viewer.article import parse_article, to_bibtex, to_html, to_json, to_ris, to_text

    before = len(no_network)
    for text in (HOSTILE, SAMPLE.read_text(encoding="utf-8")):
        article = parse_article(text, "Page")
        for render in (to_html, to_text, to_json, to_bibtex, to_ris):
            render(article)
    assert no_network[before:] == []


def test_import_and_search_make_no_request(tmp_path: Path, no_network: list[str]) -> None:
    from viewer.library import Library

    before = len(no_network)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "Page.wiki").write_text(HOSTILE, encoding="utf-8")
    (folder / "Lenalidomide.wiki").write_text(SAMPLE.read_text(encoding="utf-8"),
                                              encoding="utf-8")
    with Library.open(tmp_path / "lib.sqlite") as library:
        library.import_source(folder)
        assert library.search_titles("lena", 5)[0].title == "Lenalidomide"
        assert library.search_text("thalidomide", 5)
        record = library.article("Page")
        assert record is not None and "example.org" in record.wikitext
    assert no_network[before:] == []


def test_reader_follows_links_without_any_request(qtbot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  no_network: list[str]) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    before = len(no_network)
    handed_to_browser: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: handed_to_browser.append(url.toString()) or True)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Open)
    page = tmp_path / "Page.wiki"
    page.write_text(HOSTILE, encoding="utf-8")
    window = MainWindow(Settings(tmp_path / "settings.json"), None, tmp_path / "none.sqlite")
    qtbot.addWidget(window)
    window.show()
    window.open_files([page])
    qtbot.waitUntil(lambda: window.current_tab() is not None
                    and window.current_tab().title == "Page")
    tab = window.current_tab()
    # The view refuses to load anything that is not an internal resource of the app.
    for url in ("http://example.org/x.png", "https://example.org/y", "file:///etc/passwd"):
        assert tab.view.loadResource(2, QUrl(url)) is None  # 2 = ImageResource
        assert url in tab.view.refused
    # An internal link to a page the library lacks: a message, nothing fetched.
    window.follow_link(tab, QUrl("wiki:Other_page"), False)
    # An external link: asked (mocked "Open"), then handed to the system browser only.
    window.follow_link(tab, QUrl("http://example.org/a"), False)
    assert handed_to_browser == ["http://example.org/a"]
    assert no_network[before:] == []
