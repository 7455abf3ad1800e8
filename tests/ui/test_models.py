"""The side panels' item models: Qt's model tester on real articles, and their data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from viewer.article.model import (
    Article,
    Citation,
    ExternalLink,
    Infobox,
    InfoboxField,
    Reference,
    Section,
    Style,
    Text,
)
from viewer.ui.models import (
    InfoboxModel,
    ReferencesFilterProxy,
    ReferencesModel,
    Role,
    SectionTreeModel,
    inline_urls,
    reference_urls,
)

from .panel_articles import ARTICLES, parse, rich_article

MODELS: tuple[Callable[[], QAbstractItemModel], ...] = (
    SectionTreeModel, InfoboxModel, ReferencesModel)


def _load(model: QAbstractItemModel, article: Article | None) -> None:
    model.set_article(article)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(ARTICLES))
@pytest.mark.parametrize("make", MODELS, ids=lambda m: m.__name__)
def test_models_pass_the_model_tester(qtmodeltester, make, name):
    model = make()
    _load(model, ARTICLES[name]())
    qtmodeltester.check(model)


@pytest.mark.parametrize("make", MODELS, ids=lambda m: m.__name__)
def test_models_pass_the_model_tester_across_resets(qtmodeltester, make):
    model = make()
    qtmodeltester.check(model)
    _load(model, rich_article())
    _load(model, None)
    _load(model, ARTICLES["seed"]())
    assert model.rowCount() > 0


def test_filter_proxy_passes_the_model_tester(qtmodeltester):
    source = ReferencesModel()
    source.set_article(ARTICLES["seed"]())
    proxy = ReferencesFilterProxy()
    proxy.setSourceModel(source)
    proxy.set_filter_text("myeloma")
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < source.rowCount()


# --------------------------------------------------------------------------- sections


def _walk(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = QModelIndex() if parent is None else parent
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(_walk(model, index))
    return out


def test_section_tree_mirrors_the_seed_sections():
    article = ARTICLES["seed"]()
    model = SectionTreeModel()
    model.set_article(article)
    assert model.rowCount() == len(article.sections)
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles[:3] == ["Medical uses", "Adverse effects", "Mechanism of action"]
    medical = model.index(0, 0)
    assert model.rowCount(medical) == 3
    assert model.index(0, 0, medical).data() == "Multiple myeloma"
    assert model.index(0, 0, medical).data(Role.LEVEL) == 3
    # every section once, depth first, with its anchor
    indexes = _walk(model)
    assert [i.data(Role.ANCHOR) for i in indexes] == [s.anchor for s in article.walk_sections()]
    assert model.anchors() == tuple(s.anchor for s in article.walk_sections())


def test_section_tree_finds_nested_sections_by_anchor():
    model = SectionTreeModel()
    model.set_article(parse(
        "Lead.\n== A ==\n=== A1 ===\n==== Deep ====\ntext\n== B ==\n== A ==\n", "T"))
    deep = model.index_for_anchor("Deep")
    assert deep.isValid() and deep.data() == "Deep" and deep.data(Role.LEVEL) == 4
    assert deep.parent().data() == "A1"
    assert deep.parent().parent().data(Role.ANCHOR) == "A"
    # a repeated heading gets its own anchor and its own row
    assert model.index_for_anchor("A_2").row() == 2
    assert not model.index_for_anchor("Nowhere").isValid()
    assert model.flags(deep) & Qt.ItemFlag.ItemNeverHasChildren


def test_section_tree_is_empty_for_no_article():
    model = SectionTreeModel()
    model.set_article(ARTICLES["seed"]())
    model.set_article(None)
    assert model.rowCount() == 0
    assert not model.index(0, 0).isValid()


# --------------------------------------------------------------------------- infobox


def test_infobox_groups_the_seed_fields():
    article = ARTICLES["seed"]()
    model = InfoboxModel()
    model.set_article(article)
    assert model.columnCount() == 2
    groups = [g.casefold() for g in model.group_titles()]
    for wanted in ("clinical data", "pharmacokinetic data", "identifiers",
                   "chemical and physical data"):
        assert wanted in groups
    # every field appears once, under its group (or at the top when it has none)
    seen = []
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        if top.data(Role.IS_GROUP):
            assert top.data() in model.group_titles()
            for child in range(model.rowCount(top)):
                label = model.index(child, 0, top)
                value = model.index(child, 1, top)
                assert label.parent() == top
                assert value.data(Role.FIELD).group == top.data()
                seen.append(value.data(Role.FIELD_NAME))
        else:
            seen.append(top.data(Role.FIELD_NAME))
    assert seen == [f.name for f in article.infobox.fields]


def _find_field(model: InfoboxModel, name: str) -> tuple[QModelIndex, QModelIndex]:
    for index in _walk(model):
        if index.data(Role.FIELD_NAME) == name:
            return index, index.siblingAtColumn(1)
    raise AssertionError(f"no field {name}")


def test_infobox_values_as_text_html_and_copy_text():
    model = InfoboxModel()
    model.set_article(ARTICLES["seed"]())
    label, value = _find_field(model, "tradename")
    assert label.data() == "Trade names" or label.data().startswith("Trade")
    assert value.data() == "Revlimid"
    assert value.data(Role.PLAIN_TEXT) == "Revlimid"
    assert value.data(Role.COPY_TEXT) == f"{label.data()}: Revlimid"
    assert not value.data(Role.IS_GROUP)
    # a group row copies all of its fields
    group = label.parent()
    lines = group.data(Role.COPY_TEXT).splitlines()
    assert f"{label.data()}: Revlimid" in lines
    assert len(lines) == model.rowCount(group)


def test_infobox_formula_html_has_subscripts():
    model = InfoboxModel()
    model.set_article(ARTICLES["seed"]())
    formulas = [i.siblingAtColumn(1) for i in _walk(model)
                if "C13H13N3O3" in (i.siblingAtColumn(1).data() or "").replace(" ", "")]
    assert formulas, "the seed's formula row is missing"
    html = formulas[0].data(Role.HTML)
    assert "<sub>13</sub>" in html and "<sub>3</sub>" in html


def test_infobox_lone_fields_stay_at_the_top():
    model = InfoboxModel()
    model.set_article(rich_article())
    top = model.index(0, 0)
    assert not top.data(Role.IS_GROUP)
    assert top.data() == "Born" and model.rowCount(top) == 0
    assert top.parent() == QModelIndex()
    assert model.group_titles() == ("Career",)
    career = model.index(1, 0)
    assert career.data(Role.IS_GROUP) and model.rowCount(career) == 2
    assert career.data(Role.HTML) == "Career"
    assert model.index(0, 1, career).data(Role.URLS) == ("https://example.org/team",)
    assert model.index(0, 1, career).data(Qt.ItemDataRole.ToolTipRole) == "Example team"


def test_infobox_model_is_empty_without_an_infobox():
    model = InfoboxModel()
    model.set_article(ARTICLES["no_infobox"]())
    assert model.rowCount() == 0 and model.infobox is None


# --------------------------------------------------------------------------- references


def test_references_of_the_seed():
    article = ARTICLES["seed"]()
    model = ReferencesModel()
    model.set_article(article)
    assert model.rowCount() == len(article.references) > 20
    first = model.index(0, 0)
    assert first.data(Role.NUMBER) == 1 and first.data(Role.GROUP) == ""
    assert first.data(Role.LABEL) == "1"
    assert first.data().startswith("[1] ")
    assert "Lenalidomide after stem-cell transplantation" in first.data(Role.PLAIN_TEXT)
    assert first.data(Role.CITATION).doi == "10.1056/NEJMoa1114083"
    assert first.data(Role.USES) == article.references[0].uses
    assert first.data(Role.ANCHOR) == article.references[0].anchor
    assert "https://doi.org/10.1056/NEJMoa1114083" in first.data(Role.URLS)
    assert "<" in first.data(Role.HTML)
    assert first.data(Role.BIBTEX_KEY)
    keys = [model.index(r, 0).data(Role.BIBTEX_KEY) for r in range(model.rowCount())]
    keyed = [k for k in keys if k]
    assert len(keyed) == len(set(keyed)) or len(set(keyed)) > 1


def test_reference_groups_and_labels():
    model = ReferencesModel()
    model.set_article(parse(
        "A<ref>one</ref> B<ref group=note>a note</ref> C<ref group=lower-alpha>x</ref>"
        " D<ref name=r>two</ref><ref name=r/>\n== Notes ==\n{{reflist|group=note}}\n"
        "{{reflist|group=lower-alpha}}\n== References ==\n{{reflist}}\n", "Groups"))
    labels = [model.index(r, 0).data(Role.LABEL) for r in range(model.rowCount())]
    assert labels == ["1", "2", "note 1", "a"]
    second = model.index(1, 0)
    assert len(second.data(Role.USES)) == 2
    assert second.data(Role.CITATION) is None and second.data(Role.BIBTEX_KEY) == ""
    assert model.row_for_anchor(second.data(Role.USES)[1]) == 1
    assert model.row_for_anchor("nowhere") == -1


def test_filter_proxy_matches_every_word_in_any_order():
    source = ReferencesModel()
    source.set_article(ARTICLES["seed"]())
    proxy = ReferencesFilterProxy()
    proxy.setSourceModel(source)
    total = proxy.rowCount()
    proxy.set_filter_text("MYELOMA lenalidomide")
    both = proxy.rowCount()
    assert 0 < both < total
    for row in range(both):
        text = proxy.index(row, 0).data(Role.SEARCH_TEXT)
        assert "myeloma" in text and "lenalidomide" in text
    proxy.set_filter_text("10.1056/NEJMoa1114083")  # a DOI finds its reference
    assert proxy.rowCount() >= 1
    proxy.set_filter_text("zzzz-no-such-reference")
    assert proxy.rowCount() == 0
    proxy.set_filter_text("  ")
    assert proxy.rowCount() == total and proxy.filter_text() == ""


def test_reference_urls_are_built_from_identifiers_only():
    cite = Citation(type="journal", doi="10.1000/a b#c", pmid="123", pmc="PMC77",
                    url="javascript:alert(1)")
    ref = Reference(1, "", "", ("m",), "n", (Text("x"),), "x", cite)
    urls = reference_urls(ref)
    assert urls["doi"] == "https://doi.org/10.1000/a%20b%23c"
    assert urls["pubmed"] == "https://pubmed.ncbi.nlm.nih.gov/123/"
    assert urls["pmc"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC77/"
    assert "url" not in urls  # an unsafe scheme is never offered
    bare = Reference(2, "", "", (), "n2",
                     (ExternalLink("https://example.org/page", (Text("page"),)),), "page")
    assert reference_urls(bare) == {"url": "https://example.org/page"}


def test_inline_urls_skips_unsafe_and_repeats():
    inlines = (
        ExternalLink("https://a.example/", (Text("a"),)),
        Style("b", (ExternalLink("javascript:alert(1)", (Text("evil"),)),)),
        ExternalLink("https://a.example/", ()),
    )
    assert inline_urls(inlines) == ("https://a.example/",)


def test_hand_built_article_without_renderer_surprises():
    box = Infobox("x", "X", (InfoboxField("a", "A", (), "plain <b>", "G"),))
    article = Article("X", sections=(Section("S", 2, "S", ()),), infobox=box)
    model = InfoboxModel()
    model.set_article(article)
    value = model.index(0, 1, model.index(0, 0))
    assert value.data(Role.HTML) == "plain &lt;b&gt;"


# --------------------------------------------------------------------------- corpus


CORPUS_FILES = ("headings.txt", "sectionWrappingParserTests.txt", "fuzzTests.txt",
                "extLinks.txt")


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_models_on_mediawiki_parser_tests(qtmodeltester, parsertests_dir, name):
    """Every case of a parser-test file, one by one (outline mirrors the sections), then
    all of them as one long article through the model tester."""
    from tests.corpus.parsertests import read_cases

    cases = list(read_cases(parsertests_dir / name))
    assert cases
    outline = SectionTreeModel()
    for case in cases:
        article = parse(case.wikitext, "Case")
        outline.set_article(article)
        assert [i.data(Role.ANCHOR) for i in _walk(outline)] == [
            s.anchor for s in article.walk_sections()], case.id
    big = parse("\n".join(c.wikitext for c in cases), "All cases")
    for make in MODELS:
        model = make()
        _load(model, big)
        qtmodeltester.check(model)


def test_odd_shapes_pass_the_model_tester(qtmodeltester):
    """Empty titles, labels, values and references: still valid models."""
    box = Infobox("x", "", (
        InfoboxField("", "", (), ""),
        InfoboxField("a", "A", (), "", "G"),
        InfoboxField("b", "", (Text(""),), "", "G"),
        InfoboxField("c", "C", (), "", ""),
    ))
    refs = (Reference(1, "", "", (), "n1", (), ""),
            Reference(1, "g", "", (), "n2", (Text("x"),), "x"))
    article = Article("", sections=(Section("", 2, "", ()), Section("", 7, "_2", (), (
        Section("", 3, "_3", ()),))), infobox=box, references=refs)
    for make in MODELS:
        model = make()
        _load(model, article)
        qtmodeltester.check(model)
    outline = SectionTreeModel()
    outline.set_article(article)
    assert outline.index(0, 0).data() == ""
    assert outline.index(0, 0, outline.index(1, 0)).data(Role.ANCHOR) == "_3"
    infobox = InfoboxModel()
    infobox.set_article(article)
    assert [infobox.index(r, 0).data(Role.IS_GROUP) for r in range(3)] == [False, True, False]
