"""The plain-text renderer: readable, indexable, and free of markup."""

from __future__ import annotations

import importlib.util
import re

import pytest
from _render_samples import sample_article
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.article.model import (
    Article,
    ExternalLink,
    Infobox,
    InfoboxField,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Math,
    Paragraph,
    Preformatted,
    Reference,
    RefMarker,
    Section,
    Span,
    Style,
    Text,
)
from viewer.article.render.text import blocks_text, inlines_text, to_text

HAS_PARSER = importlib.util.find_spec("viewer.article.parse") is not None
needs_parser = pytest.mark.skipif(not HAS_PARSER, reason="parse_article not available yet")

MARKUP = ("{{", "}}", "[[", "]]", "''", "<ref")


@pytest.fixture(scope="module")
def text() -> str:
    return to_text(sample_article())


def _blocks(text: str) -> list[str]:
    return text.split("\n\n")


def test_title_hatnote_lead_order(text: str) -> None:
    blocks = _blocks(text)
    assert blocks[0] == "Widgetamide"
    assert blocks[1] == "This article is about the drug."
    assert blocks[2] == ("Widgetamide is a drug used for myeloma[1] and /ˈwɪdʒ/. "
                         "See the site or [1].[2][note 1]")
    assert blocks[3] == "[Image: Widget structure.png] The structure[1]"


def test_infobox_as_label_value_lines(text: str) -> None:
    assert "Widgetamide\n[Image: Widgetamide.svg] Skeletal formula\nTrade names: Widgex\n" in text
    assert "Clinical data\nRoutes of administration: Oral[1]\n" in text  # its marker kept
    assert "Formula: C13H13" in text
    assert "Widgex" not in to_text(sample_article(), include_infobox=False)


def test_infobox_value_keeps_its_reference_markers() -> None:
    box = Infobox(kind="infobox newspaper", title="Daily Bugle", fields=(
        InfoboxField("circulation", "Circulation",
                     (Text("100 weekdays"), LineBreak(), Text("90 Sundays"),
                      RefMarker(index=0, group="", number=1, anchor="cite_ref-1-0")),
                     "100 weekdays, 90 Sundays"),
        InfoboxField("spouse", "Spouse",
                     (Text("Ann Roe"), LineBreak(), Text("(1990–2000)"),
                      RefMarker(index=0, group="", number=1, anchor="cite_ref-1-1")),
                     "Ann Roe, (1990–2000)"),
        InfoboxField("type", "Type", (Text("Daily"),), "Daily"),
    ))
    ref = Reference(number=1, group="", name="", content=(Text("Audit."),), text="Audit.",
                    uses=("cite_ref-1-0", "cite_ref-1-1"), anchor="cite_note-1")
    out = to_text(Article(title="Daily Bugle", infobox=box, references=(ref,)))
    assert "Circulation: 100 weekdays, 90 Sundays[1]\n" in out
    assert "Spouse: Ann Roe (1990–2000)[1]\n" in out
    assert "Type: Daily" in out


def test_headings_on_their_own_lines(text: str) -> None:
    for heading in ("Medical uses", "Myeloma", "Other", "Notes", "References"):
        assert f"\n\n{heading}\n\n" in text


def test_paragraphs_keep_line_breaks_and_math(text: str) -> None:
    assert "It is used in E = mc^2 cases\ndaily.[3]" in text


def test_lists(text: str) -> None:
    assert "- first item\n- second item\n  1. nested one\n  2. nested two" in text
    assert "Term\n  Definition" in text


def test_tables_as_pipe_separated_rows(text: str) -> None:
    assert "Doses\nDrug | Dose\nWidgetamide | 25 mg\nBoth" in text


def test_other_blocks(text: str) -> None:
    assert "line one\n  indented two" in text
    assert "    A quotation.\n    \u2014 Someone" in text
    assert "Inside a div." in text
    assert "[Image: A.jpg] first\n[Image: B.jpg]" in text
    assert "Note: Content truncated." in text
    assert "Main article: Widget" in text
    assert "\u201cquoted\u201d" in text


def test_references_listed_where_the_page_lists_them(text: str) -> None:
    notes = text.index("\n\nNotes\n\n")
    refs = text.index("\n\nReferences\n\n")
    assert notes < text.index("1. An explanatory footnote.") < refs
    assert ("1. Smith J, Doe J (2001). The pharmacology of widgets. Journal of Widgets "
            "12 (3): 100–110. doi:10.1000/xyz.123") in text
    assert "3. Plain note without citation widget" in text
    assert text.rstrip().endswith("Categories: Widgets, Drugs")


def test_references_appended_when_no_list() -> None:
    marker = RefMarker(0, "", 1, "m")
    article = Article("T", lead=(Paragraph((Text("Claim."), marker)),), references=(
        Reference(1, "", "", ("m",), "n", (), "Only   the text\nform."),))
    assert to_text(article) == "T\n\nClaim.[1]\n\nReferences\n\n1. Only the text form.\n"


def test_no_markup_survives_even_from_broken_text_nodes() -> None:
    article = Article(
        title="Broken",
        lead=(Paragraph((Text("a {{tpl|x}} b [[link]] c ''it'' d <ref name=x>e</ref> f"),)),),
        sections=(Section("S", 2, "S", (Paragraph((Text("'''bold''' [[x|y]]"),)),
                                         Paragraph((Text("<references/> <REF>z</Ref"),)))),),
    )
    out = to_text(article)
    for token in MARKUP:
        assert token not in out
    assert "a {tpl|x} b [link] c 'it' d e f" in out
    assert out.endswith(" z\n") and "<" not in out


