"""Articles the side-panel tests run on: the seed, small wikitext articles of our own
(parsed by the real pipeline) and one hand-built article for exact model shapes."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

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
from viewer.resources import SAMPLE_ARTICLE, SAMPLE_TITLE, resource_path


def parse(wikitext: str, title: str) -> Article:
    """``wikitext`` through the real parser."""
    from viewer.article import parse_article

    return parse_article(wikitext, title)


@cache
def seed() -> Article:
    """The bundled sample article (Lenalidomide)."""
    return parse(resource_path(SAMPLE_ARTICLE).read_text(encoding="utf-8"), SAMPLE_TITLE)


def empty() -> Article:
    """An article with no text at all."""
    return parse("", "Empty")


def no_infobox() -> Article:
    """Sections and references but no infobox."""
    return parse(
        "'''Plain''' is a short article.<ref>{{cite web |url=https://example.org/p "
        "|title=Plain facts |publisher=Example}}</ref>\n"
        "== History ==\nOld.<ref name=b>{{cite book |last=Doe |first=Jane |title=A Book "
        "|year=1999 |isbn=978-0-00-000000-2}}</ref>\n"
        "=== Early ===\nEarlier.<ref name=b/>\n== Notes ==\n<references/>\n", "Plain")


def person() -> Article:
    """A small biography with an infobox whose fields have no groups."""
    return parse(
        "{{Infobox person\n| name = Ada Example\n| birth_date = 1 January 1900\n"
        "| occupation = [[Mathematician]]\n| website = [https://ada.example.org Home]\n}}\n"
        "'''Ada Example''' was a mathematician.<ref>Some source.</ref>\n"
        "== Life ==\nShe lived.\n== Work ==\nShe worked.\n== References ==\n{{reflist}}\n",
        "Ada Example")


def chem() -> Article:
    """A chembox-like drugbox with a computed formula and an identifier link."""
    return parse(
        "{{Drugbox\n| IUPAC_name = ethanol\n<!--Clinical data-->\n| tradename = Booze\n"
        "<!--Identifiers-->\n| CAS_number = 64-17-5\n| PubChem = 702\n"
        "<!--Chemical data-->\n| C=2 | H=6 | O=1\n}}\n"
        "'''Ethanol''' is an alcohol.<ref>{{cite journal |last=Roe |first=R |title=On "
        "ethanol |journal=J Chem |year=2001 |doi=10.1000/eth |pmid=42}}</ref>\n"
        "== Uses ==\nDrinks.\n== References ==\n{{reflist}}\n", "Ethanol")


def rich_article() -> Article:
    """A hand-built article: a lone top-level field, a group, and references."""
    cite = Citation(type="journal", authors=("Roe R",), title="On things", year="2001",
                    doi="10.1000/xyz", pmid="42")
    box = Infobox("infobox person", "Pat", (
        InfoboxField("birth_date", "Born", (Text("1900"),), "1900"),
        InfoboxField("team", "Team", (ExternalLink("https://example.org/team",
                                                   (Text("Example team"),)),),
                     "Example team", "Career"),
        InfoboxField("formula", "Formula", (Text("H"), Style("sub", (Text("2"),)), Text("O")),
                     "H2O", "Career"),
    ))
    refs = (
        Reference(1, "", "roe", ("cite_ref-roe_1-0", "cite_ref-roe_1-1"), "cite_note-roe-1",
                  (Text("Roe R (2001). "), Style("i", (Text("On things"),))),
                  "Roe R (2001). On things", cite),
        Reference(2, "", "", ("cite_ref-2",), "cite_note-2", (Text("A plain note."),),
                  "A plain note."),
    )
    sections = (Section("Career", 2, "Career", (), (Section("Teams", 3, "Teams", ()),)),)
    return Article("Pat", sections=sections, infobox=box, references=refs)


ARTICLES: dict[str, Callable[[], Article]] = {
    "seed": seed,
    "empty": empty,
    "no_infobox": no_infobox,
    "person": person,
    "chem": chem,
    "hand_built": rich_article,
}
