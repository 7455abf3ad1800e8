"""Simple TeX formulas as rich text (``viewer.article.render._tex``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.article.model import Inline
from viewer.article.render._tex import tex_inlines
from viewer.article.render.html import _Inlines


def html_of(tex: str) -> str | None:
    nodes = tex_inlines(tex)
    if nodes is None:
        return None
    writer = _Inlines()
    writer.render(nodes, False, 0)
    return "".join(writer.out)


@pytest.mark.parametrize(
    ("tex", "html"),
    [
        ("E = mc^2", "<i>E</i> = <i>mc</i><sup>2</sup>"),
        ("\\alpha_i + \\beta^{2n}", "α<sub><i>i</i></sub> + β<sup>2<i>n</i></sup>"),
        ("\\frac{a+b}{2}", "(<i>a</i> + <i>b</i>)/2"),
        ("10^{-3}\\,\\mathrm{m}", "10<sup>−3</sup>\u2009m"),
        ("\\sqrt{x^2+y^2}", "√(<i>x</i><sup>2</sup> + <i>y</i><sup>2</sup>)"),
        ("x \\in \\mathbb{R}", "<i>x</i> ∈ ℝ"),
        ("\\sin x \\leq 1", "sin\u2009<i>x</i> ≤ 1"),
        ("\\hat{p}", "<i>p</i>\u0302"),
        ("\\left( \\frac{x}{y} \\right)", "(<i>x</i>/<i>y</i>)"),
        ("\\text{rate} = k[A]", "rate = <i>k</i>[<i>A</i>]"),
        ("\\ce{H2O}", "H<sub>2</sub>O"),
        ("\\ce{2H2 + O2 -> 2H2O}", "2H<sub>2</sub> + O<sub>2</sub> → 2H<sub>2</sub>O"),
        ("\\ce{SO4^2-}", "SO<sub>4</sub><sup>2−</sup>"),
        ("\\ce{Ca(OH)2}", "Ca(OH)<sub>2</sub>"),
        ("\\ce{Na+ + Cl- <=> NaCl}", "Na<sup>+</sup> + Cl<sup>−</sup> ⇌ NaCl"),
    ],
)
def test_simple_formulas(tex: str, html: str) -> None:
    assert html_of(tex) == html


@pytest.mark.parametrize(
    "tex",
    ["\\begin{pmatrix} a & b \\end{pmatrix}", "a \\\\ b", "\\unknown{x}", "x_{", "}",
     "\\overline{AB}", "", "x" * 500, "\\frac{a}", "a & b", "\\ce{\\alpha}"],
)
def test_anything_else_is_left_to_the_source(tex: str) -> None:
    assert tex_inlines(tex) is None


def _plain(nodes: tuple[Inline, ...]) -> str:
    from viewer.article.render.text import inlines_text

    return inlines_text(nodes)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="\\{}^_ab12+-=()[]&$ ceffrac sqrt alpha", max_size=40))
def test_any_input_gives_nodes_or_none(tex: str) -> None:
    nodes = tex_inlines(tex)
    if nodes is not None:  # never an exception; a rendering has content, no raw '^'
        assert nodes and "^" not in _plain(nodes)
