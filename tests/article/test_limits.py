"""The preflight bounds: real pages pass untouched, hostile shapes are cut with a notice."""

from __future__ import annotations

from viewer.article.limits import MAX_CHARS, MAX_LIST_DEPTH, MAX_NESTING, preflight


def test_real_pages_are_untouched(seed_text: str) -> None:
    result = preflight(seed_text)
    assert result.text == seed_text
    assert result.notices == ()
    small = "{{a|b}} [[x|{{y}}]] <div>open\n* a\n** b\n{|\n|c\n|}\n{{unclosed"
    assert preflight(small).text == small


def test_too_large_page_is_cut_at_a_line_break() -> None:
    page = "A line of text.\n" * (MAX_CHARS // 16 + 1000)
    result = preflight(page)
    assert len(result.text) <= MAX_CHARS
    assert result.text.endswith("A line of text.")
    assert "too large" in result.notices[0]


def test_deep_lists_are_flattened() -> None:
    page = "\n".join("*" * i + " item" for i in range(1, 100))
    result = preflight(page)
    assert max(len(line) - len(line.lstrip("*")) for line in result.text.split("\n")) \
        == MAX_LIST_DEPTH
    assert result.text.count("item") == 99
    assert "flattened" in result.notices[0]


def test_unclosed_and_too_deep_brackets_become_text() -> None:
    unclosed = preflight("{{a|" * 1000)
    assert unclosed.text.count("{{") == 20
    assert unclosed.text.count("&#123;&#123;") == 980
    nested = preflight("{{" * 500 + "x" + "}}" * 500)
    assert nested.text.count("{{") == MAX_NESTING
    assert nested.text.count("}}") == MAX_NESTING
    assert "nested too deeply" in nested.notices[0]


def test_unclosed_tags_beyond_the_allowance_become_text() -> None:
    result = preflight("<div>" * 300 + "text" + "</div>" * 10)
    assert result.text.count("<div>") == 20 + 10
    assert "unclosed HTML tags" in result.notices[0]
