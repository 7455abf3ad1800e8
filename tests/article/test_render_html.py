"""The HTML renderer, on hand-built articles (and on real wikitext once the parser is
there): structure, anchors and links QTextBrowser needs, escaping, the stylesheet."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pytest
from _html_scan import assert_safe_html, scan
from _render_samples import sample_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.article.model import (
    Article,
    ExternalLink,
    Figure,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Math,
    Media,
    Paragraph,
    Reference,
    ReferenceList,
    RefMarker,
    Section,
    Span,
    Style,
    Table,
    TableCell,
    TableRow,
    Text,
)
from viewer.article.render.html import (
    article_stylesheet,
    infobox_html,
    parse_wiki_href,
    reference_html,
    render_inlines_html,
    standalone_html,
    to_html,
    wiki_href,
)

HAS_PARSER = importlib.util.find_spec("viewer.article.parse") is not None
needs_parser = pytest.mark.skipif(not HAS_PARSER, reason="parse_article not available yet")


@pytest.fixture(scope="module")
def html() -> str:
    return to_html(sample_article())


def _attr_values(html: str, tag: str, attr: str) -> list[str]:
    return [v for t, n, v in scan(html).attrs if t == tag and n == attr]


def test_document_shape(html: str) -> None:
    assert html.startswith("<html><head><title>Widgetamide</title></head><body>")
    assert html.rstrip().endswith("</body></html>")
    assert '<h1 class="title"><a name="top"></a>Widgetamide</h1>' in html
    assert '<p class="shortdesc">A fictional drug</p>' in html
    assert_safe_html(html)


def test_sections_have_headings_with_anchors(html: str) -> None:
    assert '<h2><a name="Medical_uses"></a>Medical <i>uses</i></h2>' in html
    assert '<h3><a name="Myeloma"></a>Myeloma</h3>' in html
    order = [html.index(f'name="{a}"') for a in ("Medical_uses", "Myeloma", "Other",
                                                  "Notes", "References")]
    assert order == sorted(order)


def test_reference_markers_link_to_notes_and_back(html: str) -> None:
    assert ('<sup class="reference"><a href="#cite_note-smith-1" '
            'name="cite_ref-smith_1-0">[1]</a></sup>') in html
    assert '<a href="#cite_note-4" name="cite_ref-4">[note 1]</a>' in html
    names = _attr_values(html, "a", "name")
    hrefs = _attr_values(html, "a", "href")
    # Every internal href has its target in the document.
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in names, href
    # The reference used three times gets back-links a, b, c to each marker.
    for use in ("cite_ref-smith_1-0", "cite_ref-smith_1-1", "cite_ref-smith_1-2"):
        assert f'href="#{use}"' in html
    assert "<sup><i><b>c</b></i></sup>" in html
    # Anchors are unique.
    assert [n for n, c in Counter(names).items() if c > 1] == []


def test_reference_lists_are_placed_where_the_page_puts_them(html: str) -> None:
    notes = html.index('name="Notes"')
    refs = html.index('name="References"')
    assert notes < html.index('name="cite_note-4"') < refs < html.index('name="cite_note-2"')
    assert html.count('<ol class="references" type="1">') == 2


def test_references_are_appended_when_the_page_has_no_list() -> None:
    marker = RefMarker(0, "", 1, "cite_ref-1")
    note = RefMarker(1, "lower-alpha", 1, "cite_ref-2")
    article = Article(
        title="T",
        lead=(Paragraph((Text("Claim"), marker, note)),),
        references=(
            Reference(1, "", "", (marker.anchor,), "cite_note-1", (Text("Source"),), "Source"),
            Reference(1, "lower-alpha", "", (note.anchor,), "cite_note-2", (), "A note"),
        ),
    )
    html = to_html(article)
    assert '<h2><a name="References"></a>References</h2>' in html
    assert '<h2><a name="Notes_lower_alpha"></a>Notes</h2>' in html
    assert '<ol class="references" type="a">' in html
    assert ">[a]</a>" in html
    assert "A note" in html
    assert_safe_html(html)


def test_appended_reference_anchor_does_not_clash_with_a_section() -> None:
    marker = RefMarker(0, "", 1, "cite_ref-1")
    article = Article(
        title="T",
        lead=(Paragraph((Text("x"), marker)),),
        sections=(Section("References", 2, "References", (Paragraph((Text("Hand list"),)),)),),
        references=(Reference(1, "", "", (marker.anchor,), "cite_note-1", (Text("Src"),),
                              "Src"),),
    )
    names = _attr_values(to_html(article), "a", "name")
    assert "References_2" in names and len(names) == len(set(names))


def test_duplicate_reference_list_is_rendered_once() -> None:
    marker = RefMarker(0, "", 1, "cite_ref-1")
    article = Article(
        title="T",
        lead=(Paragraph((Text("x"), marker)), ReferenceList(), ReferenceList()),
        references=(Reference(1, "", "", (marker.anchor,), "cite_note-1", (Text("Src"),),
                              "Src"),),
    )
    assert to_html(article).count('name="cite_note-1"') == 1


def test_reference_numbers_qt_cannot_count_get_explicit_labels() -> None:
    markers = [RefMarker(i, "lower-greek", i + 1, f"r{i}") for i in range(2)]
    article = Article(
        title="T",
        lead=(Paragraph(tuple(markers)), ReferenceList("lower-greek")),
        references=tuple(Reference(i + 1, "lower-greek", "", (f"r{i}",), f"n{i}",
                                   (Text(f"note {i}"),), "") for i in range(2)),
    )
    html = to_html(article)
    assert '<p class="reference">β. <a name="n1">' in html
    assert ">[α]</a>" in html


def test_internal_links(html: str) -> None:
    assert '<a class="wikilink" href="wiki:Drug">drug</a>' in html
    assert 'href="wiki:Multiple_myeloma#Treatment"' in html
    assert '<a class="wikilink" href="#Medical_uses">see above</a>' in html
    assert 'href="wiki:Category:Widgets"' in html


def test_wiki_href_encoding_round_trips() -> None:
    cases = [("AC/DC", ""), ("C++", "History"), ("Müller (name)", "Ä ö"),
             ('Odd "title" <x> & y?', "a#b"), ("100% juice", "")]
    for title, fragment in cases:
        href = wiki_href(title, fragment)
        assert href.isascii()
        assert not set(href) & set(' "<>\'`') - {"'"}
        assert parse_wiki_href(href) == (title, fragment.replace(" ", "_"))
    assert wiki_href("", "Sec tion") == "#Sec_tion"
    assert wiki_href("X", "", "Category") == "wiki:Category:X"
    assert wiki_href("Category:X", "", "Category") == "wiki:Category:X"
    assert parse_wiki_href("https://example.org") is None


def test_missing_links_get_class_new() -> None:
    inlines = (Link("Exists", "", (Text("a"),)), Link("Missing", "", (Text("b"),)))
    html = render_inlines_html(inlines, is_missing=lambda t: t == "Missing")
    assert '<a class="wikilink" href="wiki:Exists">a</a>' in html
    assert '<a class="wikilink new" href="wiki:Missing">b</a>' in html


def test_external_links(html: str) -> None:
    assert '<a class="external text" href="http://example.org/w">the site</a>' in html
    assert '<a class="external autonumber" href="http://example.org/n">[1]</a>' in html
    bare = render_inlines_html((ExternalLink("https://example.org/a?b=1&c=2", ()),))
    assert bare == ('<a class="external free" href="https://example.org/a?b=1&amp;c=2">'
                    "https://example.org/a?b=1&amp;c=2</a>")


def test_refused_external_link_is_plain_text() -> None:
    html = render_inlines_html((ExternalLink("javascript:alert(1)", (Text("click"),)),
                                ExternalLink("data:text/html,x", ())))
    assert "href" not in html
    assert '<span class="external-refused">click</span>' in html
    assert_safe_html(html)


def test_nested_links_are_flattened() -> None:
    marker = RefMarker(0, "", 1, "m")
    html = render_inlines_html((Link("A", "", (Text("a "), ExternalLink("http://x.example", (
        Text("b"),)), marker, Link("B", "", (Text("c"),)))),))
    assert html.count("<a ") == 1
    assert '<sup class="reference">[1]</sup>' in html


def test_inline_styles_map_to_qt_tags() -> None:
    html = render_inlines_html((
        Style("b", (Text("b"),)), Style("del", (Text("d"),)), Style("ins", (Text("n"),)),
        Style("mark", (Text("m"),)), Style("abbr", (Text("WHO"),), "World Health Org"),
        Style("q", (Text("q"),)), Style("sub", (Text("2"),)), LineBreak(),
        Span("ipa", (Text("/x/"),), title="IPA", lang="en-GB"),
        Span('bad" onclick="x', (Text("s"),), lang='x" onclick="y'),
    ))
    assert "<b>b</b><s>d</s><u>n</u>" in html
    assert '<span class="mark">m</span>' in html
    assert '<span class="abbr" title="World Health Org">WHO</span>' in html
    assert "\u201cq\u201d<sub>2</sub><br />" in html
    assert '<span class="ipa" title="IPA" lang="en-GB">/x/</span>' in html
    assert "<span>s</span>" in html
    assert_safe_html(html)


def test_simple_math_is_rich_text_with_its_source_as_tooltip() -> None:
    html = render_inlines_html((Math("x < y^2"), Math("\\frac{a}{b}", display=True)))
    assert ('<span class="math" title="x &lt; y^2"><i>x</i> &lt; <i>y</i><sup>2</sup>'
            '</span>') in html
    assert ('<br /><span class="math display" title="\\frac{a}{b}"><i>a</i>/<i>b</i>'
            '</span><br />') in html


def test_other_math_stays_monospace_tex_source() -> None:
    html = render_inlines_html((Math("\\begin{matrix}a\\end{matrix}"),
                                Math("\\unknowncommand{x}", display=True)))
    assert '<code class="math">\\begin{matrix}a\\end{matrix}</code>' in html
    assert '<br /><code class="math display">\\unknowncommand{x}</code><br />' in html


def test_figures_and_galleries_are_placeholders(html: str) -> None:
    assert "[image: Widget structure.png]" in html
    assert '<td class="media-caption">The <i>structure</i>' in html
    assert "[image: A.jpg]" in html and "[image: B.jpg]" in html
    assert "<img" not in html


def test_tables(html: str) -> None:
    assert '<p class="table-caption"><b>Doses</b></p>' in html
    assert ('<table class="wikitable sortable" border="1" cellspacing="0" cellpadding="4">'
            in html)
    assert '<th valign="top">Drug</th>' in html
    assert '<td align="right" valign="top">25 mg</td>' in html
    assert '<td colspan="2" valign="top">Both</td>' in html


def test_huge_spans_are_clamped_and_empty_rows_dropped() -> None:
    table = Table((TableRow(()), TableRow((TableCell(False, (Paragraph((Text("x"),)),),
                                                     rowspan=10**6, colspan=10**6),))))
    html = to_html(Article("T", lead=(table,)))
    assert 'colspan="100"' in html and 'rowspan="500"' in html
    assert "<tr></tr>" not in html


def test_lists(html: str) -> None:
    assert "<ul><li>first item</li>" in html
    assert "<li>second item<ol><li>nested one</li>" in html
    assert '<dl class="dl-list"><dt>Term</dt>\n<dd>Definition</dd>' in html


def test_blocks(html: str) -> None:
    assert "<pre>line one\n  indented two</pre>" in html
    assert '<p class="attribution">\u2014 Someone</p></blockquote>' in html
    assert '<div class="col-begin"><p>Inside a div.</p>' in html
    assert '<p class="hatnote"><i>This article is about the drug.</i></p>' in html
    assert "<b>Note:</b> Content truncated." in html
    assert "<hr />" in html


def test_infobox_in_page_and_panel(html: str) -> None:
    assert '<table class="infobox" align="right" width="300"' in html
    assert '<th class="infobox-group" colspan="2">Clinical data</th>' in html
    assert "C<sub>13</sub>H<sub>13</sub>" in html
    assert html.index('class="infobox"') < html.index("<b>Widgetamide</b> is")
    without = to_html(sample_article(), include_infobox=False)
    assert 'class="infobox' not in without
    article = sample_article()
    assert article.infobox is not None
    panel = infobox_html(article.infobox, align="", references=article.references)
    assert panel.startswith('<table class="infobox-panel" width="100%"')
    assert '<a href="#cite_note-smith-1"' in panel


def test_categories_at_the_bottom(html: str) -> None:
    cats = html.index('<p class="catlinks">')
    assert cats > html.index('name="References"')
    assert '<a class="wikilink category" href="wiki:Category:Drugs">Drugs</a>' in html


def test_reference_html_fragment() -> None:
    article = sample_article()
    fragment = reference_html(article, article.references[0])
    assert fragment.startswith('<p class="reference-preview"><b>[1]</b> Smith J')
    assert 'href="https://doi.org/10.1000/xyz.123"' in fragment
    assert "backlink" not in fragment
    note = reference_html(article, article.references[3])
    assert "<b>[note 1]</b> An explanatory footnote." in note


def test_everything_is_escaped() -> None:
    evil = '<script>alert("x")</script> & "quotes" \'single\''
    article = Article(
        title=evil,
        lead=(Paragraph((Text(evil),)),),
        sections=(Section(evil, 2, 'a"b<c>', (), heading=()),),
        categories=(evil,),
        short_description=evil,
    )
    html = to_html(article)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'name="a&quot;b&lt;c&gt;"' in html
    assert_safe_html(html)


def test_control_characters_and_lone_surrogates_do_not_break_output() -> None:
    article = Article(title="T\x00", lead=(Paragraph((Text("a\x01b\ud800c"),)),))
    html = to_html(article)
    html.encode("utf-8")
    assert "ab\ufffdc" in html


def test_deep_nesting_does_not_overflow() -> None:
    node: Style | Text = Text("deep")
    for _ in range(3000):
        node = Style("b", (node,))
    items: ListBlock = ListBlock("ul", (ListItem("li", (Text("leaf"),)),))
    for _ in range(300):
        items = ListBlock("ul", (ListItem("li", (Text("x"),), (items,)),))
    html = to_html(Article("T", lead=(Paragraph((node,)), items)))
    assert "deep" in html and "leaf" in html


def test_stylesheet_light_and_dark() -> None:
    light = article_stylesheet()
    dark = article_stylesheet(dark=True)
    assert "table.infobox" in light and "float: right" in light
    assert dark.startswith(light)
    assert len(dark) > len(light)
    for css in (light, dark):
        assert "url(" not in css and "@import" not in css and "expression" not in css


def test_standalone_html_embeds_only_our_stylesheet() -> None:
    page = standalone_html(sample_article(), dark=True)
    assert page.startswith("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" />")
    assert "<title>Widgetamide</title><style>" in page
    assert article_stylesheet(dark=True) in page
    assert page.count("<style>") == 1
    # Apart from the head, the body is exactly what the view shows.
    assert page.split("</head>", 1)[1] == to_html(sample_article()).split("</head>", 1)[1]


# --------------------------------------------------------------------------- property

_text = st.lists(
    st.sampled_from([*'<>&"\'=/ :;aj()\x00\t\n\ud800{}[]|#',
                     "javascript:", "onload=", "<script>", "url(", "http://", "&#106;"]),
    max_size=8,
).map("".join)


def _inlines(children: st.SearchStrategy[tuple]) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.one_of(
        st.builds(Text, _text),
        st.builds(Style, st.sampled_from(["b", "i", "q", "mark", "abbr", "del"]), children,
                  _text),
        st.builds(Span, _text, children, _text, _text),
        st.builds(Link, _text, _text, children, _text),
        st.builds(ExternalLink, _text, children, st.integers(0, 3)),
        st.builds(RefMarker, st.integers(-2, 3), _text, st.integers(0, 3), _text),
        st.builds(Math, _text, st.booleans()),
        st.just(LineBreak()),
    )


_inline_tree = st.recursive(
    _inlines(st.just(())),
    lambda inner: _inlines(st.lists(inner, max_size=3).map(tuple)),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_inline_tree, max_size=5).map(tuple), _text, _text)
def test_any_model_renders_to_safe_html(inlines: tuple, title: str, filename: str) -> None:  # type: ignore[type-arg]
    article = Article(
        title=title,
        lead=(Paragraph(inlines), Figure(Media(filename, inlines, title))),
        sections=(Section(title, 2, title, (Table((TableRow((TableCell(
            False, (Paragraph(inlines),)),)),), inlines, title),), heading=inlines),),
        categories=(title,),
    )
    assert_safe_html(to_html(article))


# --------------------------------------------------------------------------- Qt


def test_qt_finds_every_anchor(qapp: object) -> None:
    """QTextBrowser.scrollToAnchor needs anchors Qt's HTML import keeps."""
    from PySide6.QtGui import QTextDocument

    html = to_html(sample_article())
    document = QTextDocument()
    document.setDefaultStyleSheet(article_stylesheet())
    document.setHtml(html)
    found: set[str] = set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            found.update(it.fragment().charFormat().anchorNames())
            it += 1
        block = block.next()
    expected = set(_attr_values(html, "a", "name"))
    assert expected <= found
    assert {"Medical_uses", "cite_note-smith-1", "cite_ref-smith_1-2"} <= found


