"""Qt item models over the article model: the outline, the infobox and the references.

Each model is a thin, read-only adapter: it keeps the frozen ``Article`` parts it was
given and maps rows to named roles (:class:`Role`); the widgets in ``viewer.ui.panels``
only read those roles.  Rich HTML and formatted text come from the article renderers
(``viewer.article.render``), rendered lazily per row and cached, so that painting a long
reference list does not re-render every citation on every paint.

A model is reset as a whole by ``set_article`` (articles are immutable, so there is
nothing finer to signal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, overload
from urllib.parse import quote

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from viewer.article.model import (
    Article,
    Citation,
    ExternalLink,
    Infobox,
    InfoboxField,
    Inline,
    Link,
    Reference,
    Section,
    Span,
    Style,
)
from viewer.article.render._common import marker_label
from viewer.article.render.export import bibtex_keys, citation_line, citations
from viewer.article.render.html import render_inlines_html
from viewer.article.render.text import inlines_text
from viewer.article.sanitize import escape_text, safe_url

__all__ = [
    "InfoboxModel",
    "ReferencesFilterProxy",
    "ReferencesModel",
    "Role",
    "SectionTreeModel",
    "inline_urls",
    "reference_label",
    "reference_urls",
]

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class Role(IntEnum):
    """Custom data roles shared by the panel models (values above ``Qt.UserRole``).

    Which model answers which role is said in each model's docstring.
    """

    ANCHOR = Qt.ItemDataRole.UserRole + 1
    """``str``: a section's anchor (outline) or a reference's own anchor."""
    LEVEL = Qt.ItemDataRole.UserRole + 2
    """``int``: a section's heading level (2-6)."""
    HTML = Qt.ItemDataRole.UserRole + 3
    """``str``: rich HTML (Qt rich-text subset) of the item's content."""
    PLAIN_TEXT = Qt.ItemDataRole.UserRole + 4
    """``str``: the item's content as plain text."""
    FIELD_NAME = Qt.ItemDataRole.UserRole + 5
    """``str``: an infobox field's template parameter (``""`` on group rows)."""
    IS_GROUP = Qt.ItemDataRole.UserRole + 6
    """``bool``: whether an infobox row is a group heading."""
    COPY_TEXT = Qt.ItemDataRole.UserRole + 7
    """``str``: what Ctrl+C copies (``"Label: value"`` for an infobox field)."""
    URLS = Qt.ItemDataRole.UserRole + 8
    """``tuple[str, ...]``: the safe external URLs in the item, in order."""
    NUMBER = Qt.ItemDataRole.UserRole + 9
    """``int``: a reference's number within its group."""
    GROUP = Qt.ItemDataRole.UserRole + 10
    """``str``: a reference's group (``""`` for the default group)."""
    LABEL = Qt.ItemDataRole.UserRole + 11
    """``str``: a reference's marker label without brackets (``3``, ``note 1``, ``a``)."""
    CITATION = Qt.ItemDataRole.UserRole + 12
    """``Citation | None``: a reference's structured citation."""
    USES = Qt.ItemDataRole.UserRole + 13
    """``tuple[str, ...]``: the anchors of every marker citing a reference."""
    REFERENCE = Qt.ItemDataRole.UserRole + 14
    """``Reference``: the reference itself."""
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 15
    """``str``: case-folded text the references filter matches against."""
    SECTION = Qt.ItemDataRole.UserRole + 16
    """``Section``: the section itself (outline)."""
    FIELD = Qt.ItemDataRole.UserRole + 17
    """``InfoboxField | None``: the infobox field itself (``None`` on group rows)."""
    BIBTEX_KEY = Qt.ItemDataRole.UserRole + 18
    """``str``: a reference's BibTeX key, as in the article's BibTeX export (``""`` when
    the reference has no structured citation)."""


def _role_names(roles: dict[int, QByteArray]) -> dict[int, QByteArray]:
    """``roles`` plus a name for every :class:`Role` (for debugging tools and QML)."""
    out = dict(roles)
    for role in Role:
        out[int(role)] = QByteArray(role.name.lower().encode("ascii"))
    return out


def inline_urls(inlines: tuple[Inline, ...]) -> tuple[str, ...]:
    """The safe external URLs linked from ``inlines``, in order, without duplicates.

    Unsafe schemes (``javascript:`` ...) are dropped, so whatever a panel offers to open
    has passed :func:`viewer.article.sanitize.safe_url`.
    """
    seen: dict[str, None] = {}

    def visit(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, ExternalLink):
                url = safe_url(node.url)
                if url:
                    seen.setdefault(url, None)
                visit(node.children)
            elif isinstance(node, Style | Span | Link):
                visit(node.children)

    visit(inlines)
    return tuple(seen)


