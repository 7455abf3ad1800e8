"""The library: import folders and MediaWiki dumps into one SQLite file, search it.

Pure Python + ``sqlite3``; no Qt, no HTML.  Public API::

    with Library.open(path) as library:          # None: the default library
        library.import_source(Path("dump.xml.bz2"), progress=print)
        library.search_titles("lenal")            # -> [TitleHit]
        library.search_text("thalidomide analog") # -> [TextHit] (snippets marked \\x02..\\x03)
        library.article("Revlimid#Uses")          # -> ArticleRecord (redirects followed)

See ``docs/library.md`` for the storage format and the search behaviour.
"""

from __future__ import annotations

from viewer.library.library import (
    ArticleRecord,
    ImportProgress,
    ImportStats,
    Library,
    default_library_path,
)
from viewer.library.search import MARK_END, MARK_START, TextHit, TitleHit, highlight_spans
from viewer.library.store import LibraryError

__all__ = [
    "MARK_END",
    "MARK_START",
    "ArticleRecord",
    "ImportProgress",
    "ImportStats",
    "Library",
    "LibraryError",
    "TextHit",
    "TitleHit",
    "default_library_path",
    "highlight_spans",
]
