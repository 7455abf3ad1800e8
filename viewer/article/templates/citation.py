"""The citation family: CS1 ``cite ...`` templates, ``citation`` (CS2), ``vcite``.

Every handler does three things (see :func:`cite`):

1. reads the parameters into a structured :class:`~viewer.article.model.Citation`
   (plain text values; authors and editors from every CS1 naming scheme);
2. offers it to the parser with ``ctx.add_citation`` (it becomes the enclosing
   reference's citation, or joins ``Article.bibliography`` outside any reference);
3. returns the citation formatted as one readable line in CS1 style, wrapped in
   ``Span("citation <type>")``: ``Authors (Date). "Title". Journal. 12 (3): 4–5.
   doi:...``, the title linked to the URL and identifiers linked to their resolvers.

Parameter values are converted lazily and only once: a value without markup is taken as
is (whitespace collapsed) without a round trip through the parser, which keeps the many
citations of a long article cheap.  Everything here is total: missing, blank, repeated
or junk parameters give a shorter line, never an exception.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

import mwparserfromhell

from viewer.article.model import (
    Citation,
    ExternalLink,
    Inline,
    LineBreak,
    Link,
    Math,
    RefMarker,
    Span,
    Style,
    Text,
)
from viewer.article.sanitize import safe_url
from viewer.article.templates.base import (
    Context,
    Nodes,
    TemplateCall,
    TemplateRegistry,
    Value,
    source_text,
)

__all__ = [
    "CS1_TYPES",
    "MAX_SHOWN_NAMES",
    "citeref_anchor",
    "extract_year",
    "language_names",
    "parse_vancouver",
    "plain_text",
    "register",
]

MAX_SHOWN_NAMES = 6
"""Author/editor lists longer than this are cut to this many names plus "et al."."""

# Values containing any of these need the parser (links, templates, tags, comments,
# entities, bold/italic quotes); anything else is plain text already.
_NEEDS_PARSE = re.compile(r"[\[\]{}<>&]|''")
_WS = re.compile(r"\s+")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_SHORT_YEAR = re.compile(r"(?<!\d)(\d{1,4})\s*(?:AD|CE|BC|BCE)\b|\b(?:AD|CE)\s*(\d{1,4})(?!\d)")
_ETAL = re.compile(r"^et\.?\s*al\.?$", re.I)
_INITIALS_NAME = re.compile(r"^[^\W\d][\w'’.\- ]*\s[A-Z]{1,4}$")
_SLASH_OR_DASH = re.compile(r"[–—-]")
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_SCRIPT_PREFIX = re.compile(r"^\s*[a-z]{2,3}(?:-[a-z]+)?\s*:\s*")

# Template name -> citation type, for names whose type is not just "cite <type>".
_TYPE_ALIASES = {
    "cite": "citation",
    "citation": "citation",
    "cite paper": "journal",
    "cite article": "journal",
    "cite website": "web",
    "cite webpage": "web",
    "cite url": "web",
    "cite newspaper": "news",
    "cite periodical": "magazine",
    "cite techreport": "report",
    "cite tech report": "report",
    "cite encyclopaedia": "encyclopedia",
    "cite dictionary": "encyclopedia",
    "cite video": "av media",
    "cite visual": "av media",
    "cite audio": "av media",
    "cite media": "av media",
    "cite av media notes": "av media notes",
    "cite pressrelease": "press release",
    "cite conference paper": "conference",
    "cite proceedings": "conference",
    "cite mailinglist": "mailing list",
    "cite e-mail": "email",
    "cite tv": "episode",
    "cite serial": "serial",
    "cite letter": "letter",
}

CS1_TYPES = frozenset({
    "citation", "journal", "web", "book", "news", "conference", "report", "thesis",
    "press release", "encyclopedia", "av media", "av media notes", "magazine", "arxiv",
    "biorxiv", "medrxiv", "citeseerx", "ssrn", "podcast", "speech", "interview", "map",
    "episode", "serial", "mailing list", "newsgroup", "sign", "techreport", "document",
    "tweet", "email", "letter",
})
"""The citation types of the CS1/CS2 templates themselves (other ``cite ...`` names are
look-alikes with their own parameters)."""

# Types whose title is an article inside something (quoted, container in italics).
_QUOTED_TYPES = frozenset({
    "journal", "web", "news", "magazine", "press release", "podcast", "newsgroup",
    "mailing list", "interview", "arxiv", "biorxiv", "medrxiv", "citeseerx", "ssrn",
    "episode", "serial", "speech", "tweet", "email", "document",
})

# Default "(Type)" annotations shown after the title, as CS1 does.
_DEFAULT_TYPE_LABEL = {
    "press release": "Press release",
    "thesis": "Thesis",
    "podcast": "Podcast",
    "mailing list": "Mailing list",
    "newsgroup": "Newsgroup",
    "tweet": "Tweet",
    "speech": "Speech",
    "interview": "Interview",
    "av media notes": "Media notes",
    "map": "Map",
}

_CONTAINER_KEYS = (
    "journal", "website", "work", "newspaper", "magazine", "periodical", "encyclopedia",
    "encyclopaedia", "dictionary", "book-title", "booktitle", "mailing-list",
    "mailinglist", "newsgroup", "conference", "department", "series-title",
)
_CHAPTER_KEYS = ("chapter", "script-chapter", "contribution", "entry", "article", "section")
_PUBLISHER_KEYS = (
    "publisher", "institution", "school", "university", "network", "station", "distributor",
)

_LANGUAGES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian",
    "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
    "zh": "Chinese",
}

# (parameter keys, label, URL prefix or "" for plain text), in CS1's display order.
_IDENTIFIERS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("arxiv", "eprint"), "arXiv:", "https://arxiv.org/abs/"),
    (("bibcode",), "Bibcode:", "https://ui.adsabs.harvard.edu/abs/"),
    (("biorxiv",), "bioRxiv ", "https://doi.org/"),
    (("citeseerx",), "CiteSeerX ", "https://citeseerx.ist.psu.edu/viewdoc/summary?doi="),
    (("doi",), "doi:", "https://doi.org/"),
    (("hdl",), "hdl:", "https://hdl.handle.net/"),
    (("isbn", "isbn13"), "ISBN ", ""),
    (("issn",), "ISSN ", "https://www.worldcat.org/issn/"),
    (("eissn",), "eISSN ", "https://www.worldcat.org/issn/"),
    (("jstor",), "JSTOR ", "https://www.jstor.org/stable/"),
    (("lccn",), "LCCN ", "https://lccn.loc.gov/"),
    (("mr",), "MR ", "https://mathscinet.ams.org/mathscinet-getitem?mr="),
    (("oclc",), "OCLC ", "https://www.worldcat.org/oclc/"),
    (("ol",), "OL ", "https://openlibrary.org/OL"),
    (("osti",), "OSTI ", "https://www.osti.gov/biblio/"),
    (("pmc",), "PMC ", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC"),
    (("pmid",), "PMID ", "https://pubmed.ncbi.nlm.nih.gov/"),
    (("rfc",), "RFC ", "https://tools.ietf.org/html/rfc"),
    (("s2cid",), "S2CID ", "https://api.semanticscholar.org/CorpusID:"),
    (("ssrn",), "SSRN ", "https://papers.ssrn.com/sol3/papers.cfm?abstract_id="),
    (("zbl",), "Zbl ", "https://zbmath.org/?format=complete&q=an:"),
)


# --------------------------------------------------------------------------- pure helpers


def language_names(value: str) -> str:
    """The languages of a ``language=`` value as CS1 shows them after the title:
    codes become names (``pt-BR`` -> Portuguese, the region or script subtag dropped),
    several languages are joined (``fr, de`` -> "French and German"), and English is
    left out, as on the English Wikipedia.  ``""`` when nothing is left to show."""
    names: list[str] = []
    for part in re.split(r"\s*(?:[,;]|\band\b)\s*", value.strip()):
        if not part:
            continue
        base = part.split("-")[0].split("_")[0].lower() if _LANG_CODE.match(part) else ""
        name = _LANGUAGES.get(base, part) if base else part
        if name.lower() in ("english", "en") or name in names:
            continue
        names.append(name)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def plain_text(nodes: Iterable[Inline]) -> str:
    """The reader-visible text of inline nodes (markers dropped, whitespace collapsed)."""
    parts: list[str] = []

    def visit(items: Iterable[Inline]) -> None:
        for node in items:
            if isinstance(node, Text):
                parts.append(node.text)
            elif isinstance(node, (Style, Span, Link, ExternalLink)):
                visit(node.children)
            elif isinstance(node, Math):
                parts.append(node.tex)
            elif isinstance(node, LineBreak):
                parts.append(" ")
            elif isinstance(node, RefMarker):
                continue

    visit(nodes)
    return " ".join("".join(parts).split())


def extract_year(date: str) -> str:
    """The year of a free-form CS1 date: ``"Mar 22, 2012"`` -> ``"2012"``,
    ``"2006-06-29"`` -> ``"2006"``, ``"850 AD"`` -> ``"850"``; ``""`` when none."""
    match = _YEAR.search(date)
    if match:
        return match.group(1)
    short = _SHORT_YEAR.search(date)
    if short:
        return short.group(1) or short.group(2) or ""
    return ""


def _split_outside_parens(value: str, sep: str) -> list[str]:
    """Split ``value`` on ``sep`` except inside ``((...))`` (Vancouver corporate names)."""
    out: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in value:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


def parse_vancouver(value: str) -> tuple[str, ...]:
    """Split a Vancouver list (``vauthors``): ``"McCarthy PL, Owzar K, etal"`` ->
    ``("McCarthy PL", "Owzar K", "et al.")``.  ``((Corporate name))`` is kept whole
    without its double parentheses."""
    names: list[str] = []
    for piece in _split_outside_parens(value, ","):
        name = " ".join(piece.split())
        if not name:
            continue
        if name.startswith("((") and name.endswith("))"):
            name = name[2:-2].strip()
        if _ETAL.match(name) or name.lower() == "etal":
            names.append("et al.")
        else:
            names.append(name)
    return tuple(names)


def _free_form_names(value: str) -> tuple[str, ...]:
    """Split a free-form ``authors=`` list: on semicolons, or on commas when every piece
    looks like a Vancouver name (``Smith J, Jones K``); otherwise one entry."""
    value = " ".join(value.split())
    if not value:
        return ()
    if ";" in value:
        return tuple(p.strip() for p in value.split(";") if p.strip())
    pieces = [p.strip() for p in value.split(",") if p.strip()]
    if len(pieces) > 1 and all(
        _INITIALS_NAME.match(p) or _ETAL.match(p) or p.lower() == "etal" for p in pieces
    ):
        return parse_vancouver(value)
    return (value,)


def _initials(first: str) -> str:
    """``"George W."`` -> ``"GW"`` (for Vancouver display of last/first names)."""
    return "".join(part[0].upper() for part in re.split(r"[\s.\-]+", first) if part)


def citeref_anchor(surnames: Sequence[str], year: str) -> str:
    """The anchor a Harvard-style short citation points to: ``CITEREF`` + up to four
    surnames + year, spaces as underscores (``CITEREFVan_Besien2005``), as CS1 makes it."""
    key = "CITEREF" + "".join(surnames[:4]) + year
    return _WS.sub("_", key.strip())


def _clean_doi(value: str) -> str:
    value = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                   "http://dx.doi.org/", "doi:", "DOI:", "doi: "):
        if value.lower().startswith(prefix.lower()):
            value = value[len(prefix):].strip()
    return value


def _clean_prefixed(value: str, *prefixes: str) -> str:
    value = value.strip()
    lower = value.lower()
    for prefix in prefixes:
        if lower.startswith(prefix):
            return value[len(prefix):].strip(" :")
    return value


def _ends_with_stop(nodes: Sequence[Inline]) -> bool:
    """Whether ``nodes`` end a sentence already (also inside closing quotes:
    ``“Title.”`` takes no further full stop, as in CS1)."""
    return _is_stop(plain_text(nodes))


def _is_stop(text: str) -> bool:
    text = text.rstrip("\u201d\"'’")
    return bool(text) and text[-1] in ".?!"


# --------------------------------------------------------------------------- parameters


def _key(name: str) -> str:
    """Normalise a parameter name: ``Access_Date`` -> ``access-date``."""
    return _WS.sub("-", name.strip().lower().replace("_", "-"))


_LAST = re.compile(
    r"^(?:(?:last|surname|author-last|author-surname|lastname|author)(\d*)"
    r"|author(\d+)-(?:last|surname))$"
)
_FIRST = re.compile(
    r"^(?:(?:first|given|author-first|author-given|firstname)(\d*)"
    r"|author(\d+)-(?:first|given))$"
)
_ED_LAST = re.compile(
    r"^(?:(?:editor-last|editor-surname|editor)(\d*)|editor(\d+)-(?:last|surname))$"
)
_ED_FIRST = re.compile(r"^(?:(?:editor-first|editor-given)(\d*)|editor(\d+)-(?:first|given))$")


class _Params:
    """A citation template's parameters, keyed by normalised name, values converted to
    plain text or inline nodes on demand (each value at most once)."""

    def __init__(self, call: TemplateCall, ctx: Context) -> None:
        self.ctx = ctx
        self.raw: dict[str, Value] = {}
        self.src: dict[str, str] = {}  # source text of each value (str() once: it walks)
        for name, value in call.params:
            source = source_text(value)
            if source.strip():
                key = _key(name)
                if key.startswith("script-"):
                    # script-title=ja:... : the language prefix is not shown.
                    source = _SCRIPT_PREFIX.sub("", source)
                    self.raw[key] = source
                else:
                    self.raw[key] = value  # the last non-blank occurrence wins
                self.src[key] = source
        self._text: dict[str, str] = {}
        self._inlines: dict[str, tuple[Inline, ...]] = {}

    def key(self, *names: str) -> str | None:
        """The first of ``names`` that is present (and not blank)."""
        for name in names:
            if name in self.raw:
                return name
        return None

    def text(self, *names: str) -> str:
        """Plain text of the first present parameter among ``names`` (``""`` if none)."""
        key = self.key(*names)
        if key is None:
            return ""
        if key not in self._text:
            if key in self._inlines:
                self._text[key] = plain_text(self._inlines[key])
            else:
                source = self.src[key]
                if _NEEDS_PARSE.search(source):
                    self._text[key] = " ".join(self.ctx.text(self.raw[key]).split())
                else:
                    self._text[key] = " ".join(source.split())
        return self._text[key]

    def inlines(self, *names: str) -> tuple[Inline, ...]:
        """Inline nodes of the first present parameter among ``names`` (formatting kept)."""
        key = self.key(*names)
        if key is None:
            return ()
        if key not in self._inlines:
            source = self.src[key]
            if _NEEDS_PARSE.search(source):
                self._inlines[key] = _strip_inlines(self.ctx.inlines(self.raw[key]))
            else:
                text = " ".join(source.split())
                self._inlines[key] = (Text(text),) if text else ()
        return self._inlines[key]

    def shown_text(self, *names: str) -> str:
        """Plain text of a value that is also shown with its formatting: taken from its
        inline nodes, so the value is parsed once."""
        key = self.key(*names)
        if key is None:
            return ""
        self.inlines(key)
        return self.text(key)

    def numbered(self, pattern: re.Pattern[str]) -> dict[int, str]:
        """Plain text of every parameter matching ``pattern`` keyed by its number (the
        first group that matched; no number means 1).  The first alias seen wins."""
        found: dict[int, str] = {}
        for key in self.raw:
            match = pattern.match(key)
            if match is None:
                continue
            digits = next((g for g in match.groups() if g), "")
            index = int(digits) if digits else 1
            if index in found:
                continue
            value = self.text(key)
            if value:
                found[index] = value
        return found


def _strip_inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Trim leading/trailing whitespace of a run of inline nodes (parsed values often
    carry the spaces around ``|``)."""
    items = list(nodes)
    while items and isinstance(items[0], Text) and not items[0].text.strip():
        items.pop(0)
    while items and isinstance(items[-1], Text) and not items[-1].text.strip():
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip())
    return tuple(items)


