"""JSON export (schema), BibTeX and RIS export, single-reference helpers."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest
from _render_samples import SMITH, SMITH_BOOK, WEB, sample_article

from viewer.article.model import Article, Citation, Reference
from viewer.article.render.export import (
    bibtex_keys,
    citation_bibtex,
    citation_line,
    citation_links,
    citation_ris,
    citations,
    iso_date,
    person_name,
    reference_html,
    to_bibtex,
    to_json,
    to_ris,
)

HAS_PARSER = importlib.util.find_spec("viewer.article.parse") is not None
needs_parser = pytest.mark.skipif(not HAS_PARSER, reason="parse_article not available yet")

# --------------------------------------------------------------------------- JSON


@pytest.fixture(scope="module")
def data() -> dict:  # type: ignore[type-arg]
    return to_json(sample_article())


def test_json_is_serialisable_and_stable(data: dict) -> None:  # type: ignore[type-arg]
    dumped = json.dumps(data, ensure_ascii=False, sort_keys=True)
    assert json.loads(dumped) == data
    assert json.dumps(to_json(sample_article()), sort_keys=True, ensure_ascii=False) == dumped


def test_json_top_level_schema(data: dict) -> None:  # type: ignore[type-arg]
    required = {"title", "lead", "sections", "infobox", "references", "categories", "links",
                "external_links", "unknown_templates", "media", "hatnotes", "navboxes",
                "short_description", "redirect", "notices", "bibliography"}
    assert required <= set(data)
    assert data["title"] == "Widgetamide"
    assert data["short_description"] == "A fictional drug"
    assert data["lead"]["text"].startswith("Widgetamide is a drug used for myeloma[1]")
    assert data["categories"] == ["Widgets", "Drugs"]
    assert data["links"] == ["Drug", "Multiple myeloma", "Widget"]
    assert data["external_links"] == [{"url": "http://example.org/w", "text": "the site"}]
    assert data["unknown_templates"] == [{"name": "mystery", "count": 2}]
    assert data["navboxes"] == ["Widget navbox"]
    assert data["hatnotes"] == [{"kind": "about", "text": "This article is about the drug."}]
    assert data["media"][1] == {"filename": "Widget structure.png", "caption": "The structure[1]",
                                "alt": "a widget", "kind": "thumb"}


def test_json_sections_are_a_tree(data: dict) -> None:  # type: ignore[type-arg]
    first = data["sections"][0]
    assert {k: first[k] for k in ("title", "level", "anchor")} == {
        "title": "Medical uses", "level": 2, "anchor": "Medical_uses"}
    assert first["text"].startswith("It is used in E = mc^2 cases")
    assert "Text about myeloma" not in first["text"]  # children carry their own text
    child = first["children"][0]
    assert (child["title"], child["level"], child["children"]) == ("Myeloma", 3, [])
    assert "Drug | Dose" in child["text"]


def test_json_infobox(data: dict) -> None:  # type: ignore[type-arg]
    box = data["infobox"]
    assert box["kind"] == "drugbox" and box["title"] == "Widgetamide"
    assert box["image"]["filename"] == "Widgetamide.svg"
    formula = next(f for f in box["fields"] if f["name"] == "formula")
    assert formula == {"name": "formula", "label": "Formula", "text": "C13H13",
                       "html": "C<sub>13</sub>H<sub>13</sub>",
                       "group": "Chemical and physical data"}
    assert box["groups"] == ["", "Clinical data", "Chemical and physical data", "Identifiers"]
    assert to_json(Article("X"))["infobox"] is None


def test_json_references(data: dict) -> None:  # type: ignore[type-arg]
    refs = data["references"]
    assert [(r["number"], r["group"]) for r in refs] == [(1, ""), (2, ""), (3, ""), (1, "note")]
    first = refs[0]
    assert first["name"] == "smith" and first["uses"] == 3
    assert first["use_anchors"] == ["cite_ref-smith_1-0", "cite_ref-smith_1-1",
                                    "cite_ref-smith_1-2"]
    assert first["citation"]["authors"] == ["Smith, John", "Doe, Jane"]
    assert first["citation"]["doi"] == "10.1000/xyz.123"
    assert {"type", "authors", "title", "container", "year", "volume", "issue", "pages",
            "doi", "pmid", "pmc", "isbn", "url"} <= set(first["citation"])
    assert refs[2]["citation"] is None
    assert 'href="wiki:Widget"' in refs[2]["html"]
    assert data["bibliography"][0]["url"] == "https://widgets.example/facts?a=1&b=2"


# --------------------------------------------------------------------------- BibTeX


def test_bibtex_entries() -> None:
    out = to_bibtex(sample_article())
    entries = re.findall(r"^@(\w+)\{([^,\n]+)", out, re.M)
    # SMITH appears as a reference and in the bibliography: exported once.
    assert entries == [("article", "smith2001pharmacology"), ("book", "smith2001widgets"),
                       ("misc", "widgetsexamplendwidget")]
    assert "  author = {Smith, John and Doe, Jane}," in out
    assert "  journal = {Journal of Widgets}," in out
    assert "  pages = {100--110}," in out
    assert "  month = mar," in out
    assert "  pmcid = {PMC67890}" in out
    assert r"  title = {Widgets \& Gadgets: 100\% \{complete\}}," in out
    assert "  url = {https://widgets.example/facts?a=1&b=2}," in out
    assert "  urldate = {2020-05-01}" in out
    assert "Y2  - 2020/05/01" in to_ris(sample_article())
    assert out.count("{") == out.count("}") + out.count(r"\{") - out.count(r"\}")


def test_bibtex_keys_are_unique_and_deterministic() -> None:
    a = Citation("journal", ("Müller, Ä",), title="The drug story", year="1999")
    b = Citation("journal", ("Muller, B",), title="Drug effects", year="1999")
    c = Citation("web", title="A page")
    d = Citation("book", ("World Health Organization",), title="Report on things",
                 date="5 May 2010")
    keys = bibtex_keys([a, b, c, d, c])
    assert keys == ["muller1999druga", "muller1999drugb", "anonndpagea", "world2010report",
                    "anonndpageb"]
    assert keys == bibtex_keys([a, b, c, d, c])
    assert len(set(keys)) == len(keys)


def test_bibtex_entry_types_and_names() -> None:
    types = {
        "journal": "article", "book": "book", "conference": "inproceedings",
        "report": "techreport", "thesis": "phdthesis", "web": "misc",
        "press release": "misc", "news": "article",
    }
    for kind, entry in types.items():
        out = citation_bibtex(Citation(kind, title="T", container="C"), "k")
        assert out.startswith(f"@{entry}{{k,"), (kind, out)
    chapter = citation_bibtex(Citation("book", title="Book", chapter="Ch", editors=("E, F",)),
                              "k")
    assert chapter.startswith("@incollection{k,") and "booktitle = {Book}" in chapter
    assert "title = {Ch}" in chapter
    inbook = citation_bibtex(Citation("book", title="Book", chapter="Ch"), "k")
    assert inbook.startswith("@inbook{k,") and "title = {Book}" in inbook
    assert "chapter = {Ch}" in inbook
    cased = citation_bibtex(Citation("journal", title="FDA approves IMiDs: a McCarthy "
                                     "review of Lenalidomide & B12"), "k")
    assert r"title = {{FDA} approves {IMiDs}: a {McCarthy} review of Lenalidomide \& {B12}}" \
        in cased
    names = citation_bibtex(Citation("journal", ("McCarthy PL", "World Health Organization",
                                                 "et al."), title="T"), "k")
    assert "author = {McCarthy, P. L. and {World Health Organization} and others}" in names
    assert citation_bibtex(Citation("web"), 'bad key"{}') == "@misc{badkey}\n"


def test_bibtex_escapes_and_verbatim_fields() -> None:
    cit = Citation("journal", ("O'Brien, Seán",), title="50% of $x_1$ & #tags ~ ^ \\",
                   doi="10.1000/a_b{c}", url="http://x.example/a_b%20c")
    out = citation_bibtex(cit, "k")
    assert r"title = {50\% of \$x\_1\$ \& \#tags \textasciitilde{} \textasciicircum{} " \
           r"\textbackslash{}}" in out
    assert "doi = {10.1000/a_b%7Bc%7D}" in out
    assert "url = {http://x.example/a_b%20c}" in out
    assert "author = {O'Brien, Seán}" in out


# --------------------------------------------------------------------------- RIS


def test_ris_records() -> None:
    out = to_ris(sample_article())
    records = out.split("\n\n")
    assert len(records) == 3
    assert records[0].startswith("TY  - JOUR\nAU  - Smith, John\nAU  - Doe, Jane\n")
    assert "JO  - Journal of Widgets\n" in records[0]
    assert "SP  - 100\nEP  - 110\n" in records[0]
    assert "AN  - PMID: 12345\n" in records[0] and "N1  - PMCID: PMC67890\n" in records[0]
    assert records[1].startswith("TY  - BOOK\n") and "SN  - 978-0-00-000000-2\n" in records[1]
    assert records[2].startswith("TY  - ELEC\n") and "UR  - https://widgets.example/" in out
    for record in records:
        assert record.rstrip("\n").endswith("ER  - ")
        for line in record.strip("\n").split("\n"):
            assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line


def test_ris_types() -> None:
    expected = {"journal": "JOUR", "book": "BOOK", "web": "ELEC", "news": "NEWS",
                "conference": "CONF", "report": "RPRT", "thesis": "THES",
                "press release": "PRESS", "encyclopedia": "ENCYC", "av media": "VIDEO"}
    for kind, ty in expected.items():
        assert citation_ris(Citation(kind, title="T")).startswith(f"TY  - {ty}\n")
    assert citation_ris(Citation("book", title="B", chapter="C")).startswith("TY  - CHAP\n")
    ris = citation_ris(Citation("journal", ("Smith JA", "et al"), title="T\nwith\tbreaks"))
    assert "AU  - Smith, J. A.\n" in ris and "et al" not in ris
    assert "TI  - T with breaks\n" in ris
    short = citation_ris(Citation("journal", title="T", pages="1770–81"))
    assert "SP  - 1770\nEP  - 1781\n" in short
    assert "SP  - S31\nEP  - 5\n" in citation_ris(Citation("journal", pages="S31–5"))


def test_citation_helpers() -> None:
    article = sample_article()
    assert citations(article) == [SMITH, SMITH_BOOK, WEB]
    assert citation_line(article.references[0]) == (
        "Smith J, Doe J (2001). The pharmacology of widgets. Journal of Widgets 12 (3): "
        "100–110. doi:10.1000/xyz.123")
    ref = Reference(1, "", "", (), "n", (), "  text\nonly ")
    assert citation_line(ref) == "text only"
    assert reference_html(article, ref) == '<p class="reference-preview"><b>[1]</b> text only</p>'
    assert person_name("Smith, John") == "Smith, John"
    assert person_name("Nguyen TH") == "Nguyen, T. H."
    assert to_bibtex(Article("X")) == "" and to_ris(Article("X")) == ""


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-11-05", "2015-11-05"), ("5 November 2015", "2015-11-05"),
    ("November 5, 2015", "2015-11-05"), ("Nov 2015", "2015-11"), ("Sept. 3, 1999", "1999-09-03"),
    ("Spring 2015", "Spring 2015"), ("", ""), ("5 6 2015", "5 6 2015"),
])
def test_iso_date(value: str, expected: str) -> None:
    assert iso_date(value) == expected


# --------------------------------------------------------------------------- real wikitext


@needs_parser
def test_seed_exports(seed_text: str) -> None:
    from viewer.article import parse_article

    article = parse_article(seed_text, "Lenalidomide")
    data = to_json(article)
    json.dumps(data, ensure_ascii=False)
    assert [s["title"] for s in data["sections"]][:3] == ["Medical uses", "Adverse effects",
                                                           "Mechanism of action"]
    uses = {r["name"]: r["uses"] for r in data["references"] if r["name"]}
    assert uses["Badros"] == 3
    bib = to_bibtex(article)
    keys = re.findall(r"^@\w+\{([^,]+),", bib, re.M)
    assert len(keys) == len(set(keys)) >= 25
    assert "doi = {10.1016/S0960-894X(99)00250-4}" in bib
    ris = to_ris(article)
    assert ris.count("TY  - ") == len(keys)
    assert "DO  - 10.1016/S0960-894X(99)00250-4" in ris


def test_citation_links_are_safe_urls() -> None:
    cit = Citation("journal", doi="10.1016/S0960-894X(99)00250-4", pmid="10386948",
                   pmc="PMC3744390", arxiv="1234.5678", url="https://example.org/a",
                   archive_url="javascript:alert(1)")
    assert citation_links(cit) == [
        ("DOI 10.1016/S0960-894X(99)00250-4", "https://doi.org/10.1016/S0960-894X(99)00250-4"),
        ("PubMed 10386948", "https://pubmed.ncbi.nlm.nih.gov/10386948/"),
        ("PMC3744390", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3744390/"),
        ("arXiv 1234.5678", "https://arxiv.org/abs/1234.5678"),
        ("Web page", "https://example.org/a"),
    ]
    assert citation_links(Citation("web", pmid="not a number", doi="10.1/a b#c")) == [
        ("DOI 10.1/a b#c", "https://doi.org/10.1/a%20b%23c")]
