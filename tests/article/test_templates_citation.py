"""The citation family: structured ``Citation`` fields and the formatted CS1 line."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.article import parse_article
from viewer.article.model import (
    Article,
    Citation,
    ExternalLink,
    Inline,
    Link,
    Paragraph,
    Reference,
    Span,
    Style,
    Text,
)
from viewer.article.templates.citation import (
    citation_type,
    citeref_anchor,
    extract_year,
    language_names,
    parse_vancouver,
    plain_text,
)

SEED = Path(__file__).resolve().parents[2] / "resources" / "sample" / "Lenalidomide.wiki"


def walk(nodes: Iterable[Inline]) -> list[Inline]:
    """Every inline node, depth first."""
    out: list[Inline] = []
    for node in nodes:
        out.append(node)
        children = getattr(node, "children", ())
        out.extend(walk(children))
    return out


def one_ref(body: str) -> Reference:
    article = parse_article(f"Claim.<ref>{body}</ref>\n\n{{{{reflist}}}}\n", "Test")
    assert len(article.references) == 1
    return article.references[0]


def links(ref: Reference) -> dict[str, str]:
    """External links of a reference: text -> url."""
    return {plain_text(n.children): n.url for n in walk(ref.content)
            if isinstance(n, ExternalLink)}


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("date", "year"),
    [("Mar 22, 2012", "2012"), ("2006-06-29", "2006"), ("June 2008", "2008"),
     ("1999–2000", "1999"), ("850 AD", "850"), ("n.d.", ""), ("", ""), ("12 May", "")],
)
def test_extract_year(date: str, year: str) -> None:
    assert extract_year(date) == year


def test_parse_vancouver_splits_and_marks_et_al() -> None:
    assert parse_vancouver("McCarthy PL, Owzar K, etal") == ("McCarthy PL", "Owzar K", "et al.")
    assert parse_vancouver("((World Health Organization, Geneva)), Smith J") == (
        "World Health Organization, Geneva", "Smith J")
    assert parse_vancouver(" , ") == ()


def test_citation_type_from_template_name() -> None:
    assert citation_type("cite journal") == "journal"
    assert citation_type("cite av media") == "av media"
    assert citation_type("vcite2 book") == "book"
    assert citation_type("citation") == "citation"
    assert citation_type("cite techreport") == "report"


def test_citeref_anchor() -> None:
    assert citeref_anchor(["Van Besien", "Smith"], "2005") == "CITEREFVan_BesienSmith2005"
    assert citeref_anchor(["A", "B", "C", "D", "E"], "1") == "CITEREFABCD1"


# --------------------------------------------------------------------------- whole articles


def test_cite_book_fields_and_line() -> None:
    ref = one_ref("{{cite book |last=Smith |first=J. |title=Pharmacology Today "
                  "|publisher=Oxford University Press |location=Oxford |year=2005 "
                  "|isbn=978-0-19-852663-6 |edition=2nd |pages=12–15}}")
    cite = ref.citation
    assert cite is not None
    assert cite.type == "book"
    assert cite.authors == ("Smith, J.",)
    assert (cite.title, cite.publisher, cite.location) == (
        "Pharmacology Today", "Oxford University Press", "Oxford")
    assert (cite.year, cite.isbn, cite.pages, cite.edition) == (
        "2005", "978-0-19-852663-6", "12–15", "2nd")
    assert ref.text == ("Smith, J. (2005). Pharmacology Today. 2nd ed. "
                        "Oxford: Oxford University Press. pp. 12–15. ISBN 978-0-19-852663-6.")
    span = ref.content[0]
    assert isinstance(span, Span) and span.css_class == "citation book"
    assert span.anchor == "CITEREFSmith2005"
    # the book title is in italics
    assert any(isinstance(n, Style) and n.tag == "i" and plain_text(n.children)
               == "Pharmacology Today" for n in walk(ref.content))


def test_cite_journal_links_identifiers() -> None:
    ref = one_ref("{{cite journal |vauthors=Muller GW, Chen R |title=Amino-substituted "
                  "thalidomide analogs |journal=Bioorg Med Chem Lett |volume=9 |issue=11 "
                  "|pages=1625–30 |year=1999 |doi=10.1016/S0960-894X(99)00250-4 "
                  "|pmid=10386948 |pmc=PMC123456 |url=http://example.org/paper}}")
    cite = ref.citation
    assert cite is not None
    assert cite.authors == ("Muller GW", "Chen R")
    assert cite.container == "Bioorg Med Chem Lett"
    assert (cite.volume, cite.issue, cite.pages) == ("9", "11", "1625–30")
    assert cite.pmc == "123456"
    assert ref.text.startswith("Muller GW, Chen R (1999). “Amino-substituted thalidomide "
                               "analogs”. Bioorg Med Chem Lett. 9 (11): 1625–30. ")
    urls = links(ref)
    assert urls["Amino-substituted thalidomide analogs"] == "http://example.org/paper"
    assert urls["10.1016/S0960-894X(99)00250-4"] == "https://doi.org/10.1016/S0960-894X(99)00250-4"
    assert urls["10386948"] == "https://pubmed.ncbi.nlm.nih.gov/10386948"
    assert urls["123456"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123456"
    # the volume is bold, journal style
    assert any(isinstance(n, Style) and n.tag == "b" and plain_text(n.children) == "9"
               for n in walk(ref.content))


def test_long_author_lists_are_cut_to_six_but_kept_whole() -> None:
    names = ", ".join(f"Author{i} A" for i in range(1, 11))
    ref = one_ref(f"{{{{cite journal |vauthors={names} |title=T |journal=J |year=2001}}}}")
    assert ref.citation is not None and len(ref.citation.authors) == 10
    assert ref.text.startswith("Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, "
                               "Author6 A, et al. (2001).")
    numbered = " ".join(f"|last{i}=L{i} |first{i}=F{i}" for i in range(1, 9))
    ref = one_ref(f"{{{{cite journal {numbered} |title=T |journal=J |date=May 2010}}}}")
    assert ref.citation is not None
    assert ref.citation.authors[0] == "L1, F1" and len(ref.citation.authors) == 8
    assert ref.citation.year == "2010"
    assert "L6, F6; et al. (May 2010)" in ref.text
    assert "L7" not in ref.text


def test_author_schemes() -> None:
    ref = one_ref("{{cite web |author=Ness, Stacey |author2=Other Person |title=T "
                  "|url=https://example.org |website=W}}")
    assert ref.citation is not None
    assert ref.citation.authors == ("Ness, Stacey", "Other Person")
    ref = one_ref("{{cite news |surname=Doe |given=Jane |title=T |newspaper=The Times}}")
    assert ref.citation is not None and ref.citation.authors == ("Doe, Jane",)
    assert ref.citation.container == "The Times"
    ref = one_ref("{{cite journal |authors=Smith J, Jones K |title=T |journal=J}}")
    assert ref.citation is not None and ref.citation.authors == ("Smith J", "Jones K")
    ref = one_ref("{{cite book |editor-last=Ed |editor-first=A. |editor2=B. Other "
                  "|chapter=Ch |title=Book |year=2000}}")
    assert ref.citation is not None
    assert ref.citation.editors == ("Ed, A.", "B. Other")
    assert ref.citation.chapter == "Ch"
    assert ref.text == "“Ch”. In Ed, A.; B. Other (eds.). Book. 2000."
    ref = one_ref("{{cite book |veditors=Ed A, Other B |title=Book |year=2000}}")
    assert ref.citation is not None and ref.citation.editors == ("Ed A", "Other B")
    assert ref.text == "Ed A, Other B (eds.) (2000). Book."


def test_chapter_with_authors_and_editors() -> None:
    ref = one_ref("{{cite book |last=Kay |first=A. |chapter=Drugs |editor=Lee, B. "
                  "|title=Handbook |publisher=P |year=2010}}")
    assert ref.text == "Kay, A. (2010). “Drugs”. In Lee, B. (ed.). Handbook. P."


def test_cite_web_without_author_puts_date_after_publisher() -> None:
    ref = one_ref("{{cite web | url=http://www.example.com/x | title=New Drugs "
                  "| publisher=Pharmacy Times | date=13 March 2014 | accessdate=5 November 2015}}")
    assert ref.citation is not None
    assert ref.citation.access_date == "5 November 2015"
    assert ref.citation.url == "http://www.example.com/x"
    # No website given: the publisher's site is the container (the line names it once).
    assert ref.citation.container == ref.citation.publisher == "Pharmacy Times"
    assert ref.text == ("“New Drugs”. Pharmacy Times. 13 March 2014. "
                        "Retrieved 5 November 2015.")


def test_archive_links() -> None:
    ref = one_ref("{{cite web |url=http://dead.example/a |title=Gone |website=Site "
                  "|archive-url=https://web.archive.org/web/2010/http://dead.example/a "
                  "|archive-date=1 May 2010 |access-date=2009-01-01}}")
    assert ref.citation is not None
    assert ref.citation.archive_url.startswith("https://web.archive.org/")
    assert ref.citation.archive_date == "1 May 2010"
    assert "Archived from the original on 1 May 2010. Retrieved 2009-01-01." in ref.text
    urls = links(ref)
    assert urls["Gone"].startswith("https://web.archive.org/")  # dead: title -> archive
    assert urls["the original"] == "http://dead.example/a"


def test_quote_language_and_formatting_in_title() -> None:
    ref = one_ref("{{cite journal |title=Studies of ''Drosophila'' |journal=J "
                  "|language=fr |quote=It works.}}")
    assert ref.citation is not None
    assert ref.citation.title == "Studies of Drosophila"
    assert ref.citation.quote == "It works."
    assert ref.citation.language == "fr"
    assert "(in French)" in ref.text and ref.text.endswith("“It works.”")
    assert any(isinstance(n, Style) and n.tag == "i" and plain_text(n.children)
               == "Drosophila" for n in walk(ref.content))


@pytest.mark.parametrize(
    ("value", "shown"),
    [("fr", "French"), ("pt-BR", "Portuguese"), ("zh-Hans", "Chinese"), ("en-US", ""),
     ("English", ""), ("en", ""), ("Korean", "Korean"), ("fr, de", "French and German"),
     ("es; it; ja", "Spanish, Italian, and Japanese"), ("en, fr", "French"), ("", "")],
)
def test_language_names(value: str, shown: str) -> None:
    assert language_names(value) == shown


def test_english_with_a_region_tag_is_not_shown() -> None:
    ref = one_ref("{{cite news |title=Story |work=Daily |date=2017-06-07 |language=en-GB}}")
    assert "(in " not in ref.text
    ref = one_ref("{{cite web |title=Seite |website=Beispiel |language=de-AT, fr}}")
    assert "(in German and French)" in ref.text


def test_citation_cs2_uses_commas() -> None:
    ref = one_ref("{{citation |last=Smith |first=J. |year=2005 |title=Paper "
                  "|journal=Journal |volume=3 |pages=1–2}}")
    assert ref.citation is not None and ref.citation.type == "citation"
    assert ref.text == "Smith, J. (2005), “Paper”, Journal, 3: 1–2."


def test_duplicate_blank_and_junk_parameters() -> None:
    ref = one_ref("{{cite web |title=First |title=Second |url= |date= |junk=zzz "
                  "|publisher=P |1=stray}}")
    assert ref.citation is not None
    assert ref.citation.title == "Second"
    assert ref.citation.url == ""
    assert ref.text == "“Second”. P."
    # An empty citation renders nothing and offers no citation.
    article = parse_article("A<ref>{{cite web}}</ref>\n{{reflist}}", "T")
    assert article.references[0].citation is None
    assert "{{" not in article.references[0].text


def test_not_a_cs1_template_is_unknown() -> None:
    article = parse_article("See {{cite bible|John|3:16}}.", "T")
    assert [u.name for u in article.unknown_templates] == ["cite bible"]
    # A look-alike with parameters we do not know is unknown too ...
    article = parse_article("A<ref>{{cite hansard|house=Commons}}</ref>", "T")
    assert [u.name for u in article.unknown_templates] == ["cite hansard"]
    # ... but a look-alike with a title is a citation, and an empty CS1 call is nothing.
    article = parse_article("A<ref>{{Cite IUCN |assessors=Smith, J. |title=Panthera leo "
                            "|year=2016}}</ref> B<ref>{{cite web |date=2001}}</ref>", "T")
    assert article.unknown_templates == ()
    cite = article.references[0].citation
    assert cite is not None and cite.authors == ("Smith, J.",) and cite.type == "iucn"
    assert article.references[1].citation is None


def test_unusual_names_and_types() -> None:
    for name, ctype in [("Cite_Journal", "journal"), ("cite press release", "press release"),
                        ("vcite journal", "journal"), ("Cite AV media", "av media"),
                        ("cite thesis", "thesis"), ("cite encyclopedia", "encyclopedia")]:
        ref = one_ref(f"{{{{{name} |title=Thing |year=2001 |publisher=P}}}}")
        assert ref.citation is not None and ref.citation.type == ctype, name
    ref = one_ref("{{cite press release |title=Launch |publisher=Co |date=2001}}")
    assert "(Press release)" in ref.text
    ref = one_ref("{{cite thesis |last=Doe |title=Study |degree=PhD |publisher=Uni "
                  "|year=1999}}")
    assert ref.text == "Doe (1999). Study (PhD thesis). Uni."
    ref = one_ref("{{cite encyclopedia |title=Aspirin |encyclopedia=Britannica |year=2010}}")
    assert ref.citation is not None and ref.citation.container == "Britannica"
    assert ref.text == "“Aspirin”. Britannica. 2010."


def test_cite_doi_and_pmid() -> None:
    ref = one_ref("{{cite doi|10.1000/xyz}}")
    assert ref.citation == Citation(type="journal", doi="10.1000/xyz")
    assert links(ref) == {"10.1000/xyz": "https://doi.org/10.1000/xyz"}
    ref = one_ref("{{cite pmid|12345}}")
    assert ref.citation is not None and ref.citation.pmid == "12345"


def test_identifiers_are_not_linked_when_junk() -> None:
    ref = one_ref("{{cite journal |title=T |journal=J |pmid=abc |arxiv=1234.5678}}")
    assert ref.citation is not None and ref.citation.arxiv == "1234.5678"
    urls = links(ref)
    assert "abc" not in urls and urls["1234.5678"] == "https://arxiv.org/abs/1234.5678"
    assert "PMID abc" in ref.text


def test_javascript_url_is_not_linked() -> None:
    ref = one_ref("{{cite web |title=Evil |url=javascript:alert(1) |website=W}}")
    assert links(ref) == {}
    assert ref.text.startswith("“Evil”. W.")


def test_further_reading_goes_to_bibliography() -> None:
    article = parse_article(
        "Text.\n== Further reading ==\n"
        "* {{cite book |last=Smith |title=Book One |year=1990}}\n"
        "* {{cite journal |last=Jones |title=Paper |journal=J |year=1991 |doi=10.1/x}}\n",
        "T",
    )
    assert [c.title for c in article.bibliography] == ["Book One", "Paper"]
    assert article.references == ()
    assert article.bibliography[1].doi == "10.1/x"


def test_no_markup_leaks_into_text() -> None:
    from viewer.article import to_text

    article = parse_article(
        "A<ref>{{cite web |title=[[Linked]] ''title'' x |url=https://a.example "
        "|publisher=[[Some Org|Org]]}}</ref>\n\n{{reflist}}", "T")
    text = to_text(article)
    assert "{{" not in text and "}}" not in text and "[[" not in text
    assert "“Linked title x”" in article.references[0].text
    assert "Org" in article.references[0].text


# --------------------------------------------------------------------------- the seed


def seed() -> Article:
    return parse_article(SEED.read_text(encoding="utf-8"), "Lenalidomide")


def test_seed_citation_references() -> None:
    article = seed()
    source = SEED.read_text(encoding="utf-8")
    cite_refs = [r for r in article.references if r.citation is not None]
    # Every reference but the bare URL one comes from cite journal / cite web.
    assert len(cite_refs) == len(article.references) - 1
    assert source.lower().count("{{cite") == len(cite_refs) + 2  # + 2 in Further reading
    muller = next(r for r in article.references
                  if r.citation and r.citation.doi == "10.1016/S0960-894X(99)00250-4")
    assert muller.citation is not None
    assert muller.citation.year == "1999"
    assert muller.citation.authors[0].startswith("Muller")
    assert muller.citation.pmid == "10386948"
    mccarthy = next(r for r in article.references if r.name == "McCarthy")
    assert mccarthy.citation is not None and len(mccarthy.citation.authors) == 40
    assert mccarthy.citation.pmc == "3744390"
    for ref in cite_refs:
        assert "{{" not in ref.text and "|" not in ref.text
        assert isinstance(ref.content[0], Span)
        assert ref.content[0].css_class.startswith("citation")


def test_seed_further_reading_bibliography() -> None:
    article = seed()
    assert [c.authors[0] for c in article.bibliography] == ["Chang DH", "Anderson KC"]
    assert article.bibliography[0].pmc == "1895497"


def test_text_nodes_are_merged() -> None:
    ref = one_ref("{{cite web |title=T |publisher=P |date=2001}}")
    span = ref.content[0]
    assert isinstance(span, Span)
    kinds = [type(n) for n in span.children]
    assert all(not (a is Text and b is Text) for a, b in itertools.pairwise(kinds))


def test_name_list_options() -> None:
    ref = one_ref("{{cite journal |last1=Muller |first1=George W. |last2=Chen |first2=R. "
                  "|name-list-style=vanc |title=T |journal=J |year=1999}}")
    assert ref.text.startswith("Muller GW, Chen R (1999).")
    ref = one_ref("{{cite journal |last1=A |last2=B |last3=C |display-authors=1 |title=T "
                  "|journal=J}}")
    assert ref.text.startswith("A; et al. “T”.")
    assert ref.citation is not None and ref.citation.authors == ("A", "B", "C")
    ref = one_ref("{{cite book |last=Solo |display-authors=etal |title=T}}")
    assert ref.text.startswith("Solo; et al. T.")


def test_modes_and_titles() -> None:
    ref = one_ref("{{cite journal |mode=cs2 |last=A |title=T |journal=J |year=2000}}")
    assert ref.text == "A (2000), “T”, J."
    ref = one_ref("{{citation |mode=cs1 |last=A |title=T |journal=J |year=2000}}")
    assert ref.text == "A (2000). “T”. J."
    ref = one_ref("{{cite book |script-title=ja:東京物語 |trans-title=Tokyo Story |year=1953}}")
    assert ref.citation is not None and ref.citation.title == "東京物語"
    assert ref.text == "東京物語 [Tokyo Story]. 1953."
    ref = one_ref("{{cite book |chapter=Ch |chapter-url=https://ch.example |title=B "
                  "|url=https://b.example}}")
    assert links(ref) == {"Ch": "https://ch.example", "B": "https://b.example"}


def test_cite_court_and_patent() -> None:
    ref = one_ref("{{cite court |litigants=Roe v. Wade |vol=410 |reporter=U.S. "
                  "|opinion=113 |court=Supreme Court |date=1973}}")
    assert ref.citation is not None and ref.citation.type == "court"
    assert ref.text == "Roe v. Wade, 410 U.S. 113 (Supreme Court 1973)."
    ref = one_ref("{{cite patent |country=US |number=5,123,456 |inventor=Doe, John "
                  "|title=Widget |gdate=1992-06-16}}")
    assert ref.citation is not None
    assert (ref.citation.type, ref.citation.title, ref.citation.year) == (
        "patent", "Widget", "1992")
    assert ref.text == "US patent 5,123,456. Doe, John. “Widget”. issued 1992-06-16."


def test_url_entities_are_decoded_in_the_citation() -> None:
    ref = one_ref("{{cite web |url=http://x.example/p?a=1&amp;b=2 |title=T}}")
    assert ref.citation is not None and ref.citation.url == "http://x.example/p?a=1&b=2"
    assert links(ref) == {"T": "http://x.example/p?a=1&b=2"}


def test_title_link_orig_year_and_free_id() -> None:
    ref = one_ref("{{cite book |last=Darwin |title=On the Origin of Species "
                  "|title-link=On the Origin of Species |year=1859 |orig-year=1858 "
                  "|id=Doc 5}}")
    assert ref.text == "Darwin (1859) [1858]. On the Origin of Species. Doc 5."
    wiki = [n for n in walk(ref.content) if isinstance(n, Link)]
    assert [(lk.target, plain_text(lk.children)) for lk in wiki] == [
        ("On the Origin of Species", "On the Origin of Species")]
    # With a URL the title links out instead.
    ref = one_ref("{{cite book |title=B |title-link=Bar |url=https://b.example}}")
    assert not [n for n in walk(ref.content) if isinstance(n, Link)]
    assert links(ref) == {"B": "https://b.example"}


def test_citeref_anchors_from_each_naming_scheme() -> None:
    def anchor(body: str) -> str:
        span = one_ref(body).content[0]
        assert isinstance(span, Span)
        return span.anchor

    assert anchor("{{cite book |authors=Smith, J.; Jones, K. |title=B |year=2005}}") == \
        "CITEREFSmithJones2005"
    assert anchor("{{cite journal |vauthors=Van Besien K, Lee J |title=T |journal=J "
                  "|date=May 2001}}") == "CITEREFVan_BesienLee2001"
    assert anchor("{{cite book |editor-last=Ed |title=B |year=1990}}") == "CITEREFEd1990"
    assert anchor("{{cite book |last=A |title=B |year=1990 |ref=none}}") == ""
    assert anchor("{{cite book |last=A |title=B |year=1990 |ref=custom id}}") == "custom_id"
    assert anchor("{{cite web |title=No author |date=2001}}") == ""


_PARAM_NAMES = ["title", "last", "first", "last2", "author", "vauthors", "authors", "date",
                "year", "journal", "website", "url", "doi", "pmid", "pmc", "isbn", "pages",
                "page", "volume", "issue", "chapter", "editor", "archive-url", "access-date",
                "display-authors", "ref", "mode", "postscript", "1", "trans-title", "quote"]


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["cite journal", "cite web", "cite book", "citation", "cite news"]),
    params=st.lists(st.tuples(st.sampled_from(_PARAM_NAMES),
                              st.text(alphabet="ab 1-–.,;:'[]{}<>&|=/", max_size=12)),
                    max_size=8),
)
def test_any_parameters_give_an_article(kind: str, params: list[tuple[str, str]]) -> None:
    body = "".join(f"|{name}={value.replace('|', ' ')}" for name, value in params)
    article = parse_article(f"X<ref>{{{{{kind}{body}}}}}</ref>\n{{{{reflist}}}}", "T")
    kind_type = kind.removeprefix("cite ")
    for ref in article.references:
        if ref.citation is not None:
            assert ref.citation.type == kind_type
            span = ref.content[0]
            assert isinstance(span, Span) and span.css_class.startswith("citation")


# --------------------------------------------------------------------------- identifiers,
# access notes and external-link templates


def _body_text(wikitext: str, title: str = "Test") -> str:
    from viewer.article import to_text

    article = parse_article(wikitext, title)
    assert not article.unknown_templates, article.unknown_templates
    return to_text(article)


def test_identifier_templates_show_their_label_and_link() -> None:
    text = _body_text("Read {{ISBN|978-1-4028-9462-6}} or {{ISBN|0-19-1|0-19-2}}; "
                      "{{doi|10.1000/abc}}, {{PMID|4567}}, {{OCLC|42}}, {{ISBNT|0-1}}.")
    assert ("Read ISBN 978-1-4028-9462-6 or ISBN 0-19-1, 0-19-2; doi:10.1000/abc, "
            "PMID 4567, OCLC 42, 0-1.") in text
    article = parse_article("{{doi|https://doi.org/10.1000/abc}} {{PMID|x9}}", "T")
    para = article.lead[0]
    assert isinstance(para, Paragraph)
    found = {plain_text(n.children): n.url for n in walk(para.children)
             if isinstance(n, ExternalLink)}
    assert found == {"10.1000/abc": "https://doi.org/10.1000/abc"}  # a junk PMID stays text


def test_access_notes() -> None:
    text = _body_text("[http://a.example/ Report] {{subscription required}} and "
                      "[http://b.example/ News] {{registration required|via=Site}}.")
    assert "Report (subscription required) and News (registration required via Site)." \
        in text


def test_external_site_templates_name_and_link() -> None:
    article = parse_article(
        "== External links ==\n* {{IMDb name|0000042}}\n* {{IMDb title|id=tt0000007"
        "|title=A Film}}\n* {{Twitter|someone|Some One}}\n* {{TED speaker}}\n"
        "* {{IMDb name|name=Without Id}}\n", "Ann Example (writer)")
    assert not article.unknown_templates
    from viewer.article import to_text

    text = to_text(article)
    for line in ("- Ann Example at IMDb", "- A Film at IMDb", "- Some One on Twitter",
                 "- Ann Example at TED", "- Without Id at IMDb"):
        assert line in text
    urls = {link.url for link in article.external_links}
    assert {"https://www.imdb.com/name/nm0000042/", "https://www.imdb.com/title/tt0000007/",
            "https://twitter.com/someone", "https://www.ted.com/speakers/ann_example"} <= urls
    assert not any("Without" in link.text for link in article.external_links)


def test_allmusic_link_and_pure_url_inside_a_citation() -> None:
    ref = one_ref("{{cite web |url={{AllMusic|class=artist|id=mn0000001/biography"
                  "|pure_url=yes}} |title=Biography |publisher=AllMusic}}")
    assert links(ref) == {"Biography": "https://www.allmusic.com/artist/mn0000001/biography"}
    text = _body_text("* {{AllMusic|class=album|id=mw0000002|label=The Record}}")
    assert "- The Record at AllMusic" in text


def test_language_icons() -> None:
    text = _body_text("[http://a.example/ Source] {{el icon}}; other {{de icon}}.")
    assert "Source (in Greek); other (in German)." in text


def test_baseballstats_lists_its_sites() -> None:
    article = parse_article("== External links ==\n{{Baseballstats |br=d/doejo01 |mlb=42}}\n",
                            "John Doe (baseball)")
    assert not article.unknown_templates
    from viewer.article import to_text

    assert ("Career statistics and player information from MLB, or Baseball Reference"
            in to_text(article))
    assert {link.url for link in article.external_links} == {
        "https://www.mlb.com/player/42",
        "https://www.baseball-reference.com/players/d/doejo01.shtml"}


def test_episode_shows_season_and_episode() -> None:
    ref = one_ref("{{cite episode |title=Pilot |series=Show |network=Net "
                  "|airdate=1 May 2003 |season=2 |number=5}}")
    assert ref.text == "“Pilot”. Show. Season 2. Episode 5. Net. 1 May 2003."
    ref = one_ref("{{cite episode |title=Pilot |series=Show |series-no=3 |number=1}}")
    assert "Series 3. Episode 1." in ref.text


def test_conference_name_follows_the_proceedings() -> None:
    ref = one_ref("{{cite conference |last=Black |first=E. |title=Modelling |year=2008 "
                  "|conference=Hydro 2008 |book-title=Proceedings |pages=1–9}}")
    assert ref.text == "Black, E. (2008). “Modelling”. Proceedings. Hydro 2008. pp. 1–9."


def test_webarchive_names_its_service_and_links_the_copy() -> None:
    ref = one_ref("[http://a.example/p Page] {{webarchive |url=https://web.archive.org/web/"
                  "2012/http://a.example/p |date=2012-07-14 }}")
    assert ref.text == "Page Archived 2012-07-14 at the Wayback Machine"
    assert links(ref)["Archived"] == "https://web.archive.org/web/2012/http://a.example/p"
    ref = one_ref("{{webarchive |url=http://www.webcitation.org/6abc |title=Report}}")
    assert ref.text == "Report at WebCite"
    ref = one_ref("Text {{webarchive |url=javascript:alert(1)}}")
    assert ref.text == "Text"


def test_public_domain_encyclopedias_cite_and_attribute() -> None:
    ref = one_ref("{{Cite EB1911 |wstitle=Widget |volume=9 |page=12}}")
    assert ref.citation is not None and ref.citation.container == "Encyclopædia Britannica"
    assert ref.text == ("Chisholm, Hugh (ed.) (1911). “Widget”. Encyclopædia Britannica. "
                        "11th ed. Vol. 9. Cambridge University Press. p. 12.")
    text = _body_text("== Sources ==\n* {{Catholic |wstitle=Gadget}}\n")
    assert ("- This article incorporates text from a publication now in the public domain: "
            "Herbermann, Charles (ed.) (1913). “Gadget”. Catholic Encyclopedia.") in text


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("{{cite iucn |author=Doe, J. |title=Widgetus rex |volume=2016 |page=e.T1A2 "
         "|year=2016}}",
         "Doe, J. (2016). “Widgetus rex”. IUCN Red List of Threatened Species. 2016: e.T1A2."),
        ("{{cite gnis |12345 |Widget Creek |accessdate=2010-01-01}}",
         "“Widget Creek”. Geographic Names Information System. United States Geological "
         "Survey. Retrieved 2010-01-01."),
        ("{{cite tweet |user=widgetco |number=42 |author=Widget Co |title=New widget "
         "|date=1 May 2020}}",
         "Widget Co [@widgetco] (1 May 2020). “New widget” (Tweet) – via Twitter."),
        ("{{cite interview |last=Roe |first=R. |interviewer=Ann Doe |title=On widgets "
         "|work=Mag |date=2018}}",
         "Roe, R. (2018). “On widgets” (Interview). Interviewed by Ann Doe. Mag."),
        ("{{cite video game |title=Widget Quest |developer=Dev Co |publisher=Pub Co "
         "|date=2005 |platform=PC}}", "Dev Co (2005). Widget Quest (PC). Pub Co."),
        ("{{cite AV media notes |title=Widgets |others=The Band |year=1999 "
         "|publisher=Label |type=CD liner notes}}",
         "Widgets (CD liner notes). The Band. Label. 1999."),
        ("{{cite speech |title=Address |author=A. Person |date=2001 |location=Town "
         "|event=Gala}}", "A. Person (2001). “Address” (Speech). Gala. Town."),
    ],
)
def test_special_purpose_citation_templates(body: str, text: str) -> None:
    ref = one_ref(body)
    assert ref.text == text


def test_tweet_title_links_to_the_status() -> None:
    ref = one_ref("{{cite tweet |user=widgetco |number=42 |title=New widget}}")
    assert links(ref) == {"New widget": "https://twitter.com/widgetco/status/42"}


def test_more_external_site_templates() -> None:
    article = parse_article(
        "== External links ==\n* {{Curlie|Science/Widgets}}\n* {{YouTube|id=abc123|title=A talk}}"
        "\n* {{YouTube|user=someone}}\n* {{Britannica|topic/widget|Widget}}\n", "Widget (thing)")
    assert not article.unknown_templates
    from viewer.article import to_text

    text = to_text(article)
    for line in ("- Widget at Curlie", "- A talk on YouTube", "- Widget's channel on YouTube",
                 "- Widget at Encyclopædia Britannica"):
        assert line in text
    assert {link.url for link in article.external_links} == {
        "https://curlie.org/Science/Widgets", "https://www.youtube.com/watch?v=abc123",
        "https://www.youtube.com/user/someone", "https://www.britannica.com/topic/widget"}


def test_arxiv_class_follows_a_new_style_identifier() -> None:
    ref = one_ref("{{cite arXiv |last=Smith |first=J. |eprint=1234.5678 |class=hep-th "
                  "|title=Theory |year=2012}}")
    assert ref.text == "Smith, J. (2012). “Theory”. arXiv:1234.5678 [hep-th]."


def test_url_access_is_written_out() -> None:
    ref = one_ref("{{cite news |title=Story |newspaper=Daily |url=http://a.example/s "
                  "|url-access=subscription |date=2001}}")
    assert ref.text == "“Story”. Daily. 2001. (subscription required)"
    ref = one_ref("{{cite web |title=Page |url=http://a.example/p |registration=yes}}")
    assert ref.text.endswith("(registration required)")
