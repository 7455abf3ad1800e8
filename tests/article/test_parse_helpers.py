"""The parser's helper modules: titles, anchors, media options, reference bookkeeping."""

from __future__ import annotations

from viewer.article.anchors import AnchorRegistry
from viewer.article.media import classify_option, read_options
from viewer.article.refs import RefBook
from viewer.article.titles import anchor_encode, classify_target, normalise_title


def test_normalise_title():
    assert normalise_title(" foo_bar   baz ") == "Foo bar baz"
    assert normalise_title("AT&amp;T") == "AT&T"
    assert normalise_title("éclair") == "Éclair"


def test_classify_namespaces_and_fragments():
    page = classify_target("multiple_myeloma#Signs and symptoms")
    assert (page.kind, page.title, page.fragment) == (
        "page", "Multiple myeloma", "Signs_and_symptoms",
    )
    assert classify_target("Category:Drugs").kind == "category"
    linked = classify_target(":Category:Drugs")
    assert (linked.kind, linked.title, linked.namespace) == ("page", "Category:Drugs", "Category")
    assert classify_target("Image:x.png").kind == "file"
    assert classify_target("file:x.png").title == "X.png"
    assert classify_target("Media:song.ogg").kind == "media"
    assert classify_target("wp:NPOV").title == "Wikipedia:NPOV"


def test_classify_interwiki_and_languages():
    fr = classify_target("fr:Lénalidomide")
    assert fr.kind == "language"
    wikt = classify_target("wiktionary:fr:chat")
    assert wikt.kind == "interwiki" and wikt.url == "https://fr.wiktionary.org/wiki/chat"
    assert classify_target("d:Q42").url == "https://www.wikidata.org/wiki/Q42"
    assert classify_target(":fr:Paris").url == "https://fr.wikipedia.org/wiki/Paris"


def test_anchors_unique_case_insensitive():
    registry = AnchorRegistry()
    assert [registry.claim(t) for t in ("History", "history", "History", "See  also")] == [
        "History", "history_2", "History_3", "See_also",
    ]
    assert anchor_encode(" A  b ") == "A_b"


def test_media_options():
    assert classify_option("thumb") == ("format", "thumb")
    assert classify_option("220px") == ("flag", "size")
    assert classify_option("x100px") == ("flag", "size")
    assert classify_option("upright=1.3") == ("flag", "size")
    assert classify_option("alt=Text") == ("named", "alt")
    assert classify_option("centre") == ("align", "center")
    assert classify_option("A caption") is None
    options = read_options(["frameless", "right", "alt=x", "First", "Caption"])
    assert (options.kind, options.align, options.alt_index, options.caption_index) == (
        "frameless", "right", 2, 4,
    )


def test_refbook_numbering_per_group():
    book = RefBook()
    a = book.entry("", "a")
    note = book.entry("note", "")
    b = book.entry("", "")
    book.use(note)
    book.use(a)
    book.use(b)
    book.use(a)
    assert (a.number, b.number, note.number) == (1, 2, 1)
    refs = book.finish()
    assert [(r.group, r.number) for r in refs] == [("", 1), ("", 2), ("note", 1)]
    assert refs[0].uses == tuple(a.uses) and len(refs[0].uses) == 2
    assert refs[0].text == "Reference 'a' is not defined"