def test_inlines_text() -> None:
    inlines = (
        Text("  many   spaces\n and\tnewlines "), LineBreak(), Style("b", (Text("bold"),)),
        Span("nowrap", (Text(" x"),)), Link("T", "", (Text(" link"),)),
        ExternalLink("http://e.example", ()), ExternalLink("http://e.example", (), 2),
        ExternalLink("http://e.example", (Text(" named"),)),
        RefMarker(0, "note", 2, "a"), Math(" x^2 "), Text("\x00end"),
    )
    assert inlines_text(inlines) == ("many spaces and newlines\nbold x linkhttp://e.example"
                                     "[2] named[note 2]x^2end")
    assert "[note 2]" not in inlines_text(inlines, markers=False)


def test_deep_nesting_is_flattened_not_fatal() -> None:
    node: Style | Text = Text("deep")
    for _ in range(5000):
        node = Style("i", (node,))
    items = ListBlock("ul", (ListItem("li", (Text("leaf"),)),))
    for _ in range(400):
        items = ListBlock("ul", (ListItem("li", (Text("x"),), (items,)),))
    out = to_text(Article("T", lead=(Paragraph((node,)), items)))
    assert "deep" in out and "leaf" in out


def test_preformatted_keeps_spacing() -> None:
    pre = Preformatted((Text("a  b\n    c\t"), LineBreak(), Style("b", (Text("d"),))))
    assert blocks_text((pre,)) == "a  b\n    c\nd"


def test_output_is_encodable() -> None:
    out = to_text(Article("T\ud800", lead=(Paragraph((Text("x\ud801y\x07"),)),)))
    out.encode("utf-8")
    assert "x\ufffdy" in out


# --------------------------------------------------------------------------- real wikitext

WIKITEXT = """{{Short description|A test}}
{{About|the widget|the gadget|Gadget}}
'''Widget''' is a ''thing''<ref name="a">{{cite journal |last=Smith |first=J
|title=On widgets |journal=J Widg |year=2001}}</ref> that {{convert|5|km}} long.<ref>Plain.</ref>

== History ==
Made in [[Paris|the city]] by [[Jean Dupont]]s.<ref name="a"/>{{citation needed|date=May 2020}}

=== Details ===
# first
# second
#* sub point
; Term : definition

{| class="wikitable"
|+ Sizes
! Size !! Count
|-
| small || 3
|-
| large || 5
|}

<blockquote>Quoted words.</blockquote>

== References ==
{{Reflist}}

[[Category:Widgets]]
"""


@needs_parser
def test_real_wikitext_text() -> None:
    from viewer.article import parse_article

    out = to_text(parse_article(WIKITEXT, "Widget"))
    for token in MARKUP:
        assert token not in out, token
    assert not re.search(r"\b(cite journal|reflist|convert|short description)\b", out, re.I)
    assert out.startswith("Widget\n\n")
    assert "\n\nHistory\n\n" in out and "\n\nDetails\n\n" in out
    assert "1. first\n2. second" in out
    assert "Size | Count\nsmall | 3\nlarge | 5" in out
    assert "Widget is a thing[1]" in out
    assert "Made in the city by Jean Duponts.[1]" in out
    refs = out[out.index("\n\nReferences\n\n"):]
    assert "1. Smith" in refs and "On widgets" in refs and "2. Plain." in refs
    assert out.rstrip().endswith("Categories: Widgets")


@needs_parser
def test_seed_text_is_clean(seed_text: str) -> None:
    from viewer.article import parse_article

    out = to_text(parse_article(seed_text, "Lenalidomide"))
    for token in MARKUP:
        assert token not in out, token
    for name in ("Drugbox", "cite journal", "Reflist", "IPAc-en", "Infobox"):
        assert name.lower() not in out.lower()
    assert "\n\nMedical uses\n\nMultiple myeloma\n\n" in out
    assert "Formula: C13H13N3O3" in out


def test_redirect_and_notices() -> None:
    article = Article("Old name", redirect="New name", notices=("Content truncated.",))
    assert to_text(article) == "Old name\n\nNote: Content truncated.\n\nRedirect to: New name\n"


_pieces = st.lists(st.sampled_from(["{{", "}}", "[[", "]]", "'", "''", "<ref", "<references/>",
                                    "</ref>", "a", " ", "\n", "{", "[", "<", "\x00", "\ud800"]),
                   max_size=10).map("".join)
_inline = st.recursive(
    st.builds(Text, _pieces),
    lambda inner: st.one_of(
        st.builds(Style, st.sampled_from(["b", "i", "q"]), st.lists(inner, max_size=3).map(tuple)),
        st.builds(Link, _pieces, _pieces, st.lists(inner, max_size=3).map(tuple)),
        st.builds(ExternalLink, _pieces, st.lists(inner, max_size=2).map(tuple)),
    ),
    max_leaves=10,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_inline, max_size=4).map(tuple), _pieces)
def test_text_never_contains_markup(inlines: tuple, title: str) -> None:  # type: ignore[type-arg]
    article = Article(title, lead=(Paragraph(inlines),),
                      sections=(Section(title, 2, "s", (Paragraph(inlines),), heading=inlines),),
                      categories=(title,))
    out = to_text(article)
    out.encode("utf-8")
    assert out.endswith("\n")
    for token in MARKUP:
        assert token not in out


def test_chemical_formula_is_plain_in_text() -> None:
    para = Paragraph((Text("Water is "), Math("\\ce{H2O}"), Text(", a power "),
                      Math("x^{2}"), Text(".")))
    assert inlines_text(para.children) == "Water is H2O, a power x^{2}."
