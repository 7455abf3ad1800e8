"""parse_article on small wikitext articles, one feature per test."""

from __future__ import annotations

from viewer.article.model import (
    Article,
    Block,
    Blockquote,
    Division,
    ExternalLink,
    Figure,
    Gallery,
    HorizontalRule,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Math,
    Paragraph,
    Preformatted,
    ReferenceList,
    RefMarker,
    Span,
    Style,
    Table,
    Text,
)
from viewer.article.parse import parse_article, plain_text
from viewer.article.templates.base import TemplateRegistry


def parse(text: str, title: str = "Test") -> Article:
    return parse_article(text, title)


def bare(text: str, title: str = "Test") -> Article:
    """Parse without any template handler (unknown-template behaviour)."""
    return parse_article(text, title, registry=TemplateRegistry())


def inlines_of(article: Article) -> tuple[Inline, ...]:
    """The children of the first paragraph of the lead."""
    para = next(b for b in article.lead if isinstance(b, Paragraph))
    return para.children


def walk(nodes: tuple[Inline | Block, ...] | list[Inline | Block]) -> list[object]:
    """Every node below ``nodes`` (depth first)."""
    out: list[object] = []
    for node in nodes:
        out.append(node)
        for name in ("children", "blocks", "items", "rows", "cells", "caption"):
            value = getattr(node, name, None)
            if isinstance(value, tuple):
                out.extend(walk(value))
        media = getattr(node, "media", None)
        if media is not None:
            out.extend(walk(media.caption))
    return out


def all_nodes(article: Article) -> list[object]:
    nodes = walk(article.lead)
    for s in article.walk_sections():
        nodes.extend(walk(s.blocks))
        nodes.extend(walk(s.heading))
    for r in article.references:
        nodes.extend(walk(r.content))
    return nodes


# ------------------------------------------------------------------ quotes, paragraphs


def test_bold_italic_per_line_and_reset():
    art = parse("'''Bold''' and ''italic\nnext line''")
    children = inlines_of(art)
    assert children[0] == Style("b", (Text("Bold"),))
    italics = [c for c in children if isinstance(c, Style) and c.tag == "i"]
    assert italics[0].children == (Text("italic"),)
    # The unbalanced '' on the second line opens nothing after the line end.
    assert plain_text(children) == "Bold and italic next line"


def test_paragraphs_split_on_blank_lines():
    art = parse("one\ntwo\n\nthree")
    paras = [b for b in art.lead if isinstance(b, Paragraph)]
    assert [plain_text(p.children) for p in paras] == ["one two", "three"]


def test_unbalanced_quote_does_not_swallow_the_page():
    art = parse("''open\n\n== Head ==\nText with [[link]].")
    assert [s.title for s in art.sections] == ["Head"]
    assert art.links == ("Link",)


# ------------------------------------------------------------------ headings


def test_sections_nested_with_unique_anchors():
    art = parse(
        "Lead.\n== History ==\nA\n=== Early ===\nB\n==== Deep ====\nC\n"
        "== History ==\nD\n== ''Styled'' head ==\nE"
    )
    assert [s.title for s in art.sections] == ["History", "History", "Styled head"]
    assert [s.anchor for s in art.sections] == ["History", "History_2", "Styled_head"]
    early = art.sections[0].children[0]
    assert (early.title, early.level, early.anchor) == ("Early", 3, "Early")
    assert early.children[0].level == 4
    assert art.sections[2].heading[0] == Style("i", (Text("Styled"),))
    assert plain_text(inlines_of(art)) == "Lead."


def test_comment_before_heading_still_a_heading():
    art = parse("Lead\n<!-- note -->== Real heading ==\nBody")
    assert [s.title for s in art.sections] == ["Real heading"]


def test_heading_levels_clamped_and_skipped_levels_nest():
    art = parse("== A ==\n==== B ====\n=== C ===\n====== F ======")
    a = art.sections[0]
    assert [c.title for c in a.children] == ["B", "C"]
    assert a.children[1].children[0].level == 6


