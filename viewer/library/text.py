"""Plain text for the full-text index: ``to_text(parse_article(wikitext, title))``.

Indexing must never stop an import: if the article pipeline fails on a page (a bug, a
pathological page), the page is indexed from ``mwparserfromhell``'s ``strip_code()``
instead, and if even that fails, from its raw wikitext.  :func:`render_batch` is the unit
of work sent to the worker processes of a parallel import (it must stay a top-level,
picklable function).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_INDEXED_CHARS = 2_000_000
"""Text beyond this many characters of one page is not indexed (keeps pathological pages
from dominating an import)."""

_MARKER = re.compile(r"\[(?:[A-Za-z][\w-]* )?(?:\d+|[a-z]{1,2}|[A-Z])\]")
"""A reference marker as the article's plain text shows it (``[3]``, ``[note 1]``,
``[a]``: ``marker_label`` in brackets).  Markers are noise in search snippets and
match nothing a reader types, so the index leaves them out."""

_pipeline: Callable[[str, str], str] | None = None
_pipeline_checked = False


def _article_pipeline() -> Callable[[str, str], str] | None:
    """``lambda wikitext, title: to_text(parse_article(wikitext, title))`` when available."""
    global _pipeline, _pipeline_checked
    if not _pipeline_checked:
        _pipeline_checked = True
        try:
            from viewer.article import parse_article, to_text
        except ImportError:  # the pipeline is not installed in this build
            log.warning("article pipeline unavailable; indexing stripped wikitext")
            _pipeline = None
        else:
            def run(wikitext: str, title: str) -> str:
                return _index_text(to_text(parse_article(wikitext, title)), title)

            _pipeline = run
    return _pipeline


def _index_text(text: str, title: str) -> str:
    """``to_text``'s output made fit for the index: without the title line it starts
    with (the title has its own, weighted column; repeated here it only opened every
    snippet of a lead match with it) and without reference markers."""
    first, sep, rest = text.partition("\n")
    if sep and " ".join(first.split()) == " ".join(title.split()):
        text = rest.lstrip("\n")
    return _MARKER.sub("", text)


def _stripped(wikitext: str) -> str:
    try:
        import mwparserfromhell

        return str(mwparserfromhell.parse(wikitext).strip_code())
    except Exception:  # the raw text is a usable last resort
        return wikitext


def plain_text(wikitext: str, title: str) -> str:
    """The article's plain text for the index (never raises)."""
    wikitext = wikitext[:MAX_INDEXED_CHARS]
    pipeline = _article_pipeline()
    if pipeline is not None:
        try:
            return pipeline(wikitext, title)
        except Exception:  # one bad page must not stop an import
            log.warning("could not render %r for the index; using stripped text", title)
    return _stripped(wikitext)


def render_batch(items: list[tuple[str, str]]) -> list[str]:
    """Plain text of each ``(title, wikitext)`` pair (runs in worker processes)."""
    return [plain_text(wikitext, title) for title, wikitext in items]
