"""Hatnotes: MediaWiki wording, real links, placement in Article.hatnotes."""

from __future__ import annotations

import pytest

from viewer.article import parse_article, to_text
from viewer.article.model import Hatnote, Link
from viewer.article.templates.citation import plain_text
from viewer.article.templates.hatnotes import page_link


def top(wikitext: str, title: str = "Mercury") -> Hatnote:
    article = parse_article(wikitext + "\n'''Body''' text.\n", title)
    assert len(article.hatnotes) == 1, article.hatnotes
    return article.hatnotes[0]


def text_of(note: Hatnote) -> str:
    return plain_text(note.children)


def targets(note: Hatnote) -> list[tuple[str, str, str]]:
    return [(n.target, n.fragment, plain_text(n.children)) for n in note.children
            if isinstance(n, Link)]


def test_page_link_sections_and_labels() -> None:
    link = page_link("history of chemistry#Early_days")
    assert (link.target, link.fragment) == ("History of chemistry", "Early_days")
    assert plain_text(link.children) == "History of chemistry § Early days"
    assert plain_text(page_link("#Uses").children) == "§ Uses"
    assert plain_text(page_link("Foo", "bar").children) == "bar"
    cat = page_link("Category:Metals")
    assert (cat.target, cat.namespace) == ("Category:Metals", "Category")


@pytest.mark.parametrize(
    ("wikitext", "expected", "links"),
    [
        ("{{about|the element}}",
         "This article is about the element. For other uses, see Mercury (disambiguation).",
         ["Mercury (disambiguation)"]),
        ("{{about|the element|the planet|Mercury (planet)}}",
         "This article is about the element. For the planet, see Mercury (planet).",
         ["Mercury (planet)"]),
        ("{{about|the element|the planet|Mercury (planet)|and|Planet Mercury|the god|"
         "Mercury (mythology)}}",
         "This article is about the element. For the planet, see Mercury (planet) and "
         "Planet Mercury. For the god, see Mercury (mythology).",
         ["Mercury (planet)", "Planet Mercury", "Mercury (mythology)"]),
        ("{{about|the element||Mercury (disambig)}}",
         "This article is about the element. For other uses, see Mercury (disambig).",
         ["Mercury (disambig)"]),
        ("{{for|the planet|Mercury (planet)}}", "For the planet, see Mercury (planet).",
         ["Mercury (planet)"]),
        ("{{for|other uses|A|B|C}}", "For other uses, see A, B, and C.", ["A", "B", "C"]),
        ("{{other uses}}", "For other uses, see Mercury (disambiguation).",
         ["Mercury (disambiguation)"]),
        ("{{other people|John Smith}}",
         "For other people named John Smith, see John Smith (disambiguation).",
         ["John Smith (disambiguation)"]),
        ('{{redirect|Quicksilver}}',
         "“Quicksilver” redirects here. For other uses, see Quicksilver (disambiguation).",
         ["Quicksilver (disambiguation)"]),
        ("{{redirect|Hg|the band|Hg (band)}}",
         "“Hg” redirects here. For the band, see Hg (band).", ["Hg (band)"]),
        ("{{redirect2|Hg|Hydrargyrum|the band|Hg (band)}}",
         "“Hg” and “Hydrargyrum” redirect here. For the band, see Hg (band).",
         ["Hg (band)"]),
        ("{{distinguish|Mercer|Mercy}}", "Not to be confused with Mercer or Mercy.",
         ["Mercer", "Mercy"]),
        ("{{distinguish|text=the car brand}}", "Not to be confused with the car brand.", []),
        ("{{main|Mercury poisoning}}", "Main article: Mercury poisoning", ["Mercury poisoning"]),
        ("{{main|A|B|C}}", "Main articles: A, B, and C", ["A", "B", "C"]),
        ("{{Main article|A|B}}", "Main articles: A and B", ["A", "B"]),
        ("{{see also|Amalgam (chemistry)|Cinnabar}}",
         "See also: Amalgam (chemistry) and Cinnabar", ["Amalgam (chemistry)", "Cinnabar"]),
        ("{{further|Toxicity}}", "Further information: Toxicity", ["Toxicity"]),
        ("{{further information|Toxicity}}", "Further information: Toxicity", ["Toxicity"]),
        ("{{further|Toxicity|topic=poisoning}}", "Further information on poisoning: Toxicity",
         ["Toxicity"]),
        ("{{other uses of|Hg}}", "For other uses of “Hg”, see Hg (disambiguation).",
         ["Hg (disambiguation)"]),
        ("{{details|Mercury poisoning|toxicity}}",
         "For more details on toxicity, see Mercury poisoning.", ["Mercury poisoning"]),
        ("{{broader|Chemical element}}",
         "For broader coverage of this topic, see Chemical element.", ["Chemical element"]),
        ("{{hatnote|A free-form note about [[Venus]].}}", "A free-form note about Venus.",
         ["Venus"]),
        ("{{for multi|the planet|Mercury (planet)|the god|Mercury (mythology)}}",
         "For the planet, see Mercury (planet). For the god, see Mercury (mythology).",
         ["Mercury (planet)", "Mercury (mythology)"]),
        ("{{other ships|HMS Mercury}}",
         "For other ships with the same name, see HMS Mercury.", ["HMS Mercury"]),
        ("{{other hurricanes|Hurricane Mercury}}",
         "For other storms with the same name, see Hurricane Mercury.",
         ["Hurricane Mercury"]),
    ],
)
def test_wording_and_links(wikitext: str, expected: str, links: list[str]) -> None:
    note = top(wikitext)
    assert text_of(note) == expected
    assert [t[0] for t in targets(note)] == links