# --------------------------------------------------------------------------- real wikitext


@needs_parser
def test_real_wikitext_renders_with_working_anchors() -> None:
    from viewer.article import parse_article

    wikitext = (
        "{{Short description|Test}}\n'''Foo''' is a [[bar]]<ref name=a>First.</ref> thing."
        "<ref>Second.</ref>\n\n== History ==\nIt was [[Baz|made]].<ref name=a/>\n"
        "=== Early ===\n* one\n* two\n\n== References ==\n{{reflist}}\n\n"
        "[[Category:Things]]\n"
    )
    html = to_html(parse_article(wikitext, "Foo"))
    assert_safe_html(html)
    names = set(_attr_values(html, "a", "name"))
    for href in _attr_values(html, "a", "href"):
        if href.startswith("#"):
            assert href[1:] in names
    assert '<a name="History"></a>' in html
    assert 'href="wiki:Bar"' in html
    assert html.count('class="backlink"') >= 3
    assert "Things" in html


def test_redirect_and_notices() -> None:
    article = Article("Old name", redirect="New name (thing)",
                      notices=("Content truncated at 20 MB.",))
    html = to_html(article)
    assert ('<p class="redirect">Redirect to: <a class="wikilink" '
            'href="wiki:New_name_(thing)">New name (thing)</a></p>') in html
    assert "<b>Note:</b> Content truncated at 20 MB." in html
    assert html.index("Content truncated") < html.index("Redirect to")
    assert_safe_html(html)