def _unlink(nodes: Iterable[Inline]) -> tuple[Inline, ...]:
    """Replace links inside ``nodes`` by their text (a title linked to its URL must not
    contain other links); reference markers are dropped."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Link):
            out.extend(_unlink(node.children))
        elif isinstance(node, ExternalLink):
            out.extend(_unlink(node.children) if node.children else (Text(node.url),))
        elif isinstance(node, Style):
            out.append(Style(node.tag, _unlink(node.children), node.title))
        elif isinstance(node, Span):
            out.append(Span(node.css_class, _unlink(node.children), node.title, node.lang))
        elif not isinstance(node, RefMarker):
            out.append(node)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Names:
    """A name list: the names in display form and whether "et al." follows."""

    names: tuple[str, ...]
    vancouver: bool
    surnames: tuple[str, ...] = ()


def _people(
    params: _Params, last: re.Pattern[str], first: re.Pattern[str], vkey: str, freekey: str,
    vanc_style: bool,
) -> _Names:
    """Collect a name list from the numbered last/first pairs, else the Vancouver list,
    else the free-form list."""
    lasts = params.numbered(last)
    if lasts:
        firsts = params.numbered(first)
        names: list[str] = []
        for index in sorted(lasts):
            surname, given = lasts[index], firsts.get(index, "")
            if vanc_style:
                names.append(f"{surname} {_initials(given)}".strip())
            else:
                names.append(f"{surname}, {given}" if given else surname)
        return _Names(tuple(names), vanc_style, tuple(lasts[i] for i in sorted(lasts)))
    vlist = params.text(vkey)
    if vlist:
        vnames = parse_vancouver(vlist)
        return _Names(vnames, True, tuple(_vancouver_surname(n) for n in vnames
                                          if n != "et al."))
    free = params.text(freekey)
    if free:
        fnames = _free_form_names(free)
        return _Names(fnames, False, tuple(_vancouver_surname(n) for n in fnames))
    return _Names((), False)


def _vancouver_surname(name: str) -> str:
    """``"McCarthy PL"`` -> ``"McCarthy"`` (the part before trailing initials);
    ``"Smith, John"`` -> ``"Smith"``."""
    if "," in name:
        return name.split(",", 1)[0].strip()
    head, _, tail = name.rpartition(" ")
    if head and tail.isupper() and tail.isalpha() and len(tail) <= 4:
        return head
    return name


def _display_limit(params: _Params) -> tuple[int, bool]:
    """How many names to show and whether to force "et al." (``display-authors``)."""
    value = params.text("display-authors", "displayauthors").lower()
    if value == "etal":
        return MAX_SHOWN_NAMES, True
    if value.isdigit():
        return max(0, int(value)), False
    return MAX_SHOWN_NAMES, False


def _names_text(names: _Names, limit: int, force_etal: bool) -> str:
    """``"Smith, J.; Jones, K.; et al."`` / ``"Smith J, Jones K, et al."``: at most
    ``limit`` names, then "et al." when names were cut, the list says so, or forced."""
    people = [n for n in names.names if n != "et al."]
    if not people or limit <= 0:
        return ""
    etal = force_etal or len(people) < len(names.names) or len(people) > limit
    sep = ", " if names.vancouver else "; "
    text = sep.join(people[:limit])
    if etal:
        text += sep + "et al."
    return text


# --------------------------------------------------------------------------- the handler


def citation_type(name: str) -> str:
    """The ``Citation.type`` for a normalised template name (``cite journal`` ->
    ``journal``, ``vcite2 book`` -> ``book``, ``citation`` -> ``citation``)."""
    if name in _TYPE_ALIASES:
        return _TYPE_ALIASES[name]
    for prefix in ("vcite2 ", "vcite ", "vancite ", "cite "):
        if name.startswith(prefix):
            rest = name[len(prefix):].strip()
            return _TYPE_ALIASES.get("cite " + rest, rest) or "citation"
    return name


def build_citation(call: TemplateCall, ctx: Context) -> tuple[Citation, Nodes]:
    """The structured citation of ``call`` and its formatted line (not yet offered)."""
    ctype = citation_type(call.name)
    params = _Params(call, ctx)
    mode = params.text("mode").lower()
    cs2 = mode == "cs2" or (ctype == "citation" and mode != "cs1")
    vanc_style = params.text("name-list-style", "name-list-format").lower() == "vanc"

    authors = _people(params, _LAST, _FIRST, "vauthors", "authors", vanc_style)
    if not authors.names:
        for alt in ("people", "host", "subject", "interviewer", "cartography", "assessors",
                    "inventor"):
            if params.key(alt):
                authors = _Names(_free_form_names(params.text(alt)), False)
                break
    editors = _people(params, _ED_LAST, _ED_FIRST, "veditors", "editors", vanc_style)

    date = params.text("date", "publication-date", "air-date", "airdate")
    year = params.text("year") or extract_year(date)
    container_key = params.key(*_CONTAINER_KEYS)
    chapter_key = params.key(*_CHAPTER_KEYS)
    title_key = params.key("title", "script-title", "wstitle", "trans-title")
    pages = params.text("pages", "page", "at", "pp", "p", "minutes", "time")
    # Wikitext writes "&amp;" in URLs; the citation keeps the real address.
    url = html.unescape(params.text("url"))
    archive_url = html.unescape(params.text("archive-url", "archiveurl"))

    citation = Citation(
        type=ctype,
        authors=authors.names,
        editors=editors.names,
        title=params.shown_text(title_key) if title_key else "",
        chapter=params.shown_text(chapter_key) if chapter_key else "",
        container=params.shown_text(container_key) if container_key else (
            # A web page without a website name is published on its publisher's site.
            params.shown_text(*_PUBLISHER_KEYS) if ctype == "web" else ""
        ),
        publisher=params.shown_text(*_PUBLISHER_KEYS),
        location=params.text("location", "place", "publication-place"),
        date=date,
        year=year,
        volume=params.text("volume"),
        issue=params.text("issue", "number"),
        pages=pages,
        edition=params.text("edition"),
        doi=_clean_doi(params.text("doi")),
        pmid=_clean_prefixed(params.text("pmid"), "pmid"),
        pmc=_clean_prefixed(params.text("pmc"), "pmc"),
        isbn=_clean_prefixed(params.text("isbn", "isbn13"), "isbn"),
        issn=_clean_prefixed(params.text("issn"), "issn"),
        arxiv=_clean_prefixed(params.text("arxiv", "eprint"), "arxiv"),
        url=url,
        access_date=params.text("access-date", "accessdate"),
        archive_url=archive_url,
        archive_date=params.text("archive-date", "archivedate"),
        language=params.text("language", "lang"),
        quote=params.shown_text("quote", "quotation"),
    )
    line = _format(citation, params, authors, editors, cs2, container_key, chapter_key,
                   title_key)
    return citation, line


def _has_content(citation: Citation) -> bool:
    return any((citation.title, citation.chapter, citation.container, citation.url,
                citation.doi, citation.pmid, citation.pmc, citation.isbn, citation.arxiv,
                citation.authors, citation.publisher))


def _with_params(call: TemplateCall, name: str, drop: Iterable[str],
                 add: Iterable[tuple[str, str]]) -> TemplateCall:
    """``call`` renamed, without the ``drop`` parameters, with ``add`` appended (a value
    the editor gave, and that is not dropped, wins over an added one)."""
    dropped = set(drop)
    present = {key for key, value in call.params if str(value).strip()} - dropped
    params = [(k, v) for k, v in call.params if k not in dropped]
    params += [(k, mwparserfromhell.parse(v)) for k, v in add if v and k not in present]
    return TemplateCall(name=name, raw_name=call.raw_name, params=tuple(params))


def _specialised(call: TemplateCall) -> TemplateCall:
    """Wikipedia's special-purpose citation templates as the general CS1 call they stand
    for: the IUCN Red List, GNIS, tweets, interviews, video games, album notes."""
    name = call.name
    if name == "cite iucn":
        return _with_params(call, name, (),
                            (("journal", "IUCN Red List of Threatened Species"),))
    if name == "cite gnis":
        ident, place = call.raw("id", "1"), call.raw("name", "2")
        url = (f"https://edits.nationalmap.gov/apps/gaz-domestic/public/summary/{ident}"
               if ident.isdigit() else "")
        return _with_params(call, "cite web", ("id", "1", "name", "2"), (
            ("title", place or f"Feature Detail Report for: {ident}"), ("url", url),
            ("website", "Geographic Names Information System"),
            ("publisher", "United States Geological Survey")))
    if name == "cite tweet":
        user, number = call.raw("user"), call.raw("number")
        author = call.raw("author", "author1", "last", "last1")
        shown = f"{author} [@{user}]" if author and user else author or (
            f"@{user}" if user else "")
        url = f"https://twitter.com/{user}/status/{number}" if user and number.isdigit() \
            else ""
        return _with_params(call, "cite web",
                            ("user", "number", "author", "author1", "last", "last1",
                             "first", "first1"),
                            (("author", shown), ("url", url), ("type", "Tweet"),
                             ("via", "Twitter")))
    if name == "cite interview":
        interviewer = call.raw("interviewer", "interviewer1")
        if call.raw("last", "last1", "author", "subject", "subject1"):
            return _with_params(call, name, ("interviewer", "interviewer1"),
                                (("others", f"Interviewed by {interviewer}"
                                  if interviewer else ""),))
    if name == "cite video game":
        return _with_params(call, name, ("platform",), (
            ("author", call.raw("developer")), ("type", call.raw("platform"))))
    if name in ("cite album-notes", "cite album notes", "cite av media notes"):
        return _with_params(call, name, ("artist",), (("others", call.raw("artist")),))
    if name == "cite speech":
        return _with_params(call, name, ("event",), (("others", call.raw("event")),))
    return call


def cite(call: TemplateCall, ctx: Context) -> Nodes:
    """Handler for the CS1/CS2 citation templates."""
    call = _specialised(call)
    citation, line = build_citation(call, ctx)
    if not _has_content(citation):
        if call.positional() or (citation.type not in CS1_TYPES and call.params):
            # Not a CS1 template at all ({{cite bible|John|3:16}}, {{cite Q|Q42}}): it
            # is unknown, and the reader gets its fallback text rather than nothing.
            return ctx.unknown(call)
        return ()
    ctx.add_citation(citation)
    return line


# Public-domain reference works cited by their own templates ({{Cite EB1911}}) or credited
# by attribution templates ({{EB1911}}, {{DNB}}, {{Catholic}}): the parameters a
# ``{{cite encyclopedia}}`` of that work would carry.
_PD_WORKS: dict[str, tuple[tuple[str, str], ...]] = {
    "eb1911": (("encyclopedia", "Encyclopædia Britannica"), ("edition", "11th"),
               ("year", "1911"), ("publisher", "Cambridge University Press"),
               ("editor-last", "Chisholm"), ("editor-first", "Hugh")),
    "dnb": (("encyclopedia", "Dictionary of National Biography"),
            ("publisher", "Smith, Elder & Co"), ("location", "London")),
    "catholic": (("encyclopedia", "Catholic Encyclopedia"), ("year", "1913"),
                 ("publisher", "Robert Appleton Company"), ("location", "New York"),
                 ("editor-last", "Herbermann"), ("editor-first", "Charles")),
    "jewish": (("encyclopedia", "Jewish Encyclopedia"), ("year", "1906"),
               ("publisher", "Funk & Wagnalls"), ("location", "New York"),
               ("editor-last", "Singer"), ("editor-first", "Isidore")),
    "nie": (("encyclopedia", "New International Encyclopedia"), ("edition", "1st"),
            ("year", "1905"), ("publisher", "Dodd, Mead"), ("location", "New York")),
    "americana": (("encyclopedia", "Encyclopedia Americana"), ("year", "1920")),
}
_PD_NAMES = {
    "cite eb1911": "eb1911", "eb1911": "eb1911", "cite dnb": "dnb",
    "dnb": "dnb", "cite catholic encyclopedia": "catholic", "catholic": "catholic",
    "cite ce1913": "catholic", "ce1913": "catholic", "catholic encyclopedia": "catholic",
    "cite jewish encyclopedia": "jewish", "jewish encyclopedia": "jewish",
    "cite nie": "nie", "nie": "nie", "cite americana": "americana", "americana": "americana",
}
_PD_ATTRIBUTION = "This article incorporates text from a publication now in the public domain: "


def public_domain_work(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Cite EB1911|wstitle=Foo|volume=10}}`` and the attribution form ``{{EB1911|...}}``:
    a ``cite encyclopedia`` of the work (``wstitle``, its Wikisource page, is the
    article title); the attribution form opens with "This article incorporates text from
    a publication now in the public domain:"."""
    present = {key for key, value in call.params if str(value).strip()}
    extra = [(key, value) for key, value in _PD_WORKS[_PD_NAMES[call.name]]
             if key not in present and not (key.startswith("editor") and "editor" in present)]
    if "title" not in present and "article" not in present:
        wstitle = call.get("wstitle", "1")
        if wstitle is not None:
            extra.append(("title", str(wstitle)))
    params = (*call.params, *((k, mwparserfromhell.parse(v)) for k, v in extra))
    inner = TemplateCall(name="cite encyclopedia", raw_name=call.raw_name, params=params)
    nodes = cite(inner, ctx)
    if not call.name.startswith("cite ") and nodes:
        prefix = "" if call.get("noprescript") is not None else _PD_ATTRIBUTION
        return (Text(prefix), *nodes) if prefix else nodes
    return nodes


