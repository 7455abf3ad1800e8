"""The footnote family: reference lists, efn/notelist groups, refn, #tag:ref, sfn/harv."""

from __future__ import annotations

from collections.abc import Iterable

from viewer.article import parse_article, to_text
from viewer.article.model import (
    Article,
    Block,
    Inline,
    Link,
    Paragraph,
    ReferenceList,
    RefMarker,
    Span,
    Style,
    Text,
)
from viewer.article.templates.citation import plain_text
from viewer.article.templates.footnotes import harv_names, short_citation


def blocks(article: Article) -> list[Block]:
    out: list[Block] = list(article.lead)
    for section in article.walk_sections():
        out.extend(section.blocks)
    return out


def lead_inlines(article: Article) -> tuple[Inline, ...]:
    para = article.lead[0]
    assert isinstance(para, Paragraph)
    return para.children


def markers(nodes: Iterable[Inline]) -> list[RefMarker]:
    return [n for n in nodes if isinstance(n, RefMarker)]


def test_harv_names() -> None:
    assert harv_names(["Smith"]) == "Smith"
    assert harv_names(["Smith", "Jones"]) == "Smith & Jones"
    assert harv_names(["Smith", "Jones", "Brown"]) == "Smith, Jones & Brown"
    assert harv_names(["Smith", "Jones", "Brown", "Black"]) == "Smith et al."
    assert short_citation(["Smith"], "2005a") == "Smith 2005a"
    assert short_citation([], "") == ""


def test_reflist_group_and_list_defined_refs() -> None:
    article = parse_article(
        'Fact.<ref name="a"/> Note.<ref group="note">A note.</ref>\n'
        "== Notes ==\n{{reflist|group=note}}\n"
        '== References ==\n{{Reflist|30em|refs=<ref name="a">Defined in the list.</ref>}}\n',
        "T",
    )
    lists = [b for b in blocks(article) if isinstance(b, ReferenceList)]
    assert [rl.group for rl in lists] == ["note", ""]
    by_group = {(r.group, r.number): r.text for r in article.references}
    assert by_group == {("", 1): "Defined in the list.", ("note", 1): "A note."}


def test_efn_and_notelist_variants() -> None:
    article = parse_article(
        "Alpha.{{efn|First note.}} Beta.{{efn|Second note.|name=b}} Again.{{efn|name=b}}"
        " Upper.{{efn-ua|Upper note.}} Roman.{{efn-lr|Roman note.}}\n\n"
        "{{notelist}}\n{{notelist-ua}}\n{{notelist-lr}}\n",
        "T",
    )
    refs = {(r.group, r.number): r for r in article.references}
    assert refs[("lower-alpha", 1)].text == "First note."
    second = refs[("lower-alpha", 2)]
    assert second.text == "Second note." and second.name == "b" and len(second.uses) == 2
    assert refs[("upper-alpha", 1)].text == "Upper note."
    assert refs[("lower-roman", 1)].text == "Roman note."
    groups = [b.group for b in article.lead if isinstance(b, ReferenceList)]
    assert groups == ["lower-alpha", "upper-alpha", "lower-roman"]
    marks = markers(lead_inlines(article))
    assert [(m.group, m.number) for m in marks] == [
        ("lower-alpha", 1), ("lower-alpha", 2), ("lower-alpha", 2), ("upper-alpha", 1),
        ("lower-roman", 1)]


def test_efn_with_a_citation_inside_and_group_param() -> None:
    article = parse_article(
        "Claim.{{efn|group=n|See {{cite book |last=Doe |title=Book |year=2000}}.}}\n\n"
        "{{notelist|group=n}}", "T")
    ref = article.references[0]
    assert ref.group == "n"
    assert ref.citation is not None and ref.citation.title == "Book"
    # The citation's own full stop and the text's one, as MediaWiki shows them too.
    assert ref.text == "See Doe (2000). Book.."