@needs_parser
def test_real_wikitext_features_in_html() -> None:
    from viewer.article import parse_article

    wikitext = "\n".join([
        "'''X''' is a thing.{{efn|A footnote.}} It has <math>a^2+b^2</math> and H<sub>2</sub>O.",
        "",
        "== Data ==",
        '{| class="wikitable"',
        "|+ Caption",
        "! A !! B",
        "|-",
        "| 1 || [https://example.org/t link]",
        "|}",
        "[[File:Pic.png|thumb|A ''picture''.]]",
        "",
        "== Notes ==",
        "{{notelist}}",
    ])
    html = to_html(parse_article(wikitext, "X"))
    assert_safe_html(html)
    assert ">[a]</a></sup>" in html
    assert '<ol class="references" type="a">' in html
    assert '<i>a</i><sup>2</sup> + <i>b</i><sup>2</sup></span>' in html
    assert "H<sub>2</sub>O" in html
    assert '<table class="wikitable" border="1"' in html
    assert '<a class="external text" href="https://example.org/t">link</a>' in html
    assert "[image: Pic.png]" in html and "A <i>picture</i>." in html


def test_full_citation_carries_the_target_of_sfn_links() -> None:
    from viewer.article import parse_article, to_html

    article = parse_article(
        "Text.{{sfn|Smith|2005|p=12}}\n\n== Notes ==\n{{reflist}}\n\n== Sources ==\n"
        "* {{cite book |last=Smith |first=J. |title=Book |year=2005 |publisher=P}}\n",
        "Sfn",
    )
    html = to_html(article)
    assert 'href="#CITEREFSmith2005"' in html
    assert '<a name="CITEREFSmith2005"></a>' in html
