"""Defuse wikitext that would make mwparserfromhell's tokenizer take minutes.

The tokenizer backtracks over every construct it fails to close: each unclosed ``{{``,
``[[``, ``[http://...`` or ``<div>`` costs a scan of the rest of the page, so a page with
thousands of them is quadratic (10,000 ``{{a|`` take more than a minute; 2,000 list
levels over two minutes).  Real articles have a handful at most.  Before tokenizing, this
module finds the openers that can never be closed with one linear scan each and escapes
them as entities (MediaWiki shows them as literal text too), cuts the page at an unclosed
comment followed by many more (MediaWiki hides the rest of the page there too), and caps
absurd list depths.
Pages without such pathologies come back unchanged, and the checks cost microseconds.
"""

from __future__ import annotations

import re

__all__ = ["MAX_LIST_DEPTH", "defuse"]

#: Deepest list nesting kept (``*`` x 16); deeper prefixes are cut to this.
MAX_LIST_DEPTH = 16
#: Unclosed openers of one kind tolerated before they are escaped.
_TOLERATED = 16
#: Openers of one kind above which the matching scan runs even when the counts balance.
_SCAN_ALWAYS = 1000

_LIST_TOO_DEEP = re.compile(rf"^([*#:;]{{{MAX_LIST_DEPTH}}})[*#:;]+", re.M)
# The same test, quick: a literal newline lets the engine skip from line to line (``^``
# under ``re.M`` is tried at every offset); the first line is checked with ``match``.
_LIST_TOO_DEEP_AFTER_NEWLINE = re.compile(rf"\n[*#:;]{{{MAX_LIST_DEPTH + 1}}}")
_BRACES = re.compile(r"\{\{|\}\}")
_BRACKETS = re.compile(r"\[\[|\]\]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_SINGLE_BRACKET = re.compile(r"[\[\]]")


def _unmatched(text: str, pattern: re.Pattern[str], opener: str) -> list[int]:
    """Start offsets of the openers ``pattern`` finds that no closer matches."""
    stack: list[int] = []
    for match in pattern.finditer(text):
        if match.group() == opener:
            stack.append(match.start())
        elif stack:
            stack.pop()
    return stack


def _escape_at(text: str, positions: list[int], width: int, replacement: str) -> str:
    """Replace the ``width`` characters at each of ``positions`` by ``replacement``."""
    if not positions:
        return text
    parts: list[str] = []
    last = 0
    for pos in sorted(positions):
        parts.append(text[last:pos])
        parts.append(replacement)
        last = pos + width
    parts.append(text[last:])
    return "".join(parts)


def _defuse_pairs(
    text: str, pattern: re.Pattern[str], opener: str, closer: str, replacement: str
) -> str:
    opened = text.count(opener)
    if opened <= _TOLERATED:
        return text
    # Balanced counts on an ordinary page: skip the scan.  (Stray closers *before*
    # openers could hide unclosed ones; that only matters in bulk, hence the cap.)
    if opened <= text.count(closer) and opened < _SCAN_ALWAYS:
        return text
    unmatched = _unmatched(text, pattern, opener)
    if len(unmatched) <= _TOLERATED:
        return text
    return _escape_at(text, unmatched, len(opener), replacement)


def _defuse_tags(text: str) -> str:
    angles = text.count("<")
    if angles <= _TOLERATED * 2:
        return text
    # Each closed element has one "<" and one "</", an empty one a "/>": what is left
    # over bounds the unclosed openers (stray closers aside, hence the cap).
    excess = angles - 2 * text.count("</") - text.count("/>") - text.count("<!--")
    if excess <= _TOLERATED and angles < _SCAN_ALWAYS:
        return text
    counts: dict[str, int] = {}
    for match in _TAG.finditer(text):
        if match.group(3):
            continue
        name = match.group(2).lower()
        counts[name] = counts.get(name, 0) + (-1 if match.group(1) else 1)
    bad = {name for name, excess in counts.items() if excess > _TOLERATED}
    if not bad:
        return text
    stacks: dict[str, list[int]] = {name: [] for name in bad}
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if name not in bad or match.group(3):
            continue
        if match.group(1):
            if stacks[name]:
                stacks[name].pop()
        else:
            stacks[name].append(match.start())
    positions = [pos for stack in stacks.values() for pos in stack]
    return _escape_at(text, positions, 1, "&lt;")


def _defuse_single_brackets(text: str) -> str:
    """Unclosed ``[`` (external-link openers) on very long lines."""
    if text.count("[") - text.count("]") <= _TOLERATED * 4:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.count("[") - line.count("]") > _TOLERATED:
            unmatched = _unmatched(line, _SINGLE_BRACKET, "[")
            lines[i] = _escape_at(line, unmatched, 1, "&#91;")
    return "\n".join(lines)


def _defuse_comments(text: str) -> str:
    """Many ``<!--`` after one that is never closed: MediaWiki hides everything after an
    unclosed comment, so the page is cut there (the tokenizer is quadratic on them)."""
    if text.count("<!--") <= _TOLERATED:
        return text
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return text
        end = text.find("-->", start + 4)
        if end < 0:
            if text.count("<!--", start) > _TOLERATED:
                return text[:start]
            return text
        pos = end + 3


def defuse(text: str) -> tuple[str, bool]:
    """Return ``text`` with pathological constructs neutralised, and whether anything
    was changed (the caller shows a notice then)."""
    original = text
    if _LIST_TOO_DEEP_AFTER_NEWLINE.search(text) or _LIST_TOO_DEEP.match(text):
        text = _LIST_TOO_DEEP.sub(r"\1", text)
    text = _defuse_comments(text)
    text = _defuse_pairs(text, _BRACES, "{{", "}}", "&#123;&#123;")
    text = _defuse_pairs(text, _BRACKETS, "[[", "]]", "&#91;&#91;")
    text = _defuse_single_brackets(text)
    text = _defuse_tags(text)
    return text, text is not original and text != original
