"""Wikitext -> :class:`~viewer.article.model.Article`.

``parse_article`` tokenizes the page once with mwparserfromhell (``skip_style_tags=True``,
so that bold/italic follow MediaWiki's per-line rules, see :mod:`viewer.article.quotes`)
and converts the node tree into the immutable article model in one pass, in document
order, so that references are numbered by first use exactly as a reader meets them
(infobox first, then captions, tables, text...).

How the conversion is organised:

* the node list of a block context (the article, a section, a table cell, a ``<div>``)
  is cut into *lines* (text nodes split at newlines; every other node belongs to the
  line it starts on); each line is a list item (``*#:;`` prefix), a space-indented
  preformatted line, a blank line, or text that joins the current paragraph;
* each line's nodes become *pieces*: raw text (where apostrophe runs are still markup),
  inline model nodes (links, refs, styled text...) and block model nodes (tables,
  figures, what block templates return); blocks break the paragraph, the rest goes
  through ``apply_quotes`` per line;
* templates go to the handler registry (:mod:`viewer.article.templates`) with this
  module's :class:`_Parser` as their :class:`~viewer.article.templates.base.Context`.

Before tokenizing, :mod:`viewer.article.guard` escapes runs of unclosed markup that would
make the tokenizer quadratic, and two MediaWiki behaviours mwparserfromhell lacks are
restored (``:{|`` indented tables, comments in front of a heading).

Context values are converted once: ``inlines``/``blocks`` results are cached per value
object, and ``text`` runs "dry" (no reference, link or category is recorded), so a
handler may ask for the text and the inline form of the same value without numbering a
reference twice.

Conventions for the renderers: an inline image (no frame, not alone on its line) is an
empty ``Span("media", title=filename)``; ``[[Media:..]]`` links a ``Span("media-link")``;
an undefined reference's content a ``Span("cite-error")``; an unknown template's fallback
text a ``Span("template-fallback")``; ``<center>`` a ``Division("center")`` and
``<poem>`` a ``Division("poem")``; internal link targets keep their namespace
(``Category:X``, with ``namespace="Category"``).

Nothing from mwparserfromhell leaves this module: the result holds only model objects.
Bad markup is data: ``parse_article`` never raises; limits (nesting depth, page size,
template count) degrade to plain text with a notice.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, Literal, TypeVar, cast

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Wikilink,
)
from mwparserfromhell.nodes import (
    ExternalLink as MwExternalLink,
)
from mwparserfromhell.nodes import (
    Node as MwNode,
)
from mwparserfromhell.nodes import (
    Text as MwText,
)
from mwparserfromhell.nodes.extras import Parameter
from mwparserfromhell.wikicode import Wikicode

from viewer.article.anchors import AnchorRegistry
from viewer.article.guard import defuse
from viewer.article.media import read_options
from viewer.article.model import (
    Article,
    Block,
    Blockquote,
    Citation,
    Division,
    ExternalLink,
    ExternalLinkRef,
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
    ReferenceList,
    RefMarker,
    Section,
    Span,
    Style,
    StyleTag,
    Table,
    TableCell,
    TableRow,
    TemplateUse,
    Text,
)
from viewer.article.quotes import WRAP_END, Piece, Wrap, WrapEnd, apply_quotes, merge_text
from viewer.article.refs import RefBook, RefEntry
from viewer.article.sanitize import safe_css_class, safe_url
from viewer.article.templates.base import Nodes, TemplateCall, TemplateRegistry, Value
from viewer.article.titles import LinkTarget, classify_target, namespace_of, normalise_title

__all__ = ["parse_article", "plain_text"]

#: Deepest nesting of values/tags/templates converted structurally; deeper content is
#: shown as plain text (with a notice).
MAX_DEPTH = 40
#: Pages longer than this (characters) are cut, with a notice.  MediaWiki refuses to
#: save pages over 2 MiB ($wgMaxArticleSize), so no real article is cut.
MAX_CHARS = 2_200_000
#: Template calls expanded per page before the rest is shown as nothing (with a notice).
MAX_TEMPLATES = 20_000

_BLOCK_TYPES = (
    Paragraph, ListBlock, Table, Preformatted, Blockquote, Division, HorizontalRule, Figure,
    Gallery, ReferenceList, Hatnote, Notice,
)

_MAGIC_WORDS = re.compile(
    r"__(?:NOTOC|FORCETOC|TOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|"
    r"HIDDENCAT|EXPECTUNUSEDCATEGORY|INDEX|NOINDEX|STATICREDIRECT|DISAMBIG|"
    r"NOCONTENTCONVERT|NOCC|NOTITLECONVERT|NOTC|START|END|NOGLOBAL|ARCHIVEDTALK|NOTALK|"
    r"EXPECTED_UNCONNECTED_PAGE)__|~{3,5}",
    re.I,
)
#: Allowed HTML tags that mwparserfromhell left as text because they are unbalanced:
#: MediaWiki's tidy would balance them; we drop the markup rather than show it.
_STRAY_TAG = re.compile(
    r"</?(?:small|big|span|div|center|b|i|u|s|strike|sup|sub|code|tt|font|p|em|strong|"
    r"blockquote|ins|del|abbr|cite|q|kbd|var|samp|mark|bdi|bdo|dfn|br|wbr|li|ul|ol|dl|dt|"
    r"dd|table|tr|td|th|caption|tbody|thead|tfoot|nowiki|section|templatestyles|ref|"
    r"references|onlyinclude|noinclude|includeonly|poem|gallery|math|chem|pre|time|data|"
    r"ruby|rb|rp|rt|rtc|h[1-6]|hr)\b[^<>]*>",
    re.I,
)
#: ``:{|`` (an indented table): MediaWiki starts a table there, mwparserfromhell does not;
#: the indentation is dropped so that the table is read as one.  The line-start patterns
#: here begin with a literal newline rather than ``^`` under ``re.M``: the regex engine
#: then jumps from newline to newline instead of trying every offset (~10x faster); see
#: :func:`_drop_at_line_starts`.
_INDENTED_TABLE = re.compile(r"\n[:*#;]+(?:[ \t]|<!--.*?-->)*(?=\{\|)")
#: Comments before a heading on its line (MediaWiki strips comments before it looks for
#: headings; mwparserfromhell does not).
_COMMENT_BEFORE_HEADING = re.compile(r"\n(?:[ \t]*<!--[^\n]*?-->)+[ \t]*(?==)")


def _drop_at_line_starts(pattern: re.Pattern[str], text: str) -> str:
    """Remove what ``pattern`` (``\\n`` + a match that stays within its line) matches at
    the start of any line of ``text``, the first line included."""
    return pattern.sub("\n", "\n" + text)[1:]


#: ``#REDIRECT`` and its localised forms on the largest Wikipedias (de, fr, es, it, nl,
#: ru/uk, pl, pt, sv, ca, vi, ja, zh, ar, fa), which dumps of those wikis use.
_REDIRECT = re.compile(
    r"\A\s*#(?:redirect|weiterleitung|redirection|redirecci[oó]n|rinvia|doorverwijzing"
    r"|перенаправление|перенаправлення|patrz|przekieruj|redirecionamento|omdirigering"
    r"|redirecciona|đổi|転送|リダイレクト|重定向|تحويل|تغییر[_ ]مسیر)\s*:?\s*\[\[([^\]|\n]+)",
    re.I,
)
_LINKTRAIL = re.compile(r"[a-z]+")
_OPEN_ITEM = re.compile(r"<(li|dt|dd)\b[^<>]*>", re.I)
_T = TypeVar("_T")
_PIPE_TRICK = re.compile(r"\s*\([^()]*\)\s*$|\s*,.*$")

_STYLE_TAGS: dict[str, StyleTag] = {
    "b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "ins", "s": "s",
    "strike": "s", "del": "del", "sup": "sup", "sub": "sub", "code": "code", "tt": "tt",
    "kbd": "kbd", "samp": "samp", "var": "var", "small": "small", "big": "big",
    "mark": "mark", "q": "q", "cite": "cite", "dfn": "dfn", "abbr": "abbr",
}
_SPAN_TAGS = frozenset(
    {"span", "font", "bdi", "bdo", "time", "data", "ruby", "rb", "rp", "rt", "rtc", "nowrap"}
)
#: Extension tags whose content cannot be shown offline or is page machinery.
_DROP_TAGS = frozenset(
    {
        "templatestyles", "indicator", "includeonly", "timeline", "graph", "mapframe",
        "maplink", "templatedata", "score", "inputbox", "categorytree", "charinsert",
        "section", "langconvert", "phonos", "chart", "wbr", "script", "style", "dynamicpagelist",
        "talkpage", "ref-error", "img", "meta", "link", "languages",
    }
)
#: Disallowed tags shown as literal text, MediaWiki style (content dropped).
_SILENT_CONTENT = frozenset({"script"})
_TRANSPARENT_TAGS = frozenset({"noinclude", "onlyinclude", "translate", "tvar"})
#: Names of templates that show nothing sensible inline when unknown: boxes, navigation,
#: maintenance tags, hatnotes, page switches.
_BOXLIKE = re.compile(
    r"box|nav|sidebar|footer|banner|stub|portal|cleanup|citation style|^use |engvar|"
    r"^pp(-|$)|\bprotect|featured|good article|authority control|taxonbar|sister|"
    r"commons|wikiquote|wiktionary|wikisource|wikispecies|wikivoyage|refimprove|"
    r"unreferenced|citations|multiple issues|orphan|dead end|copy ?edit|\badvert|\bpov\b|"
    r"\bdisputed\b|^expand|\bupdate\b|\btone\b|\bessay\b|primary sources|notability|"
    r"\bmerge|^split|^move|rewrite|technical|confusing|^lead|infobox|succession|^s-|"
    r"^clear|^toc|defaultsort|italic title|dmbox|ambox|tmbox|ombox|cmbox|fmbox|imbox|"
    r"^stack|^col-|div col|^anchor|^short description|^dablink|^hatnote|^redirect|"
    r"^r from|^r to|^r with|^coord|^about|^for |^distinguish|^other uses|^main|"
    r"^see also|^further|^reflist|^notelist|^refbegin|^refend|^clade|^chart|^graph|"
    r"^image|^gallery|^multiple image|^listen|^wide image|^panorama|^external media|"
    r"^spoken wikipedia|^dynamic list|^incomplete|^sort|^disambiguation|^dab|^hndis|"
    r"^geodis|^set index|^sia|^compact toc|^self-reference|^selfref|^cat |^category|"
    r"^draft|^afc|^db-|^old|^talk|^archive|^wp|^wikiproject|^vital|^bots|^nobots|^dmy|"
    r"^mdy|^noteta"
)


@dataclass(frozen=True, slots=True)
class _InlineMedia:
    """An image used inline (no frame, no float); becomes a ``Figure`` when it stands
    alone on its line, else an (invisible) ``Span`` carrying its caption."""

    media: Media


_TABLE_OPEN = "\x00{|"
_TABLE_CLOSE = "\x00|}"
_Piece = str | Inline | Block | _InlineMedia | Wrap | WrapEnd
_Content = Inline | Block | _InlineMedia


def _no_media(content: Iterable[_Content]) -> list[Inline | Block]:
    """Replace inline images by (invisible) spans carrying their caption."""
    return [
        Span("media", (), title=c.media.filename) if isinstance(c, _InlineMedia) else c
        for c in content
    ]
_Item = str | MwNode


def plain_text(nodes: Iterable[Inline]) -> str:
    """The plain text of inline nodes as a reader sees it (markers dropped, numbered
    external links as ``[n]``, whitespace collapsed and stripped)."""
    out: list[str] = []
    _collect_text(nodes, out)
    return " ".join("".join(out).split())


def _collect_text(nodes: Iterable[Inline], out: list[str]) -> None:
    for node in nodes:
        kind = type(node)
        if kind is Text:
            out.append(cast(Text, node).text)
        elif kind is Style or kind is Span or kind is Link:
            _collect_text(cast(Style, node).children, out)
        elif kind is ExternalLink:
            link = cast(ExternalLink, node)
            if link.children:
                _collect_text(link.children, out)
            else:
                out.append(f"[{link.number}]")
        elif kind is Math:
            out.append(cast(Math, node).tex)
        elif kind is LineBreak:
            out.append(" ")


def _flatten_blocks(blocks: Sequence[Block]) -> list[Inline]:
    """Inline content of blocks (for a block-y value used inline): paragraphs, list
    items and table rows separated by line breaks."""
    out: list[Inline] = []

    def sep() -> None:
        if out and not isinstance(out[-1], LineBreak):
            out.append(LineBreak())

    for block in blocks:
        kind = type(block)
        if kind is Paragraph:
            sep()
            out.extend(cast(Paragraph, block).children)
        elif kind is ListBlock:
            for item in cast(ListBlock, block).items:
                sep()
                out.extend(item.children)
                if item.blocks:
                    sep()
                    out.extend(_flatten_blocks(item.blocks))
        elif kind is Preformatted:
            sep()
            out.append(Style("code", cast(Preformatted, block).children))
        elif kind is Division:
            sep()
            out.extend(_flatten_blocks(cast(Division, block).blocks))
        elif kind is Blockquote:
            sep()
            out.extend(_flatten_blocks(cast(Blockquote, block).blocks))
        elif kind is Table:
            for row in cast(Table, block).rows:
                sep()
                for i, cell in enumerate(row.cells):
                    if i:
                        out.append(Text(" "))
                    out.extend(_flatten_blocks(cell.blocks))
        elif kind is Hatnote:
            sep()
            out.extend(cast(Hatnote, block).children)
        elif kind is Figure:
            media = cast(Figure, block).media
            if media.caption:
                sep()
                out.append(Span("media", media.caption, title=media.filename))
        elif kind is Notice:
            sep()
            out.append(Span("notice", (Text(cast(Notice, block).text),)))
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    return out


def _unlink(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Link text without links inside it (``[[A|see [[B]]]]``: anchors cannot nest)."""
    if all(type(n) is Text for n in nodes):
        return tuple(nodes)
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, (Link, ExternalLink)):
            out.extend(_unlink(list(node.children)))
        elif isinstance(node, (Style, Span)):
            out.append(replace(node, children=_unlink(list(node.children))))
        else:
            out.append(node)
    return tuple(merge_text(out))


