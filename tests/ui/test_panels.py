"""The side panels driven as a user drives them: typing, keys, clicks, the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication

from viewer.article.model import Article
from viewer.ui.models import Role
from viewer.ui.panels import InfoboxPanel, OutlinePanel, ReferencesPanel

from .panel_articles import ARTICLES, chem, no_infobox, rich_article, seed


@pytest.fixture
def references(qtbot) -> ReferencesPanel:
    panel = ReferencesPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 520)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def outline(qtbot) -> OutlinePanel:
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def infobox(qtbot) -> InfoboxPanel:
    panel = InfoboxPanel()
    qtbot.addWidget(panel)
    panel.resize(340, 640)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _select(view, row: int) -> QModelIndex:
    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    return index


# --------------------------------------------------------------------------- references


def test_typing_in_the_filter_shrinks_the_list(qtbot, references):
    references.set_article(seed())
    total = references.view.model().rowCount()
    assert total == len(seed().references)
    assert references.count_label.text() == f"{total} references"
    references.filter_edit.setFocus()
    qtbot.keyClicks(references.filter_edit, "myelodysplastic")
    shown = references.view.model().rowCount()
    assert 0 < shown < total
    assert references.count_label.text() == f"{shown} of {total} references"
    for row in range(shown):
        assert "myelodysplastic" in references.view.model().index(row, 0).data().casefold()
    qtbot.keyClicks(references.filter_edit, " qqqqq")
    assert references.view.model().rowCount() == 0
    references.filter_edit.clear()
    assert references.view.model().rowCount() == total


def test_down_from_the_filter_enters_the_list_and_enter_jumps(qtbot, references):
    article = rich_article()
    references.set_article(article)
    references.filter_edit.setFocus()
    qtbot.keyClicks(references.filter_edit, "plain")
    qtbot.keyClick(references.filter_edit, Qt.Key.Key_Down)
    assert references.current_reference() == article.references[1]
    with qtbot.waitSignal(references.jump_requested) as jumped:
        qtbot.keyClick(references.view, Qt.Key.Key_Return)
    assert jumped.args == ["cite_ref-2"]


def test_double_click_jumps_to_the_first_marker(qtbot, references):
    article = rich_article()
    references.set_article(article)
    index = references.view.model().index(0, 0)
    rect = references.view.visualRect(index)
    viewport = references.view.viewport()
    with qtbot.waitSignal(references.jump_requested) as jumped:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert jumped.args == [article.references[0].uses[0]]


def test_double_click_on_the_seed_jumps_to_a_real_marker(qtbot, references):
    article = seed()
    references.set_article(article)
    index = references.view.model().index(2, 0)
    rect = references.view.visualRect(index)
    viewport = references.view.viewport()
    with qtbot.waitSignal(references.jump_requested) as jumped:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert jumped.args == [article.references[2].uses[0]]


def test_copy_bibtex_and_ris_to_the_clipboard(qtbot, references):
    article = seed()
    references.set_article(article)
    _select(references.view, 0)
    assert references.copy_bibtex_action.isEnabled()
    references.copy_bibtex_action.trigger()
    bibtex = QGuiApplication.clipboard().text()
    assert bibtex.lstrip().startswith("@article{")
    assert "10.1056/NEJMoa1114083" in bibtex
    assert "Lenalidomide after stem-cell transplantation" in bibtex
    # the key is the one the article's BibTeX export uses
    key = references.view.currentIndex().data(Role.BIBTEX_KEY)
    assert f"{{{key}," in bibtex
    references.copy_ris_action.trigger()
    ris = QGuiApplication.clipboard().text()
    assert ris.startswith("TY  - JOUR") and "ER  -" in ris
    assert "DO  - 10.1056/NEJMoa1114083" in ris


def test_copy_as_text_and_ctrl_c(qtbot, references):
    references.set_article(rich_article())
    _select(references.view, 1)
    QGuiApplication.clipboard().clear()
    references.view.setFocus()
    qtbot.keyClick(references.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "[2] A plain note."
    _select(references.view, 0)
    references.copy_text_action.trigger()
    assert QGuiApplication.clipboard().text().startswith("[1] Roe R (2001). On things")


def test_citation_actions_follow_the_current_reference(references):
    references.set_article(rich_article())
    _select(references.view, 1)  # no structured citation, no links
    assert not references.copy_bibtex_action.isEnabled()
    assert not references.open_doi_action.isEnabled()
    assert not references.open_button.isEnabled()
    assert references.copy_text_action.isEnabled()
    _select(references.view, 0)
    assert references.copy_bibtex_action.isEnabled()
    assert references.open_doi_action.isEnabled()
    assert references.open_pubmed_action.isEnabled()
    assert not references.open_url_action.isEnabled()


def test_open_actions_only_emit_urls(qtbot, references):
    references.set_article(rich_article())
    _select(references.view, 0)
    with qtbot.waitSignal(references.open_url_requested) as doi:
        references.open_doi_action.trigger()
    assert doi.args == [QUrl("https://doi.org/10.1000/xyz")]
    with qtbot.waitSignal(references.open_url_requested) as pubmed:
        references.open_pubmed_action.trigger()
    assert pubmed.args == [QUrl("https://pubmed.ncbi.nlm.nih.gov/42/")]
    menu = references.build_context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Copy citation as &BibTeX" in texts and "Open &DOI\u2026" in texts


def test_show_reference_selects_without_jumping(qtbot, references):
    article = rich_article()
    references.set_article(article)
    qtbot.keyClicks(references.filter_edit, "plain")
    with qtbot.assertNotEmitted(references.jump_requested):
        references.show_reference("cite_ref-roe_1-1")
    assert references.filter_edit.text() == ""  # the filter hid it, so it was cleared
    assert references.current_reference() == article.references[0]


def test_references_panel_without_article(references):
    references.set_article(None)
    assert references.view.model().rowCount() == 0
    assert references.count_label.text() == "No references"
    assert not references.copy_button.isEnabled()


# --------------------------------------------------------------------------- outline


def test_enter_on_an_outline_row_activates_its_section(qtbot, outline):
    outline.set_article(seed())
    view = outline.view
    view.setFocus()
    medical = outline.model.index(0, 0)
    outline.view.setCurrentIndex(medical)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # arrows move without activating
    with qtbot.waitSignal(outline.section_activated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == ["Multiple_myeloma"]


def test_arrow_keys_do_not_activate(qtbot, outline):
    outline.set_article(seed())
    outline.view.setFocus()
    outline.view.setCurrentIndex(outline.model.index(0, 0))
    with qtbot.assertNotEmitted(outline.section_activated):
        qtbot.keyClick(outline.view, Qt.Key.Key_Down)
        qtbot.keyClick(outline.view, Qt.Key.Key_Down)


def test_click_on_an_outline_row_activates_its_section(qtbot, outline):
    outline.set_article(seed())
    index = outline.model.index_for_anchor("Adverse_effects")
    rect = outline.view.visualRect(index)
    with qtbot.waitSignal(outline.section_activated) as activated:
        qtbot.mouseClick(outline.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == ["Adverse_effects"]


def test_set_current_anchor_highlights_without_emitting(qtbot, outline):
    outline.set_article(rich_article())
    with qtbot.assertNotEmitted(outline.section_activated):
        outline.set_current_anchor("Teams")
    assert outline.current_anchor() == "Teams"
    assert outline.view.currentIndex().data() == "Teams"
    outline.set_current_anchor("not-a-section")
    assert outline.current_anchor() == ""


# --------------------------------------------------------------------------- infobox


def test_infobox_panel_shows_the_seed_groups(infobox):
    infobox.set_article(seed())
    assert infobox.title_label.text() == "Lenalidomide"
    assert not infobox.view.isHidden() and infobox.empty_label.isHidden()
    assert not infobox.image_frame.isHidden()  # the drugbox has an image
    groups = [g.casefold() for g in infobox.model.group_titles()]
    assert "identifiers" in groups
    for row in range(infobox.model.rowCount()):
        index = infobox.model.index(row, 0)
        assert infobox.view.isExpanded(index) or not index.data(Role.IS_GROUP)


def test_infobox_ctrl_c_copies_label_and_value(qtbot, infobox):
    infobox.set_article(rich_article())
    career = infobox.model.index(1, 0)
    team = infobox.model.index(0, 0, career)
    infobox.view.setFocus()
    infobox.view.setCurrentIndex(team)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(infobox.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Team: Example team"
    infobox.view.selectAll()
    infobox.copy_selection()
    assert QGuiApplication.clipboard().text().splitlines() == [
        "Born: 1900", "Team: Example team", "Formula: H2O"]


def test_infobox_context_menu_copies_value_and_offers_links(qtbot, infobox):
    infobox.set_article(rich_article())
    team = infobox.model.index(0, 1, infobox.model.index(1, 0))
    menu = infobox.build_context_menu(team)
    actions = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    actions["Copy &value"].trigger()
    assert QGuiApplication.clipboard().text() == "Example team"
    opener = next(a for t, a in actions.items() if t.startswith("Open link"))
    with qtbot.waitSignal(infobox.open_url_requested) as opened:
        opener.trigger()
    assert opened.args == [QUrl("https://example.org/team")]


def test_infobox_panel_without_infobox(infobox):
    infobox.set_article(no_infobox())
    assert infobox.view.isHidden() and not infobox.empty_label.isHidden()
    assert "no infobox" in infobox.empty_label.text()
    assert infobox.image_frame.isHidden()
    infobox.set_article(None)
    assert infobox.model.rowCount() == 0


def test_infobox_value_rows_grow_to_fit_wrapped_text(infobox):
    infobox.set_article(seed())
    view = infobox.view
    heights = {}
    for index in _all_rows(infobox.model):
        value = index.siblingAtColumn(1)
        heights[value.data(Role.FIELD_NAME)] = view.visualRect(value).height()
    short = heights["tradename"]
    assert heights["StdInChI"] > 2 * short  # the long InChI wraps onto several lines


def _all_rows(model) -> list[QModelIndex]:
    out = []
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        if top.data(Role.IS_GROUP):
            out.extend(model.index(r, 0, top) for r in range(model.rowCount(top)))
        else:
            out.append(top)
    return out


# --------------------------------------------------------------------------- all panels


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_every_panel_takes_every_article(qtbot, name):
    article: Article = ARTICLES[name]()
    for cls in (InfoboxPanel, OutlinePanel, ReferencesPanel):
        panel = cls()
        qtbot.addWidget(panel)
        panel.set_article(article)
        panel.resize(300, 400)
        assert not panel.grab().isNull()
        assert panel.accessibleName()
        assert panel.focusProxy() is not None
        panel.set_article(None)


def test_chem_formula_from_element_counts(infobox):
    infobox.set_article(chem())
    html = [i.siblingAtColumn(1).data(Role.HTML) for i in _all_rows(infobox.model)]
    assert any("<sub>6</sub>" in h for h in html)


# --------------------------------------------------------------------------- links


def _point_on_link(view, delegate, index, href: str):
    """A viewport point over the link ``href`` inside the item at ``index``."""
    rect = view.visualRect(index)
    for y in range(rect.top() + 4, rect.bottom(), 5):  # one probe per text line or so
        for x in range(rect.left() + 1, rect.right(), 3):
            point = QPoint(x, y)
            if delegate.anchor_at(point) == href:
                return point
    raise AssertionError(f"no link {href} in {index.data()}")


def test_clicking_an_external_link_in_a_value_only_asks(qtbot, infobox):
    infobox.set_article(rich_article())
    value = infobox.model.index(0, 1, infobox.model.index(1, 0))
    viewport = infobox.view.viewport()
    point = _point_on_link(infobox.view, infobox.delegate, value, "https://example.org/team")
    with qtbot.waitSignal(infobox.open_url_requested) as opened, \
            qtbot.assertNotEmitted(infobox.link_activated):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [QUrl("https://example.org/team")]
    # a click beside the link is just a click
    beside = QPoint(infobox.view.visualRect(value).right() - 2, point.y())
    with qtbot.assertNotEmitted(infobox.open_url_requested):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=beside)


def test_clicking_an_internal_link_is_routed_to_the_window(qtbot, infobox):
    infobox.set_article(seed())
    value = next(i.siblingAtColumn(1) for i in _all_rows(infobox.model)
                 if i.data(Role.FIELD_NAME) == "routes_of_administration")
    html = value.data(Role.HTML)
    href = html.split('href="', 1)[1].split('"', 1)[0]
    assert href.startswith("wiki:")
    point = _point_on_link(infobox.view, infobox.delegate, value, href)
    with qtbot.waitSignal(infobox.link_activated) as activated, \
            qtbot.assertNotEmitted(infobox.open_url_requested):
        qtbot.mouseClick(infobox.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert activated.args == [QUrl(href)]


def test_clicking_a_doi_in_a_reference_asks_to_open_it(qtbot, references):
    references.set_article(seed())
    index = references.view.model().index(0, 0)
    html = index.data(Role.HTML)
    doi = next(part.split('"', 1)[0] for part in html.split('href="')[1:]
               if "doi.org" in part.split('"', 1)[0])
    point = _point_on_link(references.view, references.delegate, index, doi)
    with qtbot.waitSignal(references.open_url_requested) as opened:
        qtbot.mouseClick(references.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [QUrl(doi)]


def test_the_same_article_again_rebuilds_nothing(qtbot):
    article = seed()
    for cls in (InfoboxPanel, OutlinePanel, ReferencesPanel):
        panel = cls()
        qtbot.addWidget(panel)
        panel.set_article(article)
        with qtbot.assertNotEmitted(panel.model.modelReset):
            panel.set_article(article)
        with qtbot.waitSignal(panel.model.modelReset):
            panel.set_article(no_infobox())


def test_a_palette_change_repaints_with_new_colours(qtbot, references):
    references.set_article(rich_article())
    index = references.view.model().index(0, 0)
    references.view.grab()
    assert references.delegate.cached_documents() > 0  # painted documents are cached
    palette = references.view.palette()
    palette.setColor(palette.ColorRole.Link, Qt.GlobalColor.red)
    references.view.setPalette(palette)
    assert references.delegate.cached_documents() == 0  # ... dropped on a theme change
    assert references.view.visualRect(index).height() > 0


def test_context_menu_jumps_to_any_use_of_a_reused_reference(qtbot, references):
    article = rich_article()
    references.set_article(article)
    _select(references.view, 0)  # cited twice
    menu = references.build_context_menu()
    places = next(a.menu() for a in menu.actions() if a.menu() is not None)
    labels = [a.text().split("\t")[0] for a in places.actions()]
    assert labels == ["a", "b"]
    with qtbot.waitSignal(references.jump_requested) as jumped:
        places.actions()[1].trigger()
    assert jumped.args == [article.references[0].uses[1]]
    _select(references.view, 1)  # cited once: a plain action
    menu = references.build_context_menu()
    assert all(a.menu() is None for a in menu.actions())
    with qtbot.waitSignal(references.jump_requested) as jumped:
        menu.actions()[0].trigger()
    assert jumped.args == ["cite_ref-2"]