# ------------------------------------------------------------------ lists


def test_bullet_and_numbered_lists_nest():
    art = parse("* a\n** a1\n*# a2\n* b\n# one\n# two")
    ul, ol = art.lead[0], art.lead[1]
    assert isinstance(ul, ListBlock) and ul.kind == "ul"
    assert [plain_text(i.children) for i in ul.items] == ["a", "b"]
    nested = ul.items[0].blocks
    assert [b.kind for b in nested if isinstance(b, ListBlock)] == ["ul", "ol"]
    assert isinstance(ol, ListBlock) and ol.kind == "ol" and len(ol.items) == 2


def test_definition_list_and_indent():
    art = parse(";Term : Definition\n;Other\n:Its def\n\n:Indented text")
    dl = art.lead[0]
    assert isinstance(dl, ListBlock) and dl.kind == "dl"
    assert [(i.kind, plain_text(i.children)) for i in dl.items] == [
        ("dt", "Term"), ("dd", "Definition"), ("dt", "Other"), ("dd", "Its def"),
    ]
    indent = art.lead[1]
    assert isinstance(indent, ListBlock) and indent.items[0].kind == "dd"


def test_deep_list_without_parent_items():
    art = parse("**deep")
    outer = art.lead[0]
    assert isinstance(outer, ListBlock)
    inner = outer.items[0].blocks[0]
    assert isinstance(inner, ListBlock) and plain_text(inner.items[0].children) == "deep"


# ------------------------------------------------------------------ tables


def test_wikitable_with_caption_headers_spans():
    art = parse(
        '{| class="wikitable sortable" onclick="x()"\n|+ Caption\n! H1 !! H2\n|-\n'
        '| rowspan=2 align=center | a || b\n|-\n| c\n|}'
    )
    table = art.lead[0]
    assert isinstance(table, Table)
    assert table.css_class == "wikitable sortable"
    assert plain_text(table.caption) == "Caption"
    assert [c.header for c in table.rows[0].cells] == [True, True]
    cell = table.rows[1].cells[0]
    assert (cell.rowspan, cell.align) == (2, "center")
    assert [len(r.cells) for r in table.rows] == [2, 2, 1]


def test_nested_table_and_html_table():
    art = parse(
        "{|\n|\n{|\n| inner\n|}\n|}\n"
        "<table><tr><th colspan=2>H</th></tr><tr><td>x</td><td>y</td></tr></table>"
    )
    outer, html_table = art.lead[0], art.lead[1]
    assert isinstance(outer, Table)
    inner = outer.rows[0].cells[0].blocks[0]
    assert isinstance(inner, Table)
    assert isinstance(html_table, Table)
    assert html_table.rows[0].cells[0].colspan == 2
    assert html_table.rows[0].cells[0].header


# ------------------------------------------------------------------ pre, blockquote, div


def test_preformatted_forms():
    art = parse("Text\n\n pre line one\n pre ''two''\n\n<pre>[[not a link]] &amp;</pre>")
    pre1, pre2 = (b for b in art.lead if isinstance(b, Preformatted))
    assert plain_text(pre1.children).startswith("pre line one")
    assert any(isinstance(c, Style) for c in pre1.children)
    assert pre2.children == (Text("[[not a link]] &"),)
    assert art.links == ()


def test_blockquote_div_center_hr():
    art = parse(
        '<blockquote>Quoted\n\n more</blockquote>\n<div class="note x;y">In div</div>\n'
        "<center>mid</center>\n----\nafter"
    )
    kinds = [type(b) for b in art.lead]
    assert kinds[:4] == [Blockquote, Division, Division, HorizontalRule]
    quote = art.lead[0]
    assert isinstance(quote, Blockquote)
    assert not any(isinstance(b, Preformatted) for b in quote.blocks)
    div = art.lead[1]
    assert isinstance(div, Division) and div.css_class == "note"
    center = art.lead[2]
    assert isinstance(center, Division) and center.css_class == "center"


