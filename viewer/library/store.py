"""The library file: one SQLite database per library, its schema and its safety checks.

What is stored (schema version :data:`SCHEMA_VERSION`)::

    meta(key, value)                  library-wide facts (creation time, ...)
    sources(id, path, kind)           dumps read in place (multistream) and their files
    pages(id, title, fold, namespace, revision, digest, wikitext, source_id,
          stream_offset, source_page_id, is_redirect, indexed, in_tri)
                                      one row per title; ``wikitext`` is zlib-compressed
                                      UTF-8, or NULL with a pointer (``source_id`` +
                                      ``stream_offset``) into a multistream dump;
                                      ``indexed``: its text is in text_fts; ``in_tri``:
                                      its title is in title_tri (a multistream import
                                      defers both to ``Library.index``)
    redirects(page_id, target, section)
    text_fts  FTS5(title, body)       plain text of each article (porter, unicode61,
                                      diacritics removed), rowid = pages.id
    title_tri FTS5(fold)              trigram index over folded titles (fuzzy/substring),
                                      external content = pages, kept in sync by triggers
                                      for rows with in_tri = 1

Safety: the file is identified by ``PRAGMA application_id`` and its version by
``PRAGMA user_version``; a file that is not SQLite, is another program's database or
was written by a newer RefView is refused with a one-line :class:`LibraryError` and is
never written to.  SQLite errors (locked, read-only, disk full, damaged) are translated
into one-line messages by :func:`translate_errors`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from viewer.errors import UserError

APPLICATION_ID = 0x52665677  # "RfVw"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 3.0
"""How long a write waits for another process holding the library (tests lower it)."""


class LibraryError(UserError):
    """A library failure the user can understand (one line, no traceback)."""


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL
);
CREATE TABLE pages(
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL UNIQUE,
    fold TEXT NOT NULL,
    namespace INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 0,
    digest BLOB,
    wikitext BLOB,
    source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    stream_offset INTEGER,
    source_page_id INTEGER,
    is_redirect INTEGER NOT NULL DEFAULT 0,
    indexed INTEGER NOT NULL DEFAULT 0,
    in_tri INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX pages_fold ON pages(fold);
CREATE INDEX pages_unindexed ON pages(indexed) WHERE indexed = 0;
CREATE INDEX pages_not_in_tri ON pages(in_tri) WHERE in_tri = 0;
CREATE TABLE redirects(
    page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    section TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE text_fts USING fts5(
    title, body, tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO text_fts(text_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
CREATE VIRTUAL TABLE title_tri USING fts5(
    fold, content = 'pages', content_rowid = 'id', tokenize = 'trigram'
);
CREATE VIRTUAL TABLE title_tri_vocab USING fts5vocab(title_tri, 'row');
CREATE TRIGGER pages_ai AFTER INSERT ON pages WHEN new.in_tri = 1 BEGIN
    INSERT INTO title_tri(rowid, fold) VALUES (new.id, new.fold);
END;
CREATE TRIGGER pages_ad_tri AFTER DELETE ON pages WHEN old.in_tri = 1 BEGIN
    INSERT INTO title_tri(title_tri, rowid, fold) VALUES ('delete', old.id, old.fold);
END;
CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
    DELETE FROM text_fts WHERE rowid = old.id;
END;
"""


def _message_for(exc: sqlite3.Error, path: Path) -> str:
    """A one-line explanation of the SQLite error ``exc`` on the library ``path``."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (f"{path}: the library is in use by another program (locked); "
                "close it and try again")
    if "readonly" in text or "read-only" in text:
        return f"{path}: the library is read-only (no permission to write it or its folder)"
    if "full" in text:
        return f"{path}: the disk is full; the library was left as it was before this batch"
    if any(word in text for word in ("malformed", "not a database", "corrupt",
                                     "could not decode")):
        return (f"{path}: the library file is damaged; it was left untouched — "
                "move it away or use --library to choose another file")
    if "unable to open" in text:
        return f"{path}: cannot open or create the library file (missing folder or no permission)"
    detail = " ".join(str(exc).split())[:160]  # one line, and no page text at length
    if "disk i/o" in text:
        return f"{path}: a disk error occurred while using the library ({detail})"
    return f"{path}: library error: {detail}"


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn :class:`sqlite3.Error` raised inside the block into a :class:`LibraryError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise LibraryError(_message_for(exc, path)) from None


def connect(path: Path, *, readonly: bool) -> tuple[sqlite3.Connection, bool]:
    """Open (and if needed create) the library file ``path``.

    Returns the connection and whether the library is read-only (asked for, or the file
    cannot be written).  Raises :class:`LibraryError` for anything that is not a usable
    RefView library, before writing a single byte to it.
    """
    exists = path.exists()
    if exists and path.is_dir():
        raise LibraryError(f"{path}: is a folder, not a library file")
    if not exists:
        if readonly:
            raise LibraryError(f"{path}: no library there yet (import something first: "
                               "refview import SOURCE --library PATH)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"{path}: cannot create the library's folder "
                               f"({os.strerror(exc.errno or 0) or exc})") from None
    if exists:
        _check_header(path)
        if not readonly and not os.access(path, os.W_OK):
            readonly = True
    uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "?mode=rwc")
    with translate_errors(path):
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S,
                               isolation_level=None, check_same_thread=False)
    try:
        with translate_errors(path):
            _check_schema(conn, path, readonly=readonly, new=not exists or _is_empty(conn))
            conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn, readonly


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite at all (without opening it through SQLite)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except PermissionError:
        raise LibraryError(f"{path}: permission denied") from None
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({os.strerror(exc.errno or 0)})") from None
    if head and not head.startswith(b"SQLite format 3\x00"):
        raise LibraryError(f"{path}: not a RefView library (the file is damaged or is another "
                           "kind of file); it was left untouched")


def _is_empty(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return bool(row[0] == 0)


def _check_schema(conn: sqlite3.Connection, path: Path, *, readonly: bool, new: bool) -> None:
    """Create the schema in a new file, or check that an existing one is ours and current."""
    if new:
        if readonly:
            raise LibraryError(f"{path}: the library is empty and read-only")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        script = (
            "BEGIN IMMEDIATE;" + _SCHEMA
            + f"PRAGMA application_id = {APPLICATION_ID};"
            + f"PRAGMA user_version = {SCHEMA_VERSION};"
            + f"INSERT INTO meta VALUES ('created', '{time.time()}');"
            + "COMMIT;"
        )
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        _tune(conn)
        return
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise LibraryError(f"{path}: this SQLite file belongs to another program, not RefView; "
                           "it was left untouched")
    if version > SCHEMA_VERSION:
        raise LibraryError(f"{path}: made by a newer RefView (library format {version}; this "
                           f"version reads up to {SCHEMA_VERSION}); update RefView")
    if version < 1:
        raise LibraryError(f"{path}: the library was never finished being created; "
                           "move it away and import again")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    _tune(conn)


def _tune(conn: sqlite3.Connection) -> None:
    """A larger page cache: bulk imports insert titles in random order into two B-trees
    (title, folded title), and searches revisit the same index pages."""
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``), rolled back on error."""
    with translate_errors(path):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
