"""The seed acceptance items that are the parser's (issue 2), on the bundled sample."""

from __future__ import annotations

import re

import pytest

from viewer.article.model import Article, Figure, RefMarker
from viewer.article.parse import parse_article


@pytest.fixture(scope="module")
def article(seed_text: str) -> Article:
    return parse_article(seed_text, "Lenalidomide")


def test_title_and_top_level_sections(article: Article):
    assert article.title == "Lenalidomide"
    assert [s.title for s in article.sections] == [
        "Medical uses", "Adverse effects", "Mechanism of action", "Synthesis", "Price",
        "See also", "References", "Further reading", "External links",
    ]
    assert [s.anchor for s in article.sections][:2] == ["Medical_uses", "Adverse_effects"]


def test_subsections(article: Article):
    by_title = {s.title: s for s in article.sections}
    assert [c.title for c in by_title["Medical uses"].children] == [
        "Multiple myeloma", "Myelodysplastic syndromes", "Other cancers",
    ]
    assert [c.title for c in by_title["Adverse effects"].children] == [
        "Venous thromboembolism", "Stevens-Johnson syndrome", "FDA ongoing safety review",
    ]


def test_reference_counts(seed_text: str, article: Article):
    assert len(re.findall(r"<ref[\s>]", seed_text)) == 35
    assert len(article.references) == 31
    uses = {r.name: len(r.uses) for r in article.references if r.name}
    assert uses["Badros"] == 3
    assert uses["List"] == 2
    assert uses["pmlive.com"] == 2
    assert [r.number for r in article.references] == list(range(1, 32))


def test_reuse_before_definition_resolved(seed_text: str, article: Article):
    first_use = seed_text.find('<ref name="pmlive.com" />')
    definition = seed_text.find('<ref name="pmlive.com">')
    assert 0 <= first_use < definition
    ref = next(r for r in article.references if r.name == "pmlive.com")
    assert "NICE" in ref.text


def test_caption_reference_is_numbered(article: Article):
    synthesis = next(s for s in article.sections if s.title == "Synthesis")
    figure = next(b for b in synthesis.blocks if isinstance(b, Figure))
    marker = next(c for c in figure.media.caption if isinstance(c, RefMarker))
    ref = article.references[marker.index]
    assert "Amino-substituted thalidomide analogs" in ref.text
    assert ref.number == marker.number
    # Numbered in document order: after every reference in the sections before it.
    assert 1 < marker.number < 31


def test_markers_point_at_their_reference(article: Article):
    seen = 0

    def visit(nodes: tuple[object, ...]) -> None:
        nonlocal seen
        for node in nodes:
            if isinstance(node, RefMarker):
                seen += 1
                assert node.anchor in article.references[node.index].uses
            for name in ("children", "blocks", "items", "rows", "cells"):
                value = getattr(node, name, None)
                if isinstance(value, tuple):
                    visit(value)
            media = getattr(node, "media", None)
            if media is not None:
                visit(media.caption)

    visit(article.lead)
    for section in article.walk_sections():
        visit(section.blocks)
    assert seen == sum(len(r.uses) for r in article.references)


def test_categories(article: Article):
    assert article.categories == (
        "Antineoplastic drugs", "Immunosuppressants", "Isoindolines", "Glutarimides",
        "Aromatic amines", "Drugs with unknown mechanisms of action",
    )


def test_links_and_media(article: Article):
    assert "Thalidomide" in article.links
    assert "Multiple myeloma" in article.links
    assert len(article.links) == len(set(article.links))
    assert "Lenalidomidesynthesis.svg" in [m.filename for m in article.media]


def test_infobox_items(article: Article):
    infobox = article.infobox
    assert infobox is not None and infobox.kind == "drugbox"

    def text(name: str) -> str:
        found = infobox.field(name)
        assert found is not None, name
        return found.text

    assert text("formula") == "C13H13N3O3"
    assert text("molar_mass").startswith("259.26")
    assert text("ATC_code") == "L04AX04"
    assert text("CAS_number") == "191732-72-6"
    assert text("pronounce") == "/ˌlɛnəˈlɪdoʊmaɪd/"
    assert text("routes_of_administration") == "Oral (capsules)"
    assert text("excretion") == "Renal (67% unchanged)"
    names = {f.name for f in infobox.fields}
    assert not {n for n in names if n.endswith("_Ref")}
    assert not names & {"verifiedrevid", "Watchedfields", "width"}


def test_caption_reference_citation(article: Article):
    muller = next(r for r in article.references if "Amino-substituted" in r.text)
    assert muller.citation is not None
    assert muller.citation.doi == "10.1016/S0960-894X(99)00250-4"


def test_text_output_has_no_markup(article: Article):
    from viewer.article import to_text

    text = to_text(article)
    for markup in ("{{", "}}", "[[", "]]", "''", "<ref"):
        assert markup not in text, markup
    assert "Drugbox" not in text and "cite journal" not in text.lower()
