"""Property tests: random and adversarially structured wikitext through the pipeline.

Whatever the input, ``parse_article`` returns an ``Article`` and every renderer returns
valid output: the HTML parses and contains no active content, the text has no raw
template markup that the parser produced itself, JSON serialises.  ``HANG_SECONDS`` is a
guard against runaway work, not a speed goal.
"""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.article._html_scan import assert_safe_html
from viewer.article import parse_article, to_bibtex, to_html, to_json, to_ris, to_text

HANG_SECONDS = 5.0

MARKUP = [
    "{{", "}}", "[[", "]]", "[", "]", "|", "||", "!!", "{|", "|}", "|-", "|+", "'''", "''",
    "'''''", "''''", "=", "==", "===", "\n", "\n\n", "*", "#", ":", ";", "----", " ", "~~~~",
    "<ref>", "</ref>", "<ref name=a/>", '<ref name="b">', "<references/>", "<nowiki>",
    "</nowiki>", "<pre>", "</pre>", "<math>", "</math>", "<br>", "<br/>", "<!--", "-->",
    "&amp;", "&#x3C;", "&nbsp;", "&bogus;", "__TOC__", "#REDIRECT", "http://example.org",
    "[http://example.org x]", "[[File:X.png|thumb|cap]]", "[[Category:C]]", "{{cite web",
    "|url=javascript:alert(1)", "{{Infobox", "|name=", "{{reflist}}", "{{#if:", "{{convert|",
    "<script>", "</script>", "<div onclick=x>", "<span style=\"background:url(x)\">",
    "<table>", "<tr>", "<td>", "</table>", "<gallery>", "</gallery>", "\x00", "\x07",
    "\ud800", "\u202e", "é", "漢字", "🙂",
]

tokens = st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=8)), max_size=80)
wikitext = st.one_of(st.text(max_size=400), tokens.map("".join))


def _nested(depth_kind: tuple[int, str]) -> str:
    depth, kind = depth_kind
    opens = {"tpl": ("{{x|", "}}"), "link": ("[[a|", "]]"), "table": ("{|\n|", "\n|}"),
             "list": ("*", ""), "ref": ("<ref>", "</ref>"), "quote": ("'''", "''")}
    o, c = opens[kind]
    if kind == "list":
        return "\n".join("*" * i + " item" for i in range(1, depth + 1))
    return o * depth + "core" + c * (depth // 2)


structured = st.tuples(st.integers(1, 300), st.sampled_from(
    ["tpl", "link", "table", "list", "ref", "quote"])).map(_nested)


def _check(source: str) -> None:
    start = time.perf_counter()
    article = parse_article(source, "Prop")
    html = to_html(article)
    text = to_text(article)
    json.dumps(to_json(article))
    to_bibtex(article)
    to_ris(article)
    elapsed = time.perf_counter() - start
    assert isinstance(text, str)
    assert_safe_html(html)
    assert elapsed < HANG_SECONDS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wikitext)
def test_random_wikitext_never_breaks_the_pipeline(source: str) -> None:
    _check(source)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured)
def test_deep_structures_never_break_the_pipeline(source: str) -> None:
    _check(source)