def reference_label(ref: Reference) -> str:
    """A reference's marker label without brackets, as the article shows it: ``3``,
    ``note 1``, ``a`` (the renderers' rule, so panel and text always agree)."""
    return marker_label(ref.group, ref.number)


def reference_urls(ref: Reference) -> dict[str, str]:
    """The links a reference offers to open, keyed by kind: ``doi``, ``pubmed``, ``pmc``,
    ``url`` (the citation's URL, else the first external link in the content).

    Every value is a safe ``https``/``http`` URL built from the citation's identifiers;
    nothing is fetched here.
    """
    out: dict[str, str] = {}
    cite: Citation | None = ref.citation
    if cite is not None:
        doi = cite.doi.strip()
        if doi.lower().startswith(("https://doi.org/", "http://dx.doi.org/")):
            doi = doi.split("/", 3)[3]
        if doi.startswith("10."):
            out["doi"] = "https://doi.org/" + quote(doi, safe="/:;()._-")
        pmid = cite.pmid.strip()
        if pmid.isdigit():
            out["pubmed"] = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
        pmc = cite.pmc.strip().upper().removeprefix("PMC")
        if pmc.isdigit():
            out["pmc"] = f"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{pmc}/"
        url = safe_url(cite.url.strip()) if cite.url.strip() else None
        if url:
            out["url"] = url
    if "url" not in out:
        urls = inline_urls(ref.content)
        if urls:
            out["url"] = urls[0]
    return out


# --------------------------------------------------------------------------- outline


class SectionTreeModel(QAbstractItemModel):
    """The article's sections as a tree (one column: the heading).

    Roles: ``DisplayRole``/``ToolTipRole`` (title), :attr:`Role.ANCHOR`,
    :attr:`Role.LEVEL`, :attr:`Role.SECTION`.

    Each index's ``internalId`` is the position of its section in depth-first order, so
    parents are found by table look-up, without Python objects in the index.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections: list[Section] = []
        self._parent: list[int] = []  # node -> parent node, -1 at the top
        self._row: list[int] = []  # node -> row under its parent
        self._children: dict[int, list[int]] = {-1: []}
        self._by_anchor: dict[str, int] = {}

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s sections (nothing for ``None``)."""
        self.beginResetModel()
        self._sections, self._parent, self._row = [], [], []
        self._children = {-1: []}
        self._by_anchor = {}
        if article is not None:
            self._add(article.sections, -1)
        self.endResetModel()

    def _add(self, sections: tuple[Section, ...], parent: int) -> None:
        for section in sections:
            node = len(self._sections)
            self._sections.append(section)
            self._parent.append(parent)
            self._row.append(len(self._children[parent]))
            self._children[parent].append(node)
            self._children[node] = []
            self._by_anchor.setdefault(section.anchor, node)
            self._add(section.children, node)

    def index_for_anchor(self, anchor: str) -> QModelIndex:
        """The index of the section with ``anchor`` (invalid when there is none)."""
        node = self._by_anchor.get(anchor)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._row[node], 0, node)

    def anchors(self) -> tuple[str, ...]:
        """Every section anchor, depth first, in document order."""
        return tuple(s.anchor for s in self._sections)

    def _node(self, index: ModelIndex) -> int:
        return int(index.internalId()) if index.isValid() else -1

    # -- QAbstractItemModel

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if column != 0 or row < 0 or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        children = self._children.get(self._node(parent), [])
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: ModelIndex) -> QModelIndex: ...
    def parent(self, child: ModelIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        up = self._parent[self._node(child)]
        if up < 0:
            return QModelIndex()
        return self.createIndex(self._row[up], 0, up)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self._node(parent), []))

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._children[self._node(index)]:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        section = self._sections[self._node(index)]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return section.title or section.anchor.replace("_", " ")
        if role == Role.ANCHOR:
            return section.anchor
        if role == Role.LEVEL:
            return section.level
        if role == Role.SECTION:
            return section
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (section == 0 and orientation == Qt.Orientation.Horizontal
                and role == Qt.ItemDataRole.DisplayRole):
            return "Contents"
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return _role_names(super().roleNames())


# --------------------------------------------------------------------------- infobox


@dataclass(slots=True)
class _InfoboxRow:
    """A top-level infobox row: a group heading with field children, or a lone field
    (fields without a group stay at the top, where they stood in the source)."""

    group: str
    fields: list[InfoboxField] = field(default_factory=list)
    lone: InfoboxField | None = None