def test_refn_and_tag_ref() -> None:
    article = parse_article(
        "One.{{refn|group=note|name=r|A refn note.}} Two.{{#tag:ref|Tagged content.|name=t}}"
        " Three.<ref name=t/>\n\n{{reflist}}\n{{reflist|group=note}}\n", "T")
    refs = {r.name: r for r in article.references}
    assert refs["r"].group == "note" and refs["r"].text == "A refn note."
    assert refs["t"].group == "" and refs["t"].text == "Tagged content."
    assert len(refs["t"].uses) == 2


def test_tag_references_and_other_tags() -> None:
    article = parse_article(
        "A.<ref name=x/>\n\n{{#tag:references|<ref name=x>Listed.</ref>}}\n\n"
        "Then {{#tag:span|inline words}}.", "T")
    assert article.references[0].text == "Listed."
    assert any(isinstance(b, ReferenceList) for b in article.lead)
    assert "inline words" in to_text(article)


def test_sfn_merges_identical_short_citations() -> None:
    article = parse_article(
        "A.{{sfn|Smith|2005|p=12}} B.{{sfn|Smith|2005|p=12}} C.{{sfn|Smith|2005|pp=13–14}}"
        " D.{{sfn|Smith|Jones|2007}}\n\n== References ==\n{{reflist}}\n"
        "== Sources ==\n* {{cite book |last=Smith |first=J. |title=Book |year=2005}}\n"
        "* {{cite book |last1=Smith |last2=Jones |title=Other |year=2007}}\n",
        "T",
    )
    texts = [r.text for r in article.references]
    assert texts == ["Smith 2005, p. 12.", "Smith 2005, pp. 13–14.", "Smith & Jones 2007."]
    assert len(article.references[0].uses) == 2
    link = article.references[0].content[0]
    assert isinstance(link, Link)
    assert (link.target, link.fragment) == ("", "CITEREFSmith2005")
    # ... and the full citations carry the matching anchors.
    anchors = {c.title for c in article.bibliography}
    assert anchors == {"Book", "Other"}
    sources = article.sections[1].blocks
    spans = [n for n in _walk_blocks(sources) if isinstance(n, Span)
             and n.css_class.startswith("citation")]
    assert [s.anchor for s in spans] == ["CITEREFSmith2005", "CITEREFSmithJones2007"]


def _walk_blocks(items: Iterable[object]) -> list[Inline]:
    out: list[Inline] = []

    def visit_inlines(nodes: Iterable[Inline]) -> None:
        for n in nodes:
            out.append(n)
            visit_inlines(getattr(n, "children", ()))

    for block in items:
        for attr in ("children", "items", "blocks"):
            for child in getattr(block, attr, ()):
                if isinstance(child, (Text, Style, Span, Link, RefMarker)):
                    visit_inlines((child,))
                else:
                    out.extend(_walk_blocks((child,)))
    return out


def test_sfnp_sfnm_and_postscript() -> None:
    article = parse_article(
        "A.{{sfnp|Smith|2005|loc=ch. 3}} B.{{sfnm|1a1=Smith|1y=2005|1p=3|2a1=Lee|2y=1999}}"
        " C.{{sfn|Doe|2001|ps=none}}\n\n{{reflist}}", "T")
    assert [r.text for r in article.references] == [
        "Smith (2005), ch. 3.", "Smith 2005, p. 3; Lee 1999.", "Doe 2001"]


def test_harv_family_inline() -> None:
    article = parse_article(
        "As {{harvtxt|Smith|2005|p=4}} says, and ({{harvnb|Smith|Jones|2006}}) "
        "{{harv|Lee|1999|pp=1–2}} {{harvcolnb|Lee|1999|p=7}} {{harvnb|Org|2000|ref=none}}.",
        "T",
    )
    text = plain_text(lead_inlines(article))
    assert text == ("As Smith (2005, p. 4) says, and (Smith & Jones 2006) "
                    "(Lee 1999, pp. 1–2) Lee 1999:7 Org 2000.")
    links = [n for n in lead_inlines(article) if isinstance(n, Link)]
    assert [(lk.target, lk.fragment) for lk in links] == [
        ("", "CITEREFSmith2005"), ("", "CITEREFSmithJones2006"), ("", "CITEREFLee1999"),
        ("", "CITEREFLee1999")]
    assert article.references == ()


