"""Regressions found on real Wikipedia articles (QA pass): one small article per finding."""

from __future__ import annotations

from viewer.article.model import Article, Figure, Gallery, Link, Paragraph, Style, Text
from viewer.article.parse import parse_article
from viewer.article.render.text import to_text
from viewer.article.titles import classify_target, namespace_of


def parse(text: str, title: str = "Test") -> Article:
    return parse_article(text, title)


def test_localised_category_names_file_categories() -> None:
    art = parse(
        "Text.\n\n[[Kategorie:Beispiel|Sortkey]]\n[[Catégorie:Exemple]]\n"
        "[[Categoría:Ejemplo]]\n[[Категория:Пример]]\n[[分类:例子]]\n[[Thể loại:Ví dụ]]"
    )
    assert art.categories == ("Beispiel", "Exemple", "Ejemplo", "Пример", "例子", "Ví dụ")
    assert to_text(art).strip().splitlines()[-1] != "Sortkey"
    assert "Sortkey" not in to_text(art)


def test_localised_file_names_make_figures() -> None:
    art = parse(
        "[[Datei:A.jpg|thumb|Eine Katze]]\n\n[[Fichier:B.png|vignette|Un chat]]\n\n"
        "[[Файл:C.svg|thumb|right|Кот]]\n\n[[Bild:D.jpg|mini|links|Hund]]\n\n"
        "Text [[Plik:E.jpg|20px]] inline."
    )
    assert [m.filename for m in art.media] == ["A.jpg", "B.png", "C.svg", "D.jpg", "E.jpg"]
    figures = [b for b in art.lead if isinstance(b, Figure)]
    assert [f.media.filename for f in figures] == ["A.jpg", "B.png", "C.svg", "D.jpg"]
    assert figures[0].media.kind == "thumb"
    text = to_text(art)
    assert "Eine Katze" in text
    assert "Datei" not in text and "thumb" not in text


def test_localised_names_keep_leading_colon_links_and_canonical_names() -> None:
    art = parse("See [[:Kategorie:Beispiel|the category]].")
    para = art.lead[0]
    assert isinstance(para, Paragraph)
    link = para.children[1]
    assert isinstance(link, Link)
    assert (link.target, link.namespace) == ("Category:Beispiel", "Category")
    assert namespace_of(" Bestand ") == "File"
    assert namespace_of("Imagine") is None  # an English title prefix stays a page link
    assert classify_target("Image:X.png").kind == "file"
    assert classify_target("Imagine: John Lennon").kind == "page"


def test_localised_file_names_in_gallery() -> None:
    art = parse("<gallery>\nDatei:A.jpg|Eins\nImmagine:B.jpg|Due\n</gallery>")
    gallery = art.lead[0]
    assert isinstance(gallery, Gallery)
    assert [m.filename for m in gallery.items] == ["A.jpg", "B.jpg"]


def test_localised_image_options() -> None:
    art = parse("[[Fichier:B.png|vignette|gauche|Un chat]]\n\n[[Datei:C.png|mini|links|Hund]]")
    figures = [b for b in art.lead if isinstance(b, Figure)]
    assert [(f.media.kind, f.media.filename) for f in figures] == [
        ("thumb", "B.png"), ("thumb", "C.png"),
    ]
    assert "Un chat" in to_text(art) and "vignette" not in to_text(art)
    assert "gauche" not in to_text(art) and "links" not in to_text(art)


def _texts(art: Article) -> list[str]:
    """Every text string of the article's body (lead and sections), depth first."""
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (tuple, list)):
            for child in node:
                walk(child)
        elif hasattr(node, "__dataclass_fields__"):
            for name in node.__dataclass_fields__:
                walk(getattr(node, name))

    walk(art.lead)
    walk(art.sections)
    return out


def test_parser_function_with_angle_brackets_or_links_in_its_name_part() -> None:
    art = parse("x {{#ifexpr: 2 > 1|big|small}} y {{#if: <span>c</span>|yes|no}} z")
    assert to_text(art).split("\n")[2] == "x big y yes z"
    assert not any("{{" in t or "}}" in t for t in _texts(art))


