"""HTML rendering of an article, in the subset Qt's rich-text engine (QTextBrowser) shows.

QTextBrowser is not a browser: no script, no floating ``div``, a CSS subset given once
through ``QTextDocument.setDefaultStyleSheet`` (see :func:`article_stylesheet`).  So the
layout uses tables (the infobox is a ``<table align="right">``, figures are bordered
one-cell tables), anchors are ``<a name="...">`` (what ``scrollToAnchor`` finds), and
style comes from classes.

Safety by construction: the model carries no raw HTML, so every tag and attribute in the
output is one this module writes.  Text and attribute values go through
:func:`viewer.article.sanitize.escape_text` / ``escape_attr``; external URLs through
:func:`~viewer.article.sanitize.safe_url` (refused ones are shown as plain text); CSS
classes through :func:`~viewer.article.sanitize.safe_css_class`.  No ``<img>``, no
``style`` attribute, nothing that loads a resource: files are shown as captioned
placeholders.

Internal links use the custom scheme ``wiki:`` (``wiki:Target_title#Fragment``,
percent-encoded) that the reader intercepts; :func:`parse_wiki_href` reverses it.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote, unquote

from viewer.article.model import (
    Article,
    Block,
    Blockquote,
    Division,
    ExternalLink,
    Figure,
    Gallery,
    Hatnote,
    HorizontalRule,
    Infobox,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Math,
    Media,
    Notice,
    Paragraph,
    Preformatted,
    Reference,
    ReferenceList,
    RefMarker,
    Section,
    Span,
    Style,
    Table,
    TableCell,
    Text,
)
from viewer.article.render._common import (
    appended_heading,
    backlink_labels,
    list_style,
    marker_label,
    number_label,
    references_of,
    unlisted_groups,
)
from viewer.article.render._tex import tex_inlines
from viewer.article.render.text import flat_blocks_text, inlines_text
from viewer.article.sanitize import clean_text, escape_attr, escape_text, safe_css_class, safe_url

__all__ = [
    "WIKI_SCHEME",
    "article_stylesheet",
    "infobox_html",
    "media_html",
    "parse_wiki_href",
    "reference_html",
    "render_blocks_html",
    "render_inlines_html",
    "standalone_html",
    "to_html",
    "wiki_href",
]

WIKI_SCHEME = "wiki"
"""The URL scheme of internal links (``wiki:Title#Fragment``)."""

LinkPredicate = Callable[[str], bool]

# Style tags Qt renders as they are; the rest are mapped below.
_QT_TAGS = frozenset({
    "b", "i", "u", "s", "sup", "sub", "code", "kbd", "samp", "var", "small", "big", "tt",
    "cite", "dfn",
})
_MAPPED_TAGS = {"del": "s", "ins": "u"}
_SPAN_TAGS = {"mark": "mark", "abbr": "abbr"}
_SAFE_PATH = "!$'()*,;:@/-._~"
_MAX_DEPTH = 40
_MAX_COLSPAN = 100
_MAX_ROWSPAN = 500
_OL_TYPES = {"decimal": "1", "lower-alpha": "a", "upper-alpha": "A",
             "lower-roman": "i", "upper-roman": "I"}
_DARK_MARKER = re.compile(r"^/\*\s*@dark\b.*?\*/\s*$", re.M)


# --------------------------------------------------------------------------- links


def wiki_href(target: str, fragment: str = "", namespace: str = "") -> str:
    """The ``href`` of an internal link: ``wiki:Multiple_myeloma#Treatment``.

    Spaces become underscores and everything outside a conservative set of characters
    is percent-encoded (UTF-8), so the value is a plain ASCII URL.  A same-page link
    (empty target) is just ``#Fragment``.
    """
    title = clean_text(target).strip().replace(" ", "_")
    if namespace and not title.lower().startswith(namespace.lower() + ":"):
        title = f"{clean_text(namespace).strip().replace(' ', '_')}:{title}"
    frag = quote(clean_text(fragment).replace(" ", "_"), safe=_SAFE_PATH) if fragment else ""
    if not title:
        return f"#{frag}"
    href = f"{WIKI_SCHEME}:{quote(title, safe=_SAFE_PATH)}"
    return f"{href}#{frag}" if frag else href


def parse_wiki_href(href: str) -> tuple[str, str] | None:
    """``wiki:Foo_bar#Sec`` -> ``("Foo bar", "Sec")``; ``None`` if not an internal link."""
    prefix = WIKI_SCHEME + ":"
    if not href.startswith(prefix):
        return None
    path, _, fragment = href[len(prefix):].partition("#")
    return unquote(path).replace("_", " "), unquote(fragment)


_WIKILINK_TAG = re.compile(r'<a class="(wikilink(?: [^"]*)?)" href="(wiki:[^"]*)">')


def mark_missing_links(html: str, is_missing: LinkPredicate) -> str:
    """``html`` with the class ``new`` on exactly the internal links whose target
    ``is_missing`` (by the title :func:`parse_wiki_href` gives, namespace included).

    The same marking as ``to_html(..., is_missing=...)``, applied to already rendered
    HTML: the reader caches renderings independently of the library and marks links on
    display, so importing articles never leaves a stale red link.  Idempotent (an
    existing ``new`` is recomputed); ``is_missing`` is asked once per link.
    """

    def mark(match: re.Match[str]) -> str:
        classes = [c for c in match.group(1).split() if c != "new"]
        parsed = parse_wiki_href(_html.unescape(match.group(2)))
        if parsed is not None and parsed[0] and is_missing(parsed[0]):
            classes.append("new")
        return f'<a class="{" ".join(classes)}" href="{match.group(2)}">'

    return _WIKILINK_TAG.sub(mark, html)


def _anchor_href(anchor: str) -> str:
    """``href`` value (escaped) pointing at an anchor of this document."""
    return "#" + escape_attr(anchor)


# --------------------------------------------------------------------------- inlines


@dataclass
class _Inlines:
    """Renders inline content; ``is_missing`` marks links to absent articles."""

    is_missing: LinkPredicate | None = None
    references: tuple[Reference, ...] = ()
    out: list[str] = field(default_factory=list)

    def note_anchor(self, marker: RefMarker) -> str:
        """The anchor of the reference ``marker`` points at."""
        if 0 <= marker.index < len(self.references):
            return self.references[marker.index].anchor
        return f"cite_note-{marker.index}"

    def render(self, nodes: Iterable[Inline], in_link: bool, depth: int) -> None:
        out = self.out
        for node in nodes:
            if isinstance(node, Text):
                out.append(escape_text(node.text))
            elif depth > _MAX_DEPTH:
                # Pathological nesting: keep the words, drop the structure.
                out.append(escape_text(inlines_text((node,))))
            elif isinstance(node, Style):
                self._style(node, in_link, depth)
            elif isinstance(node, Span):
                attrs = self._class_attrs(safe_css_class(node.css_class), node.title)
                if node.lang and re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", node.lang):
                    attrs += f' lang="{escape_attr(node.lang)}"'
                if node.anchor and not in_link:
                    # A same-page target, e.g. a full citation's CITEREF id for sfn links.
                    out.append(f'<a name="{escape_attr(node.anchor)}"></a>')
                out.append(f"<span{attrs}>")
                self.render(node.children, in_link, depth + 1)
                out.append("</span>")
            elif isinstance(node, Link):
                self._link(node, in_link, depth)
            elif isinstance(node, ExternalLink):
                self._external(node, in_link, depth)
            elif isinstance(node, RefMarker):
                label = escape_text(f"[{marker_label(node.group, node.number)}]")
                if in_link:
                    out.append(f'<sup class="reference">{label}</sup>')
                else:
                    out.append(
                        f'<sup class="reference"><a href="{_anchor_href(self.note_anchor(node))}"'
                        f' name="{escape_attr(node.anchor)}">{label}</a></sup>'
                    )
            elif isinstance(node, Math):
                self._math(node, in_link, depth)
            elif isinstance(node, LineBreak):
                out.append("<br />")

    def _math(self, node: Math, in_link: bool, depth: int) -> None:
        """A formula: simple TeX as rich text (the source as its tooltip), anything
        else as its TeX source in a code span."""
        cls = "math display" if node.display else "math"
        rich = tex_inlines(node.tex)
        if rich is None:
            shown = f'<code class="{cls}">{escape_text(node.tex.strip())}</code>'
            self.out.append(f"<br />{shown}<br />" if node.display else shown)
            return
        if node.display:
            self.out.append("<br />")
        self.out.append(f"<span{self._class_attrs(cls, node.tex.strip())}>")
        self.render(rich, in_link, depth + 1)
        self.out.append("</span>")
        if node.display:
            self.out.append("<br />")

    @staticmethod
    def _class_attrs(css_class: str, title: str) -> str:
        attrs = f' class="{css_class}"' if css_class else ""
        if title.strip():
            attrs += f' title="{escape_attr(title.strip())}"'
        return attrs

    def _style(self, node: Style, in_link: bool, depth: int) -> None:
        out = self.out
        if node.tag == "q":
            out.append("\u201c")
            self.render(node.children, in_link, depth + 1)
            out.append("\u201d")
            return
        if node.tag in _SPAN_TAGS:
            out.append(f"<span{self._class_attrs(_SPAN_TAGS[node.tag], node.title)}>")
            self.render(node.children, in_link, depth + 1)
            out.append("</span>")
            return
        tag = _MAPPED_TAGS.get(node.tag, node.tag if node.tag in _QT_TAGS else "span")
        title = f' title="{escape_attr(node.title.strip())}"' if node.title.strip() else ""
        out.append(f"<{tag}{title}>")
        self.render(node.children, in_link, depth + 1)
        out.append(f"</{tag}>")

    def _link(self, node: Link, in_link: bool, depth: int) -> None:
        out = self.out
        if in_link:
            self.render(node.children, True, depth + 1)
            return
        href = wiki_href(node.target, node.fragment, node.namespace)
        cls = "wikilink"
        if node.namespace:
            cls += " " + (safe_css_class(node.namespace.lower()) or "namespace")
        if node.target and self.is_missing is not None and self.is_missing(node.target):
            cls += " new"
        out.append(f'<a class="{cls}" href="{escape_attr(href)}">')
        if node.children:
            self.render(node.children, True, depth + 1)
        else:
            out.append(escape_text(node.target or node.fragment.replace("_", " ")))
        out.append("</a>")

    def _external(self, node: ExternalLink, in_link: bool, depth: int) -> None:
        out = self.out
        url = safe_url(node.url)
        if url is None or in_link:
            cls = "external-refused" if url is None else "external-text"
            out.append(f'<span class="{cls}">')
            if node.children:
                self.render(node.children, True, depth + 1)
            else:
                out.append(escape_text(f"[{node.number}]" if node.number else node.url))
            out.append("</span>")
            return
        if node.children:
            out.append(f'<a class="external text" href="{escape_attr(url)}">')
            self.render(node.children, True, depth + 1)
        elif node.number:
            out.append(f'<a class="external autonumber" href="{escape_attr(url)}">')
            out.append(f"[{node.number}]")
        else:
            out.append(f'<a class="external free" href="{escape_attr(url)}">')
            out.append(escape_text(node.url))
        out.append("</a>")


def render_inlines_html(
    inlines: Iterable[Inline],
    *,
    is_missing: LinkPredicate | None = None,
    references: tuple[Reference, ...] = (),
) -> str:
    """HTML of inline content (no surrounding block element).

    Pass the article's ``references`` so that reference markers link to their
    reference's anchor (without it a marker links to ``#cite_note-<index>``);
    ``is_missing(title)`` adds the class ``new`` to links to absent articles.
    """
    renderer = _Inlines(is_missing, tuple(references))
    renderer.render(inlines, False, 0)
    return "".join(renderer.out)


# --------------------------------------------------------------------------- blocks


def media_html(media: Media, inline: _Inlines | None = None) -> str:
    """A file placeholder: a bordered box ``[image: File.svg]`` with its caption below.

    Files are never loaded (offline, and nothing outside the document is referenced).
    """
    renderer = inline or _Inlines()
    start = len(renderer.out)
    renderer.render(media.caption, False, 0)
    caption = "".join(renderer.out[start:])
    del renderer.out[start:]
    if not caption.strip() and media.alt.strip():
        caption = escape_text(media.alt.strip())
    title = f' title="{escape_attr(media.alt.strip())}"' if media.alt.strip() else ""
    rows = [
        f'<tr><td class="media-placeholder" align="center"{title}>'
        f"[image: {escape_text(media.filename)}]</td></tr>"
    ]
    if caption.strip():
        rows.append(f'<tr><td class="media-caption">{caption}</td></tr>')
    return (
        '<table class="figure" border="1" cellspacing="0" cellpadding="6">'
        + "".join(rows) + "</table>"
    )


@dataclass
class _Renderer:
    """Renders the blocks of one article; remembers which reference groups are listed."""

    article: Article
    inline: _Inlines
    listed: set[str] = field(default_factory=set)
    out: list[str] = field(default_factory=list)

    def inlines(self, nodes: Iterable[Inline]) -> str:
        start = len(self.inline.out)
        self.inline.render(nodes, False, 0)
        html = "".join(self.inline.out[start:])
        del self.inline.out[start:]
        return html

    def blocks(self, blocks: Iterable[Block], depth: int = 0) -> None:
        for block in blocks:
            self.block(block, depth)

    def block(self, block: Block, depth: int) -> None:
        out = self.out
        if depth > _MAX_DEPTH:
            # Pathological nesting: keep the words, drop the structure.
            text = flat_blocks_text((block,))
            if text:
                out.append(f"<p>{escape_text(text)}</p>")
            return
        if isinstance(block, Paragraph):
            html = self.inlines(block.children)
            if html.strip():
                out.append(f"<p>{html}</p>\n")
        elif isinstance(block, ListBlock):
            self.list_block(block, depth)
        elif isinstance(block, Table):
            self.table(block, depth)
        elif isinstance(block, Preformatted):
            out.append(f"<pre>{self.inlines(block.children)}</pre>\n")
        elif isinstance(block, Blockquote):
            out.append("<blockquote>")
            self.blocks(block.blocks, depth + 1)
            if block.attribution:
                out.append(
                    f'<p class="attribution">\u2014 {self.inlines(block.attribution)}</p>'
                )
            out.append("</blockquote>\n")
        elif isinstance(block, Division):
            cls = safe_css_class(block.css_class)
            out.append(f'<div class="{cls}">' if cls else "<div>")
            self.blocks(block.blocks, depth + 1)
            out.append("</div>\n")
        elif isinstance(block, HorizontalRule):
            out.append("<hr />\n")
        elif isinstance(block, Figure):
            out.append(media_html(block.media, self.inline) + "\n")
        elif isinstance(block, Gallery):
            self.gallery(block)
        elif isinstance(block, ReferenceList):
            self.reference_list(block.group)
        elif isinstance(block, Hatnote):
            out.append(f'<p class="hatnote"><i>{self.inlines(block.children)}</i></p>\n')
        elif isinstance(block, Notice):
            out.append(_notice_html(block.text) + "\n")

    def list_block(self, block: ListBlock, depth: int) -> None:
        out = self.out
        out.append(f'<{block.kind} class="{block.kind}-list">' if block.kind == "dl"
                   else f"<{block.kind}>")
        for item in block.items:
            self.list_item(block.kind, item, depth)
        out.append(f"</{block.kind}>\n")

    def list_item(self, kind: str, item: ListItem, depth: int) -> None:
        tag = ("dt" if item.kind == "dt" else "dd") if kind == "dl" else "li"
        self.out.append(f"<{tag}>{self.inlines(item.children)}")
        self.blocks(item.blocks, depth + 1)
        self.out.append(f"</{tag}>\n")

    def table(self, table: Table, depth: int) -> None:
        rows = [row for row in table.rows if row.cells]
        caption = self.inlines(table.caption) if table.caption else ""
        if caption.strip():
            self.out.append(f'<p class="table-caption"><b>{caption}</b></p>\n')
        if not rows:
            return
        cls = safe_css_class(table.css_class)
        classes = set(cls.split())
        if "wikitable" in classes:
            attrs = ' border="1" cellspacing="0" cellpadding="4"'
        else:
            attrs = ' border="0" cellspacing="0" cellpadding="3"'
        self.out.append(f'<table class="{cls}"{attrs}>' if cls else f"<table{attrs}>")
        for row in rows:
            self.out.append("<tr>")
            for cell in row.cells:
                self.cell(cell, depth)
            self.out.append("</tr>\n")
        self.out.append("</table>\n")

    def cell(self, cell: TableCell, depth: int) -> None:
        tag = "th" if cell.header else "td"
        attrs = ""
        if cell.rowspan > 1:
            attrs += f' rowspan="{min(cell.rowspan, _MAX_ROWSPAN)}"'
        if cell.colspan > 1:
            attrs += f' colspan="{min(cell.colspan, _MAX_COLSPAN)}"'
        if cell.align in ("left", "center", "right"):
            attrs += f' align="{cell.align}"'
        self.out.append(f'<{tag}{attrs} valign="top">')
        if len(cell.blocks) == 1 and isinstance(cell.blocks[0], Paragraph):
            self.out.append(self.inlines(cell.blocks[0].children))
        else:
            self.blocks(cell.blocks, depth + 1)
        self.out.append(f"</{tag}>")

    def gallery(self, gallery: Gallery) -> None:
        if not gallery.items:
            return
        self.out.append('<table class="gallery" border="0" cellspacing="4" cellpadding="0">')
        for start in range(0, len(gallery.items), 4):
            self.out.append("<tr>")
            for media in gallery.items[start:start + 4]:
                self.out.append(f'<td valign="top">{media_html(media, self.inline)}</td>')
            self.out.append("</tr>\n")
        self.out.append("</table>\n")

    def reference_list(self, group: str) -> None:
        """The references of ``group``, at the first list of that group only."""
        if group in self.listed:
            return
        self.listed.add(group)
        refs = references_of(self.article, group)
        if not refs:
            return
        style = list_style(group)
        contiguous = [r.number for r in refs] == list(range(1, len(refs) + 1))
        if contiguous and style in _OL_TYPES:
            self.out.append(f'<ol class="references" type="{_OL_TYPES[style]}">')
            for ref in refs:
                self.out.append(f"<li>{self._reference_body(ref)}</li>\n")
            self.out.append("</ol>\n")
            return
        # Numbers Qt cannot count itself (gaps, Greek letters): explicit labels.
        for ref in refs:
            label = escape_text(number_label(group, ref.number))
            self.out.append(f'<p class="reference">{label}. {self._reference_body(ref)}</p>\n')

    def _reference_body(self, ref: Reference) -> str:
        """Anchor, back-links and content of one reference."""
        parts = [f'<a name="{escape_attr(ref.anchor)}"></a>']
        if len(ref.uses) == 1:
            parts.append(f'<a class="backlink" href="{_anchor_href(ref.uses[0])}"><b>^</b></a>')
        elif ref.uses:
            parts.append("<b>^</b>")
            for label, use in zip(backlink_labels(len(ref.uses)), ref.uses, strict=True):
                parts.append(
                    f' <a class="backlink" href="{_anchor_href(use)}">'
                    f"<sup><i><b>{label}</b></i></sup></a>"
                )
        else:
            parts.append("<b>^</b>")
        content = self.inlines(ref.content) if ref.content else ""
        if not content.strip():
            content = escape_text(" ".join(ref.text.split()))
        parts.append(f' <span class="reference-text">{content}</span>')
        return "".join(parts)

    def section(self, section: Section) -> None:
        level = min(max(section.level, 2), 6)
        heading = self.inlines(section.heading) if section.heading else ""
        if not heading.strip():
            heading = escape_text(section.title)
        anchor = escape_attr(section.anchor)
        self.out.append(f'<h{level}><a name="{anchor}"></a>{heading}</h{level}>\n')
        self.blocks(section.blocks)
        for child in section.children:
            self.section(child)


def _notice_html(text: str) -> str:
    """A RefView notice: a one-cell bordered box."""
    return (
        '<table class="notice" border="1" cellspacing="0" cellpadding="6" width="100%">'
        f"<tr><td><b>Note:</b> {escape_text(text.strip())}</td></tr></table>"
    )


def infobox_html(
    infobox: Infobox,
    *,
    is_missing: LinkPredicate | None = None,
    references: tuple[Reference, ...] = (),
    align: str = "right",
) -> str:
    """The infobox as a two-column table (group header rows, label | value rows).

    ``align="right"`` makes Qt float it beside the text; the reader's side panel uses
    ``align=""`` for a plain full-width table.
    """
    inline = _Inlines(is_missing, tuple(references))
    align_attr = f' align="{align}"' if align in ("left", "right", "center") else ""
    # The stylesheet floats ``infobox`` tables right (Qt honours CSS float on tables);
    # the side panel's copy is a plain full-width ``infobox-panel``.
    cls, width = ("infobox", ' width="300"') if align_attr else ("infobox-panel", ' width="100%"')
    out = [f'<table class="{cls}"{align_attr}{width} border="1" cellspacing="0"'
           ' cellpadding="4">']
    if infobox.title.strip():
        out.append(f'<tr><th class="infobox-title" colspan="2">'
                   f"{escape_text(infobox.title.strip())}</th></tr>")
    if infobox.image is not None:
        out.append(f'<tr><td colspan="2" align="center">'
                   f"{media_html(infobox.image, inline)}</td></tr>")
    group = ""
    for f in infobox.fields:
        if f.group != group:
            group = f.group
            if group.strip():
                out.append(f'<tr><th class="infobox-group" colspan="2">'
                           f"{escape_text(group.strip())}</th></tr>")
        start = len(inline.out)
        inline.render(f.value, False, 0)
        value = "".join(inline.out[start:])
        del inline.out[start:]
        if not value.strip():
            value = escape_text(f.text.strip())
        if not value.strip():
            continue
        label = escape_text((f.label or f.name).strip())
        if label:
            out.append(f'<tr><th class="infobox-label" align="left" valign="top">{label}</th>'
                       f'<td class="infobox-data" valign="top">{value}</td></tr>')
        else:
            out.append(f'<tr><td class="infobox-data" colspan="2">{value}</td></tr>')
    out.append("</table>")
    return "".join(out)


def render_blocks_html(
    blocks: Iterable[Block],
    article: Article | None = None,
    *,
    is_missing: LinkPredicate | None = None,
) -> str:
    """HTML of a run of blocks (``article`` resolves reference markers and lists)."""
    art = article or Article(title="")
    renderer = _Renderer(art, _Inlines(is_missing, art.references))
    renderer.blocks(blocks)
    return "".join(renderer.out)


def reference_html(article: Article, ref: Reference) -> str:
    """One reference as an HTML fragment (for a marker's tooltip or a preview pane):
    ``<p><b>[3]</b> formatted citation</p>``, links included, no back-links."""
    inline = _Inlines(None, article.references)
    inline.render(ref.content, False, 0)
    content = "".join(inline.out)
    if not content.strip():
        content = escape_text(" ".join(ref.text.split()))
    label = escape_text(f"[{marker_label(ref.group, ref.number)}]")
    return f'<p class="reference-preview"><b>{label}</b> {content}</p>'


def to_html(
    article: Article,
    *,
    include_infobox: bool = True,
    is_missing: LinkPredicate | None = None,
) -> str:
    """The article as a complete HTML document for QTextBrowser.

    Order: title (anchor ``top``), short description, RefView notices, redirect,
    hatnotes, infobox (a right-aligned table, unless ``include_infobox=False`` because
    the reader shows it in a side panel), lead, sections (``<h2>``..``<h6>`` each with
    its anchor), reference groups no ``ReferenceList`` listed, categories.
    """
    renderer = _Renderer(article, _Inlines(is_missing, article.references))
    out = renderer.out
    title = escape_text(article.title)
    out.append(f"<html><head><title>{title}</title></head><body>\n")
    out.append(f'<h1 class="title"><a name="top"></a>{title}</h1>\n')
    if article.short_description.strip():
        out.append(f'<p class="shortdesc">{escape_text(article.short_description.strip())}</p>\n')
    for notice in article.notices:
        if notice.strip():
            out.append(_notice_html(notice) + "\n")
    if article.redirect:
        href = escape_attr(wiki_href(article.redirect))
        out.append(f'<p class="redirect">Redirect to: <a class="wikilink" href="{href}">'
                   f"{escape_text(article.redirect)}</a></p>\n")
    for hatnote in article.hatnotes:
        renderer.block(hatnote, 0)
    if include_infobox and article.infobox is not None:
        out.append(infobox_html(article.infobox, is_missing=is_missing,
                                references=article.references) + "\n")
    renderer.blocks(article.lead)
    for section in article.sections:
        renderer.section(section)
    taken = {section.anchor for section in article.walk_sections()}
    for group in unlisted_groups(article):
        if group in renderer.listed:
            continue
        anchor = _appended_anchor(group, taken)
        out.append(f'<h2><a name="{escape_attr(anchor)}"></a>'
                   f"{escape_text(appended_heading(group))}</h2>\n")
        renderer.reference_list(group)
    if article.categories:
        links = " | ".join(
            f'<a class="wikilink category" href="{escape_attr(wiki_href(c, "", "Category"))}">'
            f"{escape_text(c)}</a>"
            for c in article.categories
        )
        out.append(f'<hr /><p class="catlinks"><b>Categories:</b> {links}</p>\n')
    out.append("</body></html>\n")
    return "".join(out)


def _appended_anchor(group: str, taken: set[str]) -> str:
    """A unique anchor for an appended reference list heading (``References``,
    ``Notes_note``; ``References_2`` when a section already uses the name)."""
    base = "References" if not group else "Notes_" + re.sub(r"\W+", "_", group).strip("_")
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}_{n}"
    taken.add(anchor)
    return anchor


