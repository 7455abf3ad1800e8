"""Structured exports of an article: JSON (``to_json``), BibTeX and RIS.

``to_json`` is the machine-readable view of the whole model (documented in
``docs/json-schema.md``).  ``to_bibtex`` / ``to_ris`` export every structured citation:
the references' citations in reference order, then ``Article.bibliography``; identical
citations are exported once.  BibTeX keys are ``surname + year + first title word``
(ASCII, lower-case), made unique with ``a``/``b``/``c`` suffixes, so the same article
always gives the same keys.

The single-reference helpers (:func:`citation_line`, :func:`citation_bibtex`,
:func:`citation_ris`, :func:`reference_html`) serve the reader's "copy reference" actions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import fields
from typing import Any
from urllib.parse import quote

from viewer.article.model import (
    Article,
    Citation,
    Infobox,
    Media,
    Reference,
    Section,
)
from viewer.article.render._common import alpha_label
from viewer.article.render.html import (
    reference_html,
    render_blocks_html,
    render_inlines_html,
)
from viewer.article.render.text import blocks_text, inlines_text, reference_text
from viewer.article.sanitize import clean_text, safe_url

__all__ = [
    "bibtex_keys",
    "citation_bibtex",
    "citation_line",
    "citation_links",
    "citation_ris",
    "citation_year",
    "citations",
    "iso_date",
    "person_name",
    "reference_html",
    "to_bibtex",
    "to_json",
    "to_ris",
]

JSON_SCHEMA_VERSION = 1

# --------------------------------------------------------------------------- JSON


def _citation_json(citation: Citation) -> dict[str, Any]:
    """Every ``Citation`` field; tuples become lists."""
    out: dict[str, Any] = {}
    for f in fields(citation):
        value = getattr(citation, f.name)
        out[f.name] = [clean_text(v) for v in value] if isinstance(value, tuple) else (
            clean_text(value)
        )
    return out


def _media_json(media: Media) -> dict[str, Any]:
    return {
        "filename": clean_text(media.filename),
        "caption": inlines_text(media.caption),
        "alt": clean_text(media.alt),
        "kind": media.kind,
    }


def _infobox_json(box: Infobox, article: Article) -> dict[str, Any]:
    return {
        "kind": clean_text(box.kind),
        "title": clean_text(box.title),
        "image": _media_json(box.image) if box.image is not None else None,
        "groups": [clean_text(g) for g in box.groups()],
        "fields": [
            {
                "name": clean_text(f.name),
                "label": clean_text(f.label),
                "text": clean_text(f.text) or inlines_text(f.value),
                "html": render_inlines_html(f.value, references=article.references),
                "group": clean_text(f.group),
            }
            for f in box.fields
        ],
    }


def _section_json(section: Section, article: Article) -> dict[str, Any]:
    return {
        "title": clean_text(section.title),
        "level": section.level,
        "anchor": clean_text(section.anchor),
        "text": blocks_text(section.blocks, article),
        "children": [_section_json(child, article) for child in section.children],
    }


def _reference_json(ref: Reference, article: Article) -> dict[str, Any]:
    return {
        "number": ref.number,
        "group": clean_text(ref.group),
        "name": clean_text(ref.name),
        "uses": len(ref.uses),
        "use_anchors": [clean_text(u) for u in ref.uses],
        "anchor": clean_text(ref.anchor),
        "text": reference_text(ref),
        "html": render_inlines_html(ref.content, references=article.references),
        "citation": _citation_json(ref.citation) if ref.citation is not None else None,
    }


def to_json(article: Article) -> dict[str, Any]:
    """The article as a JSON-ready ``dict`` (schema in ``docs/json-schema.md``).

    Only ``str``, ``int``, ``list``, ``dict`` and ``None`` appear, so
    ``json.dumps(to_json(a), ensure_ascii=False)`` always works.
    """
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "title": clean_text(article.title),
        "short_description": clean_text(article.short_description),
        "redirect": clean_text(article.redirect),
        "notices": [clean_text(n) for n in article.notices],
        "hatnotes": [
            {"kind": clean_text(h.kind), "text": inlines_text(h.children)}
            for h in article.hatnotes
        ],
        "lead": {
            "text": blocks_text(article.lead, article),
            "html": render_blocks_html(article.lead, article),
        },
        "sections": [_section_json(s, article) for s in article.sections],
        "infobox": _infobox_json(article.infobox, article) if article.infobox else None,
        "references": [_reference_json(r, article) for r in article.references],
        "bibliography": [_citation_json(c) for c in article.bibliography],
        "categories": [clean_text(c) for c in article.categories],
        "links": [clean_text(link) for link in article.links],
        "external_links": [
            {"url": clean_text(e.url), "text": clean_text(e.text)}
            for e in article.external_links
        ],
        "media": [_media_json(m) for m in article.media],
        "navboxes": [clean_text(n) for n in article.navboxes],
        "unknown_templates": [
            {"name": clean_text(t.name), "count": t.count} for t in article.unknown_templates
        ],
    }


# --------------------------------------------------------------------------- citations


def citations(article: Article) -> list[Citation]:
    """Every structured citation to export: the references' (in reference order), then
    the bibliography's; identical citations once."""
    seen: dict[Citation, None] = {}
    for ref in article.references:
        if ref.citation is not None:
            seen.setdefault(ref.citation, None)
    for citation in article.bibliography:
        seen.setdefault(citation, None)
    return list(seen)