def _hoist_markers(
    children: tuple[Inline, ...],
) -> tuple[tuple[Inline, ...], list[RefMarker]]:
    """Move reference markers out of link text (a marker is itself a link) to just
    after the link: ``[[A|b<ref>..</ref>]]`` reads as ``b[1]``."""
    if not any(type(c) is RefMarker for c in children):
        return children, []
    kept = tuple(c for c in children if type(c) is not RefMarker)
    markers = [c for c in children if isinstance(c, RefMarker)]
    return kept, markers


def _strip_inlines(nodes: list[Inline]) -> list[Inline]:
    """Strip leading/trailing whitespace of a run of inline nodes (top level only)."""
    while nodes and type(nodes[0]) is Text and not nodes[0].text.strip():
        nodes.pop(0)
    while nodes and type(nodes[-1]) is Text and not nodes[-1].text.strip():
        nodes.pop()
    if nodes and type(nodes[0]) is Text:
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and type(nodes[-1]) is Text:
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return nodes


_QUOTE_RUN = re.compile(r"'{2,}")
#: ``{{DEFAULTSORT:...}}`` in the languages of the largest Wikipedias (de, fr, es/pt,
#: it, nl, ru, uk, pl, sv, ca, vi, ja, zh, ar, fa); it only sets a category sort key.
_LOCAL_SORTKEY = re.compile(
    r"\s*(?:sortierung|cl[eé]de?tri|clefdetri|ordenar|ordina|standaardsortering"
    r"|сортировка|сортування|domyślniesortuj|domyslniesortuj|standardsortering"
    r"|ordena|sắpxếp|デフォルトソート|默认排序|預設排序|ترتيب|ترتیب)\s*:",
    re.I,
)


def _open_quotes(nodes: Sequence[MwNode]) -> bool:
    """Whether link text leaves bold or italic open (or closes one opened before it):
    an odd number of italic or bold apostrophe runs in its own text."""
    bold = italics = 0
    for node in nodes:
        if type(node) is MwText and "''" in node.value:
            for run in _QUOTE_RUN.findall(node.value):
                if len(run) == 2:
                    italics += 1
                elif len(run) in (3, 4):
                    bold += 1
                else:
                    bold += 1
                    italics += 1
    return bool(bold % 2 or italics % 2)


def _blank(nodes: Sequence[MwNode]) -> bool:
    """Whether a node list is only whitespace and comments."""
    for node in nodes:
        if isinstance(node, MwText):
            if node.value.strip():
                return False
        elif not isinstance(node, Comment):
            return False
    return True


def _is_ws(item: _Item) -> bool:
    return isinstance(item, str) and not item.strip()


def _tag_name(node: Tag) -> str:
    return str(node.tag).strip().lower()


def _attr(node: Tag, name: str) -> str:
    """The stripped value of attribute ``name`` (``""`` when absent)."""
    for attribute in node.attributes:
        if str(attribute.name).strip().lower() == name:
            value = attribute.value
            return "" if value is None else html.unescape(str(value)).strip()
    return ""


def _source(nodes: Sequence[MwNode]) -> str:
    return "".join(str(n) for n in nodes)


def _crude_text(source: str) -> str:
    """Plain text of wikitext without parsing it (used past the depth limit)."""
    text = re.sub(r"<!--.*?(?:-->|$)", "", source, flags=re.S)
    text = re.sub(r"</?[A-Za-z][^<>]*>", "", text)
    text = re.sub(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]", r"\1", text)
    text = re.sub(r"[{}\[\]|]+", " ", text)
    text = text.replace("'''", "").replace("''", "")
    return " ".join(html.unescape(text).split())


def _split_pipes(nodes: Sequence[MwNode]) -> list[list[_Item]]:
    """Split a node list at the ``|`` characters of its top-level text."""
    parts: list[list[_Item]] = [[]]
    for node in nodes:
        if type(node) is MwText and "|" in node.value:
            chunks = node.value.split("|")
            if chunks[0]:
                parts[-1].append(chunks[0])
            for chunk in chunks[1:]:
                parts.append([chunk] if chunk else [])
        elif type(node) is MwText:
            if node.value:
                parts[-1].append(node.value)
        elif isinstance(node, MwExternalLink) and not node.brackets and "|" in str(node):
            # A free URL swallows "|" (``[[File:X|http://x|Caption]]``); MediaWiki ends
            # the option there.
            chunks = str(node).split("|")
            if chunks[0]:
                parts[-1].append(chunks[0])
            for chunk in chunks[1:]:
                parts.append([chunk] if chunk else [])
        else:
            parts[-1].append(node)
    return parts


def _item_source(items: Sequence[_Item]) -> str:
    return "".join(i if isinstance(i, str) else str(i) for i in items)


class _DepthExceeded(Exception):
    """Internal: the nesting limit was hit."""


@dataclass(slots=True)
class _ItemBuilder:
    """A list item being filled."""

    kind: Literal["li", "dt", "dd"]
    children: list[Inline]
    blocks: list[Block]

    def freeze(self) -> ListItem:
        children = _strip_inlines(merge_text(self.children))
        if self.kind == "dd" and len(children) == 1 and isinstance(children[0], Math):
            # ":<math>...</math>" is how articles set a formula apart: a display formula.
            children = [Math(children[0].tex, True)]
        return ListItem(self.kind, tuple(children), tuple(self.blocks))


@dataclass(slots=True)
class _ListLevel:
    kind: Literal["ul", "ol", "dl"]
    items: list[_ItemBuilder]

    def freeze(self) -> ListBlock:
        return ListBlock(self.kind, tuple(i.freeze() for i in self.items))


def _list_kind(char: str) -> Literal["ul", "ol", "dl"]:
    return "ul" if char == "*" else "ol" if char == "#" else "dl"


