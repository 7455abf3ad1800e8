"""Title search as you type (prefix, substring, fuzzy, accents) and full-text search."""

from __future__ import annotations

from pathlib import Path

import pytest
from _library_dumps import Page, article_text, write_dump
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.library import Library, highlight_spans
from viewer.library.search import fts_query


def test_prefix_first_case_and_accent_insensitive(loaded: Library) -> None:
    hits = loaded.search_titles("ebo")
    assert [h.title for h in hits] == ["Ebola virus"] and hits[0].match == "prefix"
    assert loaded.search_titles("CREME")[0].title == "Crème brûlée"
    assert loaded.search_titles("crème_b")[0].title == "Crème brûlée"


def test_redirects_show_their_target(loaded: Library) -> None:
    hit = loaded.search_titles("revl")[0]
    assert (hit.title, hit.redirect_to, hit.target) == ("Revlimid", "Lenalidomide",
                                                        "Lenalidomide")


def test_substring_and_fuzzy_after_prefix(library: Library, tmp_path: Path) -> None:
    titles = ["Lenalidomide", "Thalidomide", "Pomalidomide", "Lemon", "Lens (optics)",
              "Domino", "Paris", "Leningrad"]
    library.import_source(write_dump(tmp_path / "d.xml",
                                     [Page(t, article_text(t)) for t in titles]), workers=0)
    hits = library.search_titles("len")
    assert [h.title for h in hits[:3]] == ["Lenalidomide", "Leningrad", "Lens (optics)"]
    assert all(h.match == "prefix" for h in hits[:3])
    # substring: "lidomide" is inside three titles, none starts with it
    hits = library.search_titles("lidomide")
    assert {h.title for h in hits} == {"Lenalidomide", "Thalidomide", "Pomalidomide"}
    assert all(h.match == "substring" for h in hits)
    # typos: a swapped letter and a missing one
    assert library.search_titles("lenalidomdie")[0].title == "Lenalidomide"
    assert library.search_titles("thaldomide")[0].title == "Thalidomide"
    assert library.search_titles("lneal")[0].title == "Lenalidomide"  # swapped, early
    assert library.search_titles("xthalid")[0].title == "Thalidomide"  # extra letter
    assert library.search_titles("pomalodomide")[0].title == "Pomalidomide"  # wrong letter
    fuzzy = library.search_titles("thaldomide")[0]
    assert fuzzy.match == "fuzzy" and 0.6 <= fuzzy.score < 1
    assert library.search_titles("qqqqq") == []
    assert library.search_titles("") == [] and library.search_titles("   ") == []
    assert len(library.search_titles("l", limit=2)) == 2


def test_full_text_ranked_with_marked_snippets(loaded: Library) -> None:
    hits = loaded.search_text("myeloma")
    assert {h.title for h in hits} == {"Thalidomide", "Lenalidomide"}
    assert all("\x02myeloma\x03" in h.snippet.lower() for h in hits)
    assert hits[0].score >= hits[1].score
    # stemming and accents: "fevers" finds "fever", "ebola" finds "Ébola"
    assert loaded.search_text("fevers")[0].title == "Ebola virus"
    assert loaded.search_text("ebola")[0].title == "Ebola virus"
    # a title match ranks above a passing mention
    assert loaded.search_text("thalidomide")[0].title == "Thalidomide"
    # every word must match
    assert loaded.search_text("myeloma custard") == []


def test_prefix_while_typing(loaded: Library) -> None:
    assert loaded.search_text("myel") == []
    assert {h.title for h in loaded.search_text("myel", prefix=True)} == \
        {"Thalidomide", "Lenalidomide"}


def test_user_queries_never_reach_fts_as_syntax(loaded: Library) -> None:
    for query in ['"', "NEAR(", "a OR", "*", "title:paris", "-x", "(((", "'; DROP TABLE", "^"]:
        loaded.search_text(query)  # no exception
    assert fts_query('capital "of France" OR') == '"of France" "capital" "OR"'
    assert loaded.search_text('"capital of France"')[0].title == "Paris"
    assert loaded.search_text('"France of capital"') == []


def test_highlight_spans() -> None:
    assert highlight_spans("a \x02b\x03 c \x02d\x03") == [
        ("a ", False), ("b", True), (" c ", False), ("d", True)]
    assert highlight_spans("plain") == [("plain", False)]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_any_query_is_safe(loaded: Library, query: str) -> None:
    """Whatever is typed (operators, quotes, control characters, surrogates...), searching
    answers with a list and never raises."""
    assert isinstance(loaded.search_titles(query), list)
    assert isinstance(loaded.search_text(query, prefix=True), list)
    assert isinstance(loaded.search_text(query), list)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=30))
def test_any_title_lookup_is_safe(loaded: Library, title: str) -> None:
    record = loaded.article(title)
    assert record is None or record.title in loaded.titles(limit=100)
    assert loaded.resolve_link(title) in (None, *loaded.titles(limit=100), "Revlimid",
                                          "City of light")
    assert isinstance(loaded.titles(title), list)


def test_very_common_queries_rank_a_bounded_set(loaded: Library,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.library import search

    everything = loaded.search_text("history")
    assert len(everything) == 5
    monkeypatch.setattr(search, "RANK_CAP", 2)
    capped = loaded.search_text("history")
    assert len(capped) == 2
    assert {h.title for h in capped} < {h.title for h in everything}
