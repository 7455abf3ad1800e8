"""Pathological sizes finish in bounded time (or are truncated with a visible notice).

Each case is bounded by ``HANG_SECONDS``: a guard against hangs, not a speed goal.
"""

from __future__ import annotations

import time

import pytest

from tests.article._html_scan import assert_safe_html
from viewer.article import parse_article, to_html, to_text

HANG_SECONDS = 60.0

CASES = {
    "20 MB page": lambda: ("Lorem ipsum [[dolor]] sit ''amet'', {{cn}} consectetur.\n\n" * 350_000),
    "10,000 nested templates": lambda: "{{" * 10_000 + "x" + "}}" * 10_000,
    "10,000 unclosed templates": lambda: "{{a|" * 10_000,
    "100,000 open links": lambda: "[[" * 100_000,
    "5,000-column table": lambda: "{|\n|-\n" + "".join(f"| c{i}\n" for i in range(5000)) + "|}",
    "5,000 refs": lambda: "".join(f"Fact {i}.<ref>Source {i}</ref> " for i in range(5000))
    + "\n{{reflist}}",
    "one huge line": lambda: "x" * 3_000_000,
    "deep lists": lambda: "\n".join("*" * i + " item" for i in range(1, 2000)),
    "deep quotes": lambda: "'''''" * 20_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_pathological_input_finishes(name: str) -> None:
    source = CASES[name]()
    start = time.perf_counter()
    article = parse_article(source, name)
    html = to_html(article)
    text = to_text(article)
    elapsed = time.perf_counter() - start
    assert elapsed < HANG_SECONDS, f"{name}: {elapsed:.1f} s"
    assert html and text is not None
    assert_safe_html(html)
    if len(source) > 8_000_000:
        # Such a page cannot be shown whole; it must say so rather than go quiet.
        assert article.notices, "a truncated page carries a notice"
        assert article.notices[0] in to_text(article) or article.notices[0] in html
