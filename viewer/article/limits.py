"""Bounds on pathological wikitext, applied before mwparserfromhell sees it.

mwparserfromhell is fast on real pages but super-linear on some hostile shapes, measured
on this project's machines: 2,000 unclosed ``{{a|`` take 1.6 s and 10,000 take minutes
(its tokenizer retries each failed route); 1,000 lines of ever-deeper list markers
(``*``, ``**``, ...) take 30 s because every marker becomes a node; 4,000 unclosed
``<div>`` take 2 s.  No real article comes near these shapes (list nesting beyond a
dozen levels does not occur; MediaWiki itself caps pages at 2 MB), so we cut them down
in linear time and say so with a visible notice:

* pages longer than :data:`MAX_CHARS` are truncated at a line break;
* list prefixes longer than :data:`MAX_LIST_DEPTH` markers are shortened;
* brackets (``{{`` / ``[[`` / ``{|``) nested deeper than :data:`MAX_NESTING`, and
  unmatched brackets or HTML tags beyond the first :data:`MAX_UNCLOSED` of a kind, are
  turned into literal text (entities), so the parser does not chase them.

Everything here is pure and linear in the input size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 4_000_000
"""Longest page we parse whole (MediaWiki's own limit is 2 MB of wikitext)."""
MAX_LIST_DEPTH = 32
"""Deepest list nesting we keep."""
MAX_UNCLOSED = 20
"""Unmatched openers of one kind we let the parser see (each one makes the tokenizer
look ahead to the end of the page before it gives up, so the cost is this number times
the page length; real pages have a handful at most)."""
MAX_NESTING = 60
"""Deepest nesting of one kind of bracket we let the parser see (real pages stay under
ten; mwparserfromhell's tree builder recurses once per level)."""

_LIST_PREFIX = re.compile(rf"(?m)^([*#:;]{{{MAX_LIST_DEPTH + 1},}})")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_PAIRS = (
    ("{{", "}}", "&#123;&#123;", "&#125;&#125;"),
    ("[[", "]]", "&#91;&#91;", "&#93;&#93;"),
    ("{|", "|}", "&#123;|", "|&#125;"),
)


@dataclass(frozen=True, slots=True)
class Preflight:
    """The wikitext to parse and the notices about what was cut."""

    text: str
    notices: tuple[str, ...] = ()


def _excess(text: str, opener: str, closer: str) -> tuple[list[int], list[int], int]:
    """Which brackets of one kind to neutralise.

    Returns ``(openers, closers, unclosed)``: the positions of openers beyond
    :data:`MAX_UNCLOSED` unmatched ones or nested deeper than :data:`MAX_NESTING`, the
    positions of the closers matching the too-deep openers, and how many openers were
    never closed.
    """
    pattern = re.compile(re.escape(opener) + "|" + re.escape(closer))
    stack: list[int] = []
    deep_openers: list[int] = []
    deep_closers: list[int] = []
    for m in pattern.finditer(text):
        if m.group() == opener:
            stack.append(m.start())
        elif stack:
            start = stack.pop()
            if len(stack) >= MAX_NESTING:
                deep_openers.append(start)
                deep_closers.append(m.start())
    # Unclosed openers past the allowance (the kept ones are shallower than
    # MAX_NESTING, since MAX_UNCLOSED is smaller).
    return deep_openers + stack[MAX_UNCLOSED:], deep_closers, len(stack)


def _replace_at(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(position, width, replacement)`` edit applied (one pass)."""
    parts: list[str] = []
    last = 0
    for pos, width, replacement in sorted(edits):
        if pos < last:  # overlapping edit: the earlier one already covered it
            continue
        parts.append(text[last:pos])
        parts.append(replacement)
        last = pos + width
    parts.append(text[last:])
    return "".join(parts)


def _unmatched_tags(text: str) -> list[int]:
    """Positions of the ``<`` of HTML-like opening tags that are never closed, for tag
    names with more than :data:`MAX_UNCLOSED` of them."""
    stacks: dict[str, list[int]] = {}
    for m in _TAG.finditer(text):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if selfclosing:
            continue
        stack = stacks.setdefault(name, [])
        if closing:
            if stack:
                stack.pop()
        else:
            stack.append(m.start())
    out: list[int] = []
    for stack in stacks.values():
        if len(stack) > MAX_UNCLOSED:
            out.extend(stack[MAX_UNCLOSED:])
    return out


def preflight(wikitext: str) -> Preflight:
    """Bound ``wikitext`` so that parsing it takes time proportional to its size."""
    notices: list[str] = []
    text = wikitext
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        notices.append(
            f"This page is too large to show whole ({len(wikitext):,} characters); "
            f"only the first {len(text):,} characters are shown."
        )
    if _LIST_PREFIX.search(text):
        text = _LIST_PREFIX.sub(lambda m: m.group(1)[:MAX_LIST_DEPTH], text)
        notices.append(f"Lists nested deeper than {MAX_LIST_DEPTH} levels were flattened.")
    for opener, closer, open_text, close_text in _PAIRS:
        if text.count(opener) <= MAX_UNCLOSED:
            continue
        openers, closers, unclosed = _excess(text, opener, closer)
        if openers:
            edits = [(pos, len(opener), open_text) for pos in openers]
            edits += [(pos, len(closer), close_text) for pos in closers]
            text = _replace_at(text, edits)
            notices.append(
                f"{len(openers):,} “{opener}” nested too deeply or left unclosed "
                f"({unclosed:,} unclosed) were shown as text."
            )
    if text.count("<") > MAX_UNCLOSED:
        tags = _unmatched_tags(text)
        if tags:
            text = _replace_at(text, [(pos, 1, "&lt;") for pos in tags])
            notices.append(f"{len(tags):,} unclosed HTML tags were shown as text.")
    return Preflight(text, tuple(notices))