# ------------------------------------------------------------------ inline html, entities


def test_inline_html_styles_and_spans():
    art = parse(
        'a<sup>2</sup> H<sub>2</sub>O <code>x</code> <s>old</s> <u>u</u> <small>s</small> '
        '<abbr title="World Health Organization">WHO</abbr> '
        '<span class="nowrap" style="color:red">n</span> <kbd>K</kbd> <del>d</del>'
    )
    children = inlines_of(art)
    tags = [c.tag for c in children if isinstance(c, Style)]
    assert tags == ["sup", "sub", "code", "s", "u", "small", "abbr", "kbd", "del"]
    abbr = next(c for c in children if isinstance(c, Style) and c.tag == "abbr")
    assert abbr.title == "World Health Organization"
    span = next(c for c in children if isinstance(c, Span))
    assert span.css_class == "nowrap"


def test_br_entities_comments_magic_words_signatures():
    art = parse("a<br>b<br/>c &amp; &eacute; &#x41;<!-- hidden --> __NOTOC__ ~~~~ end")
    children = inlines_of(art)
    assert sum(isinstance(c, LineBreak) for c in children) == 2
    text = plain_text(children)
    assert "& é A" in text
    assert "hidden" not in text and "NOTOC" not in text and "~" not in text
    assert text.endswith("end")


def test_nowiki_is_literal():
    art = parse("<nowiki>[[x]] ''y'' {{z}}</nowiki>")
    assert inlines_of(art) == (Text("[[x]] ''y'' {{z}}"),)
    assert art.links == () and art.unknown_templates == ()


def test_disallowed_tags_are_literal_text():
    art = parse('<script>alert(1)</script> <iframe src="http://x">f</iframe> <foo>bar</foo>')
    children = inlines_of(art)
    assert all(isinstance(c, Text) for c in children)
    text = plain_text(children)
    assert "<script>" in text and "alert" not in text
    assert '<iframe src="http://x">' in text and "<foo>bar</foo>" in text


def test_math_inline_and_display():
    art = parse("Inline <math>x^2</math> here.\n\n<math>E=mc^2</math>\n\n"
                "<math display=block>a</math>")
    inline = next(c for c in inlines_of(art) if isinstance(c, Math))
    assert inline == Math("x^2", False)
    displays = [n for n in all_nodes(art) if isinstance(n, Math) and n.display]
    assert [m.tex for m in displays] == ["E=mc^2", "a"]
    indented = parse(":<math>\\int f</math>").lead[0]
    assert isinstance(indented, ListBlock)
    assert indented.items[0].children == (Math("\\int f", True),)


def test_stray_unbalanced_tags_are_dropped():
    art = parse("a <small>b\n\nc</div> d")
    assert "<" not in "".join(plain_text(p.children) for p in art.lead
                              if isinstance(p, Paragraph))


# ------------------------------------------------------------------ links


def test_internal_links_normalised_with_trail_and_fragment():
    art = parse(
        "[[multiple_myeloma|MM]]s [[drug]]s [[ foo  bar #Sec tion]] [[#Local]] [[Foo (bar)|]]"
    )
    links = [c for c in inlines_of(art) if isinstance(c, Link)]
    assert links[0] == Link("Multiple myeloma", "", (Text("MMs"),))
    assert links[1].children == (Text("drugs"),)
    assert (links[2].target, links[2].fragment) == ("Foo bar", "Sec_tion")
    assert (links[3].target, links[3].fragment) == ("", "Local")
    assert links[4].children == (Text("Foo"),)
    assert art.links == ("Multiple myeloma", "Drug", "Foo bar", "Foo (bar)")


