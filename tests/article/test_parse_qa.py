"""Regressions found on real Wikipedia articles (QA pass): one small article per finding."""

from __future__ import annotations

from viewer.article.model import Article, Figure, Gallery, Link, Paragraph
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
