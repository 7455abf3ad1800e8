"""The article model: immutable, typed, free of mwparserfromhell and of Qt.

``parse_article`` (``viewer.article.parse``) is the only producer of these objects; the
renderers (``viewer.article.render``) and the rest of the application only read them.

The document is a tree of *blocks* (paragraphs, lists, tables, ...) whose leaves hold
*inline* nodes (text, styles, links, reference markers, ...).  Every container holds
tuples, so an ``Article`` is deeply immutable and hashable.

Invariants (tested on every fixture):

* any wikitext gives an ``Article``; bad markup is data, never an exception;
* no raw ``{{...}}`` / ``[[...]]`` markup survives into ``Text`` nodes that came from
  templates or links the parser understood;
* ``RefMarker.index`` is a valid index into ``Article.references`` and the marker's
  ``anchor`` is one of that reference's ``uses``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

# --------------------------------------------------------------------------- inlines

StyleTag: TypeAlias = Literal[
    "b", "i", "u", "s", "sup", "sub", "code", "kbd", "samp", "var", "small", "big",
    "del", "ins", "mark", "q", "cite", "dfn", "abbr", "tt",
]
"""Inline HTML-ish styles the renderers know (all map 1:1 to Qt rich-text tags)."""


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text (unescaped; renderers escape it)."""

    text: str