def test_categories_interlanguage_and_category_links():
    art = parse(
        "Text [[:Category:Drugs|drug list]].\n[[Category:Drugs|sort key]]\n"
        "[[Category:Isoindolines]]\n[[fr:Lénalidomide]]\n[[de:Lenalidomid]]"
    )
    assert art.categories == ("Drugs", "Isoindolines")
    link = next(c for c in inlines_of(art) if isinstance(c, Link))
    assert link.namespace == "Category" and link.target == "Category:Drugs"
    text = plain_text(inlines_of(art))
    assert "Lénalidomide" not in text and "sort key" not in text


def test_interwiki_becomes_external_link():
    art = parse("[[wikt:drug|drug]] [[commons:Category:X]] [[wikt:fr:mot]]")
    links = [c for c in inlines_of(art) if isinstance(c, ExternalLink)]
    assert links[0].url == "https://en.wiktionary.org/wiki/drug"
    assert links[1].url == "https://commons.wikimedia.org/wiki/Category:X"
    assert links[2].url == "https://fr.wiktionary.org/wiki/mot"
    assert art.links == ()


def test_external_links_bracketed_bare_numbered_and_unsafe():
    art = parse(
        "[https://a.org/x Site A] https://b.org/y. [http://c.org] [http://d.org] "
        "[//e.org proto] [javascript:alert(1) bad]"
    )
    links = [c for c in inlines_of(art) if isinstance(c, ExternalLink)]
    assert links[0] == ExternalLink("https://a.org/x", (Text("Site A"),))
    assert links[1].url == "https://b.org/y"
    assert [(x.url, x.number) for x in links[2:4]] == [("http://c.org", 1), ("http://d.org", 2)]
    assert links[4].url == "https://e.org"
    assert [e.url for e in art.external_links][:2] == ["https://a.org/x", "https://b.org/y"]
    assert "javascript" not in "".join(e.url for e in art.external_links)
    assert all("javascript" not in x.url for x in links)


def test_file_links_become_figures_with_options_and_caption():
    art = parse(
        "[[File:Foo_bar.jpg|thumb|left|upright=1.2|220px|alt=A foo|A ''nice'' [[bar]]"
        "<ref>Cap ref</ref>]]\nText.<ref>Body ref</ref>\n\n"
        "[[Image:Icon.png|20px]] inline icon [[Image:Icon2.png|20px]]"
    )
    figure = art.lead[0]
    assert isinstance(figure, Figure)
    media = figure.media
    assert (media.filename, media.kind, media.alt) == ("Foo bar.jpg", "thumb", "A foo")
    assert plain_text(media.caption) == "A nice bar"
    marker = next(c for c in media.caption if isinstance(c, RefMarker))
    assert marker.number == 1
    assert [r.text for r in art.references] == ["Cap ref", "Body ref"]
    assert [m.filename for m in art.media] == ["Foo bar.jpg", "Icon.png", "Icon2.png"]
    assert "Bar" in art.links


def test_lone_file_link_is_a_figure_and_gallery():
    art = parse("[[File:Alone.png|A caption]]\n\n<gallery>\nFile:G1.jpg|First [[x|y]]\n"
                "G2.png\n</gallery>")
    assert isinstance(art.lead[0], Figure)
    gallery = art.lead[1]
    assert isinstance(gallery, Gallery)
    assert [m.filename for m in gallery.items] == ["G1.jpg", "G2.png"]
    assert plain_text(gallery.items[0].caption) == "First y"


# ------------------------------------------------------------------ references


def test_references_numbered_named_reused_and_grouped():
    art = parse(
        'A<ref name="x">X content</ref> B<ref>anon</ref> C<ref name=x/> '
        'D<ref group=note>a note</ref> E<ref name="later"/> F<ref name=x></ref>\n'
        '<ref name=later>Defined later</ref>\n== Notes ==\n<references group="note"/>\n'
        "== References ==\n<references/>"
    )
    refs = art.references
    assert [(r.group, r.number, r.name, r.text) for r in refs] == [
        ("", 1, "x", "X content"),
        ("", 2, "", "anon"),
        ("", 3, "later", "Defined later"),
        ("note", 1, "", "a note"),
    ]
    assert len(refs[0].uses) == 3 and len(refs[2].uses) == 2
    markers = [n for n in all_nodes(art) if isinstance(n, RefMarker)]
    for m in markers:
        assert m.anchor in refs[m.index].uses
        assert refs[m.index].number == m.number
    assert len({m.anchor for m in markers}) == len(markers)
    assert len({r.anchor for r in refs}) == len(refs)
    lists = [b for s in art.sections for b in s.blocks if isinstance(b, ReferenceList)]
    assert [rl.group for rl in lists] == ["note", ""]


