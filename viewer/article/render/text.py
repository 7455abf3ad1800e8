"""Plain-text rendering of an article: for reading, copying and full-text indexing.

The output is what a person would type if asked to copy the article out by hand: the
title, the lead, each heading on its own line, paragraphs separated by blank lines, list
items as ``- item`` / ``1. item`` (indented when nested), table rows as
``cell | cell | cell``, reference markers as ``[3]`` and the reference list where the
page puts it (or at the end).  No wiki or HTML markup survives: the model carries none,
and :func:`to_text` scrubs what a broken page may still have left in its text nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

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
    Text,
)
from viewer.article.render._common import (
    appended_heading,
    marker_label,
    number_label,
    references_of,
    unlisted_groups,
)
from viewer.article.sanitize import clean_text

__all__ = [
    "blocks_text", "flat_blocks_text", "inlines_text", "marker_label", "media_text",
    "reference_text", "to_text",
]

_MAX_DEPTH = 40
_SPACES = re.compile(r"[ \t\r\f\v\n]+")
_H_SPACES = re.compile(r"[ \t\r\f\v]+")
_AROUND_NL = re.compile(r" *\n *")
# Markup that must never reach the text output, even when a broken page left it in a
# text node: template/link brackets, quote runs, ref tags.
_REF_TAG = re.compile(r"</?ref[a-z]*\b[^>]*>?", re.I)
_BRACES = re.compile(r"\{\{+|\}\}+|\[\[+|\]\]+|''+")


def _scrub_markup(text: str) -> str:
    """Reduce leftover wiki markup to its visible characters (``{{`` -> ``{``)."""
    text = _REF_TAG.sub("", text)
    return _BRACES.sub(lambda m: m.group()[0], text)


def _external_label(link: ExternalLink) -> str:
    """The visible text of an external link that has no text of its own."""
    return f"[{link.number}]" if link.number else link.url


_CHEM = re.compile(r"^\\ce\s*\{(.*)\}$", re.S)


def _math_text(tex: str) -> str:
    """A formula as text: its TeX source, except that a chemical formula (``\\ce{H2O}``,
    from ``<chem>``) is written plainly (``H2O``), as people type and search it."""
    source = _SPACES.sub(" ", tex.strip())
    chem = _CHEM.match(source)
    if chem and "\\" not in chem.group(1):
        return chem.group(1).replace("{", "").replace("}", "").strip()
    return source


def inlines_text(inlines: Iterable[Inline], *, markers: bool = True) -> str:
    """The plain text of inline content.

    Runs of whitespace collapse to one space, forced line breaks stay as ``\\n``,
    reference markers become ``[3]`` / ``[note 1]`` (or nothing with ``markers=False``),
    ``<q>`` gets typographic quotes and formulas keep their TeX source.  Iterative, so a
    deeply nested style cannot exhaust the stack.
    """
    out: list[str] = []
    stack: list[Inline | str] = list(reversed(tuple(inlines)))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Text):
            out.append(_SPACES.sub(" ", node.text))
        elif isinstance(node, Style):
            if node.tag == "q":
                stack.append("\u201d")
                stack.extend(reversed(node.children))
                stack.append("\u201c")
            else:
                stack.extend(reversed(node.children))
        elif isinstance(node, Span | Link):
            stack.extend(reversed(node.children))
        elif isinstance(node, ExternalLink):
            if node.children:
                stack.extend(reversed(node.children))
            else:
                out.append(_external_label(node))
        elif isinstance(node, RefMarker):
            if markers:
                out.append(f"[{marker_label(node.group, node.number)}]")
        elif isinstance(node, Math):
            out.append(_math_text(node.tex))
        elif isinstance(node, LineBreak):
            out.append("\n")
    text = _H_SPACES.sub(" ", clean_text("".join(out)))
    return _AROUND_NL.sub("\n", text).strip()


def media_text(media: Media) -> str:
    """A media placeholder as text: ``[Image: File.svg] caption``."""
    caption = inlines_text(media.caption) or media.alt.strip()
    head = f"[Image: {clean_text(media.filename)}]"
    return f"{head} {caption}" if caption else head


def reference_text(ref: Reference) -> str:
    """One reference as text (its formatted content, or the parser's text)."""
    return inlines_text(ref.content) or _SPACES.sub(" ", clean_text(ref.text)).strip()


def _indent(text: str, prefix: str) -> str:
    """Indent every non-empty line of ``text`` by ``prefix``."""
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


@dataclass
class _State:
    """What the text renderer remembers while walking one article."""

    article: Article
    listed: set[str] = field(default_factory=set)


def _reference_list(state: _State, group: str) -> str:
    """The numbered references of ``group`` (once per article; later lists are empty)."""
    if group in state.listed:
        return ""
    state.listed.add(group)
    lines = []
    for ref in references_of(state.article, group):
        label = number_label(group, ref.number)
        body = reference_text(ref).replace("\n", " ")
        lines.append(f"{label}. {body}".rstrip())
    return "\n".join(lines)


def _list_text(block: ListBlock, state: _State, depth: int) -> str:
    """A list: ``- item`` / ``1. item`` / ``term`` + indented definitions."""
    lines: list[str] = []
    number = 0
    for item in block.items:
        own = inlines_text(item.children)
        if block.kind == "ol" and item.kind == "li":
            number += 1
            prefix = f"{number}. "
        elif item.kind == "li":
            prefix = "- "
        elif item.kind == "dd":
            prefix = "  "
        else:
            prefix = ""
        if own:
            first, *rest = own.split("\n")
            lines.append(prefix + first)
            lines.extend(" " * len(prefix) + line for line in rest)
        elif item.kind == "li" and not item.blocks:
            continue
        nested = _blocks_chunks(item.blocks, state, depth + 1)
        if nested:
            pad = " " * max(len(prefix), 2)
            lines.append(_indent("\n".join(nested), pad) if own else "\n".join(nested))
    return "\n".join(lines)


def _cell_text(blocks: tuple[Block, ...], state: _State, depth: int) -> str:
    """A table cell on one line."""
    return " ".join(" ".join(_blocks_chunks(blocks, state, depth + 1)).split())


def _table_text(table: Table, state: _State, depth: int) -> str:
    """A table: optional caption line, then one ``a | b | c`` line per row."""
    lines = []
    caption = inlines_text(table.caption)
    if caption:
        lines.append(caption)
    for row in table.rows:
        cells = [_cell_text(cell.blocks, state, depth) for cell in row.cells]
        if any(cells):
            lines.append(" | ".join(cells).strip())
    return "\n".join(lines)


def _pre_text(children: tuple[Inline, ...]) -> str:
    """Preformatted content: top-level text keeps its spaces and line breaks."""
    parts = []
    for node in children:
        if isinstance(node, Text):
            parts.append(clean_text(node.text).expandtabs(8))
        elif isinstance(node, LineBreak):
            parts.append("\n")
        else:
            parts.append(inlines_text((node,)))
    return "\n".join(line.rstrip() for line in "".join(parts).strip("\n").split("\n"))


def flat_blocks_text(blocks: Iterable[Block]) -> str:
    """All the words of ``blocks`` as one line, structure dropped (iterative: used where
    nesting is too deep to keep the structure)."""
    words: list[str] = []
    stack: list[Block] = list(reversed(tuple(blocks)))
    while stack:
        block = stack.pop()
        if isinstance(block, Paragraph | Preformatted | Hatnote):
            words.append(inlines_text(block.children))
        elif isinstance(block, ListBlock):
            for item in reversed(block.items):
                stack.extend(reversed(item.blocks))
                stack.append(Paragraph(item.children))
        elif isinstance(block, Table):
            for row in reversed(block.rows):
                for cell in reversed(row.cells):
                    stack.extend(reversed(cell.blocks))
            stack.append(Paragraph(block.caption))
        elif isinstance(block, Blockquote):
            stack.append(Paragraph(block.attribution))
            stack.extend(reversed(block.blocks))
        elif isinstance(block, Division):
            stack.extend(reversed(block.blocks))
        elif isinstance(block, Figure):
            words.append(media_text(block.media))
        elif isinstance(block, Gallery):
            words.extend(media_text(m) for m in block.items)
        elif isinstance(block, Notice):
            words.append(clean_text(block.text))
    return " ".join(" ".join(words).split())


def _block_text(block: Block, state: _State, depth: int = 0) -> str:
    """One block as text (may be empty)."""
    if depth > _MAX_DEPTH:
        return flat_blocks_text((block,))
    if isinstance(block, Paragraph):
        return inlines_text(block.children)
    if isinstance(block, ListBlock):
        return _list_text(block, state, depth)
    if isinstance(block, Table):
        return _table_text(block, state, depth)
    if isinstance(block, Preformatted):
        return _pre_text(block.children)
    if isinstance(block, Blockquote):
        inner = "\n\n".join(_blocks_chunks(block.blocks, state, depth + 1))
        attribution = inlines_text(block.attribution)
        if attribution:
            inner += f"\n\u2014 {attribution}"
        return _indent(inner, "    ")
    if isinstance(block, Division):
        return "\n\n".join(_blocks_chunks(block.blocks, state, depth + 1))
    if isinstance(block, Figure):
        return media_text(block.media)
    if isinstance(block, Gallery):
        return "\n".join(media_text(m) for m in block.items)
    if isinstance(block, ReferenceList):
        return _reference_list(state, block.group)
    if isinstance(block, Hatnote):
        return inlines_text(block.children)
    if isinstance(block, Notice):
        return f"Note: {clean_text(block.text).strip()}"
    if isinstance(block, HorizontalRule):
        return ""
    return ""


def _blocks_chunks(blocks: Iterable[Block], state: _State, depth: int = 0) -> list[str]:
    """The non-empty texts of ``blocks``."""
    return [text for text in (_block_text(b, state, depth) for b in blocks) if text.strip()]


def blocks_text(blocks: Iterable[Block], article: Article | None = None) -> str:
    """The text of a run of blocks, chunks separated by blank lines.  ``article`` is
    needed to list references where a ``ReferenceList`` stands."""
    state = _State(article or Article(title=""))
    return "\n\n".join(_blocks_chunks(blocks, state))


def _joined_lines(text: str) -> str:
    """Lines of an infobox value on one line, joined by commas as the infobox's plain
    text joins them; a line that opens with a parenthesis continues the one before
    (``Jane Doe<br>(1990–2000)`` -> ``Jane Doe (1990–2000)``)."""
    out = ""
    for line in (" ".join(part.split()) for part in text.split("\n")):
        if not line:
            continue
        out += (" " if line.startswith("(") else ", ") + line if out else line
    return out


def _has_marker(inlines: Iterable[Inline]) -> bool:
    """Whether a reference marker stands anywhere in ``inlines`` (iterative)."""
    stack: list[Inline] = list(inlines)
    while stack:
        node = stack.pop()
        if isinstance(node, RefMarker):
            return True
        stack.extend(getattr(node, "children", ()))
    return False


def _infobox_text(box: Infobox) -> str:
    """The infobox as ``Label: value`` lines under its title and group headings."""
    lines = [clean_text(box.title).strip()] if box.title.strip() else []
    if box.image is not None:
        lines.append(media_text(box.image))
    group = ""
    for f in box.fields:
        if f.group != group:
            group = f.group
            if group:
                lines.append(clean_text(group).strip())
        if _has_marker(f.value):
            # The field's plain text has no reference markers: without them the
            # references it cites would be listed with nothing in the text pointing there.
            value = _joined_lines(inlines_text(f.value))
        else:
            value = " ".join(clean_text(f.text).split()) or inlines_text(f.value).replace(
                "\n", "; ")
        label = " ".join(clean_text(f.label or f.name).split())
        if value:
            lines.append(f"{label}: {value}" if label else value)
    return "\n".join(lines)


def _section_chunks(section: Section, state: _State) -> list[str]:
    """A section: its heading line, its blocks, its sub-sections."""
    heading = inlines_text(section.heading).replace("\n", " ") if section.heading else ""
    chunks = [heading or " ".join(clean_text(section.title).split())]
    chunks += _blocks_chunks(section.blocks, state)
    for child in section.children:
        chunks += _section_chunks(child, state)
    return [c for c in chunks if c.strip()]


def to_text(article: Article, *, include_infobox: bool = True) -> str:
    """The article as clean plain text (UTF-8 ready, ends with a newline).

    Order: title; RefView notices; hatnotes; lead; infobox (``Label: value`` lines, so
    that identifiers and facts are searchable); sections; reference groups no
    ``ReferenceList`` listed; categories.
    """
    state = _State(article)
    chunks: list[str] = [" ".join(clean_text(article.title).split())]
    chunks += [f"Note: {clean_text(n).strip()}" for n in article.notices if n.strip()]
    if article.redirect:
        chunks.append(f"Redirect to: {clean_text(article.redirect).strip()}")
    chunks += [t for t in (inlines_text(h.children) for h in article.hatnotes) if t]
    chunks += _blocks_chunks(article.lead, state)
    if include_infobox and article.infobox is not None:
        chunks.append(_infobox_text(article.infobox))
    for section in article.sections:
        chunks += _section_chunks(section, state)
    for group in unlisted_groups(article):
        listing = _reference_list(state, group)
        if listing:
            chunks += [appended_heading(group), listing]
    if article.categories:
        chunks.append("Categories: " + ", ".join(clean_text(c) for c in article.categories))
    text = "\n\n".join(c.strip("\n") for c in chunks if c.strip())
    return _scrub_markup(text) + "\n"
