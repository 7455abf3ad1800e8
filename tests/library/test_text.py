"""Index text: the article pipeline's plain text, with fallbacks that never raise."""

from __future__ import annotations

import pytest

from viewer.library import text


def test_plain_text_uses_the_article_pipeline() -> None:
    out = text.plain_text("'''Bold''' and [[Target|a link]].\n\n== Uses ==\nMore.", "T")
    assert "Bold" in out and "a link" in out and "[[" not in out and "'''" not in out


def test_a_failing_pipeline_falls_back_to_stripped_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_wikitext: str, _title: str) -> str:
        raise RecursionError("too deep")

    monkeypatch.setattr(text, "_pipeline", broken)
    monkeypatch.setattr(text, "_pipeline_checked", True)
    out = text.plain_text("Some [[linked|words]] here.", "T")
    assert "words" in out and "[[" not in out


def test_render_batch_keeps_order() -> None:
    first, second = text.render_batch([("A", "One."), ("B", "Two.")])
    assert "One." in first and "Two." not in first
    assert "Two." in second and "One." not in second


def test_index_text_has_no_reference_markers_nor_a_leading_title() -> None:
    wikitext = ("'''Foo''' is a thing.<ref>Cite A</ref> More.<ref group=note>N</ref>"
                " Also{{efn|E}} and [sic] stays.\n\n== Refs ==\n{{reflist}}\n{{notelist}}")
    out = text.plain_text(wikitext, "Foo")
    assert out.startswith("Foo is a thing. More. Also and [sic] stays.")
    assert "[1]" not in out and "[note 1]" not in out and "[a]" not in out
    assert "Cite A" in out and "N" in out
