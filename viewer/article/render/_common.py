"""Helpers shared by the HTML and text renderers: reference labels and list placement.

Both renderers must agree on how a marker is labelled (``[3]``, ``[note 1]``, ``[a]``)
and on where each reference group is listed (at its first ``ReferenceList`` block, or
appended at the end when the page has none), so the rules live here once.
"""

from __future__ import annotations

from collections.abc import Iterator

from viewer.article.model import (
    Article,
    Block,
    Blockquote,
    Division,
    ListBlock,
    Reference,
    ReferenceList,
    Section,
    Table,
)

_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"


def alpha_label(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (spreadsheet-style, as CSS lower-alpha counts)."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out or "0"


def _roman(n: int) -> str:
    """1 -> i, 4 -> iv, 1999 -> mcmxcix (falls back to digits beyond 3999)."""
    if not 0 < n < 4000:
        return str(n)
    table = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )
    out = []
    for value, letters in table:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def list_style(group: str) -> str:
    """The counter style a reference group is numbered with (as enwiki configures Cite):
    ``decimal`` for ordinary groups, or the group's own name when it is a CSS style."""
    if group in ("lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "lower-greek"):
        return group
    return "decimal"


def number_label(group: str, number: int) -> str:
    """The number as the group shows it: ``3``, ``c`` (lower-alpha), ``iv`` (lower-roman)."""
    style = list_style(group)
    if style == "lower-alpha":
        return alpha_label(number)
    if style == "upper-alpha":
        return alpha_label(number).upper()
    if style == "lower-roman":
        return _roman(number)
    if style == "upper-roman":
        return _roman(number).upper()
    if style == "lower-greek":
        return _GREEK[number - 1] if 0 < number <= len(_GREEK) else str(number)
    return str(number)


def marker_label(group: str, number: int) -> str:
    """A marker's visible text without brackets: ``3``, ``note 1``, ``a``."""
    label = number_label(group, number)
    if group and list_style(group) == "decimal":
        return f"{group} {label}"
    return label


def backlink_labels(count: int) -> list[str]:
    """Labels for the back-links of a reference used ``count`` times: ``a``, ``b``, ...
    (``aa``, ``ab`` after ``z``), as MediaWiki's Cite shows them."""
    return [alpha_label(i + 1) for i in range(count)]


def _blocks_reference_lists(blocks: tuple[Block, ...]) -> Iterator[ReferenceList]:
    """Every ``ReferenceList`` among ``blocks``, nested containers included."""
    stack: list[Block] = list(reversed(blocks))
    while stack:
        block = stack.pop()
        if isinstance(block, ReferenceList):
            yield block
        elif isinstance(block, (Division, Blockquote)):
            stack.extend(reversed(block.blocks))
        elif isinstance(block, ListBlock):
            for item in reversed(block.items):
                stack.extend(reversed(item.blocks))
        elif isinstance(block, Table):
            for row in reversed(block.rows):
                for cell in reversed(row.cells):
                    stack.extend(reversed(cell.blocks))


def listed_groups(article: Article) -> set[str]:
    """The reference groups some ``ReferenceList`` block of the article lists."""
    found = {r.group for r in _blocks_reference_lists(article.lead)}

    def visit(sections: tuple[Section, ...]) -> None:
        for section in sections:
            found.update(r.group for r in _blocks_reference_lists(section.blocks))
            visit(section.children)

    visit(article.sections)
    return found


def references_of(article: Article, group: str) -> list[Reference]:
    """The references of ``group`` in number order."""
    return sorted((r for r in article.references if r.group == group), key=lambda r: r.number)


def unlisted_groups(article: Article) -> list[str]:
    """Groups with references but no ``ReferenceList`` block, in order of first reference:
    the renderers append these at the end of the article."""
    listed = listed_groups(article)
    out: dict[str, None] = {}
    for ref in article.references:
        if ref.group not in listed:
            out.setdefault(ref.group, None)
    return list(out)


def appended_heading(group: str) -> str:
    """The heading for a group appended at the end: "References" or "Notes (group)"."""
    if not group:
        return "References"
    if list_style(group) != "decimal" or group.lower() in ("note", "notes", "n", "nb"):
        return "Notes"
    return f"Notes ({group})"