def _item_kind(char: str) -> Literal["li", "dt", "dd"]:
    return "dt" if char == ";" else "dd" if char == ":" else "li"


class _BlockBuilder:
    """Assembles lines into blocks: paragraphs, lists, preformatted runs."""

    def __init__(self) -> None:
        self.out: list[Block] = []
        self.para: list[Inline] = []
        self.levels: list[_ListLevel] = []
        self.pre: list[Inline] = []

    # -- flushing
    def flush_para(self) -> None:
        if not self.para:
            return
        children = _strip_inlines(merge_text(self.para))
        self.para = []
        if not children:
            return
        if len(children) == 1 and type(children[0]) is Math:
            children = [Math(children[0].tex, True)]
        self.out.append(Paragraph(tuple(children)))

    def flush_lists(self) -> None:
        if not self.levels:
            return
        while len(self.levels) > 1:
            self._pop_level()
        self.out.append(self.levels.pop().freeze())

    def _pop_level(self) -> None:
        done = self.levels.pop()
        parent = self.levels[-1]
        if not parent.items:
            parent.items.append(_ItemBuilder("li" if parent.kind != "dl" else "dd", [], []))
        parent.items[-1].blocks.append(done.freeze())

    def flush_pre(self) -> None:
        if not self.pre:
            return
        children = merge_text(self.pre)
        self.pre = []
        if children and type(children[-1]) is Text:
            children[-1] = Text(children[-1].text.rstrip("\n"))
        if children:
            self.out.append(Preformatted(tuple(children)))

    def flush_all(self) -> None:
        self.flush_para()
        self.flush_lists()
        self.flush_pre()

    # -- lines
    def blank(self) -> None:
        self.flush_all()

    def block(self, block: Block) -> None:
        self.flush_all()
        self.out.append(block)

    def text_line(self, content: list[Inline | Block]) -> None:
        self.flush_lists()
        self.flush_pre()
        if self.para:
            self.para.append(Text(" "))
        for node in content:
            if isinstance(node, _BLOCK_TYPES):
                self.flush_para()
                self.out.append(node)
            else:
                self.para.append(node)

    def pre_line(self, content: list[Inline | Block]) -> None:
        self.flush_para()
        self.flush_lists()
        for node in content:
            if isinstance(node, _BLOCK_TYPES):
                self.flush_pre()
                self.out.append(node)
            else:
                self.pre.append(node)
        self.pre.append(Text("\n"))

    def list_line(self, prefix: str, content: list[Inline | Block]) -> None:
        self.flush_para()
        self.flush_pre()
        levels = self.levels
        common = 0
        while (
            common < len(prefix)
            and common < len(levels)
            and levels[common].kind == _list_kind(prefix[common])
        ):
            common += 1
        if common == len(prefix):
            while len(levels) > len(prefix):
                self._pop_level()
            item = _ItemBuilder(_item_kind(prefix[-1]), [], [])
            levels[-1].items.append(item)
        else:
            while len(levels) > common:
                if len(levels) == 1:
                    self.out.append(levels.pop().freeze())
                else:
                    self._pop_level()
            for i in range(common, len(prefix)):
                level = _ListLevel(_list_kind(prefix[i]), [])
                level.items.append(_ItemBuilder(_item_kind(prefix[i]), [], []))
                levels.append(level)
            item = levels[-1].items[-1]
        for node in content:
            if isinstance(node, _BLOCK_TYPES):
                item.blocks.append(node)
            elif item.blocks:
                last = item.blocks[-1]
                if isinstance(last, Paragraph):
                    item.blocks[-1] = Paragraph((*last.children, node))
                else:
                    item.blocks.append(Paragraph((node,)))
            else:
                item.children.append(node)

    def finish(self) -> list[Block]:
        self.flush_all()
        return self.out


_BRACE = re.compile(r"\{\{|\}\}")
#: Characters that make a link target invalid (MediaWiki shows the markup as text).
_BAD_TITLE_CHAR = re.compile(r"[<>\[\]{}|\n]")
_OPEN_BRACES = object()
_CLOSE_BRACES = object()


def _has_stray_braces(nodes: Sequence[MwNode]) -> bool:
    """Whether a text node holds ``{{`` or ``}}`` (a call mwparserfromhell could not
    read, or the end of one it closed too early)."""
    for node in nodes:
        if type(node) is MwText and ("{{" in node.value or "}}" in node.value):
            return True
    return False


def _brace_tokens(nodes: Sequence[MwNode]) -> list[object]:
    """The nodes with every ``{{``/``}}`` in text cut out as a token of its own.

    A template holding an unmatched ``{{`` (``{{a|{{uc:x [[y]]}}`` closed at the inner
    call's ``}}``) is opened up into tokens too, so that the ``}}`` left after it can
    close it where MediaWiki would."""
    flat: list[object] = []
    for node in nodes:
        if type(node) is Template:
            source = str(node)
            if source.count("{{") != source.count("}}"):
                flat.append(_OPEN_BRACES)
                flat.extend(_brace_tokens(node.name.nodes))
                for param in node.params:
                    flat.append(MwText("|"))
                    if param.showkey:
                        flat.extend(_brace_tokens(param.name.nodes))
                        flat.append(MwText("="))
                    flat.extend(_brace_tokens(param.value.nodes))
                flat.append(_CLOSE_BRACES)
                continue
        if type(node) is MwText and ("{{" in node.value or "}}" in node.value):
            value = node.value
            pos = 0
            for match in _BRACE.finditer(value):
                if match.start() > pos:
                    flat.append(MwText(value[pos:match.start()]))
                flat.append(_OPEN_BRACES if match.group() == "{{" else _CLOSE_BRACES)
                pos = match.end()
            if pos < len(value):
                flat.append(MwText(value[pos:]))
        else:
            flat.append(node)
    return flat


def _untoken(tokens: Sequence[object]) -> list[MwNode]:
    """Tokens back to nodes (brace tokens as text), adjacent text joined."""
    out: list[MwNode] = []
    for token in tokens:
        if token is _OPEN_BRACES:
            token = MwText("{{")
        elif token is _CLOSE_BRACES:
            token = MwText("}}")
        last = out[-1] if out else None
        if type(token) is MwText and type(last) is MwText:
            out[-1] = MwText(last.value + token.value)
        else:
            out.append(cast(MwNode, token))
    return out


def _split_call(tokens: Sequence[object]) -> list[list[object]]:
    """The ``|``-separated parts of a call's inside (pipes in nested calls kept)."""
    parts: list[list[object]] = [[]]
    depth = 0
    for token in tokens:
        if token is _OPEN_BRACES:
            depth += 1
        elif token is _CLOSE_BRACES:
            depth -= 1
        elif depth == 0 and type(token) is MwText and "|" in token.value:
            pieces = token.value.split("|")
            if pieces[0]:
                parts[-1].append(MwText(pieces[0]))
            for piece in pieces[1:]:
                parts.append([MwText(piece)] if piece else [])
            continue
        parts[-1].append(token)
    return parts


def _call_from_tokens(tokens: Sequence[object]) -> Template:
    """A template node for ``{{`` *tokens* ``}}``: name, then positional and named
    parameters, as MediaWiki's preprocessor splits them."""
    parts = _split_call(tokens)
    params: list[Parameter] = []
    position = 0
    for part in parts[1:]:
        key: list[object] | None = None
        depth = 0
        for index, token in enumerate(part):
            if token is _OPEN_BRACES:
                depth += 1
            elif token is _CLOSE_BRACES:
                depth -= 1
            elif depth == 0 and type(token) is MwText and "=" in token.value:
                before, _, after = token.value.partition("=")
                key = [*part[:index], MwText(before)]
                part = [MwText(after), *part[index + 1:]]
                break
        if key is None:
            position += 1
            params.append(Parameter(str(position), Wikicode(_untoken(part)), showkey=False))
        else:
            name = str(Wikicode(_untoken(key))).strip()
            params.append(Parameter(name, Wikicode(_untoken(part))))
    return Template(Wikicode(_untoken(parts[0])), params)