# --------------------------------------------------------------------------- formatting


class _Line:
    """Accumulates the parts of a citation line and joins them CS1/CS2 style."""

    def __init__(self, cs2: bool) -> None:
        self.parts: list[tuple[Inline, ...]] = []
        self.stops: list[bool] = []  # whether each part already ends a sentence
        self.sep = ", " if cs2 else ". "

    def add(self, *nodes: Inline) -> None:
        items = tuple(n for n in nodes if not (isinstance(n, Text) and not n.text))
        text = plain_text(items) if items else ""
        if text:
            self.parts.append(items)
            self.stops.append(_is_stop(text))

    def extend_last(self, *nodes: Inline) -> None:
        """Append ``nodes`` to the last part (``Journal: 12``)."""
        self.parts[-1] = (*self.parts[-1], *nodes)
        self.stops[-1] = _ends_with_stop(self.parts[-1])

    def nodes(self, terminator: str) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for index, part in enumerate(self.parts):
            if index:
                stop = self.stops[index - 1] and self.sep == ". "
                out.append(Text(" " if stop else self.sep))
            out.extend(part)
        if out and terminator and not (terminator == "." and self.stops[-1]):
            out.append(Text(terminator))
        return _merge_text(out)


def _merge_text(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Join adjacent ``Text`` nodes (smaller model, simpler renderers)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(out)


def _linked(nodes: tuple[Inline, ...], url: str) -> tuple[Inline, ...]:
    """``nodes`` linked to ``url`` when it is a usable absolute URL."""
    safe = safe_url(url) if url else None
    if safe is None or not nodes:
        return nodes
    return (ExternalLink(safe, _unlink(nodes)),)


def _identifier(label: str, value: str, prefix: str) -> tuple[Inline, ...]:
    """``doi:`` + the value linked to its resolver (plain text when it cannot be)."""
    if not prefix:
        return (Text(label + value),)
    ident = value.strip()
    numeric = prefix.endswith(("PMC", "pubmed.ncbi.nlm.nih.gov/"))
    if numeric and not ident.isdigit():
        return (Text(label + value),)
    target = safe_url(prefix + quote(ident, safe="/:;()._-~+=?&,"))
    if target is None:
        return (Text(label + value),)
    return (Text(label), ExternalLink(target, (Text(value),)))


def _title_nodes(
    params: _Params, citation: Citation, title_key: str | None, quoted: bool, link_url: str,
) -> tuple[Inline, ...]:
    """The title, quoted or italic, linked to ``link_url``, with ``[trans-title]``."""
    nodes: list[Inline] = []
    if title_key is not None and title_key != "trans-title":
        inner = _linked(params.inlines(title_key), link_url)
        wiki_target = params.text("title-link", "titlelink")
        if inner and not (link_url and safe_url(link_url)) and wiki_target and \
                wiki_target.lower() not in ("none", "doi", "pmc"):
            # title-link=: the title links to the wiki article about the work.
            page, _, fragment = wiki_target.partition("#")
            page = page.strip()
            inner = (Link(page[:1].upper() + page[1:], fragment.strip().replace(" ", "_"),
                          _unlink(inner)),)
        if quoted:
            nodes.extend((Text("\u201c"), *inner, Text("\u201d")))
        else:
            nodes.append(Style("i", inner))
    trans = params.inlines("trans-title") if params.key("trans-title") else ()
    if trans:
        linked_already = bool(nodes)
        if nodes:
            nodes.append(Text(" "))
        nodes.extend(
            (Text("["), *_linked(trans, "" if linked_already else link_url), Text("]"))
        )
    if not nodes and link_url and safe_url(link_url):
        # No title at all: show the address itself, as a link.
        nodes.extend(_linked((Text(link_url),), link_url))
    return tuple(nodes)


def _format(
    citation: Citation, params: _Params, authors: _Names, editors: _Names, cs2: bool,
    container_key: str | None, chapter_key: str | None, title_key: str | None,
) -> Nodes:
    line = _Line(cs2)
    ctype = citation.type
    editors_all = editors
    limit, force_etal = _display_limit(params)
    shown_date = citation.date or citation.year

    # Where the title links: the archive copy when the original is dead.
    status = params.text("url-status", "dead-url", "deadurl").lower()
    dead = bool(citation.archive_url) and status not in ("live", "no")
    title_url = citation.archive_url if dead and citation.archive_url else citation.url

    # Authors (date).
    lead = _names_text(authors, limit, force_etal)
    collaboration = params.text("collaboration")
    if collaboration and lead:
        lead += "; " + collaboration
    if not lead and editors.names and not chapter_key:
        lead = _names_text(editors, limit, False)
        lead += " (eds.)" if len(editors.names) > 1 else " (ed.)"
        editors = _Names((), False)
    if lead:
        head: list[Inline] = [Text(lead)]
        if shown_date:
            head.append(Text(f" ({shown_date})"))
        orig = params.text("orig-date", "orig-year", "origyear")
        if orig:
            head.append(Text(f" [{orig}]"))
        line.add(*head)

    # "Chapter". In Editors (eds.).
    if chapter_key:
        chapter = _linked(params.inlines(chapter_key), params.text("chapter-url",
                                                                   "contribution-url"))
        line.add(Text("\u201c"), *chapter, Text("\u201d"))
        if editors.names:
            eds = _names_text(editors, limit, False)
            suffix = " (eds.)" if len(editors.names) > 1 else " (ed.)"
            line.add(Text("In " + eds + suffix))
            editors = _Names((), False)

    # Title (type) (format) (in Language). Edition.
    if ctype == "encyclopedia" or (ctype == "conference" and container_key):
        quoted = bool(container_key)
    elif ctype in ("book", "thesis", "report", "av media", "av media notes"):
        quoted = False
    else:
        quoted = ctype in _QUOTED_TYPES or bool(container_key)
    title = _title_nodes(params, citation, title_key, quoted, title_url)
    extras: list[str] = []
    type_label = params.text("type", "medium")
    degree = params.text("degree")
    if type_label.lower() != "none":
        if degree and ctype == "thesis":
            extras.append(f"{degree} thesis")
        elif type_label:
            extras.append(type_label)
        elif ctype in _DEFAULT_TYPE_LABEL:
            extras.append(_DEFAULT_TYPE_LABEL[ctype])
    fmt = params.text("format")
    if fmt:
        extras.append(fmt)
    if title or extras:
        tail = "".join(f" ({e})" for e in extras)
        shown_languages = language_names(citation.language)
        if shown_languages:
            tail += f" (in {shown_languages})"
        line.add(*title, Text(tail.lstrip() if not title else tail))
    others = params.text("others")
    if others:
        line.add(Text(others))
    if editors.names:
        eds = _names_text(editors, limit, False)
        line.add(Text(eds + (" (eds.)" if len(editors.names) > 1 else " (ed.)")))
    edition_nodes: tuple[Inline, ...] = ()
    if citation.edition:
        edition = citation.edition
        edition_nodes = (Text(edition if "ed" in edition.lower() else f"{edition} ed."),)
    if edition_nodes and not (quoted and container_key):
        # The edition belongs to the book; an article's edition is its container's.
        line.add(*edition_nodes)
        edition_nodes = ()
    series = params.text("series", "version")
    if series and container_key != "series-title":
        line.add(Text(series))

    # Container, volume/issue/pages.
    journal_style = ctype in ("journal", "citation", "iucn") and container_key is not None
    container = params.inlines(container_key) if container_key else ()
    pages_text = citation.pages
    page_key = params.key("pages", "page", "at", "pp", "p", "minutes", "time")
    no_pp = params.text("no-pp", "nopp").lower() in ("yes", "y", "true", "1")
    if container:
        line.add(Style("i", container))
    if ctype == "conference" and container_key != "conference" and params.text("conference"):
        # The proceedings are the container; the conference's name follows them (CS1).
        line.add(*params.inlines("conference"))
    if edition_nodes:
        line.add(*edition_nodes)
    if journal_style:
        bits: list[Inline] = []
        if citation.volume:
            vol = Text(citation.volume)
            bits.append(Style("b", (vol,)) if len(citation.volume) <= 4 else vol)
        if citation.issue:
            bits.append(Text(f" ({citation.issue})" if bits else f"({citation.issue})"))
        if pages_text:
            if bits:
                bits.append(Text(": " + pages_text))
            elif line.parts:
                line.extend_last(Text(": " + pages_text))
        line.add(*bits)
        pages_text = ""
    elif ctype in ("episode", "serial"):
        # A broadcast: "Season 2. Episode 5." (CS1), not a volume and issue.
        season = params.text("season")
        series_no = params.text("series-no", "series-number", "seriesno")
        if series_no:
            line.add(Text(f"Series {series_no}"))
        if season:
            line.add(Text(f"Season {season}"))
        if citation.issue:
            line.add(Text(f"Episode {citation.issue}"))
    else:
        bits_text = []
        if citation.volume:
            bits_text.append(f"Vol. {citation.volume}")
        if citation.issue:
            bits_text.append(f"no. {citation.issue}")
        if bits_text:
            line.add(Text(", ".join(bits_text)))

    # Location: Publisher. Agency.
    pub = params.inlines(*_PUBLISHER_KEYS) if citation.publisher else ()
    if pub or citation.location:
        where: list[Inline] = []
        if citation.location:
            where.append(Text(citation.location + (": " if pub else "")))
        where.extend(pub)
        line.add(*where)
    agency = params.text("agency")
    if agency:
        line.add(Text(agency))

    # The date, when no author list carried it.
    if not lead and shown_date:
        line.add(Text(shown_date))

    # Pages for non-journals.
    if pages_text and page_key:
        if no_pp or page_key == "at":
            line.add(Text(pages_text))
        elif page_key == "minutes":
            line.add(Text(f"Event occurs at {pages_text} minutes"))
        elif page_key == "time":
            line.add(Text(f"Event occurs at {pages_text}"))
        elif page_key in ("pages", "pp") and (
            _SLASH_OR_DASH.search(pages_text) or "," in pages_text
        ):
            line.add(Text("pp. " + pages_text))
        else:
            line.add(Text("p. " + pages_text))

    # Identifiers: the free-form id= first, then the known ones in CS1 order.
    free_id = params.inlines("id") if params.key("id") else ()
    if free_id:
        line.add(*free_id)
    for keys, label, prefix in _IDENTIFIERS:
        key = params.key(*keys)
        if key is None:
            continue
        value = params.text(key)
        if key == "doi":
            value = citation.doi
        elif key == "pmc":
            value = citation.pmc
        elif key in ("pmid", "isbn", "isbn13", "issn", "arxiv", "eprint"):
            value = _clean_prefixed(value, key)
        if value:
            shown = _identifier(label, value, prefix)
            arxiv_class = params.text("class") if key in ("arxiv", "eprint") else ""
            if arxiv_class and "/" not in value:  # new-style ids: the class is not in them
                shown = (*shown, Text(f" [{arxiv_class}]"))
            line.add(*shown)

    # Archive and access notes.
    if citation.archive_url:
        archived = _linked((Text("Archived"),), citation.archive_url)
        note: list[Inline] = list(archived)
        if dead and citation.url:
            note.append(Text(" from "))
            note.extend(_linked((Text("the original"),), citation.url))
        else:
            note.append(Text(" from the original"))
        if citation.archive_date:
            note.append(Text(" on " + citation.archive_date))
        line.add(*note)
    if citation.access_date and (citation.url or citation.archive_url):
        line.add(Text("Retrieved " + citation.access_date))
    via = params.text("via")
    if via:
        if line.parts:
            line.extend_last(Text(" \u2013 via " + via))
        else:
            line.add(Text("via " + via))

    postscript = params.text("postscript")
    terminator = "" if postscript.lower() == "none" else postscript or "."
    body = line.nodes(terminator)
    access = _access_note(params)
    if access:
        # CS1 shows a padlock on the title; a reader without icons gets the words.
        body = (*body, Text(" "), Style("small", (Text(f"({access})"),)))
    if citation.quote:
        body = (*body, Text(" \u201c"), *params.inlines("quote", "quotation"), Text("\u201d"))
    css = "citation" if citation.type == "citation" else \
        "citation " + citation.type.replace(" ", "")
    return (Span(css, _merge_text(body), anchor=_anchor(params, authors, editors_all,
                                                         citation.year)),)


def _access_note(params: _Params) -> str:
    """"subscription required" / "registration required" / "limited access" from
    ``url-access`` (or the older ``subscription=yes`` / ``registration=yes``)."""
    access = params.text("url-access", "title-access").lower()
    yes = ("yes", "y", "true", "1")
    if access == "subscription" or params.text("subscription").lower() in yes:
        return "subscription required"
    if access == "registration" or params.text("registration").lower() in yes:
        return "registration required"
    if access == "limited":
        return "limited access"
    return ""


def _anchor(params: _Params, authors: _Names, editors: _Names, year: str) -> str:
    """The citation's ``CITEREF`` id (``ref=`` overrides it, ``ref=none`` drops it)."""
    ref = params.text("ref")
    if ref.lower() == "none":
        return ""
    if ref and ref.lower() != "harv":
        return _WS.sub("_", ref)
    surnames = authors.surnames or editors.surnames
    return citeref_anchor(surnames, year) if surnames else ""


# --------------------------------------------------------------------------- special forms


def cite_identifier(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{cite doi|10.1000/x}}`` / ``{{cite pmid|123}}``: the old identifier-only
    templates transcluded a generated subpage we do not have; keep the identifier."""
    ident = ctx.text(call.arg(1)).strip()
    if not ident:
        return ()
    if call.name == "cite doi":
        doi = _clean_doi(ident)
        citation = Citation(type="journal", doi=doi)
        line = _identifier("doi:", doi, "https://doi.org/")
    else:
        pmid = _clean_prefixed(ident, "pmid")
        citation = Citation(type="journal", pmid=pmid)
        line = _identifier("PMID ", pmid, "https://pubmed.ncbi.nlm.nih.gov/")
    ctx.add_citation(citation)
    return (Span("citation journal", line),)


def cite_court(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{cite court}}`` (not CS1): *Litigants*, Vol Reporter Opinion, Pinpoint (Court
    Year)."""
    params = _Params(call, ctx)
    litigants = params.inlines("litigants")
    if not litigants:
        return ctx.unknown(call)
    date = params.text("date", "year")
    court = params.text("court")
    citation = Citation(
        type="court", title=params.text("litigants"), volume=params.text("vol"),
        container=params.text("reporter"), pages=params.text("opinion"), date=date,
        year=extract_year(date), url=params.text("url"), publisher=court,
    )
    ctx.add_citation(citation)
    ref = " ".join(x for x in (citation.volume, citation.container, citation.pages) if x)
    pinpoint = params.text("pinpoint")
    if pinpoint:
        ref += ", " + pinpoint
    paren = " ".join(x for x in (court, date) if x)
    tail = (", " + ref if ref else "") + (f" ({paren})" if paren else "") + "."
    return (Span("citation court", (Style("i", _linked(litigants, citation.url)),
                                    Text(tail))),)


def cite_patent(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{cite patent}}``: ``CC patent NUMBER, Inventor, "Title", issued DATE``."""
    params = _Params(call, ctx)
    inventors = params.numbered(re.compile(r"^(?:inventor|invent)(\d*)$"))
    if not inventors:
        inventors = params.numbered(re.compile(r"^(?:inventor-last|last|inventor)(\d*)$"))
    country = params.text("country", "country-code")
    number = params.text("number", "patent-number")
    title = params.text("title")
    date = params.text("gdate", "pubdate", "fdate", "date", "issue-date", "publication-date")
    if not (number or title):
        return ctx.unknown(call)
    names = tuple(inventors[i] for i in sorted(inventors))
    citation = Citation(
        type="patent", authors=names, title=title, date=date, year=extract_year(date),
        url=params.text("url"), publisher=params.text("assign1", "assignee"),
    )
    ctx.add_citation(citation)
    line = _Line(False)
    ident = " ".join(x for x in (country, "patent" if country else "Patent", number) if x)
    line.add(Text(ident.strip()))
    if names:
        line.add(Text(_names_text(_Names(names, False), MAX_SHOWN_NAMES, False)))
    if title:
        line.add(Text("\u201c"), *_linked(params.inlines("title"), citation.url),
                 Text("\u201d"))
    if date:
        line.add(Text("issued " + date))
    if citation.publisher:
        line.add(Text("assigned to " + citation.publisher))
    return (Span("citation patent", line.nodes(".")),)


# --------------------------------------------------------------------------- identifiers,
# access notes and external-link templates (the lines of "Further reading" and
# "External links" sections, and the odd identifier written outside a citation)

# Template name -> (label, resolver URL prefix or "" for plain text, prefixes to strip).
_ID_TEMPLATES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "isbn": ("ISBN ", "", ("isbn",)),
    "issn": ("ISSN ", "https://www.worldcat.org/issn/", ("issn",)),
    "eissn": ("eISSN ", "https://www.worldcat.org/issn/", ("eissn", "issn")),
    "oclc": ("OCLC ", "https://www.worldcat.org/oclc/", ("oclc",)),
    "lccn": ("LCCN ", "https://lccn.loc.gov/", ("lccn",)),
    "doi": ("doi:", "https://doi.org/", ()),
    "pmid": ("PMID ", "https://pubmed.ncbi.nlm.nih.gov/", ("pmid",)),
    "pmc": ("PMC ", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC", ("pmc",)),
    "jstor": ("JSTOR ", "https://www.jstor.org/stable/", ("jstor",)),
    "arxiv": ("arXiv:", "https://arxiv.org/abs/", ("arxiv",)),
    "bibcode": ("Bibcode:", "https://ui.adsabs.harvard.edu/abs/", ("bibcode",)),
    "hdl": ("hdl:", "https://hdl.handle.net/", ("hdl",)),
    "s2cid": ("S2CID ", "https://api.semanticscholar.org/CorpusID:", ("s2cid",)),
    "asin": ("ASIN ", "", ("asin",)),
}
_ID_ALIASES = {"isbnt": "isbn", "pmc2": "pmc", "arxiv2": "arxiv", "doi-inline": "doi"}


def identifier_template(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{ISBN|978-0-12}}`` -> "ISBN 978-0-12"; ``{{doi|10.1/x}}`` -> "doi:10.1/x"
    linked to its resolver; several values (``{{ISBN|1|2}}``) are joined by commas.
    ``{{ISBNT}}`` is ``{{ISBN}}`` without the label, as on Wikipedia."""
    kind = _ID_ALIASES.get(call.name, call.name)
    label, prefix, strip = _ID_TEMPLATES[kind]
    if call.name == "isbnt":
        label = ""
    values = [ctx.text(v).strip() for v in call.positional()] or [
        ctx.text(call.get("id")).strip()]
    if call.name == "doi-inline" and len(values) > 1:
        values = values[:1]
    values = [_clean_doi(v) if kind == "doi" else _clean_prefixed(v, *strip)
              for v in values if v]
    if not values:
        return ()
    nodes: list[Inline] = []
    for i, value in enumerate(values):
        if i:
            nodes.append(Text(", "))
        shown = _identifier(label if i == 0 else "", value, prefix)
        nodes.extend(shown)
    return (Span("identifier", _merge_text(nodes)),)


_ACCESS_NOTES = {
    "subscription required": "subscription required",
    "subscription": "subscription required",
    "subscription needed": "subscription required",
    "subreq": "subscription required",
    "paywall": "subscription required",
    "registration required": "registration required",
    "registration": "registration required",
    "reg": "registration required",
    "regreq": "registration required",
    "free access": "free access",
    "open access": "open access",
    "limited access": "limited access",
}


def access_note(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{subscription required}}``, ``{{registration required}}`` and friends: the
    small parenthesised access note written after a link."""
    text = _ACCESS_NOTES[call.name]
    via = ctx.text(call.get("via")).strip()
    if via and text.endswith("required"):
        text += f" via {via}"
    return (Style("small", (Text(f"({text})"),)),)


@dataclass(frozen=True, slots=True)
class _Site:
    """An external-link template for one web site.

    Attributes:
        url: the link, ``{id}`` standing for the (URL-quoted) identifier.
        id_keys: parameters holding the identifier, in order of preference.
        name_keys: parameters holding the shown name (the page title by default).
        before, after: words around the name (``"Works by "``, ``" at IMDb"``).
        id_prefix: stripped from the identifier (``nm`` of ``nm0000001``), since the
            URL adds it back.
        italic: whether the name is a work's title (shown in italics).
        show_name: False where only ``before`` is shown (C-SPAN's "Appearances").
    """

    url: str
    id_keys: tuple[str, ...]
    name_keys: tuple[str, ...]
    before: str
    after: str
    id_prefix: str = ""
    italic: bool = False
    show_name: bool = True


_SITES: dict[str, _Site] = {
    "imdb name": _Site("https://www.imdb.com/name/nm{id}/", ("id", "1"), ("name", "2"),
                       "", " at IMDb", "nm"),
    "imdb title": _Site("https://www.imdb.com/title/tt{id}/", ("id", "1"), ("title", "2"),
                        "", " at IMDb", "tt", italic=True),
    "imdb character": _Site("https://www.imdb.com/character/ch{id}/", ("id", "1"),
                            ("name", "2"), "", " at IMDb", "ch"),
    "imdb company": _Site("https://www.imdb.com/company/co{id}/", ("id", "1"),
                          ("company", "name", "2"), "", " at IMDb", "co"),
    "ted speaker": _Site("https://www.ted.com/speakers/{id}", ("id", "1"), ("name", "2"),
                         "", " at TED"),
    "twitter": _Site("https://twitter.com/{id}", ("id", "1"), ("name", "2"), "",
                     " on Twitter"),
    "facebook": _Site("https://www.facebook.com/{id}", ("id", "1"), ("name", "2"), "",
                      " on Facebook"),
    "instagram": _Site("https://www.instagram.com/{id}/", ("id", "1"), ("name", "2"), "",
                       " on Instagram"),
    "find a grave": _Site("https://www.findagrave.com/memorial/{id}", ("id", "1"),
                          ("name", "2"), "", " at Find a Grave"),
    "discogs artist": _Site("https://www.discogs.com/artist/{id}", ("id", "1"),
                            ("name", "2"), "", " discography at Discogs"),
    "rotten tomatoes": _Site("https://www.rottentomatoes.com/{id}", ("id", "1"),
                             ("title", "2"), "", " at Rotten Tomatoes", italic=True),
    "gutenberg author": _Site("https://www.gutenberg.org/ebooks/author/{id}", ("id", "1"),
                              ("name", "2"), "Works by ", " at Project Gutenberg"),
    "librivox author": _Site("https://librivox.org/author/{id}", ("id", "1"),
                             ("name", "2"), "Works by ",
                             " at LibriVox (public domain audiobooks)"),
    "c-span": _Site("https://www.c-span.org/person/?{id}", ("id", "1"), ("name", "2"),
                    "Appearances", " on C-SPAN", show_name=False),
    "curlie": _Site("https://curlie.org/{id}", ("1", "id"), ("2", "title", "name"), "",
                    " at Curlie"),
    "dmoz": _Site("https://dmoz-odp.org/{id}", ("1", "id"), ("2", "title", "name"), "",
                  " at DMOZ"),
    "britannica": _Site("https://www.britannica.com/{id}", ("1", "id"), ("2", "title"), "",
                        " at Encyclopædia Britannica"),
    "musicbrainz artist": _Site("https://musicbrainz.org/artist/{id}", ("mbid", "1", "id"),
                                ("name", "2"), "", " discography at MusicBrainz"),
    "imdb episode": _Site("https://www.imdb.com/title/tt{id}/", ("id", "1"),
                          ("title", "2"), "", " at IMDb", "tt", italic=False),
}
_SITE_ALIASES = {
    "imdb": "imdb name", "imdbname": "imdb name", "imdb person": "imdb name",
    "imdb film": "imdb title", "imdbtitle": "imdb title", "imdb show": "imdb title",
    "ted": "ted speaker", "twitter user": "twitter", "findagrave": "find a grave",
    "find a grave memorial": "find a grave", "discogs": "discogs artist",
    "rotten-tomatoes": "rotten tomatoes", "librivox": "librivox author",
    "cspan": "c-span", "dmoz2": "dmoz", "open directory": "dmoz",
    "encyclopaedia britannica": "britannica",
    "musicbrainz": "musicbrainz artist",
}
_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)$")


def site_link(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{IMDb name|0000001|Fred Astaire}}`` -> "Fred Astaire at IMDb", the name linked
    to the site; the name defaults to the page title without its disambiguation, and
    without an identifier (Wikipedia would read it from Wikidata) the line is kept
    unlinked.  The link goes through the parser so that it is listed with the
    article's other external links."""
    site = _SITES[_SITE_ALIASES.get(call.name, call.name)]
    ident = call.raw(*site.id_keys).strip()
    if site.id_prefix and ident.lower().startswith(site.id_prefix):
        ident = ident[len(site.id_prefix):]
    if site.url.startswith("https://www.ted.com/") and not ident:
        ident = _DISAMBIGUATION.sub("", ctx.title).lower().replace(" ", "_")
    name = call.raw(*site.name_keys) or _DISAMBIGUATION.sub("", ctx.title)
    if site.italic:
        name = f"''{name}''"
    shown = site.before + name if site.show_name else site.before.strip()
    target = safe_url(site.url.format(id=quote(ident, safe="/:@.-_~"))) if ident else None
    if target is not None:
        shown = f"[{target} {shown.replace('[', '&#91;').replace(']', '&#93;')}]"
    return (Span("external-site", _merge_text((*ctx.inlines(shown), Text(site.after)))),)


def youtube(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{YouTube|id=VIDEO|title=T}}`` -> "T on YouTube"; ``{{YouTube|user=U}}`` /
    ``{{YouTube|channel=C}}`` -> "NAME's channel on YouTube" (NAME: ``title``/``name``
    or the page title)."""
    name = call.raw("title", "name", "2") or _DISAMBIGUATION.sub("", ctx.title)
    video = call.raw("id", "1")
    if call.raw("user", "u"):
        url, label = f"https://www.youtube.com/user/{call.raw('user', 'u')}", \
            f"{name}'s channel"
    elif call.raw("channel", "c"):
        url, label = f"https://www.youtube.com/channel/{call.raw('channel', 'c')}", \
            f"{name}'s channel"
    elif call.raw("show", "s"):
        url, label = f"https://www.youtube.com/show/{call.raw('show', 's')}", name
    elif video:
        url, label = f"https://www.youtube.com/watch?v={video}", name
    else:
        return ()
    target = safe_url(url.replace(" ", "_"))
    if target is None:
        return (Span("external-site", (Text(f"{label} on YouTube"),)),)
    label = label.replace("[", "&#91;").replace("]", "&#93;")
    return (Span("external-site", _merge_text((*ctx.inlines(f"[{target} {label}]"),
                                               Text(" on YouTube")))),)


def allmusic(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{AllMusic|class=artist|id=mn0000001|label=Name}}`` -> "Name at AllMusic";
    with ``pure_url=yes`` (written inside a citation's ``url=``) only the URL."""
    kind = call.raw("class", "1") or "artist"
    ident = call.raw("id", "2")
    target = safe_url(f"https://www.allmusic.com/{quote(kind)}/"
                      f"{quote(ident, safe='/:@.-_~')}") if ident else None
    if call.raw("pure_url", "pure url").lower() in ("yes", "y", "true", "1"):
        return (Text(target),) if target else ()
    label = call.raw("label", "3") or _DISAMBIGUATION.sub("", ctx.title)
    if target is not None:
        label = f"[{target} {label.replace('[', '&#91;').replace(']', '&#93;')}]"
    return (Span("external-site", _merge_text((*ctx.inlines(label), Text(" at AllMusic")))),)


# {{Baseballstats}} keys -> (site name, URL with {id}), in the template's display order.
_BASEBALL_SITES = (
    ("mlb", "MLB", "https://www.mlb.com/player/{id}"),
    ("espn", "ESPN", "https://www.espn.com/mlb/player/_/id/{id}"),
    ("br", "Baseball Reference", "https://www.baseball-reference.com/players/{id}.shtml"),
    ("fangraphs", "Fangraphs", "https://www.fangraphs.com/statss.aspx?playerid={id}"),
    ("brm", "Baseball Reference (Minors)",
     "https://www.baseball-reference.com/register/player.fcgi?id={id}"),
    ("cube", "The Baseball Cube",
     "https://www.thebaseballcube.com/content/player/{id}/"),
)


def baseballstats(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Baseballstats|br=m/mumphje01|mlb=123}}`` -> "Career statistics and player
    information from MLB, or Baseball Reference", each site linked."""
    parts: list[str] = []
    for key, name, url in _BASEBALL_SITES:
        ident = call.raw(key)
        target = safe_url(url.format(id=quote(ident, safe="/:@.-_~"))) if ident else None
        if target is not None:
            parts.append(f"[{target} {name}]")
    if not parts:
        return ()
    return (Span("external-site", ctx.inlines(
        "Career statistics and player information from " + ", or ".join(parts))),)


_ARCHIVE_SERVICES = (
    ("web.archive.org", "the Wayback Machine"), ("wayback.archive.org", "the Wayback Machine"),
    ("webcitation.org", "WebCite"), ("archive.today", "archive.today"),
    ("archive.is", "archive.today"), ("archive.ph", "archive.today"),
    ("archive.li", "archive.today"), ("archive.fo", "archive.today"),
    ("archive.vn", "archive.today"), ("archive.md", "archive.today"),
    ("perma.cc", "Perma.cc"), ("ghostarchive.org", "Ghostarchive"),
    ("webarchive.nationalarchives.gov.uk", "UK Government Web Archive"),
    ("webarchive.loc.gov", "Library of Congress Web Archives"),
)


def _archive_service(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].removeprefix("www.")
    for domain, name in _ARCHIVE_SERVICES:
        if host == domain or host.endswith("." + domain):
            return name
    return host or "an archive"


def webarchive(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{webarchive|url=ARCHIVE|date=D|title=T}}`` -> "Archived D at the Wayback Machine"
    ("Archived" linked to the copy), or with a title "T at the Wayback Machine (archived
    D)"; the service is named from the archive's host."""
    url = call.raw("url", "url1", "1")
    target = safe_url(url) if url else None
    if target is None:
        return ()
    service = _archive_service(target)
    date = ctx.text(call.get("date", "date1", "2")).strip()
    title = call.raw("title", "title1")
    if title:
        label = title.replace("[", "&#91;").replace("]", "&#93;")
        line = f"[{target} {label}] at {service}" + (f" (archived {date})" if date else "")
    else:
        line = f"[{target} Archived]" + (f" {date}" if date else "") + f" at {service}"
    return (Span("webarchive", ctx.inlines(line)),)