def test_list_defined_references_and_undefined():
    art = parse(
        "A<ref name=a/> B<ref name=missing/>\n<references>\n<ref name=a>List defined</ref>\n"
        "<ref name=unused>Never used</ref>\n</references>"
    )
    assert [r.text for r in art.references] == [
        "List defined", "Reference 'missing' is not defined",
    ]


def test_nested_refs_do_not_loop():
    art = parse('A<ref name=a>Outer <ref name=a/> and <ref name=b>inner</ref></ref>')
    assert [r.name for r in art.references] == ["a", "b"]
    assert art.references[0].text.startswith("Outer")


def test_refs_in_tables_numbered_in_order():
    art = parse("A<ref>one</ref>\n{|\n| cell<ref>two</ref>\n|}\nB<ref>three</ref>")
    assert [r.text for r in art.references] == ["one", "two", "three"]


# ------------------------------------------------------------------ templates


def test_unknown_templates_recorded_with_fallback():
    art = bare(
        "{{Use dmy dates}}{{Infobox thing|a=1}}Text {{em|word}} {{foo|a|b}} {{em|again}} "
        "{{Navbox|x}} {{cleanup|reason=x}}"
    )
    counts = {u.name: u.count for u in art.unknown_templates}
    assert counts == {
        "use dmy dates": 1, "infobox thing": 1, "em": 2, "foo": 1, "navbox": 1, "cleanup": 1,
    }
    text = plain_text(inlines_of(art))
    assert text == "Text word again"
    assert "{{" not in text and "}}" not in text


def test_handler_context_and_block_results():
    registry = TemplateRegistry()

    @registry.register("quote")
    def quote(call, ctx):
        return (Blockquote(ctx.blocks(call.arg(1))),)

    @registry.register("nowrap")
    def nowrap(call, ctx):
        return (Span("nowrap", ctx.inlines(call.arg(1))),)

    @registry.register("short description")
    def short(call, ctx):
        ctx.set_short_description(ctx.text(call.arg(1)))
        return ()

    @registry.register("broken")
    def broken(call, ctx):
        raise ValueError("bug in a handler")

    art = parse_article(
        "{{Short description|A ''test'' page}}Before {{nowrap|a [[b]]}} {{quote|Q\n* item}} "
        "after {{broken|x}}",
        "T",
        registry=registry,
    )
    assert art.short_description == "A test page"
    assert isinstance(art.lead[0], Paragraph)
    assert isinstance(art.lead[0].children[-1], Span)
    assert isinstance(art.lead[1], Blockquote)
    assert plain_text(art.lead[2].children) == "after x"
    assert any("broken" in n for n in art.notices)
    assert art.links == ("B",)


def test_hatnotes_before_text_move_to_article():
    from viewer.article.model import Hatnote

    registry = TemplateRegistry()

    @registry.register("about")
    def about(call, ctx):
        return (Hatnote("about", (Text("This article is about X."),)),)

    art = parse_article("{{about}}\n'''X''' is.\n== S ==\n{{about}}", "X", registry=registry)
    assert [h.kind for h in art.hatnotes] == ["about"]
    assert isinstance(art.lead[0], Paragraph)
    assert isinstance(art.sections[0].blocks[0], Hatnote)