def test_harvid_as_citation_ref() -> None:
    article = parse_article(
        "X.{{sfn|WHO|2010}}\n{{reflist}}\n"
        "* {{cite web |title=Report |author=World Health Organization |year=2010 "
        "|ref={{harvid|WHO|2010}}}}\n", "T")
    spans = [n for n in _walk_blocks(article.lead) if isinstance(n, Span)
             and n.css_class.startswith("citation")]
    assert [s.anchor for s in spans] == ["CITEREFWHO2010"]


def test_rp_and_labels() -> None:
    article = parse_article("Claim.<ref>Source.</ref>{{rp|12–14}} "
                            "Hand{{ref label|a|a}} made.\n\n{{reflist}}", "T")
    sups = [n for n in lead_inlines(article) if isinstance(n, Style) and n.tag == "sup"]
    assert [plain_text(s.children) for s in sups] == [": 12–14", "[a]"]


def test_empty_and_junk_footnotes_do_not_break() -> None:
    article = parse_article(
        "A{{efn}} B{{sfn}} C{{refn}} D{{#tag:ref}} E{{rp}}.\n{{reflist|group=}}", "T")
    assert article.references == ()
    assert article.unknown_templates == ()
    text = to_text(article)
    assert "{{" not in text and "}}" not in text


def test_list_defined_notes_and_grouped_list_definitions() -> None:
    article = parse_article(
        "Text.{{efn|name=fn1}} Upper.{{efn-ua|name=u1}} More.<ref name=r1/>"
        " Grouped.<ref name=n1 group=note/> Tagged.<ref name=t1/>\n\n"
        "{{notelist|refs={{efn|name=fn1|Defined note.}}}}\n"
        "{{notelist-ua|refs=\n{{efn-ua|name=u1|Upper note.}}\n}}\n"
        "{{reflist|refs=\n<ref name=r1>{{cite web |title=Listed |publisher=P}}</ref>\n"
        "{{#tag:ref|Tag defined.|name=t1}}\n}}\n"
        "{{reflist|group=note|refs=<ref name=n1>In the note group.</ref>}}\n",
        "T",
    )
    got = {(r.group, r.name): r.text for r in article.references}
    assert got == {
        ("lower-alpha", "fn1"): "Defined note.",
        ("upper-alpha", "u1"): "Upper note.",
        ("", "r1"): "“Listed”. P.",
        ("", "t1"): "Tag defined.",
        ("note", "n1"): "In the note group.",
    }
    # Definitions inside a list create no markers of their own.
    assert all(len(r.uses) == 1 for r in article.references)


def test_r_template_reuses_named_references() -> None:
    article = parse_article(
        'First.<ref name="a">Source A.</ref> Again.{{r|a|p=12}} Both.{{r|a|b|p2=7}}'
        " Defined.{{r|c|r=Source C.}} Grouped.{{r|g=note|n1}}\n\n"
        "{{reflist|refs=<ref name=b>Source B.</ref>}}\n"
        "{{reflist|group=note|refs=<ref name=n1>Note one.</ref>}}\n", "T")
    refs = {r.name: r for r in article.references}
    assert len(refs["a"].uses) == 3 and refs["b"].text == "Source B."
    assert refs["c"].text == "Source C." and refs["n1"].group == "note"
    sups = [plain_text(n.children) for n in lead_inlines(article)
            if isinstance(n, Style) and n.tag == "sup"]
    assert sups == [": 12", ": 7"]
    marks = markers(lead_inlines(article))
    assert [m.number for m in marks] == [1, 1, 1, 2, 3, 1]
