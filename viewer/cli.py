"""The ``refview`` command: the GUI by default, sub-commands for headless work.

    refview [FILE...] [--screenshot OUT.png] [--library PATH]   the reader
    refview render FILE|- [--title T] [--format html|text|json]
    refview cite FILE|- [--format bibtex|ris]
    refview import SOURCE... [--library PATH]
    refview index [--library PATH]
    refview search QUERY [--library PATH] [--titles|--text] [--json]
    refview open TITLE [--library PATH]

This module only parses arguments and hands over; the work lives in ``viewer.article``,
``viewer.library`` and ``viewer.ui``.  Heavy imports (Qt, the parser) happen inside the
command that needs them so that ``refview --version`` and the CLI stay quick.

Errors the user can fix (missing file, unreadable input...) are raised as
:class:`viewer.errors.UserError` and printed as one line on stderr with exit code 1;
argument errors exit with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from viewer.errors import UserError
from viewer.notices import VersionAction

COMMANDS = ("render", "cite", "import", "index", "search", "open")


def _write(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 whatever the locale says."""
    out = sys.stdout
    if hasattr(out, "buffer"):
        out.buffer.write(text.encode("utf-8"))
        out.buffer.flush()
    else:  # a test's StringIO
        out.write(text)


def _read_input(source: str) -> tuple[str, str]:
    """Read wikitext from a path or ``-``; return ``(text, default title)``."""
    from viewer.textio import decode_wikitext, read_wikitext_file

    if source == "-":
        return decode_wikitext(sys.stdin.buffer.read(), "standard input"), "Untitled"
    path = Path(source)
    return read_wikitext_file(path), path.stem.replace("_", " ")


def _cmd_render(args: argparse.Namespace) -> int:
    text, default_title = _read_input(args.file)
    from viewer.article import parse_article, to_html, to_json, to_text

    article = parse_article(text, args.title or default_title)
    if args.format == "html":
        _write(to_html(article))
    elif args.format == "text":
        _write(to_text(article))
    else:
        _write(json.dumps(to_json(article), ensure_ascii=False, indent=2) + "\n")
    return 0


def _cmd_cite(args: argparse.Namespace) -> int:
    text, default_title = _read_input(args.file)
    from viewer.article import parse_article, to_bibtex, to_ris

    article = parse_article(text, args.title or default_title)
    _write(to_bibtex(article) if args.format == "bibtex" else to_ris(article))
    return 0


def _library_command(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import viewer.library.cli as library_cli

        handler: Callable[[argparse.Namespace], int] = getattr(library_cli, f"cmd_{name}")
        return handler(args)

    return run


def _cmd_open(args: argparse.Namespace) -> int:
    from viewer.app import run_gui

    return run_gui(files=[], library=args.library, open_titles=[args.title])


def _add_library_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--library", metavar="PATH", type=Path, default=None,
                   help="library file to use (default: the one in your data folder)")


def build_command_parser() -> argparse.ArgumentParser:
    """The parser for the headless sub-commands."""
    parser = argparse.ArgumentParser(prog="refview", description="RefView sub-commands")
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("render", help="render an article as HTML, plain text or JSON")
    p.add_argument("file", metavar="FILE|-", help="a wikitext file, or - for standard input")
    p.add_argument("--title", help="article title (default: the file name)")
    p.add_argument("--format", choices=("html", "text", "json"), default="html")
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser("cite", help="export an article's citations as BibTeX or RIS")
    p.add_argument("file", metavar="FILE|-", help="a wikitext file, or - for standard input")
    p.add_argument("--title", help="article title (default: the file name)")
    p.add_argument("--format", choices=("bibtex", "ris"), default="bibtex")
    p.set_defaults(func=_cmd_cite)

    p = sub.add_parser("import", help="import files, folders or XML dumps into a library")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--namespace", type=int, action="append", default=None,
                   help="namespace number to import from dumps (repeatable; default 0)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_library_option(p)
    p.set_defaults(func=_library_command("import"))

    p = sub.add_parser("index", help="build the full-text index (resumable)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_library_option(p)
    p.set_defaults(func=_library_command("index"))

    p = sub.add_parser("search", help="search the library")
    p.add_argument("query")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--titles", action="store_true", help="search titles only")
    kind.add_argument("--text", action="store_true", help="search full text only")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--limit", type=int, default=20)
    _add_library_option(p)
    p.set_defaults(func=_library_command("search"))

    p = sub.add_parser("open", help="open an article of the library in the reader")
    p.add_argument("title")
    _add_library_option(p)
    p.set_defaults(func=_cmd_open)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The parser for ``refview [FILE...]`` (the reader)."""
    parser = argparse.ArgumentParser(
        prog="refview",
        description="RefView, an offline reader for MediaWiki articles. "
        f"Sub-commands: {', '.join(COMMANDS)} (refview COMMAND --help).",
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument("files", nargs="*", metavar="FILE", type=Path,
                        help="wikitext files to open, one tab each (default: the sample)")
    parser.add_argument("--screenshot", metavar="OUT.png", type=Path,
                        help="render the window at 1280x800 offscreen, save it, exit")
    parser.add_argument("--fresh", action="store_true",
                        help="do not restore the previous session")
    _add_library_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``refview`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            args = build_command_parser().parse_args(args_list)
            result: int = args.func(args)
            return result
        gui_args = build_gui_parser().parse_args(args_list)
        from viewer.app import run_gui

        return run_gui(
            files=gui_args.files,
            library=gui_args.library,
            screenshot=gui_args.screenshot,
            fresh=gui_args.fresh,
        )
    except UserError as exc:
        print(f"refview: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("refview: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