class InfoboxModel(QAbstractItemModel):
    """The infobox as a two-level tree: group headings with their fields beneath
    (columns: label | value).  Fields without a group sit at the top level.

    Roles (on both columns unless said): ``DisplayRole`` (group title; label | value as
    plain text), ``ToolTipRole`` (the value), :attr:`Role.HTML` (rich value, formulas
    with ``<sub>``; the group title on group rows), :attr:`Role.PLAIN_TEXT` (the value),
    :attr:`Role.FIELD_NAME`, :attr:`Role.IS_GROUP`, :attr:`Role.COPY_TEXT`
    (``"Label: value"``; every field of the group on a group row), :attr:`Role.URLS`,
    :attr:`Role.FIELD`.

    ``internalId`` is 0 for top-level rows and ``group row + 1`` for fields.
    """

    LABEL_COLUMN = 0
    VALUE_COLUMN = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._infobox: Infobox | None = None
        self._references: tuple[Reference, ...] = ()
        self._rows: list[_InfoboxRow] = []
        self._html: dict[tuple[int, int], str] = {}
        self.is_missing: Callable[[str], bool] | None = None
        """Marks links to articles the library lacks (class ``new``), as in the view."""

    @property
    def infobox(self) -> Infobox | None:
        """The infobox shown (``None`` when the article has none)."""
        return self._infobox

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s infobox (nothing when it has none)."""
        self.beginResetModel()
        self._infobox = article.infobox if article is not None else None
        self._references = article.references if article is not None else ()
        self._rows = []
        self._html = {}
        groups: dict[str, _InfoboxRow] = {}
        for f in self._infobox.fields if self._infobox else ():
            if not f.group:
                self._rows.append(_InfoboxRow(group="", lone=f))
                continue
            row = groups.get(f.group)
            if row is None:
                row = groups[f.group] = _InfoboxRow(group=f.group)
                self._rows.append(row)
            row.fields.append(f)
        self.endResetModel()

    def group_titles(self) -> tuple[str, ...]:
        """The group headings, in order."""
        return tuple(r.group for r in self._rows if r.lone is None)

    def field_at(self, index: ModelIndex) -> InfoboxField | None:
        """The field at ``index`` (``None`` on a group row or an invalid index)."""
        if not index.isValid():
            return None
        top = int(index.internalId())
        if top == 0:
            return self._rows[index.row()].lone
        return self._rows[top - 1].fields[index.row()]

    def _fields_of(self, index: ModelIndex) -> list[InfoboxField]:
        one = self.field_at(index)
        if one is not None:
            return [one]
        if index.isValid() and index.internalId() == 0:
            return list(self._rows[index.row()].fields)
        return []

    def _value_html(self, index: ModelIndex, f: InfoboxField) -> str:
        key = (int(index.internalId()), index.row())
        html = self._html.get(key)
        if html is None:
            html = (render_inlines_html(f.value, references=self._references,
                                        is_missing=self.is_missing) if f.value
                    else escape_text(f.text))
            self._html[key] = html
        return html

    # -- QAbstractItemModel

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if not 0 <= column < 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._rows):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.column() != 0 or parent.internalId() != 0:
            return QModelIndex()
        top = self._rows[parent.row()]
        if top.lone is not None or row >= len(top.fields):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: ModelIndex) -> QModelIndex: ...
    def parent(self, child: ModelIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._rows)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._rows[parent.row()].fields)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 2

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.field_at(index) is not None or index.column() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.field_at(index)
        if role == Role.IS_GROUP:
            return f is None
        if role == Role.COPY_TEXT:
            return "\n".join(f"{x.label}: {x.text}" for x in self._fields_of(index))
        if role == Role.FIELD:
            return f
        if f is None:  # a group heading
            group = self._rows[index.row()].group
            if index.column() != 0:
                return "" if role in (Qt.ItemDataRole.DisplayRole, Role.HTML) else None
            if role in (Qt.ItemDataRole.DisplayRole, Role.PLAIN_TEXT):
                return group
            if role == Role.HTML:
                return escape_text(group)
            if role == Role.FIELD_NAME:
                return ""
            if role == Role.URLS:
                return ()
            return None
        value_column = index.column() == self.VALUE_COLUMN
        if role == Qt.ItemDataRole.DisplayRole:
            return f.text if value_column else f.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.text if value_column else f.name
        if role == Role.HTML:
            return self._value_html(index, f) if value_column else escape_text(f.label)
        if role == Role.PLAIN_TEXT:
            return f.text
        if role == Role.FIELD_NAME:
            return f.name
        if role == Role.URLS:
            return inline_urls(f.value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return {0: "Field", 1: "Value"}.get(section)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return _role_names(super().roleNames())


# --------------------------------------------------------------------------- references


class ReferencesModel(QAbstractListModel):
    """The article's references, one row each, in the article's order (default group
    first, then the other groups).

    Roles: ``DisplayRole`` (``"[3] formatted citation"``), ``ToolTipRole`` (the
    formatted citation), :attr:`Role.NUMBER`, :attr:`Role.GROUP`, :attr:`Role.LABEL`,
    :attr:`Role.PLAIN_TEXT` (the formatted citation line), :attr:`Role.HTML` (the
    reference content as rich HTML), :attr:`Role.CITATION`, :attr:`Role.USES`,
    :attr:`Role.ANCHOR`, :attr:`Role.URLS` (the links it offers), :attr:`Role.REFERENCE`,
    :attr:`Role.SEARCH_TEXT`, :attr:`Role.BIBTEX_KEY`.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._refs: tuple[Reference, ...] = ()
        self._keys: dict[Citation, str] = {}
        self._html: dict[int, str] = {}
        self._line: dict[int, str] = {}
        self.is_missing: Callable[[str], bool] | None = None
        """Marks links to articles the library lacks (class ``new``), as in the view."""
        self._search: dict[int, str] = {}

    def set_article(self, article: Article | None) -> None:
        """Show ``article``'s references (nothing for ``None``)."""
        self.beginResetModel()
        self._refs = article.references if article is not None else ()
        self._html, self._line, self._search = {}, {}, {}
        self._keys = {}
        if article is not None:
            items = citations(article)
            self._keys = dict(zip(items, bibtex_keys(items), strict=True))
        self.endResetModel()

    def reference(self, row: int) -> Reference | None:
        """The reference on ``row`` (``None`` when out of range)."""
        return self._refs[row] if 0 <= row < len(self._refs) else None

    def row_for_anchor(self, anchor: str) -> int:
        """The row of the reference whose own anchor or one of whose markers is
        ``anchor`` (-1 when none)."""
        for row, ref in enumerate(self._refs):
            if ref.anchor == anchor or anchor in ref.uses:
                return row
        return -1

    def _text(self, row: int) -> str:
        line = self._line.get(row)
        if line is None:
            ref = self._refs[row]
            line = citation_line(ref) or ref.text or inlines_text(ref.content)
            self._line[row] = line
        return line

    def _rich(self, row: int) -> str:
        html = self._html.get(row)
        if html is None:
            ref = self._refs[row]
            html = (render_inlines_html(ref.content, references=self._refs,
                                        is_missing=self.is_missing) if ref.content
                    else escape_text(ref.text))
            self._html[row] = html
        return html

    def _haystack(self, row: int) -> str:
        text = self._search.get(row)
        if text is None:
            ref = self._refs[row]
            parts = [reference_label(ref), self._text(row), ref.text, ref.name]
            if ref.citation is not None:
                c = ref.citation
                parts += [c.doi, c.pmid, c.pmc, c.isbn, c.url, *c.authors]
            text = " ".join(p for p in parts if p).casefold()
            self._search[row] = text
        return text

    # -- QAbstractListModel

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._refs)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._refs):
            return None
        row = index.row()
        ref = self._refs[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"[{reference_label(ref)}] {self._text(row)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Role.PLAIN_TEXT):
            return self._text(row)
        if role == Role.HTML:
            return self._rich(row)
        if role == Role.NUMBER:
            return ref.number
        if role == Role.GROUP:
            return ref.group
        if role == Role.LABEL:
            return reference_label(ref)
        if role == Role.CITATION:
            return ref.citation
        if role == Role.USES:
            return ref.uses
        if role == Role.ANCHOR:
            return ref.anchor
        if role == Role.URLS:
            return tuple(reference_urls(ref).values())
        if role == Role.REFERENCE:
            return ref
        if role == Role.BIBTEX_KEY:
            return self._keys.get(ref.citation, "") if ref.citation is not None else ""
        if role == Role.SEARCH_TEXT:
            return self._haystack(row)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def roleNames(self) -> dict[int, QByteArray]:
        return _role_names(super().roleNames())


class ReferencesFilterProxy(QSortFilterProxyModel):
    """Keeps the references whose text matches every word typed (case-insensitive, in
    any order): the formatted citation, the label, authors, DOI, PMID, ISBN, URL.

    Set the words with :meth:`set_filter_text`; an empty text shows every reference.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()

    def set_filter_text(self, text: str) -> None:
        """Filter on the words of ``text``."""
        terms = tuple(text.casefold().split())
        if terms == self._terms:
            return
        self.beginFilterChange()
        self._terms = terms
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filter_text(self) -> str:
        """The words filtered on, joined by spaces."""
        return " ".join(self._terms)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        if model is None:
            return False
        haystack = model.data(model.index(source_row, 0, source_parent), Role.SEARCH_TEXT)
        if not isinstance(haystack, str):
            haystack = str(model.data(model.index(source_row, 0, source_parent)) or "")
            haystack = haystack.casefold()
        return all(term in haystack for term in self._terms)