def test_section_links_and_labels() -> None:
    note = top("{{main|Mercury (planet)#Orbit|l1=the orbit}}")
    assert targets(note) == [("Mercury (planet)", "Orbit", "the orbit")]
    note = top("{{see also|Periodic table#Group 12}}")
    assert targets(note) == [("Periodic table", "Group_12", "Periodic table § Group 12")]
    assert note.kind == "see also"


def test_section_hatnotes_stay_in_their_section() -> None:
    article = parse_article(
        "Lead.\n== Toxicity ==\n{{main|Mercury poisoning}}\nMercury is toxic.\n", "Mercury")
    assert article.hatnotes == ()
    first = article.sections[0].blocks[0]
    assert isinstance(first, Hatnote) and first.kind == "main"
    assert "Main article: Mercury poisoning" in to_text(article)


def test_hatnote_group_keeps_each_hatnote() -> None:
    article = parse_article("{{Hatnote group|{{for|the god|Mercury (mythology)}}"
                            "{{redirect|Hg}}}}\nMercury is an element.\n", "Mercury")
    assert [h.kind for h in article.hatnotes] == ["for", "redirect"]
    assert article.unknown_templates == ()
    assert to_text(article).startswith(
        "Mercury\n\nFor the god, see Mercury (mythology).\n\n“Hg” redirects here.")


def test_empty_hatnotes_render_nothing() -> None:
    article = parse_article("{{main}}{{see also}}{{distinguish}}{{redirect}}\nText.", "T")
    assert article.hatnotes == ()
    assert article.unknown_templates == ()
    assert "{{" not in to_text(article)


def test_kinds() -> None:
    assert top("{{Further information|X}}").kind == "further"
    assert top("{{about|a}}").kind == "about"
    assert top("{{selfref|Not shown in print.}}").kind == "selfref"


def test_about_section_form() -> None:
    article = parse_article("Lead.\n== Uses ==\n{{about|uses in medicine|other uses|Uses of X|"
                            "section=yes}}\nText.", "X")
    note = article.sections[0].blocks[0]
    assert isinstance(note, Hatnote)
    assert text_of(note) == ("This section is about uses in medicine. For other uses, "
                             "see Uses of X.")