def test_colon_function_with_a_link_keeps_the_link() -> None:
    art = parse("{{lc:AB [[Target|CD]] EF}}")
    para = art.lead[0]
    assert isinstance(para, Paragraph)
    assert any(isinstance(n, Link) and n.target == "Target" for n in para.children)
    assert "{" not in to_text(art) and "}" not in to_text(art)


def test_call_closed_too_early_by_a_nested_unreadable_call() -> None:
    # mwparserfromhell ends the outer #if at the inner call's "}}" and leaves "}}".
    art = parse("a {{#if: 1|{{#ifexpr: 3 > 2|in|out}}|no}} b")
    assert to_text(art).split("\n")[2] == "a in b"
    assert not any("{{" in t or "}}" in t for t in _texts(art))


def test_unreadable_call_that_is_no_function_keeps_its_text_without_braces() -> None:
    art = parse("See {{not a [[template]]|arg}} here.")
    texts = "".join(_texts(art))
    assert "{{" not in texts and "}}" not in texts
    assert "template" in to_text(art) and "arg" in to_text(art)


def test_poem_keeps_leading_spaces_and_colon_indents() -> None:
    art = parse("<poem>\nLine one\n  Line two\n:Indented ''it''\n</poem>")
    lines = to_text(art).split("\n")
    assert "Line one" in lines
    assert "\u00a0\u00a0Line two" in lines
    assert "\u00a0\u00a0\u00a0\u00a0Indented it" in lines


def test_reference_whose_template_shows_nothing_lists_the_call() -> None:
    art = parse("Fact.<ref>{{Cite SomeSite|CA|4}}</ref>\n\n{{reflist}}")
    assert [r.text for r in art.references] == ["Cite SomeSite: CA, 4"]
    assert "1. Cite SomeSite: CA, 4" in to_text(art)


def test_reference_with_a_bare_unknown_call_stays_blank_not_a_template_name() -> None:
    art = parse("Fact.<ref>{{somethingunknown}}</ref>\n\n{{reflist}}")
    assert [r.text for r in art.references] == [""]
    assert "somethingunknown" not in to_text(art)


def test_italic_opened_in_link_text_continues_after_the_link() -> None:
    # MediaWiki resolves quotes on the whole line before it makes links.
    art = parse("[[Alpha|''x]] y'' z")
    para = art.lead[0]
    assert isinstance(para, Paragraph)
    assert para.children == (
        Link("Alpha", "", (Style("i", (Text("x"),)),)),
        Style("i", (Text(" y"),)),
        Text(" z"),
    )


def test_italic_closed_inside_link_text_splits_the_link() -> None:
    art = parse("''a [[Beta|b'' c]]s d")
    para = art.lead[0]
    assert isinstance(para, Paragraph)
    assert para.children == (
        Style("i", (Text("a "), Link("Beta", "", (Text("b"),)))),
        Link("Beta", "", (Text(" cs"),)),
        Text(" d"),
    )
    assert art.links == ("Beta",)


def test_balanced_quotes_in_link_text_are_unchanged() -> None:
    art = parse("x [[Gamma|''b'']]s c")
    para = art.lead[0]
    assert isinstance(para, Paragraph)
    assert para.children == (
        Text("x "), Link("Gamma", "", (Style("i", (Text("b"),)), Text("s"))), Text(" c"),
    )


def test_localised_redirects() -> None:
    assert parse("#WEITERLEITUNG [[Ziel]]").redirect == "Ziel"
    assert parse("#перенаправление [[Цель]]").redirect == "Цель"
    assert parse("#REDIRECTION [[Catégorie:Exemple]]").redirect == "Category:Exemple"
    assert parse("#REDIRECT [[Target]]").redirect == "Target"
    assert parse("#WEITERLEITUNG [[Ziel]]").lead == ()


def test_localised_defaultsort_shows_nothing_and_is_not_unknown() -> None:
    art = parse("Text.\n{{SORTIERUNG:Beispiel, Ein}}\n{{CLEDETRI:Exemple}}\n\n[[Kategorie:X]]")
    assert art.unknown_templates == ()
    assert art.lead == (Paragraph((Text("Text."),)),)
    assert art.categories == ("X",)