def citation_links(citation: Citation) -> list[tuple[str, str]]:
    """``(label, url)`` for every identifier and link of a citation, for "open in the
    browser" actions: DOI, PubMed, PMC, arXiv, the URL and the archived copy.  Only
    URLs :func:`~viewer.article.sanitize.safe_url` accepts are returned."""
    out: list[tuple[str, str]] = []

    def add(label: str, url: str) -> None:
        safe = safe_url(url)
        if safe is not None and all(safe != u for _, u in out):
            out.append((label, safe))

    doi = citation.doi.strip()
    if doi:
        add(f"DOI {doi}", "https://doi.org/" + quote(doi, safe="/:;()._-<>[]"))
    pmid = citation.pmid.strip()
    if pmid.isdigit():
        add(f"PubMed {pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
    pmc = citation.pmc.strip().upper().removeprefix("PMC")
    if pmc.isdigit():
        add(f"PMC{pmc}", f"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{pmc}/")
    arxiv = citation.arxiv.strip()
    if arxiv:
        add(f"arXiv {arxiv}", "https://arxiv.org/abs/" + quote(arxiv, safe="/.-"))
    if citation.url.strip():
        add("Web page", citation.url)
    if citation.archive_url.strip():
        add("Archived copy", citation.archive_url)
    return out


def citation_line(ref: Reference) -> str:
    """One reference as one readable line of plain text (the formatted citation)."""
    return reference_text(ref).replace("\n", " ")


_STOPWORDS = frozenset({
    "a", "an", "the", "of", "on", "in", "and", "for", "to", "at", "by", "with", "from",
    "is", "are", "der", "die", "das", "le", "la", "les", "el", "los", "un", "une",
})
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_WORD = re.compile(r"[A-Za-z0-9]+")


def _ascii(text: str) -> str:
    """Fold to ASCII letters and digits (``Müller`` -> ``Muller``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = folded.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l")
    return folded.encode("ascii", "ignore").decode("ascii")


def _surname(author: str) -> str:
    """The surname of ``Last, First`` or ``First Last`` (or the whole name of a group)."""
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    parts = author.split()
    if not parts:
        return ""
    if _ORG_WORDS.search(author) or len(parts) > 4:
        # An organisation: "World Health Organization" -> "World".
        return next((p for p in parts if p.lower() not in _STOPWORDS), parts[0])
    # "Smith AB" (Vancouver style): the initials come last.
    if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) <= 3:
        return parts[0]
    return parts[-1]


def citation_year(citation: Citation) -> str:
    """The four-digit year of a citation (from ``year``, else from ``date``), or ``""``."""
    for value in (citation.year, citation.date):
        match = _YEAR.search(value)
        if match:
            return match.group(1)
    return ""


def _base_key(citation: Citation) -> str:
    """``surname + year + first significant title word``, ASCII, lower-case."""
    who = ""
    if citation.authors:
        who = _surname(citation.authors[0])
    elif citation.editors:
        who = _surname(citation.editors[0])
    else:
        who = citation.publisher or citation.container
    who_words = [w for w in _WORD.findall(_ascii(who)) if w.lower() not in _STOPWORDS]
    name = "".join(who_words[:1] if citation.authors or citation.editors else who_words[:2])
    words = [w for w in _WORD.findall(_ascii(citation.title or citation.chapter))
             if w.lower() not in _STOPWORDS]
    key = (name.lower() or "anon") + (citation_year(citation) or "nd")
    if words:
        key += words[0].lower()
    return key[:60]


def bibtex_keys(items: Iterable[Citation]) -> list[str]:
    """Stable, unique keys for ``items`` in order: a key shared by several citations gets
    ``a``, ``b``, ``c``... on every one of them (``smith2001drug a``/``b`` style)."""
    bases = [_base_key(c) for c in items]
    counts: dict[str, int] = {}
    for base in bases:
        counts[base] = counts.get(base, 0) + 1
    taken = {b for b, n in counts.items() if n == 1}
    seen: dict[str, int] = {}
    keys = []
    for base in bases:
        if counts[base] == 1:
            keys.append(base)
            continue
        n = seen.get(base, 0)
        key = base + alpha_label(n + 1)
        while key in taken:
            n += 1
            key = base + alpha_label(n + 1)
        seen[base] = n + 1
        taken.add(key)
        keys.append(key)
    return keys


# --------------------------------------------------------------------------- BibTeX

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIBTEX_RE = re.compile(r"[\\{}$&%#_~^]")
_ORG_WORDS = re.compile(
    r"\b(organi[sz]ation|agency|administration|association|institute|foundation|society|"
    r"committee|council|department|ministry|university|inc|ltd|corporation|company|group|"
    r"office|centre|center|board|commission|network|service|services|news|press)\b",
    re.I,
)


def _bib_escape(value: str) -> str:
    """Escape BibTeX/LaTeX special characters; whitespace collapsed; UTF-8 kept."""
    value = " ".join(clean_text(value).split())
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], value)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO_MONTH = re.compile(r"\b\d{4}-(\d{2})(?:-\d{2})?\b")


def _month(date: str) -> str:
    """The BibTeX month macro (``mar``) of a date like ``March 2001`` or ``2001-03-05``."""
    iso = _ISO_MONTH.search(date)
    if iso and 1 <= int(iso.group(1)) <= 12:
        return _MONTHS[int(iso.group(1)) - 1]
    words: list[str] = re.findall(r"[A-Za-z]+", date)
    for word in words:
        prefix = word[:3].lower()
        if len(word) >= 3 and prefix in _MONTHS and (
            len(word) == 3 or word.lower() in _MONTH_NAMES
        ):
            return prefix
    return ""


_MONTH_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "sept",
})


_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(_MONTHS)}


def iso_date(value: str) -> str:
    """``5 November 2015`` / ``November 5, 2015`` / ``Nov 2015`` / ``2015-11-05`` ->
    ``2015-11-05`` / ``2015-11``; anything else is returned unchanged (stripped)."""
    value = " ".join(value.split())
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        return value
    day = month = 0
    year = ""
    for token in re.findall(r"[A-Za-z]+|\d+", value):
        if token.isdigit():
            if len(token) == 4 and not year:
                year = token
            elif len(token) <= 2 and not day:
                day = int(token)
            else:
                return value
        elif token[:3].lower() in _MONTH_NUMBER and not month:
            month = _MONTH_NUMBER[token[:3].lower()]
        else:
            return value
    if not (year and month) or not 0 <= day <= 31:
        return value
    return f"{year}-{month:02d}-{day:02d}" if day else f"{year}-{month:02d}"


def _verbatim(value: str) -> str:
    """A verbatim field (url, doi): no LaTeX escaping, but braces, backslashes and
    whitespace cannot break the entry."""
    value = "".join(clean_text(value).split())
    return value.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


_VANCOUVER = re.compile(r"^(?P<last>.+?) (?P<initials>[A-Z]{1,4})$")
_ETAL = re.compile(r"^et\.? ?al\.?$", re.I)


def person_name(name: str) -> str:
    """A name as ``Last, First``: Vancouver ``Smith JA`` becomes ``Smith, J. A.``;
    ``Last, First`` and single names are kept."""
    name = " ".join(clean_text(name).split())
    match = _VANCOUVER.match(name)
    if match and "," not in name:
        initials = " ".join(f"{c}." for c in match.group("initials"))
        return f"{match.group('last')}, {initials}"
    return name


def _bib_names(names: Iterable[str]) -> str:
    """``A and B and others`` for BibTeX (``et al.`` becomes ``others``)."""
    out = []
    for name in names:
        if not name.strip():
            continue
        out.append("others" if _ETAL.match(name.strip()) else _bib_name(person_name(name)))
    return " and ".join(out)


def _bib_name(name: str) -> str:
    """An author for BibTeX: organisations braced so BibTeX does not split them."""
    name = " ".join(name.split())
    if "," not in name and (_ORG_WORDS.search(name) or len(name.split()) > 4):
        return "{" + _bib_escape(name) + "}"
    return _bib_escape(name)


def _bibtex_type(citation: Citation) -> str:
    kind = citation.type.lower().strip()
    if kind == "journal" or kind == "magazine":
        return "article"
    if kind == "news":
        return "article" if citation.container else "misc"
    if kind == "book":
        return "incollection" if citation.chapter and citation.editors else (
            "inbook" if citation.chapter else "book"
        )
    if kind in ("conference", "proceedings"):
        return "inproceedings"
    if kind in ("report", "techreport", "tech report"):
        return "techreport"
    if kind == "thesis":
        return "phdthesis"
    if kind == "encyclopedia":
        return "incollection" if citation.container else "misc"
    if kind == "citation":
        if citation.container and (citation.volume or citation.pages or citation.doi):
            return "article"
        if citation.isbn or (citation.publisher and not citation.url):
            return "book"
    return "misc"


_MIXED_CASE_WORD = re.compile(r"(?<![\\\w{])([A-Za-z0-9]*[A-Z][A-Za-z0-9]*)(?![\w}])")


def _protect_case(value: str) -> str:
    """Brace words whose capitals must survive a sentence-case style (``FDA``,
    ``IMiDs``, ``McCarthy``, ``B12``) the way reference managers export them; plain
    capitalised words (``Lenalidomide``) are left for the style to decide."""

    def brace(match: re.Match[str]) -> str:
        word = match.group(1)
        mixed = any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)
        return "{" + word + "}" if mixed else word

    return _MIXED_CASE_WORD.sub(brace, value)


def _pages(pages: str) -> str:
    """``12–15`` -> ``12--15`` (BibTeX range)."""
    return re.sub(r"\s*[\u2013\u2014\u2212-]+\s*", "--", pages.strip())


def citation_bibtex(citation: Citation, key: str) -> str:
    """One citation as a BibTeX entry with ``key``."""
    entry = _bibtex_type(citation)
    pairs: list[tuple[str, str]] = []

    def add(name: str, value: str, raw: bool = False) -> None:
        value = value.strip()
        if value:
            value = value if raw else _bib_escape(value)
            if name in ("title", "booktitle", "chapter"):
                value = _protect_case(value)
            pairs.append((name, value))

    add("author", _bib_names(citation.authors), True)
    add("editor", _bib_names(citation.editors), True)
    if entry == "incollection" and citation.chapter:
        add("title", citation.chapter)
        add("booktitle", citation.title or citation.container)
    elif entry == "inbook":
        add("title", citation.title)
        add("chapter", citation.chapter)
    else:
        add("title", citation.title or citation.chapter)
    if entry == "article":
        add("journal", citation.container)
    elif entry in ("inproceedings", "incollection") and not citation.chapter:
        add("booktitle", citation.container)
    elif entry == "misc" and citation.container:
        add("howpublished", citation.container)
    elif entry == "book" and citation.container:
        add("series", citation.container)
    if entry == "techreport":
        add("institution", citation.publisher)
    elif entry == "phdthesis":
        add("school", citation.publisher)
    else:
        add("publisher", citation.publisher)
    add("address", citation.location)
    add("year", citation_year(citation))
    month = _month(citation.date)
    if month:
        pairs.append(("month", month))
    add("volume", citation.volume)
    add("number", citation.issue)
    if citation.pages:
        add("pages", _bib_escape(_pages(citation.pages)).replace(r"\-", "-"), True)
    add("edition", citation.edition)
    add("doi", _verbatim(citation.doi), True)
    add("pmid", citation.pmid)
    if citation.pmc:
        add("pmcid", citation.pmc if citation.pmc.upper().startswith("PMC")
            else f"PMC{citation.pmc}")
    add("isbn", citation.isbn)
    add("issn", citation.issn)
    if citation.arxiv:
        add("eprint", _verbatim(citation.arxiv), True)
        add("archiveprefix", "arXiv")
    add("url", _verbatim(citation.url), True)
    add("urldate", iso_date(citation.access_date))
    add("language", citation.language)
    if citation.archive_url:
        note = f"Archived at {citation.archive_url}"
        if citation.archive_date:
            note += f" on {citation.archive_date}"
        add("note", note)
    safe_key = re.sub(r"[^A-Za-z0-9_:.\-]", "", key) or "ref"
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in pairs
    )
    return f"@{entry}{{{safe_key},\n{body}\n}}\n" if body else f"@{entry}{{{safe_key}}}\n"


def to_bibtex(article: Article) -> str:
    """Every citation of the article as BibTeX entries (empty string when none)."""
    items = citations(article)
    keys = bibtex_keys(items)
    return "\n".join(citation_bibtex(c, k) for c, k in zip(items, keys, strict=True))


# --------------------------------------------------------------------------- RIS

_RIS_TYPES = {
    "journal": "JOUR", "magazine": "MGZN", "book": "BOOK", "web": "ELEC", "news": "NEWS",
    "conference": "CONF", "proceedings": "CONF", "report": "RPRT", "thesis": "THES",
    "press release": "PRESS", "encyclopedia": "ENCYC", "av media": "VIDEO",
    "podcast": "SOUND", "map": "MAP", "patent": "PAT", "speech": "HEAR",
}


def _ris_type(citation: Citation) -> str:
    kind = citation.type.lower().strip()
    if kind == "book" and citation.chapter:
        return "CHAP"
    if kind in _RIS_TYPES:
        return _RIS_TYPES[kind]
    if kind == "citation" and citation.container and (citation.volume or citation.doi):
        return "JOUR"
    return "ELEC" if citation.url and not citation.isbn else "GEN"


def _ris_value(value: str) -> str:
    return " ".join(clean_text(value).split())


def citation_ris(citation: Citation) -> str:
    """One citation as a RIS record (``TY`` ... ``ER``)."""
    lines: list[tuple[str, str]] = [("TY", _ris_type(citation))]

    def add(tag: str, value: str) -> None:
        value = _ris_value(value)
        if value:
            lines.append((tag, value))

    for author in citation.authors:
        if not _ETAL.match(author.strip()):
            add("AU", person_name(author))
    for editor in citation.editors:
        if not _ETAL.match(editor.strip()):
            add("A2", person_name(editor))
    if citation.chapter and _ris_type(citation) == "CHAP":
        add("TI", citation.chapter)
        add("T2", citation.title)
    else:
        add("TI", citation.title or citation.chapter)
        if citation.container:
            add("JO" if _ris_type(citation) == "JOUR" else "T2", citation.container)
    add("PB", citation.publisher)
    add("CY", citation.location)
    add("PY", citation_year(citation))
    add("DA", citation.date)
    add("VL", citation.volume)
    add("IS", citation.issue)
    if citation.pages:
        start, _, end = _pages(citation.pages).partition("--")
        if start.isdigit() and end.isdigit() and len(end) < len(start):
            end = start[: len(start) - len(end)] + end  # 1770-81 -> 1781
        add("SP", start)
        add("EP", end)
    add("ET", citation.edition)
    add("DO", citation.doi)
    add("SN", citation.isbn or citation.issn)
    add("UR", citation.url)
    add("Y2", iso_date(citation.access_date).replace("-", "/"))
    add("LA", citation.language)
    if citation.pmid:
        add("AN", f"PMID: {citation.pmid}")
    if citation.pmc:
        pmc = citation.pmc if citation.pmc.upper().startswith("PMC") else f"PMC{citation.pmc}"
        add("N1", f"PMCID: {pmc}")
    if citation.arxiv:
        add("N1", f"arXiv: {citation.arxiv}")
    if citation.archive_url:
        add("N1", f"Archived at {citation.archive_url}")
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def to_ris(article: Article) -> str:
    """Every citation of the article as RIS records separated by blank lines."""
    return "\n".join(citation_ris(c) for c in citations(article))