# --------------------------------------------------------------------------- stylesheet


@cache
def _stylesheet_parts() -> tuple[str, str]:
    from viewer.resources import read_text

    css = read_text("styles/article.css")
    match = _DARK_MARKER.search(css)
    if match is None:
        return css, ""
    return css[:match.start()], css[match.end():]


def article_stylesheet(dark: bool = False) -> str:
    """The CSS for ``QTextDocument.setDefaultStyleSheet`` (``resources/styles/article.css``).

    The file's rules after the ``/* @dark */`` marker line override colours for a dark
    palette and are included only when ``dark`` is true.
    """
    base, dark_rules = _stylesheet_parts()
    return base + dark_rules if dark else base


def standalone_html(
    article: Article,
    *,
    dark: bool = False,
    include_infobox: bool = True,
) -> str:
    """The article as an HTML file to save ("Export to HTML"): :func:`to_html` with a
    UTF-8 declaration and RefView's own stylesheet embedded, so the file looks right in
    any browser.  The view itself never uses this (QTextBrowser gets the stylesheet via
    ``setDefaultStyleSheet`` and the page HTML carries no ``<style>``); the only CSS added
    is :func:`article_stylesheet`, none comes from the page."""
    body = to_html(article, include_infobox=include_infobox)
    head = (
        '<head><meta charset="utf-8" />'
        f"<title>{escape_text(article.title)}</title>"
        f"<style>\n{article_stylesheet(dark)}</style></head>"
    )
    return "<!DOCTYPE html>\n" + body.replace(
        f"<head><title>{escape_text(article.title)}</title></head>", head, 1
    )
