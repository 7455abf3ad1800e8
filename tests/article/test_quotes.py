"""MediaWiki's doQuotes rules (viewer.article.quotes), checked against what MediaWiki
produces for the same lines."""

from __future__ import annotations

from viewer.article.model import Inline, Link, Style, Text
from viewer.article.quotes import apply_quotes


def html(nodes: list[Inline] | tuple[Inline, ...]) -> str:
    """A compact HTML-ish rendering to compare with MediaWiki's output."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Style):
            out.append(f"<{node.tag}>{html(node.children)}</{node.tag}>")
        elif isinstance(node, Link):
            out.append(f"[{html(node.children)}]")
    return "".join(out)


def q(line: str) -> str:
    return html(apply_quotes([line]))


def test_italic_bold_and_both():
    assert q("''a'' '''b''' '''''c'''''") == "<i>a</i> <b>b</b> <i><b>c</b></i>"


def test_nested_bold_inside_italic():
    assert q("''a '''b''' c''") == "<i>a <b>b</b> c</i>"


def test_four_apostrophes_are_apostrophe_plus_bold():
    assert q("''''x''''") == "'<b>x'</b>"


def test_more_than_five_apostrophes():
    assert q("''''''x''''''") == "'<i><b>x'</b></i>"


def test_unbalanced_closes_at_end_of_line():
    assert q("''open italic") == "<i>open italic</i>"
    assert q("'''open bold") == "<b>open bold</b>"


def test_odd_bold_and_italic_counts_single_letter_word():
    # "l'''amour''" : the bold after a single-letter word is an apostrophe + italic.
    assert q("l'''amour'' est") == "l'<i>amour</i> est"


def test_odd_counts_multiletter_word():
    assert q("the dog'''s bone''") == "the dog'<i>s bone</i>"
    # Even counts: no fix-up, bold and italic nest.
    assert q("the dog'''s ''bone''") == "the dog<b>s <i>bone</i></b>"


def test_five_then_two_then_three():
    assert q("'''''both'' bold'''") == "<b><i>both</i> bold</b>"
    assert q("'''''both''' italic''") == "<i><b>both</b> italic</i>"


def test_lone_apostrophe_is_text():
    assert q("it's") == "it's"


def test_quotes_step_around_nodes():
    link = Link("Foo", "", (Text("foo"),))
    out = apply_quotes(["''see ", link, " now''"])
    assert len(out) == 1 and isinstance(out[0], Style) and out[0].tag == "i"
    assert link in out[0].children


def test_adjacent_text_is_merged():
    assert apply_quotes(["a", "b", Text("c")]) == [Text("abc")]


def test_wrapper_misnested_with_styles_is_repaired_like_html() -> None:
    from viewer.article.quotes import WRAP_END, Wrap

    def wrap() -> Wrap:
        return Wrap(lambda children: [Link("L", "", tuple(children))])

    # <i>a <a>b</i> c</a> -> <i>a <a>b</a></i><a> c</a>
    assert html(apply_quotes(["''a ", wrap(), "b'' c", WRAP_END])) == "<i>a [b]</i>[ c]"
    # <a><b>x</a> y</b> -> <a><b>x</b></a><b> y</b>
    assert html(apply_quotes([wrap(), "'''x", WRAP_END, " y'''"])) == "[<b>x</b>]<b> y</b>"
    # without any quotes the wrapper is just built
    assert html(apply_quotes([wrap(), "x", WRAP_END, " y"])) == "[x] y"
