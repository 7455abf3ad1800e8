"""Navboxes, sidebars, bookkeeping and maintenance templates: handled, kept out of the
body, recorded where the model has a place for them."""

from __future__ import annotations

from viewer.article import parse_article, to_text
from viewer.article.model import Article, Paragraph, Span, Style
from viewer.article.templates.citation import plain_text

ARTICLE = """{{Short description|Chemical compound used as a drug}}
{{Use dmy dates|date=May 2020}}
{{pp-semi-indef}}
{{Multiple issues|
{{More citations needed|date=May 2020}}
{{Cleanup|reason=tone}}
}}
{{Infobox-free lead sidebar}}
{{DISPLAYTITLE:''Aspirin''}}
'''Aspirin''' is a drug.{{clarify|date=May 2020}} It was made in 1897.{{when}}
{{Refimprove section|date=2019}}
It is sold {{dead link}} widely.

== See also ==
{{Portal|Medicine|Chemistry}}
{{Portal-inline|Medicine}}

{{Analgesics navbox}}
{{Navbox|name=Salicylates|title=Salicylates|list1=[[Aspirin]]}}
{{Navbox with collapsible groups|name=NSAIDs}}
{{Authority control}}
{{Taxonbar|from=Q1}}
{{Commons category|Aspirin}}
{{Wiktionary|aspirin}}
{{DEFAULTSORT:Aspirin}}
{{Analgesic-drug-stub}}
"""


def parsed() -> Article:
    return parse_article(ARTICLE, "Aspirin")


def test_nothing_is_unknown_and_nothing_leaks() -> None:
    article = parsed()
    assert article.unknown_templates == ()
    text = to_text(article)
    for word in ("{{", "}}", "Navbox", "navbox", "Authority", "Taxonbar", "Multiple issues",
                 "DEFAULTSORT", "Commons", "stub", "More citations"):
        assert word not in text, word


def test_navboxes_are_recorded_by_name() -> None:
    article = parsed()
    assert article.navboxes == (
        "Infobox-free lead sidebar", "Portal: Medicine, Chemistry", "Analgesics navbox",
        "Salicylates", "NSAIDs", "Authority control", "Taxonbar", "Commons category",
        "Wiktionary",
    )


def test_short_description() -> None:
    assert parsed().short_description == "Chemical compound used as a drug"
    assert parse_article("{{short description|none}}\nText.", "T").short_description == ""


def test_inline_maintenance_notes() -> None:
    article = parsed()
    para = next(b for b in article.lead if isinstance(b, Paragraph))
    notes = [n for n in para.children if isinstance(n, Style) and n.tag == "sup"]
    assert [plain_text(n.children) for n in notes] == ["[clarification needed]", "[when?]"]
    span = notes[0].children[0]
    assert isinstance(span, Span) and span.css_class == "citation-needed"
    assert "It is sold widely." in to_text(article).replace("  ", " ")


def test_more_banners_and_inline_tags_seen_on_real_articles() -> None:
    article = parse_article("{{Dead end|date=May 2020}}{{BLP sources|date=May 2020}}\n"
                            "Text.{{elucidate|date=May 2020}} More.{{examples}}\n"
                            "{{Linkrot|date=2019}}\n", "T")
    assert article.unknown_templates == ()
    assert to_text(article) == ("T\n\nText.[further explanation needed] "
                                "More.[examples needed]\n")


def test_portal_inline_and_see_also_section() -> None:
    article = parsed()
    section = article.sections[0]
    assert section.title == "See also"
    assert "Portal: Medicine" in to_text(article)


def test_clarify_span_keeps_its_text() -> None:
    article = parse_article("It {{clarify span|was fast|date=2020}} indeed.", "T")
    para = article.lead[0]
    assert isinstance(para, Paragraph)
    assert plain_text(para.children) == "It was fast[clarification needed] indeed."


def test_unknown_navbox_name_stays_unknown() -> None:
    article = parse_article("Text.\n\n{{Immunosuppressants}}\n", "T")
    assert [u.name for u in article.unknown_templates] == ["immunosuppressants"]
    assert article.navboxes == ()


def test_politics_of_sidebar_is_a_box() -> None:
    article = parse_article("{{Politics of Examplia}}\nThe Senate is a house.\n", "T")
    assert article.unknown_templates == ()
    assert article.navboxes == ("Politics of Examplia",)
    assert to_text(article) == "T\n\nThe Senate is a house.\n"


def test_every_name_of_these_families_survives_junk() -> None:
    """Every template name these four families register, called with no, blank, junk,
    nested and repeated parameters: an article comes out, and no markup leaks."""
    from collections.abc import Iterable

    from viewer.article.templates import citation, footnotes, hatnotes, navbox
    from viewer.article.templates.base import Handler, TemplateRegistry

    class Recording(TemplateRegistry):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def add(self, names: Iterable[str], handler: Handler) -> None:
            names = list(names)
            self.seen.extend(names)
            super().add(names, handler)

    registry = Recording()
    for module in (citation, footnotes, hatnotes, navbox):
        module.register(registry)
    names = [*registry.seen, "cite journal", "cite web", "cite book", "vcite news",
             "foo navbox", "foo sidebar", "pp-move", "Use mdy dates", "Chem-stub"]
    junk = ["", "|", "|a|b|c|d|e|f|g", "|1=|2=x|name=|group=|title=|p=|pp=|l1=",
            "|{{{{N}}|x}}|[[a|b]]|<ref>r</ref>|and|and|x", "|title=a|title=|title=b",
            "|vauthors=,,etal|last3=|first9=Q|year=abcd|doi=|pmid=x|url=javascript:x"]
    for name in names:
        calls = ["{{" + name + params.replace("{{N}}", name) + "}}" for params in junk]
        body = "\n\n".join(f"Lead {call} text.\n{call}" for call in calls)
        text = to_text(parse_article(body + "\n{{reflist}}\n", "T"))
        assert "{{" not in text and "}}" not in text, name
