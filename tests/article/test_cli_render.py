"""``refview render`` and ``refview cite``: formats, stdin, titles, UTF-8 stdout."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from _html_scan import assert_safe_html

from viewer.cli import main

pytestmark = pytest.mark.skipif(importlib.util.find_spec("viewer.article.parse") is None,
                                reason="parse_article not available yet")

WIKITEXT = (
    "'''Ünïcode widget''' is a [[thing]].<ref>{{cite book |last=Doe |first=Jane "
    "|title=Widgets & co |publisher=Acme |year=2010 |isbn=978-3-16-148410-0}}</ref>"
    "<ref>{{cite web |url=https://example.org/w |title=Widget page |website=Example "
    "|access-date=2020-01-02}}</ref>\n"
) + """

== Uses ==
* one — “quoted” ✓
* two

== References ==
{{reflist}}
"""


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "Unicode_widget.wiki"
    path.write_text(WIKITEXT, encoding="utf-8")
    return path


def test_render_html_default(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(article_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<html><head><title>Unicode widget</title>")
    assert '<a name="Uses"></a>' in out
    assert_safe_html(out)


def test_render_text_with_title(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(article_file), "--format", "text", "--title", "Given"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Given\n\nÜnïcode widget is a thing.[1][2]\n\nUses\n\n- one")
    assert "“quoted” ✓" in out
    for token in ("{{", "[[", "''", "<ref"):
        assert token not in out


def test_render_json(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(article_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Unicode widget"
    assert [s["title"] for s in data["sections"]] == ["Uses", "References"]
    assert data["references"][0]["citation"]["isbn"] == "978-3-16-148410-0"
    assert data["links"] == ["Thing"]


def test_render_from_stdin(monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(WIKITEXT.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["render", "-", "--format", "text"]) == 0
    assert capsys.readouterr().out.startswith("Untitled\n\nÜnïcode widget")


def test_cite_bibtex_and_ris(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", str(article_file)]) == 0
    bib = capsys.readouterr().out
    assert "@book{doe2010widgets," in bib
    assert r"title = {Widgets \& co}" in bib
    assert "@misc{example" in bib and "urldate = {2020-01-02}" in bib
    assert main(["cite", str(article_file), "--format", "ris"]) == 0
    ris = capsys.readouterr().out
    assert ris.count("TY  - ") == 2 and "TY  - BOOK" in ris and "TY  - ELEC" in ris


def test_missing_file_is_one_line_error(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "nope.wiki")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("refview: ") and err.count("\n") == 1 and "Traceback" not in err


def test_subprocess_stdout_is_utf8_whatever_the_locale(article_file: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "render", str(article_file), "--format", "text"],
        capture_output=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Ünïcode widget is a thing.".encode() in result.stdout
    assert "“quoted” ✓".encode() in result.stdout