def test_context_refs_citations_and_infobox():
    from viewer.article.model import Citation, Infobox, InfoboxField

    registry = TemplateRegistry()

    @registry.register("cite")
    def cite(call, ctx):
        ctx.add_citation(Citation("journal", title=ctx.text(call.get("title"))))
        return (Text(ctx.text(call.get("title"))),)

    @registry.register("efn")
    def efn(call, ctx):
        return (ctx.add_ref(call.arg(1), group="lower-alpha"),)

    @registry.register("infobox")
    def infobox(call, ctx):
        value = ctx.inlines(call.get("x"))
        ctx.set_infobox(Infobox("infobox", "T", (InfoboxField("x", "X", value,
                                                               ctx.text(call.get("x"))),)))
        return ()

    art = parse_article(
        "{{infobox|x=val<ref>box ref</ref>}}A{{efn|note<ref>in note</ref>}} "
        "B<ref>{{cite|title=T1}}</ref>\n== Further ==\n* {{cite|title=Book}}",
        "T",
        registry=registry,
    )
    assert art.infobox is not None and art.infobox.fields[0].text == "val"
    refs = art.references
    assert [(r.group, r.number, r.text) for r in refs] == [
        ("", 1, "box ref"), ("", 2, "in note"), ("", 3, "T1"), ("lower-alpha", 1, "note"),
    ]
    assert refs[2].citation is not None and refs[2].citation.title == "T1"
    assert [c.title for c in art.bibliography] == ["Book"]
    markers = [n for n in all_nodes(art) if isinstance(n, RefMarker)]
    markers += [n for n in walk(art.infobox.fields[0].value) if isinstance(n, RefMarker)]
    for m in markers:
        assert m.anchor in refs[m.index].uses


# ------------------------------------------------------------------ page level


def test_redirect():
    art = parse("#REDIRECT [[lenalidomide#Uses]]\n{{R from other}}\n[[Category:Redirects]]")
    assert art.redirect == "Lenalidomide"
    assert art.categories == ("Redirects",)


def test_never_raises_on_pathological_input():
    for text in (
        "{{" * 3000 + "x" + "}}" * 3000,
        "[[" * 3000 + "x" + "]]" * 3000,
        "<div>" * 2000 + "x" + "</div>" * 2000,
        "{|\n|" * 500 + "x",
        "''" * 5000,
        "*" * 5000 + " deep",
        "<ref>" * 300 + "x" + "</ref>" * 300,
        "\x00\ud800 odd",
        "",
    ):
        art = parse(text)
        assert isinstance(art, Article)


def test_deep_nesting_degrades_with_notice():
    text = "<span>" * 200 + "deep" + "</span>" * 200
    art = parse(text)
    assert any("nested" in n for n in art.notices)
    assert "deep" in plain_text(inlines_of(art))


def test_no_raw_markup_leaks_into_text():
    art = parse(
        "{{foo|[[bar]]}} [[a|b]] ''c'' <ref>d</ref> {{{1}}} {{{2|two}}} [[File:X.png|thumb|y]]"
    )
    texts = [n.text for n in all_nodes(art) if isinstance(n, Text)]
    for t in texts:
        assert "{{" not in t and "[[" not in t and "''" not in t and "<ref" not in t


def test_unclosed_markup_is_defused_with_notice():
    from viewer.article.guard import defuse

    for text in (
        "{{a|" * 2000, "[[a|" * 2000, "<div>" * 2000, "[http://a.org " * 2000, "<!--\n" * 2000,
    ):
        art = parse(text)
        assert any("malformed" in n for n in art.notices)
    deep = "\n".join("*" * i + " x" for i in range(1, 60))
    assert max(len(line) - 2 for line in defuse(deep)[0].split("\n")) == 16
    ordinary = "{{a|b}} [[c]] <div>d</div> [http://e.org f]\n* g"
    assert defuse(ordinary) == (ordinary, False)