def language_icon(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{el icon}}`` -> "(in Greek)": the old per-language markers written after a link
    or a reference to a source in another language."""
    code = call.name.removesuffix(" icon")
    return (Span("languageicon", (Text(f"(in {_LANGUAGES.get(code, code)})"),)),)


def register(registry: TemplateRegistry) -> None:
    """Register the citation family: every ``cite ...``, ``citation``, ``vcite ...``."""
    registry.register_prefix("cite ", "vcite ", "vcite2 ")(cite)
    registry.add(("citation", "cite", "vcite", "vcite2", "vancite journal", "vancite book",
                  "vancite web", "vancite news"), cite)
    registry.add(("cite doi", "cite pmid"), cite_identifier)
    registry.add(("cite court",), cite_court)
    registry.add(("cite patent",), cite_patent)
    registry.add(_PD_NAMES, public_domain_work)
    registry.add((*_ID_TEMPLATES, *_ID_ALIASES), identifier_template)
    registry.add(_ACCESS_NOTES, access_note)
    registry.add((*_SITES, *_SITE_ALIASES), site_link)
    registry.add(("allmusic", "allmusic artist"), allmusic)
    registry.add(("youtube", "you tube"), youtube)
    registry.add(("baseballstats", "baseball stats"), baseballstats)
    registry.add(("webarchive", "web archive", "wayback", "webcite"), webarchive)
    registry.add(tuple(f"{code} icon" for code in _LANGUAGES), language_icon)
