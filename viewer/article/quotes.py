"""MediaWiki's bold/italic rules (``doQuotes``), applied to one line of inline pieces.

mwparserfromhell's own handling of ``''``/``'''`` lets one unbalanced quote swallow the
rest of a page, so the parser tokenizes with ``skip_style_tags=True`` and resolves the
apostrophes here, line by line, exactly as MediaWiki's ``Parser::doQuotes`` does:

* runs of 2 apostrophes toggle italic, 3 bold, 5 both; a run of 4 is an apostrophe plus
  bold, a run of more than 5 is apostrophes plus both;
* when both the bold and the italic counts are odd, one bold run is reinterpreted as an
  apostrophe plus italic (preferring a run after a single-letter word, then one after a
  multi-letter word, then one after a space);
* everything still open is closed at the end of the line.

A *piece* is either a ``str`` (raw text in which apostrophe runs are markup) or an already
built inline node (a link, a reference marker, literal text...) that quotes step around.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from viewer.article.model import Inline, Style, Text

__all__ = ["Piece", "apply_quotes", "merge_text"]

Piece = str | Inline
"""Input of :func:`apply_quotes`: raw text (``str``) or an inline node."""

_RUN = re.compile(r"('{2,})")

_Event = tuple[Literal["open", "close"], Literal["b", "i"]]


def merge_text(nodes: Sequence[Inline | str]) -> list[Inline]:
    """Turn raw strings into ``Text`` and join adjacent ``Text`` nodes; drop empty ones."""
    out: list[Inline] = []
    buf: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            buf.append(node)
        elif type(node) is Text:
            buf.append(node.text)
        else:
            if buf:
                joined = "".join(buf)
                if joined:
                    out.append(Text(joined))
                buf = []
            out.append(node)
    if buf:
        joined = "".join(buf)
        if joined:
            out.append(Text(joined))
    return out


def _tail(segment: list[Piece], count: int) -> str:
    """The last ``count`` characters of a segment's text (a node counts as letters)."""
    chars = ""
    for piece in reversed(segment):
        if isinstance(piece, str):
            chars = piece + chars
        elif type(piece) is Text:
            chars = piece.text + chars
        else:
            chars = "x" + chars
        if len(chars) >= count:
            break
    return chars[-count:]


def apply_quotes(pieces: Sequence[Piece]) -> list[Inline]:
    """Resolve the apostrophe runs of one line into nested ``Style('b'/'i')`` nodes."""
    if not any(isinstance(p, str) and "''" in p for p in pieces):
        return merge_text(pieces)

    # Split into text segments separated by apostrophe runs (MediaWiki's ``$arr``).
    segments: list[list[Piece]] = [[]]
    runs: list[int] = []
    for piece in pieces:
        if isinstance(piece, str) and "''" in piece:
            parts = _RUN.split(piece)
            if parts[0]:
                segments[-1].append(parts[0])
            for k in range(1, len(parts), 2):
                runs.append(len(parts[k]))
                segments.append([parts[k + 1]] if parts[k + 1] else [])
        else:
            segments[-1].append(piece)

    bold = italics = 0
    for i, length in enumerate(runs):
        if length == 4:
            segments[i].append("'")
            length = 3
        elif length > 5:
            segments[i].append("'" * (length - 5))
            length = 5
        runs[i] = length
        if length == 2:
            italics += 1
        elif length == 3:
            bold += 1
        else:
            italics += 1
            bold += 1

    if bold % 2 == 1 and italics % 2 == 1:
        single = multi = space = -1
        for i, length in enumerate(runs):
            if length != 3:
                continue
            tail = _tail(segments[i], 2)
            x1 = tail[-1:] if tail else ""
            x2 = tail[-2:-1] if len(tail) >= 2 else ""
            if x1 == " ":
                if space == -1:
                    space = i
            elif x2 == " ":
                single = i
                break
            elif multi == -1:
                multi = i
        chosen = single if single > -1 else multi if multi > -1 else space
        if chosen > -1:
            runs[chosen] = 2
            segments[chosen].append("'")

    # Convert to open/close events, following MediaWiki's state machine literally.
    events: list[_Event | Piece] = []
    buffer: list[Piece] = []
    state = ""

    def emit(*items: _Event | Piece) -> None:
        events.extend(items)

    for i, segment in enumerate(segments):
        if state == "both":
            buffer.extend(segment)
        else:
            events.extend(segment)
        if i >= len(runs):
            break
        length = runs[i]
        if length == 2:
            if state == "i":
                emit(("close", "i"))
                state = ""
            elif state == "bi":
                emit(("close", "i"))
                state = "b"
            elif state == "ib":
                emit(("close", "b"), ("close", "i"), ("open", "b"))
                state = "b"
            elif state == "both":
                emit(("open", "b"), ("open", "i"), *buffer, ("close", "i"))
                buffer = []
                state = "b"
            else:
                emit(("open", "i"))
                state += "i"
        elif length == 3:
            if state == "b":
                emit(("close", "b"))
                state = ""
            elif state == "bi":
                emit(("close", "i"), ("close", "b"), ("open", "i"))
                state = "i"
            elif state == "ib":
                emit(("close", "b"))
                state = "i"
            elif state == "both":
                emit(("open", "i"), ("open", "b"), *buffer, ("close", "b"))
                buffer = []
                state = "i"
            else:
                emit(("open", "b"))
                state += "b"
        else:  # 5
            if state == "b":
                emit(("close", "b"), ("open", "i"))
                state = "i"
            elif state == "i":
                emit(("close", "i"), ("open", "b"))
                state = "b"
            elif state == "bi":
                emit(("close", "i"), ("close", "b"))
                state = ""
            elif state == "ib":
                emit(("close", "b"), ("close", "i"))
                state = ""
            elif state == "both":
                emit(("open", "i"), ("open", "b"), *buffer, ("close", "b"), ("close", "i"))
                buffer = []
                state = ""
            else:
                buffer = []
                state = "both"

    if state in ("b", "ib"):
        emit(("close", "b"))
    if state in ("i", "bi", "ib"):
        emit(("close", "i"))
    if state == "bi":
        emit(("close", "b"))
    if state == "both" and buffer:
        emit(("open", "b"), ("open", "i"), *buffer, ("close", "i"), ("close", "b"))

    return _build(events)


def _build(events: list[_Event | Piece]) -> list[Inline]:
    """Nest a well-formed open/close event stream into ``Style`` nodes."""
    stack: list[tuple[Literal["b", "i"] | None, list[Inline | str]]] = [(None, [])]
    for event in events:
        if isinstance(event, tuple):
            kind, tag = event
            if kind == "open":
                stack.append((tag, []))
            elif len(stack) > 1:
                opened, children = stack.pop()
                merged = merge_text(children)
                if merged and opened is not None:
                    stack[-1][1].append(Style(opened, tuple(merged)))
        else:
            stack[-1][1].append(event)
    while len(stack) > 1:  # defensive: the state machine always closes what it opens
        opened, children = stack.pop()
        merged = merge_text(children)
        if merged and opened is not None:
            stack[-1][1].append(Style(opened, tuple(merged)))
    return merge_text(stack[0][1])
