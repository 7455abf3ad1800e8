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

MediaWiki resolves quotes *before* it makes links, so bold or italic may start inside a
link's text and end after it (``[[A|''x]] y''``).  For such a link the parser passes a
:class:`Wrap` piece, the link text's own pieces and :data:`WRAP_END`; the styles and the
wrapper are then nested the way an HTML parser repairs the misnested tags MediaWiki
writes (an element closed across another one closes it and reopens it after):
``[[A|''x]] y''`` gives a link holding italic *x*, then italic *y*.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from viewer.article.model import Inline, Style, Text

__all__ = ["WRAP_END", "Piece", "Wrap", "WrapEnd", "apply_quotes", "merge_text"]


@dataclass(frozen=True, slots=True, eq=False)
class Wrap:
    """Opens a wrapper (a link) around the pieces up to the next :data:`WRAP_END`.

    ``build`` turns the wrapper's resolved content into the final nodes (the link, and
    whatever the caller moves after it); it runs once per fragment when a style closes
    across the wrapper and splits it."""

    build: Callable[[list[Inline]], list[Inline]]


@dataclass(frozen=True, slots=True)
class WrapEnd:
    """Closes the innermost open :class:`Wrap`."""


WRAP_END = WrapEnd()

Piece = str | Inline | Wrap | WrapEnd
"""Input of :func:`apply_quotes`: raw text (``str``), an inline node, or a wrapper
boundary."""

_RUN = re.compile(r"('{2,})")

_Event = tuple[Literal["open", "close"], Literal["b", "i"]]


def merge_text(nodes: Sequence[Piece]) -> list[Inline]:
    """Turn raw strings into ``Text`` and join adjacent ``Text`` nodes; drop empty ones."""
    out: list[Inline] = []
    buf: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            buf.append(node)
        elif type(node) is Text:
            buf.append(node.text)
        elif isinstance(node, (Wrap, WrapEnd)):
            continue  # only met when there are no quotes to resolve: see apply_quotes
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
        elif type(piece) is Wrap:
            chars = "|" + chars  # MediaWiki sees "[[Target|"
        elif type(piece) is WrapEnd:
            chars = "]" + chars
        else:
            chars = "x" + chars
        if len(chars) >= count:
            break
    return chars[-count:]


def apply_quotes(pieces: Sequence[Piece]) -> list[Inline]:
    """Resolve the apostrophe runs of one line into nested ``Style('b'/'i')`` nodes."""
    for p in pieces:  # a plain loop: this runs for every line and link text
        if isinstance(p, str) and "''" in p:
            break
    else:
        if any(isinstance(p, Wrap) for p in pieces):
            return _build(list(pieces))
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


_Open = Literal["b", "i"] | Wrap | None


def _close_top(stack: list[tuple[_Open, list[Piece]]]) -> _Open:
    """Finish the innermost open element into its parent; return what it was."""
    opened, children = stack.pop()
    merged = merge_text(children)
    if not merged or opened is None:
        return opened
    if isinstance(opened, Wrap):
        stack[-1][1].extend(opened.build(merged))
    else:
        stack[-1][1].append(Style(opened, tuple(merged)))
    return opened


def _close(stack: list[tuple[_Open, list[Piece]]], tag: Literal["b", "i"] | None) -> None:
    """Close the innermost open style ``tag`` (``None``: the innermost wrapper); elements
    opened inside it are closed with it and reopened after it (how HTML parsers repair
    misnesting)."""
    for depth in range(len(stack) - 1, 0, -1):
        opened = stack[depth][0]
        if opened == tag if tag is not None else isinstance(opened, Wrap):
            break
    else:
        return
    reopen: list[_Open] = []
    while len(stack) > depth + 1:
        reopen.append(_close_top(stack))
    _close_top(stack)
    for opened in reversed(reopen):
        stack.append((opened, []))


def _build(events: list[_Event | Piece]) -> list[Inline]:
    """Nest an open/close event stream (with any wrapper boundaries) into nodes."""
    stack: list[tuple[_Open, list[Piece]]] = [(None, [])]
    for event in events:
        if isinstance(event, tuple):
            kind, tag = event
            if kind == "open":
                stack.append((tag, []))
            elif stack[-1][0] == tag:
                _close_top(stack)
            else:
                _close(stack, tag)
        elif isinstance(event, Wrap):
            stack.append((event, []))
        elif isinstance(event, WrapEnd):
            _close(stack, None)
        else:
            stack[-1][1].append(event)
    while len(stack) > 1:  # the state machine closes its styles; a wrapper may be open
        _close_top(stack)
    return merge_text(stack[0][1])