class _Parser:
    """One parse of one page; implements the template ``Context``.

    Attributes:
        title: the page title (for ``{{PAGENAME}}``-style handlers).
    """

    def __init__(self, title: str, registry: TemplateRegistry) -> None:
        self.title = title
        self.registry = registry
        self.refs = RefBook()
        self.ref_stack: list[RefEntry] = []
        self.dry = 0
        self.depth = 0
        self.template_count = 0
        self.categories: dict[str, None] = {}
        self.links: dict[str, None] = {}
        self.external: list[ExternalLinkRef] = []
        self.media: list[Media] = []
        self.unknown_counts: dict[str, int] = {}
        self.navboxes: dict[str, None] = {}
        self.short_description = ""
        self.infobox: Infobox | None = None
        self.bibliography: list[Citation] = []
        self.notices: dict[str, None] = {}
        self.autonumber = 0
        self.anchors = AnchorRegistry()
        self._inline_cache: dict[int, tuple[object, tuple[Inline, ...]]] = {}
        self._block_cache: dict[int, tuple[object, tuple[Block, ...]]] = {}
        self._text_cache: dict[int, tuple[object, str]] = {}

    # ------------------------------------------------------------------ notices
    def notice(self, text: str) -> None:
        """Record one of RefView's own notices (each text once)."""
        self.notices.setdefault(text, None)

    # ------------------------------------------------------------------ Context API
    def _memo(self, value: Value | None, cache: dict[int, tuple[object, tuple[_T, ...]]],
              build: Callable[[Wikicode], tuple[_T, ...]]) -> tuple[_T, ...]:
        """``build(value)``, parsed from a string first, remembered per value object
        (so each template parameter is converted once), except in a dry run."""
        if value is None:
            return ()
        if isinstance(value, str):
            if not value:
                return ()
            value = mwparserfromhell.parse(value, skip_style_tags=True)
        key = id(value)
        if not self.dry:
            cached = cache.get(key)
            if cached is not None and cached[0] is value:
                return cached[1]
        result = build(value)
        if not self.dry:
            cache[key] = (value, result)
        return result

    def inlines(self, value: Value | None) -> tuple[Inline, ...]:
        """Parse ``value`` as inline wikitext (see ``Context.inlines``)."""
        return self._memo(value, self._inline_cache,
                          lambda code: tuple(self._inlines_nodes(code.nodes)))

    def blocks(self, value: Value | None) -> tuple[Block, ...]:
        """Parse ``value`` as block wikitext (see ``Context.blocks``)."""
        return self._memo(value, self._block_cache,
                          lambda code: tuple(self._blocks(code.nodes, line_start=False)))

    def text(self, value: Value | None) -> str:
        """Plain text of ``value`` with no side effects (refs, links... not recorded)."""
        if value is None:
            return ""
        if isinstance(value, str):
            if not any(c in value for c in "[]{}<>'&_~"):
                return " ".join(value.split())
            value = mwparserfromhell.parse(value, skip_style_tags=True)
        key = id(value)
        cached_inl = self._inline_cache.get(key)
        if cached_inl is not None and cached_inl[0] is value:
            return plain_text(cached_inl[1])
        cached = self._text_cache.get(key)
        if cached is not None and cached[0] is value:
            return cached[1]
        nodes = value.nodes
        if all(type(n) is MwText for n in nodes):
            raw = "".join(cast(MwText, n).value for n in nodes)
            if (
                "''" not in raw and "__" not in raw and "~~~" not in raw and "<" not in raw
                and "{{" not in raw
            ):
                result = " ".join(raw.split())
                self._text_cache[key] = (value, result)
                return result
        self.dry += 1
        try:
            result = plain_text(self._inlines_nodes(nodes))
        finally:
            self.dry -= 1
        self._text_cache[key] = (value, result)
        return result

    def add_ref(self, content: Value | None, *, name: str = "", group: str = "") -> RefMarker:
        """Register a reference use (see ``Context.add_ref``)."""
        name = name.strip()
        group = group.strip()
        if self.dry:
            return RefMarker(0, group, 0, "")
        if isinstance(content, str):
            content = mwparserfromhell.parse(content, skip_style_tags=True) if content else None
        if content is not None and _blank(content.nodes):
            content = None
        entry = self.refs.entry(group, name)
        anchor = self.refs.use(entry)
        # A group reference's index is fixed at the end, once every default-group
        # reference (listed first) is known.
        index = -1 if group else entry.number - 1
        marker = RefMarker(index, group, entry.number, anchor)
        if content is not None:
            self._define(entry, content)
        return marker

    def define_refs(self, value: Value, *, group: str = "") -> None:
        """Register list-defined references (see ``Context.define_refs``)."""
        if self.dry:
            return
        if isinstance(value, str):
            value = mwparserfromhell.parse(value, skip_style_tags=True)
        # Only <ref> tags define anything here; footnote templates inside ``refs=`` are
        # rewritten into <ref> tags by the reference-list handler before it calls us.
        for node in value.nodes:
            if isinstance(node, Tag) and _tag_name(node) == "ref":
                name = _attr(node, "name")
                ref_group = _attr(node, "group") or group
                if not name or node.self_closing or node.contents is None:
                    continue
                self._define(self.refs.entry(ref_group, name), node.contents)

    def _define(self, entry: RefEntry, content: Wikicode) -> None:
        if entry.content is not None or entry.defining:
            return
        if _blank(content.nodes):
            return
        entry.defining = True
        self.ref_stack.append(entry)
        try:
            inl = self.inlines(content)
        finally:
            self.ref_stack.pop()
        if not inl and entry.citation is None:
            inl = self._call_summary(content)
        entry.content = inl
        entry.text = plain_text(inl)

    def _call_summary(self, content: Wikicode) -> tuple[Inline, ...]:
        """What to list for a reference whose content shows nothing here (a template we
        cannot expand, such as a site-specific citation): the call's name and argument
        values, so that the numbered entry is not blank.  ``()`` when there is nothing."""
        calls = [n for n in content.nodes if not (type(n) is MwText and not n.value.strip())]
        if len(calls) == 1 and type(calls[0]) is Template:
            template = calls[0]
            name = _crude_text(str(template.name))
            values = [self.text(p.value) for p in template.params]
            shown = ", ".join(v for v in values if v)
            summary = f"{name}: {shown}" if shown and name else ""
        else:
            summary = _crude_text(str(content))
        return (Span("template-fallback", (Text(summary),)),) if summary else ()

    def set_infobox(self, infobox: Infobox) -> None:
        """Offer the article's infobox; the first one wins."""
        if not self.dry and self.infobox is None:
            self.infobox = infobox

    def add_media(self, media: Media) -> None:
        """Record a media item in ``Article.media``."""
        if not self.dry:
            self.media.append(media)

    def add_citation(self, citation: Citation) -> None:
        """Attach a citation to the reference being read, or to the bibliography."""
        if self.dry:
            return
        if self.ref_stack:
            top = self.ref_stack[-1]
            if top.citation is None:
                top.citation = citation
        else:
            self.bibliography.append(citation)

    def add_navbox(self, name: str) -> None:
        """Record a navigation box kept out of the body."""
        if not self.dry and name:
            self.navboxes.setdefault(name, None)

    def add_category(self, name: str) -> None:
        """Add a category (the ``Category:`` prefix is optional)."""
        if self.dry:
            return
        name = name.strip()
        if name.lower().startswith("category:"):
            name = name[9:]
        name = normalise_title(name)
        if name:
            self.categories.setdefault(name, None)

    def set_short_description(self, text: str) -> None:
        """Record the short description (the first non-empty one)."""
        if not self.dry and text.strip() and not self.short_description:
            self.short_description = text.strip()

    def unknown(self, call: TemplateCall) -> Nodes:
        """Record an unknown template and return its fallback rendering."""
        name = call.name
        if not self.dry:
            self.unknown_counts[name] = self.unknown_counts.get(name, 0) + 1
        if not name or _BOXLIKE.search(name):
            return ()
        params = call.params
        if len(params) == 1 and params[0][0] == "1":
            value = params[0][1]
            if len(str(value)) <= 120:
                inl = self.inlines(value)
                if inl and len(plain_text(inl)) <= 80:
                    return (Span("template-fallback", inl),)
        return ()

    # ------------------------------------------------------------------ braces
    def _rebrace(self, nodes: Sequence[MwNode]) -> list[MwNode]:
        """Read the template calls mwparserfromhell left as text.

        Its tokenizer gives up on a call whose name part holds ``<``, ``>`` or ``[[``
        (``{{#ifexpr: 2 > 1|a|b}}``, ``{{uc:a [[b]] c}}``) and leaves ``{{``/``}}`` in
        text nodes around the inner nodes.  Each outermost matched pair becomes a
        ``Template`` again: a parser function or known template goes to the registry as
        usual; any other (an invalid title for MediaWiki too) keeps its inner text,
        without the braces.  Unmatched braces stay text.
        """
        flat = _brace_tokens(nodes)
        pairs: dict[int, int] = {}
        stack: list[int] = []
        for index, token in enumerate(flat):
            if token is _OPEN_BRACES:
                stack.append(index)
            elif token is _CLOSE_BRACES and stack:
                pairs[stack.pop()] = index
        if not pairs:
            return list(nodes)
        out: list[object] = []
        index = 0
        while index < len(flat):
            close = pairs.get(index)
            if close is None:
                out.append(flat[index])
                index += 1
                continue
            inner = flat[index + 1:close]
            index = close + 1
            template = _call_from_tokens(inner)
            try:
                call = TemplateCall.from_template(template)
            except Exception:  # a malformed call is data, not an error
                call = None
            if call is not None and (
                call.head is not None or self.registry.lookup(call.name) is not None
            ):
                out.append(template)
                continue
            parts = _split_call(inner)
            out.extend(parts[0])
            for part in parts[1:]:
                out.append(MwText(" "))
                out.extend(part)
        return _untoken(out)

    # ------------------------------------------------------------------ lines
    def _lines(self, nodes: Sequence[MwNode]) -> list[list[_Item]]:
        """Cut a node list into lines (text split at newlines, headings alone)."""
        lines: list[list[_Item]] = [[]]
        for node in nodes:
            kind = type(node)
            if isinstance(node, MwText):
                value: str = node.value
                if "__" in value or "~~~" in value:
                    value = _MAGIC_WORDS.sub("", value)
                if "\n" in value:
                    parts = value.split("\n")
                    if parts[0]:
                        lines[-1].append(parts[0])
                    for part in parts[1:]:
                        lines.append([part] if part else [])
                elif value:
                    lines[-1].append(value)
            elif kind is Heading:
                if lines[-1]:
                    lines.append([])
                lines[-1].append(node)
                lines.append([])
            elif kind is Comment:
                lines[-1].append(node)
            else:
                lines[-1].append(node)
        return lines

    # ------------------------------------------------------------------ blocks
    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.depth -= 1
            raise _DepthExceeded

    def _blocks(
        self, nodes: Sequence[MwNode], *, line_start: bool = True, no_pre: bool = False
    ) -> list[Block]:
        """Convert a node list in a block context into blocks."""
        try:
            self._enter()
        except _DepthExceeded:
            self.notice("Some deeply nested content is shown as plain text.")
            text = _crude_text(_source(nodes))
            return [Paragraph((Text(text),))] if text else []
        try:
            return self._blocks_inner(nodes, line_start=line_start, no_pre=no_pre)
        finally:
            self.depth -= 1

    def _blocks_inner(
        self, nodes: Sequence[MwNode], *, line_start: bool, no_pre: bool
    ) -> list[Block]:
        builder = _BlockBuilder()
        if _has_stray_braces(nodes):
            nodes = self._rebrace(nodes)
        lines = self._lines(nodes)
        broken_table = False
        for number, line in enumerate(lines):
            if not line:
                builder.blank()
                continue
            first = line[0]
            # Blank / comment-only lines.
            if all((isinstance(i, str) and not i.strip()) or type(i) is Comment for i in line):
                if any(type(i) is Comment for i in line):
                    continue  # a line holding only comments vanishes
                if builder.pre and isinstance(first, str) and first.startswith(" "):
                    builder.pre.append(Text("\n"))
                    continue
                builder.blank()
                continue
            if type(first) is Heading:
                builder.flush_all()
                builder.out.append(self._nested_heading(first))
                continue
            # List prefix.
            prefix = ""
            i = 0
            while i < len(line):
                item = line[i]
                if type(item) is Tag and item.wiki_markup in ("*", "#", ";", ":"):
                    prefix += item.wiki_markup
                    i += 1
                else:
                    break
            if prefix:
                rest = line[i:]
                if prefix.endswith(";"):
                    split_at = -1
                    for j, item in enumerate(rest):
                        if type(item) is Tag and item.wiki_markup == ":":
                            split_at = j
                            break
                    if split_at >= 0:
                        builder.list_line(
                            prefix, _no_media(self._line_content(rest[:split_at]))
                        )
                        builder.list_line(
                            prefix[:-1] + ":", _no_media(self._line_content(rest[split_at + 1:]))
                        )
                        continue
                builder.list_line(prefix, _no_media(self._line_content(rest)))
                continue
            if (
                isinstance(first, str)
                and first.startswith(" ")
                and (line_start or number > 0)
                and not no_pre
                and not any(
                    type(i) is Tag and _tag_name(i) in _BLOCK_HTML for i in line
                )
            ):
                pre_content = _no_media(self._line_content([first[1:], *line[1:]]))
                if pre_content:
                    builder.pre_line(pre_content)
                    continue
                builder.blank()
                continue
            if isinstance(first, str) and first.lstrip()[:1] in ("{", "|", "!"):
                line = self._broken_table_line(line, first, broken_table)
                broken_table = (bool(line) and line[0] is _TABLE_OPEN) or (
                    broken_table and not (line and line[0] is _TABLE_CLOSE)
                )
                line = [i for i in line if i is not _TABLE_OPEN and i is not _TABLE_CLOSE]
                if not line:
                    continue
            content = self._line_content(line)
            if not content or all(isinstance(c, Text) and not c.text.strip() for c in content):
                builder.blank()
                continue
            if len(content) <= 3:
                media = [c for c in content if isinstance(c, _InlineMedia)]
                if media and all(
                    c is media[0] or (isinstance(c, Text) and not c.text.strip())
                    for c in content
                ):
                    builder.block(Figure(media[0].media))
                    continue
            builder.text_line(_no_media(content))
        return builder.finish()

    def _broken_table_line(
        self, line: list[_Item], first: str, inside: bool
    ) -> list[_Item]:
        """Table markup mwparserfromhell left as text (an unclosed or malformed table):
        drop the markup, keep the cell contents as text.  The result starts with
        ``_TABLE_OPEN`` / ``_TABLE_CLOSE`` when the line opens / closes such a table."""
        stripped = first.lstrip()
        if stripped.startswith("{|"):
            return [_TABLE_OPEN]
        if stripped.startswith("|}"):
            rest = stripped[2:]
            return [_TABLE_CLOSE, *([rest] if rest.strip() else []), *line[1:]]
        if not inside:
            return line
        if stripped.startswith("|-"):
            return []
        marker = 2 if stripped.startswith(("|+", "!!", "||")) else 1
        cells = stripped[marker:].replace("||", " ").replace("!!", " ")
        return [cells, *line[1:]] if cells.strip() or len(line) > 1 else []

    def _nested_heading(self, node: Heading) -> Block:
        """A heading inside a nested block context: a bold paragraph."""
        inl = self._inlines_nodes(node.title.nodes)
        return Paragraph((Style("b", tuple(inl)),)) if inl else Paragraph(())

    def _line_content(self, items: Sequence[_Item]) -> list[_Content]:
        """Convert one line's items: blocks kept, inline runs through ``apply_quotes``.

        Inline-media pieces are returned wrapped (:class:`_InlineMedia`) so that
        the caller can turn a lone image into a figure.
        """
        pieces = self._pieces(items)
        out: list[_Content] = []
        segment: list[Piece] = []
        for piece in pieces:
            if isinstance(piece, _SEGMENT_TYPES):
                segment.append(piece)
            else:
                if segment:
                    out.extend(apply_quotes(segment))
                    segment = []
                out.append(piece)
        if segment:
            out.extend(apply_quotes(segment))
        return out

    # ------------------------------------------------------------------ inlines
    def _inlines_nodes(self, nodes: Sequence[MwNode]) -> list[Inline]:
        """Convert a node list in an inline context (block structure flattened)."""
        try:
            self._enter()
        except _DepthExceeded:
            self.notice("Some deeply nested content is shown as plain text.")
            text = _crude_text(_source(nodes))
            return [Text(text)] if text else []
        try:
            return self._inlines_inner(nodes)
        finally:
            self.depth -= 1

    def _inlines_inner(self, nodes: Sequence[MwNode]) -> list[Inline]:
        if _has_stray_braces(nodes):
            nodes = self._rebrace(nodes)
        # Fast path: a single line (ignoring trailing blank text) without list markup.
        simple = True
        last = len(nodes) - 1
        for index, node in enumerate(nodes):
            kind = type(node)
            if isinstance(node, MwText):
                value = node.value
                if "\n" in value:
                    # Only newlines at the very start or end of the value keep it one line.
                    if index == 0:
                        value = value.lstrip()
                    if index == last:
                        value = value.rstrip()
                    if "\n" in value:
                        simple = False
                        break
            elif isinstance(node, Tag):
                if node.wiki_markup is not None or _tag_name(node) in _BLOCK_HTML:
                    simple = False
                    break
            elif kind is Heading:
                simple = False
                break
        if simple:
            items: list[_Item] = []
            for node in nodes:
                if type(node) is MwText:
                    value = node.value
                    if "__" in value or "~~~" in value:
                        value = _MAGIC_WORDS.sub("", value)
                    if "\n" in value:
                        value = value.replace("\n", " ")
                    if value:
                        items.append(value)
                else:
                    items.append(node)
            return _strip_inlines(self._inline_mix(self._line_content(items)))
        blocks = self._blocks_inner(nodes, line_start=False, no_pre=True)
        return _strip_inlines(_flatten_blocks(blocks))

    def _inline_mix(self, content: list[_Content]) -> list[Inline]:
        """Inline nodes of a line's content, blocks flattened into it."""
        out: list[Inline] = []
        run: list[Block] = []
        for c in _no_media(content):
            if isinstance(c, _INLINE_TYPES):
                if run:
                    out.extend(_flatten_blocks(run))
                    out.append(LineBreak())
                    run = []
                out.append(c)
            else:
                run.append(c)
        if run:
            if out:
                out.append(LineBreak())
            out.extend(_flatten_blocks(run))
        return out

    # ------------------------------------------------------------------ pieces
    def _pieces(self, items: Sequence[_Item]) -> list[_Piece]:
        """Convert one line's items into pieces (raw text, inline and block nodes)."""
        out: list[_Piece] = []
        trail_ok = False
        for item in items:
            if isinstance(item, str):
                if trail_ok and out:
                    match = _LINKTRAIL.match(item)
                    if match:
                        last = out[-1]
                        if last is WRAP_END:  # a link whose text quotes run across
                            out.insert(len(out) - 1, match.group())
                            item = item[match.end():]
                        elif type(last) is Link:
                            link = last
                            children = list(link.children)
                            if children and isinstance(children[-1], Text):
                                children[-1] = Text(children[-1].text + match.group())
                            else:
                                children.append(Text(match.group()))
                            out[-1] = Link(
                                link.target, link.fragment, tuple(children), link.namespace
                            )
                            item = item[match.end():]
                if "<" in item and ">" in item:
                    item = _STRAY_TAG.sub("", item)
                if item:
                    out.append(item)
                trail_ok = False
                continue
            kind = type(item)
            trail_ok = False
            if kind is Wikilink:
                before = len(out)
                self._wikilink(cast(Wikilink, item), out)
                trail_ok = (len(out) == before + 1 and type(out[-1]) is Link) or (
                    len(out) > before and out[-1] is WRAP_END
                )
            elif kind is Template:
                out.extend(self._template(cast(Template, item)))
            elif kind is Tag:
                out.extend(self._tag(cast(Tag, item)))
            elif kind is MwExternalLink:
                self._external_link(cast(MwExternalLink, item), out)
            elif kind is HTMLEntity:
                try:
                    out.append(Text(cast(HTMLEntity, item).normalize()))
                except (ValueError, OverflowError):
                    out.append(Text(str(item)))
            elif kind is Comment:
                continue
            elif kind is Argument:
                default = cast(Argument, item).default
                if default is not None:
                    out.extend(self._inlines_nodes(default.nodes))
            elif kind is Heading:
                out.append(self._nested_heading(cast(Heading, item)))
            elif kind is MwText:
                out.append(cast(MwText, item).value)
        return out

    # ------------------------------------------------------------------ links
    def _target_text(self, code: Wikicode) -> str:
        nodes = code.nodes
        if all(type(n) is MwText for n in nodes):
            return "".join(cast(MwText, n).value for n in nodes)
        parts: list[str] = []
        for n in nodes:
            if type(n) is MwText:
                parts.append(n.value)
            elif type(n) is Comment:
                continue
            elif type(n) is HTMLEntity:
                parts.append(str(n))
            else:
                parts.append(self.text(Wikicode([n])))
        return "".join(parts)

    def _wikilink(self, node: Wikilink, out: list[_Piece]) -> None:
        raw = self._target_text(node.title)
        if _BAD_TITLE_CHAR.search(raw) or not raw.strip():
            # Not a valid title: MediaWiki shows the markup as text.
            if node.text is not None:
                out.extend(self._inlines_nodes(node.text.nodes))
            elif raw.strip():
                out.append(Text(raw))
            return
        target = classify_target(raw)
        kind = target.kind
        if kind == "category":
            if not self.dry:
                self.add_category(target.title)
            return
        if kind == "language":
            return
        if kind == "file":
            self._file_link(node, target.title, out)
            return
        text_code = node.text
        if kind == "page" and text_code is not None and _open_quotes(text_code.nodes):
            self._wrapped_link(target, text_code, out)
            return
        if text_code is not None and not text_code.nodes:
            # The pipe trick: [[Foo (bar)|]] shows "Foo".
            shown = target.title.split(":", 1)[-1] if target.namespace else target.title
            children: tuple[Inline, ...] = (Text(_PIPE_TRICK.sub("", shown) or shown),)
        elif text_code is not None:
            children = _unlink(self._inlines_nodes(text_code.nodes))
            if not children:
                children = (Text(target.title or f"#{target.fragment}"),)
        else:
            shown = raw.strip()
            if shown.startswith(":"):
                shown = shown[1:].lstrip()
            children = (Text(html.unescape(shown) if "&" in shown else shown),)
        if kind == "media":
            if not self.dry:
                self.media.append(Media(target.title))
            out.append(Span("media-link", children, title=target.title))
            return
        if kind == "interwiki":
            url = safe_url(target.url)
            if url is None:
                out.extend(children)
                return
            if not self.dry:
                self.external.append(ExternalLinkRef(url, plain_text(children)))
            out.append(ExternalLink(url, children))
            return
        if target.title and not self.dry:
            self.links.setdefault(target.title, None)
        children, markers = _hoist_markers(children)
        if not children:
            children = (Text(target.title or f"#{target.fragment}"),)
        out.append(Link(target.title, target.fragment, children, target.namespace))
        out.extend(markers)

    def _wrapped_link(self, target: LinkTarget, text: Wikicode, out: list[_Piece]) -> None:
        """A link whose text opens or closes bold/italic that runs past it: its text stays
        part of the line's quote resolution (see :class:`~viewer.article.quotes.Wrap`)."""
        if target.title and not self.dry:
            self.links.setdefault(target.title, None)

        def build(children: list[Inline]) -> list[Inline]:
            kept, markers = _hoist_markers(_unlink(children))
            shown = kept or (Text(target.title or f"#{target.fragment}"),)
            return [Link(target.title, target.fragment, shown, target.namespace), *markers]

        items: list[_Item] = [
            n.value.replace("\n", " ") if type(n) is MwText else n for n in text.nodes
        ]
        out.append(Wrap(build))
        out.extend(self._pieces(items))
        out.append(WRAP_END)

    def _file_link(self, node: Wikilink, filename: str, out: list[_Piece]) -> None:
        parts = _split_pipes(node.text.nodes) if node.text is not None else []
        media = self._media_from_parts(filename, parts)
        if not self.dry:
            self.media.append(media[0])
        if media[1]:
            out.append(Figure(media[0]))
        else:
            out.append(_InlineMedia(media[0]))

    def _media_from_parts(
        self, filename: str, parts: list[list[_Item]], *, default_kind: str = "inline"
    ) -> tuple[Media, bool]:
        """Build a ``Media`` from the ``|`` parts of a file link; also say whether it is
        a block-level figure (framed or floated)."""
        sources = [_item_source(p) for p in parts]
        options = read_options(sources)
        caption: tuple[Inline, ...] = ()
        if options.caption_index >= 0:
            caption = tuple(self._items_inlines(parts[options.caption_index]))
        alt = ""
        if options.alt_index >= 0:
            alt = self.text(sources[options.alt_index].partition("=")[2])
        kind = options.kind if options.kind != "inline" else default_kind
        media = Media(
            filename,
            caption,
            alt,
            cast(Literal["thumb", "frame", "frameless", "border", "inline"], kind),
        )
        block = options.kind in ("thumb", "frame") or options.align != ""
        return media, block

    def _items_inlines(self, items: Sequence[_Item]) -> list[Inline]:
        """Inline nodes of a list of items (raw strings and nodes) on one line."""
        nodes: list[MwNode] = [MwText(i) if isinstance(i, str) else i for i in items]
        return self._inlines_nodes(nodes)

    def _external_link(self, node: MwExternalLink, out: list[_Piece]) -> None:
        url_code = node.url
        raw_url = self._target_text(url_code).strip()
        url = safe_url(raw_url)
        title = node.title
        if url is None:
            if node.brackets:
                out.append(Text("["))
                out.append(Text(html.unescape(raw_url)))
                if title is not None:
                    out.append(Text(" "))
                    out.extend(self._inlines_nodes(title.nodes))
                out.append(Text("]"))
            else:
                out.append(Text(html.unescape(raw_url)))
            return
        if node.brackets and (title is None or not str(title).strip()):
            if self.dry:
                out.append(ExternalLink(url, (), 0))
                return
            self.autonumber += 1
            self.external.append(ExternalLinkRef(url, ""))
            out.append(ExternalLink(url, (), self.autonumber))
            return
        if node.brackets and title is not None:
            children = _unlink(self._inlines_nodes(title.nodes))
        else:
            children = (Text(raw_url),)
        if not self.dry:
            self.external.append(ExternalLinkRef(url, plain_text(children)))
        children, markers = _hoist_markers(children)
        out.append(ExternalLink(url, children or (Text(raw_url),)))
        out.extend(markers)

    # ------------------------------------------------------------------ templates
    def _template(self, node: Template) -> list[_Piece]:
        self.template_count += 1
        if self.template_count > MAX_TEMPLATES:
            self.notice("This page uses too many templates; some are not shown.")
            return []
        try:
            call = TemplateCall.from_template(node)
        except Exception:  # a malformed call is data, not an error
            return []
        if not call.name:
            return []
        handler = self.registry.lookup(call.name)
        if handler is None:
            if ":" in call.raw_name and _LOCAL_SORTKEY.match(call.raw_name):
                return []  # a localised {{DEFAULTSORT:...}}: shows nothing
            return list(self.unknown(call))
        try:
            self._enter()
        except _DepthExceeded:
            self.notice("Some deeply nested content is shown as plain text.")
            return []
        try:
            result = handler(call, self)
        except RecursionError:
            self.notice("Some deeply nested content is shown as plain text.")
            return []
        except Exception as exc:
            self.notice(f"Template {call.name!r} could not be shown ({type(exc).__name__}).")
            return list(self.unknown(call))
        finally:
            self.depth -= 1
        return [n for n in result if isinstance(n, _NODE_TYPES)]

    # ------------------------------------------------------------------ tags
    def _tag(self, node: Tag) -> list[_Piece]:
        name = _tag_name(node)
        markup = node.wiki_markup
        if markup is not None:
            if name == "table":
                return self._table(node)
            if name == "hr":
                return [HorizontalRule()]
            if name == "i":
                return [Style("i", tuple(self._contents_inlines(node)))]
            if name == "b":
                return [Style("b", tuple(self._contents_inlines(node)))]
            if name in ("li", "dt", "dd"):  # a list marker not at a line start
                return []
        if name == "ref":
            return self._ref_tag(node)
        style = _STYLE_TAGS.get(name)
        if style is not None:
            children = tuple(self._contents_inlines(node))
            if not children:
                return []
            title = _attr(node, "title") if style in ("abbr", "dfn") else ""
            return [Style(style, children, title)]
        if name == "br":
            return [LineBreak()]
        if name in _SPAN_TAGS:
            children = tuple(self._contents_inlines(node))
            if not children:
                return []
            css = safe_css_class(_attr(node, "class"))
            span_title = _attr(node, "title")
            lang = _attr(node, "lang")
            if not css and not span_title and not lang:
                return list(children)
            return [Span(css, children, span_title, lang)]
        handler = _TAG_HANDLERS.get(name)
        if handler is not None:
            return handler(self, node)
        if name in _DROP_TAGS:
            if name in _SILENT_CONTENT:
                return [Text(self._open_tag_text(node, name)), Text(f"</{name}>")]
            return []
        if name in _TRANSPARENT_TAGS:
            if node.contents is None:
                return []
            if "\n" in str(node.contents):
                return [Division(tuple(self._blocks(node.contents.nodes, line_start=False)))]
            return list(self._pieces(self._lines(node.contents.nodes)[0]))
        # A tag MediaWiki does not allow: shown as literal text, never active.
        out: list[_Piece] = [Text(self._open_tag_text(node, name))]
        if node.contents is not None and not node.self_closing:
            out.extend(self._contents_inlines(node))
            out.append(Text(f"</{name}>"))
        return out

    def _open_tag_text(self, node: Tag, name: str) -> str:
        attrs = "".join(str(a) for a in node.attributes)
        return f"<{name}{attrs}{'/' if node.self_closing else ''}>"

    def _contents_inlines(self, node: Tag) -> list[Inline]:
        if node.self_closing or node.contents is None:
            return []
        return self._inlines_nodes(node.contents.nodes)

    def _contents_blocks(self, node: Tag, *, no_pre: bool = False) -> list[Block]:
        if node.self_closing or node.contents is None:
            return []
        return self._blocks(node.contents.nodes, line_start=False, no_pre=no_pre)

    def _ref_tag(self, node: Tag) -> list[_Piece]:
        name = _attr(node, "name")
        group = _attr(node, "group")
        content: Wikicode | None = None
        if not node.self_closing and node.contents is not None:
            content = node.contents
            if _blank(content.nodes):
                content = None
        if content is None and not name:
            return []
        follow = _attr(node, "follow")
        if follow and content is not None and not name:
            self._follow(group, follow, content)
            return []
        return [self.add_ref(content, name=name, group=group)]

    def _follow(self, group: str, name: str, content: Wikicode) -> None:
        """``<ref follow=x>more</ref>``: more text for reference ``x``, no marker."""
        if self.dry:
            return
        entry = self.refs.entry(group, name)
        self.ref_stack.append(entry)
        try:
            extra = self.inlines(content)
        finally:
            self.ref_stack.pop()
        if entry.content is None:
            return  # MediaWiki reports an error; the text has nothing to join
        entry.content = tuple(merge_text([*entry.content, Text(" "), *extra]))
        entry.text = plain_text(entry.content)

    def _tag_references(self, node: Tag) -> list[_Piece]:
        group = _attr(node, "group")
        if not node.self_closing and node.contents is not None:
            self.define_refs(node.contents, group=group)
        return [ReferenceList(group)]

    def _tag_nowiki(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        return [Text(html.unescape(str(node.contents)))]

    def _tag_pre(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        raw = str(node.contents)
        raw = re.sub(r"</?nowiki\s*/?>", "", raw)
        raw = raw[1:] if raw.startswith("\n") else raw
        text = html.unescape(raw).rstrip()
        return [Preformatted((Text(text),))] if text else []

    def _tag_source(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        raw = str(node.contents)
        if node.has("inline"):
            return [Style("code", (Text(raw.strip()),))]
        text = raw.strip("\n").rstrip()
        return [Preformatted((Text(text),))] if text else []

    def _tag_math(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        tex = html.unescape(str(node.contents)).strip()
        if _tag_name(node) in ("chem", "ce"):
            tex = "\\ce{" + tex + "}"
        display = _attr(node, "display").lower() == "block"
        return [Math(tex, display)] if tex else []

    def _tag_div(self, node: Tag) -> list[_Piece]:
        blocks = self._contents_blocks(node)
        css = "center" if _tag_name(node) == "center" else safe_css_class(_attr(node, "class"))
        if not blocks:
            return []
        return [Division(tuple(blocks), css)]

    def _tag_blockquote(self, node: Tag) -> list[_Piece]:
        blocks = self._contents_blocks(node, no_pre=True)
        return [Blockquote(tuple(blocks))] if blocks else []

    def _tag_p(self, node: Tag) -> list[_Piece]:
        children = self._contents_inlines(node)
        return [Paragraph(tuple(children))] if children else []

    def _tag_hr(self, node: Tag) -> list[_Piece]:
        return [HorizontalRule()]

    def _tag_heading(self, node: Tag) -> list[_Piece]:
        children = self._contents_inlines(node)
        return [Paragraph((Style("b", tuple(children)),))] if children else []

    def _tag_block_contents(self, node: Tag) -> list[_Piece]:
        """A list item or cell tag out of its container: just its content."""
        return list(self._contents_blocks(node))

    def _tag_list(self, node: Tag) -> list[_Piece]:
        """An HTML ``<ul>``/``<ol>``/``<dl>``; items may be left unclosed (``<li>One
        <li>Two``), which mwparserfromhell keeps as text: those are split here."""
        name = _tag_name(node)
        kind: Literal["ul", "ol", "dl"] = "ol" if name == "ol" else "dl" if name == "dl" else "ul"
        if node.contents is None or node.self_closing:
            return []
        groups: list[tuple[str, list[MwNode]]] = []
        for child in node.contents.nodes:
            if isinstance(child, Tag) and _tag_name(child) in ("li", "dt", "dd"):
                nodes = list(child.contents.nodes) if child.contents is not None else []
                groups.append((_tag_name(child), nodes))
                groups.append(("", []))  # what follows a closed item belongs to none
            elif isinstance(child, MwText) and "<" in child.value and _OPEN_ITEM.search(
                child.value
            ):
                pieces = _OPEN_ITEM.split(child.value)
                if groups and pieces[0]:
                    groups[-1][1].append(MwText(pieces[0]))
                for k in range(1, len(pieces), 2):
                    groups.append((pieces[k].lower(), [MwText(pieces[k + 1])]))
            elif groups:
                groups[-1][1].append(child)
        items: list[ListItem] = []
        for item_name, nodes in groups:
            if not item_name:
                continue
            blocks = self._blocks(nodes, line_start=False)
            children: tuple[Inline, ...] = ()
            if blocks and isinstance(blocks[0], Paragraph):
                children = blocks[0].children
                blocks = blocks[1:]
            item_kind = cast(Literal["li", "dt", "dd"], item_name)
            items.append(ListItem(item_kind, children, tuple(blocks)))
        return [ListBlock(kind, tuple(items))] if items else []

    def _tag_poem(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        lines = self._lines(node.contents.nodes)
        while lines and all(_is_ws(i) for i in lines[0]):
            lines.pop(0)
        while lines and all(_is_ws(i) for i in lines[-1]):
            lines.pop()
        children: list[Inline] = []
        for line in lines:
            if children:
                children.append(LineBreak())
            # The Poem extension keeps a line's leading spaces (as no-break spaces) and
            # indents a line that starts with ":" (here: four no-break spaces a colon).
            indent = 0
            while indent < len(line):
                item = line[indent]
                if type(item) is not Tag or item.wiki_markup != ":":
                    break
                indent += 1
            lead = "\u00a0" * (4 * indent)
            line = line[indent:]
            if line and isinstance(line[0], str) and line[0].startswith(" "):
                first = line[0]
                stripped = first.lstrip(" ")
                lead += "\u00a0" * (len(first) - len(stripped))
                line = [stripped, *line[1:]] if stripped else line[1:]
            if lead:
                children.append(Text(lead))
            children.extend(self._inline_mix(self._line_content(line)))
        merged = merge_text(children)
        return [Division((Paragraph(tuple(merged)),), "poem")] if merged else []

    def _tag_gallery(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        items: list[Media] = []
        for line in str(node.contents).split("\n"):
            line = line.strip()
            if not line:
                continue
            name, _, rest = line.partition("|")
            ns, colon, file_part = name.partition(":")
            if colon and namespace_of(ns) == "File":
                name = file_part
            filename = normalise_title(name)
            if not filename or any(c in filename for c in "<>[]{}"):
                continue
            parts: list[list[_Item]] = []
            if rest:
                parts = _split_pipes(mwparserfromhell.parse(rest, skip_style_tags=True).nodes)
            media, _ = self._media_from_parts(filename, parts, default_kind="thumb")
            items.append(media)
            if not self.dry:
                self.media.append(media)
        return [Gallery(tuple(items))] if items else []

    def _tag_imagemap(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        for line in str(node.contents).split("\n"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            code = mwparserfromhell.parse(f"[[{line}]]", skip_style_tags=True)
            out: list[_Piece] = []
            if code.nodes and type(code.nodes[0]) is Wikilink:
                self._wikilink(code.nodes[0], out)
            return [
                Figure(p.media) if isinstance(p, _InlineMedia) else p for p in out
            ]
        return []

    def _tag_hiero(self, node: Tag) -> list[_Piece]:
        if node.self_closing or node.contents is None:
            return []
        return [Span("hiero", (Text(str(node.contents).strip()),))]

    # ------------------------------------------------------------------ tables
    def _table(self, node: Tag) -> list[_Piece]:
        """A table, preceded by whatever stood inside it but outside any cell (MediaWiki
        "fosters" such content out, in front of the table)."""
        rows: list[TableRow] = []
        caption: tuple[Inline, ...] = ()
        loose: list[TableCell] = []
        fostered: list[MwNode] = []
        css = safe_css_class(_attr(node, "class"))

        def flush_loose() -> None:
            nonlocal loose
            if loose:
                rows.append(TableRow(tuple(loose)))
                loose = []

        def walk(nodes: Sequence[MwNode]) -> None:
            nonlocal caption
            for child in nodes:
                if not isinstance(child, Tag):
                    if not _blank([child]):
                        fostered.append(child)
                    continue
                name = _tag_name(child)
                if name == "tr":
                    flush_loose()
                    cells = self._row_cells(child, fostered)
                    if cells:
                        rows.append(TableRow(tuple(cells)))
                elif name in ("td", "th"):
                    found = self._wiki_caption(child) if not rows and not loose else None
                    if found is not None:
                        caption = found
                    else:
                        loose.append(self._cell(child))
                elif name == "caption":
                    caption = tuple(self._contents_inlines(child))
                elif name in ("tbody", "thead", "tfoot"):
                    if child.contents is not None:
                        walk(child.contents.nodes)
                else:
                    fostered.append(child)

        try:
            self._enter()
        except _DepthExceeded:
            self.notice("Some deeply nested content is shown as plain text.")
            text = _crude_text(str(node))
            return [Paragraph((Text(text),))] if text else []
        try:
            if node.contents is not None:
                walk(node.contents.nodes)
            flush_loose()
            out: list[_Piece] = []
            if fostered:
                out.extend(self._blocks(fostered))
            if rows or caption:
                out.append(Table(tuple(rows), caption, css))
        finally:
            self.depth -= 1
        return out

    def _wiki_caption(self, cell: Tag) -> tuple[Inline, ...] | None:
        """The caption of a ``|+ Caption`` line, which mwparserfromhell reads as a cell
        whose content starts with ``+``; ``None`` for an ordinary cell."""
        if cell.wiki_markup != "|" or cell.contents is None:
            return None
        nodes = list(cell.contents.nodes)
        if not nodes or not isinstance(nodes[0], MwText) or not nodes[0].value.startswith("+"):
            return None
        first = nodes[0].value[1:]
        # "|+ style=... | Caption": drop the attributes before the first top-level pipe.
        if "|" in first and "=" in first.partition("|")[0]:
            first = first.partition("|")[2]
        return tuple(self._inlines_nodes([MwText(first), *nodes[1:]]))

    def _row_cells(self, row: Tag, fostered: list[MwNode]) -> list[TableCell]:
        cells: list[TableCell] = []
        if row.contents is None:
            return cells
        for child in row.contents.nodes:
            if isinstance(child, Tag) and _tag_name(child) in ("td", "th"):
                cells.append(self._cell(child))
            elif not _blank([child]):
                fostered.append(child)
        return cells

    def _cell(self, cell: Tag) -> TableCell:
        header = _tag_name(cell) == "th"
        blocks = self._contents_blocks(cell)
        rowspan = _span_value(_attr(cell, "rowspan"))
        colspan = _span_value(_attr(cell, "colspan"))
        align = _attr(cell, "align").lower()
        if not align:
            style = _attr(cell, "style").lower()
            found = re.search(r"text-align\s*:\s*(left|center|right)", style)
            align = found.group(1) if found else ""
        if align not in ("left", "center", "right"):
            align = ""
        return TableCell(
            header,
            tuple(blocks),
            rowspan,
            colspan,
            cast(Literal["", "left", "center", "right"], align),
        )

    # ------------------------------------------------------------------ the page
    def run(self, wikitext: str) -> Article:
        """Parse a whole page."""
        redirect = ""
        match = _REDIRECT.match(wikitext)
        if match:
            target = classify_target(match.group(1))
            redirect = target.title if target.kind == "page" else match.group(1).strip()
            if target.kind == "category":
                redirect = f"Category:{target.title}"
            elif target.kind == "file":
                redirect = f"File:{target.title}"
            wikitext = wikitext[match.end():]
            close = wikitext.find("]]")
            wikitext = wikitext[close + 2:] if close >= 0 else ""
        if len(wikitext) > MAX_CHARS:
            wikitext = wikitext[:MAX_CHARS]
            self.notice("This page is very long; only its beginning is shown.")
        if "{|" in wikitext:
            wikitext = _drop_at_line_starts(_INDENTED_TABLE, wikitext)
        if "<!--" in wikitext:
            wikitext = _drop_at_line_starts(_COMMENT_BEFORE_HEADING, wikitext)
        wikitext, defused = defuse(wikitext)
        if defused:
            self.notice(
                "Some malformed markup on this page (unclosed or nested too deeply) "
                "is shown as plain text."
            )
        code = mwparserfromhell.parse(wikitext, skip_style_tags=True)

        chunks: list[tuple[Heading | None, list[MwNode]]] = [(None, [])]
        for node in _unwrap_sectioned(code.nodes):
            if type(node) is Heading:
                chunks.append((node, []))
            else:
                chunks[-1][1].append(node)

        lead = self._blocks(chunks[0][1])
        flat: list[tuple[int, str, str, tuple[Inline, ...], list[Block]]] = []
        for heading, nodes in chunks[1:]:
            assert heading is not None
            level = min(max(heading.level, 2), 6)
            heading_inl = tuple(self._inlines_nodes(heading.title.nodes))
            title = plain_text(heading_inl)
            anchor = self.anchors.claim(title)
            blocks = self._blocks(nodes)
            flat.append((level, title, anchor, heading_inl, blocks))

        hatnotes: list[Hatnote] = []
        while lead and isinstance(lead[0], Hatnote):
            hatnotes.append(cast(Hatnote, lead.pop(0)))

        sections = _nest_sections(flat)
        references = self.refs.finish()
        article = Article(
            title=self.title,
            lead=tuple(lead),
            sections=sections,
            infobox=self.infobox,
            references=references,
            categories=tuple(self.categories),
            links=tuple(self.links),
            external_links=tuple(self.external),
            media=tuple(self.media),
            hatnotes=tuple(hatnotes),
            unknown_templates=tuple(
                TemplateUse(name, count) for name, count in self.unknown_counts.items()
            ),
            navboxes=tuple(self.navboxes),
            short_description=self.short_description,
            redirect=redirect,
            notices=tuple(self.notices),
            bibliography=tuple(self.bibliography),
        )
        if self.refs.has_groups():
            anchors: dict[str, int] = {}
            for i, ref in enumerate(references):
                for use in ref.uses:
                    anchors[use] = i
            article = cast(Article, _remap_markers(article, anchors))
        return article


_INLINE_TYPES = (Text, Style, Span, Link, ExternalLink, RefMarker, Math, LineBreak)
# Built once: a starred tuple in an ``isinstance`` call is rebuilt on every call.
_SEGMENT_TYPES = (str, Wrap, WrapEnd, *_INLINE_TYPES)
_NODE_TYPES = (*_BLOCK_TYPES, *_INLINE_TYPES)
_BLOCK_HTML = frozenset(
    {
        "table", "div", "center", "blockquote", "pre", "p", "ul", "ol", "dl", "hr", "gallery",
        "references", "poem", "h1", "h2", "h3", "h4", "h5", "h6", "syntaxhighlight",
        "source", "imagemap", "noinclude", "onlyinclude",
    }
)

_TAG_HANDLERS: dict[str, Callable[[_Parser, Tag], list[_Piece]]] = {
    "references": _Parser._tag_references,
    "nowiki": _Parser._tag_nowiki,
    "pre": _Parser._tag_pre,
    "source": _Parser._tag_source,
    "syntaxhighlight": _Parser._tag_source,
    "math": _Parser._tag_math,
    "chem": _Parser._tag_math,
    "ce": _Parser._tag_math,
    "div": _Parser._tag_div,
    "center": _Parser._tag_div,
    "blockquote": _Parser._tag_blockquote,
    "p": _Parser._tag_p,
    "hr": _Parser._tag_hr,
    "h1": _Parser._tag_heading,
    "h2": _Parser._tag_heading,
    "h3": _Parser._tag_heading,
    "h4": _Parser._tag_heading,
    "h5": _Parser._tag_heading,
    "h6": _Parser._tag_heading,
    "ul": _Parser._tag_list,
    "ol": _Parser._tag_list,
    "dl": _Parser._tag_list,
    "li": _Parser._tag_block_contents,
    "dt": _Parser._tag_block_contents,
    "dd": _Parser._tag_block_contents,
    "td": _Parser._tag_block_contents,
    "th": _Parser._tag_block_contents,
    "tr": _Parser._tag_block_contents,
    "caption": _Parser._tag_block_contents,
    "table": _Parser._table,
    "poem": _Parser._tag_poem,
    "gallery": _Parser._tag_gallery,
    "imagemap": _Parser._tag_imagemap,
    "hiero": _Parser._tag_hiero,
}


def _unwrap_sectioned(nodes: Sequence[MwNode], depth: int = 0) -> list[MwNode]:
    """Top-level nodes with ``<div>``/``<center>`` wrappers that hold headings replaced by
    their content: MediaWiki makes those headings real sections, so must we (the
    wrapper's styling is lost, the outline is not)."""
    out: list[MwNode] = []
    for node in nodes:
        if (
            depth < 4
            and isinstance(node, Tag)
            and not node.self_closing
            and node.contents is not None
            and _tag_name(node) in ("div", "center")
            and any(isinstance(n, Heading) for n in node.contents.nodes)
        ):
            out.append(MwText("\n"))
            out.extend(_unwrap_sectioned(node.contents.nodes, depth + 1))
            out.append(MwText("\n"))
        else:
            out.append(node)
    return out


def _span_value(raw: str) -> int:
    match = re.match(r"\s*\"?'?(\d{1,4})", raw)
    if not match:
        return 1
    value = int(match.group(1))
    return min(max(value, 1), 1000) if value else 1


@dataclass(slots=True)
class _OpenSection:
    """A section whose sub-sections are still being collected."""

    level: int
    title: str
    anchor: str
    heading: tuple[Inline, ...]
    blocks: list[Block]
    children: list[Section]

    def freeze(self) -> Section:
        return Section(
            self.title,
            self.level,
            self.anchor,
            tuple(self.blocks),
            tuple(self.children),
            self.heading,
        )


def _nest_sections(
    flat: list[tuple[int, str, str, tuple[Inline, ...], list[Block]]],
) -> tuple[Section, ...]:
    """Build the section tree from headings in document order."""

    top: list[Section] = []
    stack: list[_OpenSection] = []
    for level, title, anchor, heading, blocks in flat:
        while stack and stack[-1].level >= level:
            done = stack.pop().freeze()
            (stack[-1].children if stack else top).append(done)
        stack.append(_OpenSection(level, title, anchor, heading, blocks, []))
    while stack:
        done = stack.pop().freeze()
        (stack[-1].children if stack else top).append(done)
    return tuple(top)


_FIELD_CACHE: dict[type, tuple[str, ...]] = {}


def _remap_markers(node: Any, anchors: dict[str, int]) -> Any:
    """Rebuild ``node`` with every group reference marker pointing at its final index."""
    if type(node) is RefMarker:
        marker = node
        index = anchors.get(marker.anchor, marker.index)
        return marker if index == marker.index else replace(marker, index=index)
    if isinstance(node, tuple):
        items = tuple(_remap_markers(n, anchors) for n in node)
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if is_dataclass(node) and not isinstance(node, type):
        names = _FIELD_CACHE.get(type(node))
        if names is None:
            names = tuple(f.name for f in fields(node))
            _FIELD_CACHE[type(node)] = names
        changes: dict[str, Any] = {}
        for name in names:
            value = getattr(node, name)
            if isinstance(value, (tuple, RefMarker)) or (
                is_dataclass(value) and not isinstance(value, type)
            ):
                new = _remap_markers(value, anchors)
                if new is not value:
                    changes[name] = new
        return replace(node, **changes) if changes else node
    return node


def _fallback_article(wikitext: str, title: str, reason: str) -> Article:
    """A plain-text article for input the parser could not handle."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", wikitext[:MAX_CHARS]):
        text = _crude_text(chunk)
        if text:
            paragraphs.append(Paragraph((Text(text),)))
    return Article(
        title=title,
        lead=(Notice(reason), *paragraphs),
        notices=(reason,),
    )


def parse_article(
    wikitext: str, title: str, *, registry: TemplateRegistry | None = None
) -> Article:
    """Parse a page of wikitext into an :class:`Article`.

    Never raises for any input: content nested beyond the limits is shown as plain text,
    and if conversion fails altogether the page comes back as plain text paragraphs with
    a notice.
    """
    if not isinstance(wikitext, str):
        wikitext = str(wikitext)
    if registry is None:
        from viewer.article.templates import default_registry

        registry = default_registry()
    try:
        return _Parser(title, registry).run(wikitext)
    except RecursionError:
        return _fallback_article(
            wikitext, title, "This page is nested too deeply to be shown in full."
        )
    except Exception as exc:  # the contract is "never raises"
        return _fallback_article(
            wikitext, title, f"This page could not be fully parsed ({type(exc).__name__})."
        )