def test_indented_table_poem_code_and_media_link():
    art = parse(
        ":{|\n| a\n|}\n<poem>\nLine one\n''Line'' two\n</poem>\n"
        "<syntaxhighlight lang=python>\nx = 1\n</syntaxhighlight>\n"
        "Hear [[Media:Song.ogg|this]]<meta itemprop=x/>."
    )
    table, poem, code, para = art.lead
    assert isinstance(table, Table)
    assert isinstance(poem, Division) and poem.css_class == "poem"
    poem_para = poem.blocks[0]
    assert isinstance(poem_para, Paragraph)
    assert any(isinstance(c, LineBreak) for c in poem_para.children)
    assert code == Preformatted((Text("x = 1"),))
    assert isinstance(para, Paragraph) and plain_text(para.children) == "Hear this."
    assert [m.filename for m in art.media] == ["Song.ogg"]


def test_table_fostering_and_broken_table_markup():
    art = parse("{|\n|-\n*a\n*b\n|}\n\n{|\n|-\n\n{|\n| x\n|}\n\nafter")
    fostered = art.lead[0]
    assert isinstance(fostered, ListBlock) and len(fostered.items) == 2
    texts = [plain_text(b.children) for b in art.lead if isinstance(b, Paragraph)]
    assert texts == ["after"]
    assert any(isinstance(b, Table) for b in art.lead)


def test_free_url_does_not_swallow_file_caption():
    art = parse("[[File:Foobar.jpg|thumb|link=http://example.com/|Title]]")
    figure = art.lead[0]
    assert isinstance(figure, Figure) and figure.media.caption == (Text("Title"),)


def test_html_lists_closed_and_unclosed_items():
    art = parse("<ul>\n<li>One\n<li>Two:\n<ol>\n<li>Sub-one</li><li>Sub-two</li>\n</ol>\n</ul>")
    ul = art.lead[0]
    assert isinstance(ul, ListBlock) and ul.kind == "ul"
    assert [plain_text(i.children) for i in ul.items] == ["One", "Two:"]
    sub = ul.items[1].blocks[0]
    assert isinstance(sub, ListBlock) and sub.kind == "ol"
    assert [plain_text(i.children) for i in sub.items] == ["Sub-one", "Sub-two"]


def test_self_recursive_template_handler_terminates():
    registry = TemplateRegistry()

    @registry.register("loop")
    def loop(call, ctx):
        return ctx.inlines("{{loop}} x")

    art = parse_article("A {{loop}} B", "T", registry=registry)
    assert any("nested" in n for n in art.notices)
    text = plain_text(inlines_of(art))
    assert text.startswith("A ") and text.endswith(" B")


def test_links_do_not_nest_and_never_empty():
    art = parse("[[Foo|see [[Bar]] and [http://x.org y]]] [[Baz|<!-- -->]]")
    first, second = (c for c in inlines_of(art) if isinstance(c, Link))
    assert first.children == (Text("see Bar and y"),)
    assert second.children == (Text("Baz"),)


def test_reference_markers_move_out_of_link_text():
    art = parse("[[Foo|bar<ref>x</ref>]] [http://x.org y<ref>z</ref>] [[Baz|<ref>w</ref>]]")
    children = inlines_of(art)
    kinds = [type(c).__name__ for c in children if not isinstance(c, Text)]
    assert kinds == ["Link", "RefMarker", "ExternalLink", "RefMarker", "Link", "RefMarker"]
    assert children[-2] == Link("Baz", "", (Text("Baz"),))


def test_headings_inside_a_top_level_div_are_sections():
    art = parse("Lead\n<div class=x>\n== A ==\ntext a\n== B ==\ntext b\n</div>\n== C ==\nc")
    assert [s.title for s in art.sections] == ["A", "B", "C"]
    assert plain_text(inlines_of(art)) == "Lead"


def test_ref_follow_continues_a_reference_without_marker():
    art = parse("A<ref name=p>Page 1</ref> B<ref follow=p>continued</ref>")
    assert [r.text for r in art.references] == ["Page 1 continued"]
    assert sum(isinstance(c, RefMarker) for c in inlines_of(art)) == 1
