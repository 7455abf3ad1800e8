"""``refview import``, ``refview index`` and ``refview search``: the library's commands.

``viewer.cli`` parses the arguments and calls ``cmd_<name>(args)``; failures are raised
as :class:`~viewer.library.LibraryError` and printed by ``viewer.cli`` as one line.
Results go to stdout, progress and warnings to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from viewer.library.library import Library
from viewer.library.progress import TerminalProgress
from viewer.library.search import MARK_END, MARK_START, highlight_spans

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def _out(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 whatever the locale says."""
    out = sys.stdout
    if hasattr(out, "buffer"):
        out.buffer.write(text.encode("utf-8"))
        out.buffer.flush()
    else:
        out.write(text)


def _progress(args: argparse.Namespace) -> TerminalProgress | None:
    return None if getattr(args, "quiet", False) else TerminalProgress()


def cmd_import(args: argparse.Namespace) -> int:
    """Import every source into the library; a summary line per source on stderr."""
    namespaces = tuple(args.namespace) if args.namespace else (0,)
    bar = _progress(args)
    with Library.open(args.library) as library:
        for source in args.sources:
            try:
                stats = library.import_source(source, namespaces=namespaces, progress=bar)
            finally:
                if bar is not None:
                    bar.finish()
            for warning in stats.warnings:
                print(f"refview: warning: {warning}", file=sys.stderr)
            print(stats.summary(), file=sys.stderr)
        pending = library.unindexed()
        if pending:
            print(f"{pending:,} pages are not in the full-text index yet; "
                  "run 'refview index' to add them", file=sys.stderr)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    """Build the full-text index for pages not yet indexed (resumable)."""
    bar = _progress(args)
    with Library.open(args.library) as library:
        try:
            stats = library.index(progress=bar)
        finally:
            if bar is not None:
                bar.finish()
        for warning in stats.warnings[:20]:
            print(f"refview: warning: {warning}", file=sys.stderr)
        print(stats.summary(), file=sys.stderr)
    return 0


def _plain(snippet: str, *, ansi: bool) -> str:
    if not ansi:
        return snippet.replace(MARK_START, "").replace(MARK_END, "")
    return "".join(f"{BOLD}{text}{RESET}" if marked else text
                   for text, marked in highlight_spans(snippet))


def _json_snippet(snippet: str) -> dict[str, Any]:
    """A snippet as plain text plus ``[start, end)`` character ranges of the matches."""
    text, ranges, pos = [], [], 0
    for part, marked in highlight_spans(snippet):
        if marked:
            ranges.append([pos, pos + len(part)])
        text.append(part)
        pos += len(part)
    return {"snippet": "".join(text), "highlights": ranges}


def cmd_search(args: argparse.Namespace) -> int:
    """Print title and/or full-text matches (readable lines, or JSON with ``--json``)."""
    want_titles = not args.text
    want_text = not args.titles
    with Library.open(args.library, readonly=args.library is not None) as library:
        titles = library.search_titles(args.query, args.limit) if want_titles else []
        texts = library.search_text(args.query, args.limit) if want_text else []
    if args.json:
        result: dict[str, Any] = {}
        if want_titles:
            result["titles"] = [{"title": h.title, "redirect_to": h.redirect_to,
                                 "match": h.match, "score": h.score} for h in titles]
        if want_text:
            result["text"] = [{"title": h.title, **_json_snippet(h.snippet),
                               "score": round(h.score, 6)} for h in texts]
        _out(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    ansi = bool(getattr(sys.stdout, "isatty", lambda: False)())
    lines: list[str] = []
    if want_titles:
        if want_text:
            lines.append("Titles:")
        for hit in titles:
            arrow = f" → {hit.redirect_to}" if hit.redirect_to else ""
            lines.append(("  " if want_text else "") + hit.title + arrow)
        if not titles:
            lines.append(("  " if want_text else "") + "(no matching title)")
    if want_text:
        if want_titles:
            lines.append("Full text:")
        for text_hit in texts:
            lines.append(("  " if want_titles else "") + text_hit.title)
            lines.append(("      " if want_titles else "    ")
                         + _plain(text_hit.snippet, ansi=ansi))
        if not texts:
            lines.append(("  " if want_titles else "") + "(no article contains these words)")
    _out("\n".join(lines) + "\n")
    return 0