@dataclass(frozen=True, slots=True)
class Style:
    """Inline formatting around ``children``.

    Attributes:
        tag: which style (bold, italic, superscript, ...).
        children: the styled content.
        title: tooltip text (``abbr`` and friends); empty when none.
    """

    tag: StyleTag
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline content with a semantic CSS class.

    Used for things a stylesheet should be able to show differently: ``ipa``,
    ``nowrap``, ``lang``, ``citation-needed``, ``template-fallback``, ``hatnote``,
    ``chem-formula``, ``date``, ... ``title`` becomes a tooltip, ``lang`` a language tag.
    ``anchor`` is an HTML id that same-page links may target (a full citation's
    ``CITEREFSmith2005``, the target of ``{{sfn}}``/``{{harvnb}}`` links); ``""`` for none.
    """

    css_class: str
    children: tuple[Inline, ...]
    title: str = ""
    lang: str = ""
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """An internal (wiki) link.

    Attributes:
        target: normalised page title (first letter upper-case, underscores as
            spaces, no fragment); empty for a same-page ``[[#Section]]`` link.
        fragment: section anchor (MediaWiki style, spaces as underscores); may be empty.
        children: the link text (piped text or the target, plus any trailing letters).
        namespace: namespace prefix for non-article links such as ``:Category:``
            links (``"Category"``); empty for the main namespace.
    """

    target: str
    fragment: str
    children: tuple[Inline, ...]
    namespace: str = ""


@dataclass(frozen=True, slots=True)
class ExternalLink:
    """A link out of the wiki.  ``children`` is empty for a numbered ``[url]`` link,
    in which case ``number`` holds its per-article autonumber (1, 2, ...)."""

    url: str
    children: tuple[Inline, ...]
    number: int = 0


@dataclass(frozen=True, slots=True)
class RefMarker:
    """A citation marker in the text (``[3]``, ``[note 1]``).

    Attributes:
        index: position of the reference in ``Article.references``.
        group: reference group (``""`` for the default group).
        number: the reference's number within its group.
        anchor: this marker's own HTML id, the target of the back-link.
    """

    index: int
    group: str
    number: int
    anchor: str


@dataclass(frozen=True, slots=True)
class Math:
    """A ``<math>`` formula, kept as its TeX source; ``display`` for block formulas."""

    tex: str
    display: bool = False


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A forced line break (``<br>``)."""


Inline: TypeAlias = Text | Style | Span | Link | ExternalLink | RefMarker | Math | LineBreak

# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline content."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list.

    Attributes:
        kind: ``li`` for ``*``/``#`` items, ``dt`` for ``;`` terms, ``dd`` for ``:``.
        children: the item's own inline content.
        blocks: nested lists and other blocks inside the item.
    """

    kind: Literal["li", "dt", "dd"]
    children: tuple[Inline, ...]
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet (``ul``), numbered (``ol``) or definition (``dl``) list."""

    kind: Literal["ul", "ol", "dl"]
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class TableCell:
    """A table cell; ``blocks`` is its content (usually one ``Paragraph``)."""

    header: bool
    blocks: tuple[Block, ...]
    rowspan: int = 1
    colspan: int = 1
    align: Literal["", "left", "center", "right"] = ""


@dataclass(frozen=True, slots=True)
class TableRow:
    """A table row."""

    cells: tuple[TableCell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table (``{| ... |}`` or HTML ``<table>``); ``css_class`` keeps known classes
    such as ``wikitable`` / ``sortable``."""

    rows: tuple[TableRow, ...]
    caption: tuple[Inline, ...] = ()
    css_class: str = ""


@dataclass(frozen=True, slots=True)
class Preformatted:
    """Preformatted text (``<pre>`` or lines indented with a space)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Blockquote:
    """A block quotation (``<blockquote>``, ``{{quote}}``); ``attribution`` may be empty."""

    blocks: tuple[Block, ...]
    attribution: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class Division:
    """A generic block container (``<div>``, ``<center>``, ``{{col-begin}}`` ...) with a
    semantic CSS class (possibly empty)."""

    blocks: tuple[Block, ...]
    css_class: str = ""


@dataclass(frozen=True, slots=True)
class HorizontalRule:
    """``----``."""


@dataclass(frozen=True, slots=True)
class Media:
    """An image or other file.  Files are not available offline: renderers show a
    captioned placeholder.

    Attributes:
        filename: the file name without namespace (``"Lenalidomide.svg"``).
        caption: the caption as inline content (may contain refs and links).
        alt: the alt text, if given.
        kind: ``thumb``, ``frame``, ``frameless``, ``border`` or ``inline``.
    """

    filename: str
    caption: tuple[Inline, ...] = ()
    alt: str = ""
    kind: Literal["thumb", "frame", "frameless", "border", "inline"] = "inline"


@dataclass(frozen=True, slots=True)
class Figure:
    """A block-level media item (``[[File:x|thumb|...]]`` or a gallery entry)."""

    media: Media


@dataclass(frozen=True, slots=True)
class Gallery:
    """A ``<gallery>``: a set of media items."""

    items: tuple[Media, ...]


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """Where a ``{{reflist}}`` / ``<references/>`` / ``{{notelist}}`` stands: renderers
    list the article's references of ``group`` here."""

    group: str = ""


@dataclass(frozen=True, slots=True)
class Hatnote:
    """A hatnote (``{{about}}``, ``{{main}}``, ``{{see also}}`` ...), as shown above a
    section or the article.  ``kind`` is the normalised template name."""

    kind: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Notice:
    """A visible notice from RefView itself (e.g. content truncated because it was too
    large or too deeply nested)."""

    text: str


Block: TypeAlias = (
    Paragraph | ListBlock | Table | Preformatted | Blockquote | Division | HorizontalRule
    | Figure | Gallery | ReferenceList | Hatnote | Notice
)

# --------------------------------------------------------------------------- article parts


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the article.

    Attributes:
        title: the heading as plain text.
        level: 2-6 (``==`` is 2).
        anchor: MediaWiki-style anchor, unique within the article (``Medical_uses``,
            a repeated heading gets ``_2``, ``_3``...).
        blocks: the content before the first sub-section.
        children: the sub-sections.
        heading: the heading as inline content (formatting kept).
    """

    title: str
    level: int
    anchor: str
    blocks: tuple[Block, ...]
    children: tuple[Section, ...] = ()
    heading: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class InfoboxField:
    """One row of an infobox.

    Attributes:
        name: the template parameter (``routes_of_administration``).
        label: the human label (``Routes of administration``).
        value: the value as inline content.
        text: the value as plain text.
        group: the heading it sits under (``Clinical data``) or ``""``.
    """

    name: str
    label: str
    value: tuple[Inline, ...]
    text: str
    group: str = ""


@dataclass(frozen=True, slots=True)
class Infobox:
    """The article's infobox.

    Attributes:
        kind: normalised template name (``drugbox``, ``infobox person``).
        title: the box title (the ``name`` parameter or the article title).
        image: the image (placeholder), if any.
        fields: the fields in source order (computed fields such as a chemical formula
            built from element counts appear where their inputs stood).
    """

    kind: str
    title: str
    fields: tuple[InfoboxField, ...]
    image: Media | None = None

    def groups(self) -> tuple[str, ...]:
        """The field groups in order of first appearance."""
        seen: dict[str, None] = {}
        for f in self.fields:
            seen.setdefault(f.group, None)
        return tuple(seen)

    def field(self, name: str) -> InfoboxField | None:
        """The field with parameter ``name``, if present."""
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True, slots=True)
class Citation:
    """A structured citation taken from a citation template (CS1 family, ``citation``,
    ``vcite``...).  Empty strings mean "not given".

    ``type`` is the template family without the ``cite`` prefix: ``journal``, ``web``,
    ``book``, ``news``, ``conference``, ``report``, ``thesis``, ``press release``,
    ``encyclopedia``, ``av media``, ``citation``...
    """

    type: str
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    title: str = ""
    chapter: str = ""
    container: str = ""
    publisher: str = ""
    location: str = ""
    date: str = ""
    year: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    edition: str = ""
    doi: str = ""
    pmid: str = ""
    pmc: str = ""
    isbn: str = ""
    issn: str = ""
    arxiv: str = ""
    url: str = ""
    access_date: str = ""
    archive_url: str = ""
    archive_date: str = ""
    language: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    """One numbered reference (named references and all their reuses merged).

    Attributes:
        number: number within ``group``, by first use in document order.
        group: ``""`` for the default group, else the group name (``note``, ``lower-alpha``).
        name: the ``name`` attribute, or ``""`` for an anonymous reference.
        uses: the anchors of every marker pointing here, in document order (back-links).
        anchor: this reference's own HTML id (the target of the markers).
        content: the reference as inline content (a formatted citation where it came
            from a citation template).
        text: the reference as plain text.
        citation: the structured citation, when the content is a citation template.
    """

    number: int
    group: str
    name: str
    uses: tuple[str, ...]
    anchor: str
    content: tuple[Inline, ...]
    text: str
    citation: Citation | None = None


@dataclass(frozen=True, slots=True)
class ExternalLinkRef:
    """An external link found anywhere in the article (body, references, infobox)."""

    url: str
    text: str


@dataclass(frozen=True, slots=True)
class TemplateUse:
    """A template the parser did not know, with how many times it was used."""

    name: str
    count: int


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article.  Build it with ``viewer.article.parse_article``.

    Attributes:
        title: the page title.
        lead: the blocks before the first heading (infobox and hatnotes excluded).
        sections: the top-level sections (each with nested ``children``).
        infobox: the first infobox, if any.
        references: all references, default group first numbered 1..n, then each other
            group in order of first use.
        categories: category names without the ``Category:`` prefix, in source order.
        links: internal link targets (normalised, no fragment, deduplicated, in order).
        external_links: every external link, in order.
        media: every image/file, in order (infobox image, figures, galleries).
        hatnotes: hatnotes at the top of the article.
        unknown_templates: templates without a handler, by name, with counts.
        navboxes: navigation boxes and sidebars kept out of the body (by name).
        short_description: the ``{{short description}}`` text, if any.
        redirect: the target title when the page is a ``#REDIRECT``, else ``""``.
        notices: RefView's own notices about this page (truncation, limits hit).
        bibliography: citations given outside any reference (e.g. "Further reading"),
            in order; exported to BibTeX/RIS after the references' citations.
    """

    title: str
    lead: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    infobox: Infobox | None = None
    references: tuple[Reference, ...] = ()
    categories: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    external_links: tuple[ExternalLinkRef, ...] = ()
    media: tuple[Media, ...] = ()
    hatnotes: tuple[Hatnote, ...] = ()
    unknown_templates: tuple[TemplateUse, ...] = ()
    navboxes: tuple[str, ...] = ()
    short_description: str = ""
    redirect: str = ""
    notices: tuple[str, ...] = field(default=())
    bibliography: tuple[Citation, ...] = ()

    def walk_sections(self) -> tuple[Section, ...]:
        """All sections, depth first, in document order."""
        out: list[Section] = []

        def visit(sections: tuple[Section, ...]) -> None:
            for s in sections:
                out.append(s)
                visit(s.children)

        visit(self.sections)
        return tuple(out)
