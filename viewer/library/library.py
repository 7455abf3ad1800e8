"""The :class:`Library`: one SQLite library file, importing into it and reading from it.

A ``Library`` object belongs to the thread that opened it; a second thread opens its own
(``Library.open(path, readonly=True)``), which WAL mode lets read while the first writes.

Import pipeline (:meth:`Library.import_source`): the main thread streams pages out of the
source, drops the ones already stored with the same text (idempotent by title and
content digest, so a re-import adds nothing), sends batches to worker processes that
render each article's plain text for the index, and writes every finished batch —
pages, redirects and full-text rows together — in one transaction.  Whatever kills the
import, the library holds whole batches only, and the next run completes it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import platformdirs

from viewer.library import search as _search
from viewer.library.search import TextHit, TitleHit, clean_query
from viewer.library.sources import (
    DumpError,
    DumpReader,
    IndexReader,
    SourcePage,
    SourceSpec,
    expand_source,
    fold,
    normalise_title,
    parse_redirect,
    read_namespaces,
    read_stream_pages,
    read_wikitext_page,
    split_fragment,
)
from viewer.library.store import LibraryError, connect, transaction, translate_errors
from viewer.library.text import render_batch

BATCH_PAGES = 200
"""Pages per transaction (and per unit of work sent to a worker process)."""
BATCH_BYTES = 8 << 20
"""A batch is also closed when its wikitext reaches this many bytes."""
INDEX_BATCH = 20000
"""Titles per transaction when reading a multistream index."""
TITLE_BATCH = 20000
"""Titles per transaction when :meth:`Library.index` fills the trigram title index."""
MAX_REDIRECT_HOPS = 8
ZLIB_LEVEL = 4

Callback = Callable[["ImportProgress"], None]
CancelCheck = Callable[[], bool]


def default_library_path() -> Path:
    """The default library: ``<user data dir>/refview/library.sqlite3``."""
    return Path(platformdirs.user_data_dir("refview", appauthor=False)) / "library.sqlite3"


def default_workers() -> int:
    """Worker processes for rendering index text: one per core, none on one core."""
    if getattr(sys, "frozen", False):
        return 0  # a frozen app would need multiprocessing.freeze_support() wiring
    cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article read from the library.

    Attributes:
        title: the article's title after following redirects.
        wikitext: its wikitext.
        requested_title: what was asked for (may be a redirect, may hold ``#Section``).
        section: the section to scroll to: from ``Title#Section`` in the request or from
            the redirect (``#REDIRECT [[Foo#Bar]]``); empty when none.
    """

    title: str
    wikitext: str
    requested_title: str
    section: str = ""


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import (or indexing run) stands, for progress bars.

    Attributes:
        source: what is being imported (as the user named it).
        pages: pages read so far.
        done: work done in ``unit`` (bytes of the source, or pages when indexing).
        total: the total in ``unit`` (0 when unknown).
        elapsed: seconds since the start.
        unit: ``"bytes"`` or ``"pages"``.
    """

    source: str
    pages: int
    done: int
    total: int
    elapsed: float
    unit: str = "bytes"

    @property
    def rate(self) -> float:
        """Pages per second so far."""
        return self.pages / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def fraction(self) -> float | None:
        """Share of the work done (0..1), or None when the total is unknown."""
        if self.total <= 0:
            return None
        return min(1.0, self.done / self.total)

    @property
    def eta(self) -> float | None:
        """Seconds left, estimated from the rate so far (None when unknown)."""
        fraction = self.fraction
        if fraction is None or fraction <= 0 or self.elapsed <= 0:
            return None
        return self.elapsed * (1 - fraction) / fraction


@dataclass(frozen=True, slots=True)
class ImportStats:
    """What an import (or an indexing run) did.

    Attributes:
        source: what was imported.
        added: new pages stored.
        updated: pages whose text changed and were replaced.
        unchanged: pages already stored with the same text (skipped).
        redirects: how many of the added/updated pages are redirects.
        skipped: pages outside the requested namespaces.
        indexed: pages whose text went into the full-text index.
        warnings: one-line messages about files or pages that were skipped.
        cancelled: whether the user stopped it (what was done is kept).
        elapsed: seconds.
    """

    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    redirects: int = 0
    skipped: int = 0
    indexed: int = 0
    warnings: tuple[str, ...] = ()
    cancelled: bool = False
    elapsed: float = 0.0

    def summary(self) -> str:
        """One line for the user."""
        parts = [f"{self.added} added", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.redirects:
            parts.append(f"{self.redirects} redirects")
        if self.skipped:
            parts.append(f"{self.skipped} in other namespaces skipped")
        if self.indexed:
            parts.append(f"{self.indexed} indexed")
        text = f"{self.source}: " + ", ".join(parts) + f" in {self.elapsed:.1f} s"
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass(slots=True)
class _Counts:
    """Mutable tallies while an import runs (frozen into :class:`ImportStats` at the end)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    redirects: int = 0
    skipped: int = 0
    indexed: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False

    def freeze(self, source: str, started: float) -> ImportStats:
        return ImportStats(source, self.added, self.updated, self.unchanged, self.redirects,
                           self.skipped, self.indexed, tuple(self.warnings), self.cancelled,
                           time.monotonic() - started)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), ZLIB_LEVEL)


def _decompress(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def _worker_init() -> None:
    """Worker processes leave Ctrl+C to the main process (which stops the import)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Joined:
    """The texts of one batch, rendered in one or several chunks."""

    def __init__(self, parts: list[Future[list[str]]], done: list[str] | None = None) -> None:
        self._parts = parts
        self._done = done

    def result(self) -> list[str]:
        if self._done is None:
            self._done = [text for part in self._parts for text in part.result()]
        return self._done


class _Renderer:
    """Renders index text for batches, in worker processes when it pays off.

    The pool is started lazily, by the first *full* batch, so that importing a handful
    of files or a small dump never pays for starting processes.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, items: list[tuple[str, str]], *, full: bool = True) -> _Joined:
        if self.workers > 0 and full and self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init)
        if self._pool is not None:
            # One chunk per worker, so that both cores share every batch.
            size = max(1, -(-len(items) // self.workers))
            parts = [self._pool.submit(render_batch, items[i:i + size])
                     for i in range(0, len(items), size)]
            return _Joined(parts)
        return _Joined([], render_batch(items))

    @property
    def in_flight_limit(self) -> int:
        return self.workers + 1 if self._pool is not None else 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@dataclass(slots=True)
class _PendingBatch:
    pages: list[SourcePage]
    existing: dict[str, tuple[int, bytes | None]]
    digests: list[bytes]
    future: _Joined | None
    render_positions: list[int]


class Library:
    """One library file.

    Meant for the thread that opened it; sharing it with a second thread is safe
    (SQLite serialises the connection) but that thread waits for the first, so long
    readers (the search popup's full-text queries) open their own.

    Attributes:
        path: the SQLite file.
        readonly: whether this object may write (asked for, or the file is read-only).
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self._conn = conn
        self._streams: OrderedDict[tuple[int, int], dict[int, SourcePage]] = OrderedDict()
        self._source_paths: dict[int, Path] = {}
        self._cache_lock = threading.Lock()
        self._trigram_counts = _search.TrigramCounts()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path | None = None, *, readonly: bool = False) -> Library:
        """Open the library at ``path`` (None: the default one), creating it if needed.

        The first time the *default* library is created, the bundled sample article is
        imported into it.  Raises :class:`LibraryError` for a damaged, foreign, newer,
        locked or unreachable file (which is never modified).
        """
        is_default = path is None
        path = Path(path) if path is not None else default_library_path()
        fresh = not path.exists() or (path.is_file() and path.stat().st_size == 0)
        if fresh and is_default:
            readonly = False
        conn, readonly = connect(path, readonly=readonly)
        library = cls(path, conn, readonly)
        if fresh and is_default:
            try:
                library._import_sample()
            except BaseException:
                library.close()
                raise
        return library

    def _import_sample(self) -> None:
        from viewer.resources import SAMPLE_ARTICLE, resource_path

        try:
            sample = resource_path(SAMPLE_ARTICLE)
        except (FileNotFoundError, ValueError):
            return
        if sample.is_file():
            self.import_source(sample, workers=0)

    def close(self) -> None:
        """Close the database connection (the object is unusable afterwards)."""
        self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _require_writable(self) -> None:
        if self.readonly:
            raise LibraryError(f"{self.path}: the library is read-only (no permission to "
                               "write it); choose another with --library")

    # ------------------------------------------------------------------ import

    def import_source(self, path: Path | str, *, namespaces: Iterable[int] = (0,),
                      progress: Callback | None = None, cancel: CancelCheck | None = None,
                      workers: int | None = None) -> ImportStats:
        """Import a wikitext file, a folder or an XML dump (see :mod:`.sources`).

        ``progress`` is called every batch; ``cancel`` is polled between batches and
        stops the import cleanly (``stats.cancelled``).  ``workers`` is the number of
        processes rendering index text (None: :func:`default_workers` for dumps, 0 for
        files).  Raises :class:`LibraryError` for an unusable source; a source damaged
        part-way raises after the pages before the damage are stored.
        """
        self._require_writable()
        started = time.monotonic()
        source = str(path)
        specs = expand_source(Path(path))
        counts = _Counts()
        total = 0
        for spec in specs:
            try:
                total += spec.path.stat().st_size if spec.kind != "multistream" else \
                    (spec.index or spec.path).stat().st_size
            except OSError:
                pass
        ns = tuple(namespaces)
        if workers is None:
            workers = default_workers() if any(s.kind != "wikitext" for s in specs) else 0
        state = _ImportState(self, source, counts, started, total, progress, cancel,
                             _Renderer(workers))
        try:
            for spec in specs:
                if state.should_stop():
                    break
                try:
                    self._import_spec(spec, ns, state)
                except DumpError as exc:
                    state.flush_all()
                    if len(specs) == 1:
                        raise
                    counts.warnings.append(str(exc))
                state.done_bytes += state.spec_size(spec)
            state.flush_all()
        finally:
            state.renderer.close()
        if len(specs) > 1 and counts.added + counts.updated + counts.unchanged == 0 \
                and counts.warnings and not counts.cancelled:
            raise LibraryError(f"{source}: nothing could be imported "
                               f"({len(counts.warnings)} files failed; first: "
                               f"{counts.warnings[0]})")
        state.report(force=True)
        return counts.freeze(source, started)

    def _import_spec(self, spec: SourceSpec, namespaces: tuple[int, ...],
                     state: _ImportState) -> None:
        if spec.kind == "wikitext":
            page = read_wikitext_page(spec.path)
            state.add(page)
        elif spec.kind == "dump":
            with DumpReader(spec.path, namespaces) as reader:
                state.reader_position = reader.position
                try:
                    for page in reader.pages():
                        state.add(page)
                        if state.cancelled:
                            break
                finally:
                    state.counts.skipped += reader.skipped
                    state.reader_position = None
        else:
            self._import_multistream(spec, namespaces, state)

    def _source_id(self, path: Path, kind: str) -> int:
        key = str(path.resolve())
        with transaction(self._conn, self.path) as conn:
            conn.execute("INSERT OR IGNORE INTO sources(path, kind) VALUES (?, ?)", (key, kind))
            row = conn.execute("SELECT id FROM sources WHERE path = ?", (key,)).fetchone()
        return int(row[0])

    def _import_multistream(self, spec: SourceSpec, namespaces: tuple[int, ...],
                            state: _ImportState) -> None:
        assert spec.index is not None
        source_id = self._source_id(spec.path, "multistream")
        names = read_namespaces(spec.path)
        conn = self._conn
        with translate_errors(self.path):
            before = conn.execute("SELECT count(*) FROM pages").fetchone()[0]
        batch: list[tuple[str, str, int, int, int, int]] = []

        def write() -> None:
            with transaction(conn, self.path):
                conn.executemany(
                    "INSERT INTO pages(title, fold, namespace, source_id, stream_offset, "
                    "source_page_id, in_tri) VALUES (?, ?, ?, ?, ?, ?, 0) "
                    "ON CONFLICT(title) DO UPDATE SET source_id = excluded.source_id, "
                    "stream_offset = excluded.stream_offset, "
                    "source_page_id = excluded.source_page_id, wikitext = NULL, digest = NULL, "
                    "revision = 0, indexed = 0 "
                    "WHERE pages.source_id IS NOT excluded.source_id "
                    "OR pages.stream_offset IS NOT excluded.stream_offset "
                    "OR pages.source_page_id IS NOT excluded.source_page_id",
                    batch,
                )
            batch.clear()

        with IndexReader(spec.index, names) as reader:
            state.reader_position = reader.position
            try:
                for entry in reader.entries():
                    state.counts.pages += 1
                    if entry.namespace not in namespaces:
                        state.counts.skipped += 1
                        continue
                    title = normalise_title(entry.title)
                    batch.append((title, fold(title), entry.namespace, source_id,
                                  entry.offset, entry.page_id))
                    if len(batch) >= INDEX_BATCH:
                        write()
                        state.report()
                        if state.should_stop():
                            break
            finally:
                if batch:
                    write()
                state.reader_position = None
            if reader.entries_read == 0:
                raise LibraryError(f"{spec.index}: not a multistream index "
                                   "(no offset:page_id:title lines)")
        with translate_errors(self.path):
            after = conn.execute("SELECT count(*) FROM pages").fetchone()[0]
        state.counts.added += after - before

    # ------------------------------------------------------------------ writing

    def _existing(self, titles: list[str]) -> dict[str, tuple[int, bytes | None]]:
        result: dict[str, tuple[int, bytes | None]] = {}
        for start in range(0, len(titles), 500):
            chunk = titles[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for page_id, title, digest in self._conn.execute(
                f"SELECT id, title, digest FROM pages WHERE title IN ({marks})", chunk
            ):
                result[title] = (page_id, digest)
        return result

    def _write_batch(self, batch: _PendingBatch, texts: list[str], counts: _Counts) -> None:
        """Store one batch (pages, redirects, index rows) in one transaction."""
        text_of = dict(zip(batch.render_positions, texts, strict=True))
        with transaction(self._conn, self.path) as conn:
            existing = self._existing([p.title for p in batch.pages])
            for position, (page, digest) in enumerate(zip(batch.pages, batch.digests,
                                                          strict=True)):
                old = existing.get(page.title)
                if old is not None and old[1] == digest:
                    counts.unchanged += 1
                    continue
                blob = _compress(page.wikitext)
                is_redirect = 1 if page.redirect else 0
                indexed = 1
                if old is None:
                    cursor = conn.execute(
                        "INSERT INTO pages(title, fold, namespace, revision, digest, wikitext, "
                        "is_redirect, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (page.title, fold(page.title), page.namespace, page.revision, digest,
                         blob, is_redirect, indexed),
                    )
                    page_id = int(cursor.lastrowid or 0)
                    counts.added += 1
                else:
                    page_id = old[0]
                    conn.execute(
                        "UPDATE pages SET namespace = ?, revision = ?, digest = ?, wikitext = ?, "
                        "is_redirect = ?, indexed = ?, source_id = NULL, stream_offset = NULL, "
                        "source_page_id = NULL WHERE id = ?",
                        (page.namespace, page.revision, digest, blob, is_redirect, indexed,
                         page_id),
                    )
                    conn.execute("DELETE FROM text_fts WHERE rowid = ?", (page_id,))
                    conn.execute("DELETE FROM redirects WHERE page_id = ?", (page_id,))
                    counts.updated += 1
                existing[page.title] = (page_id, digest)
                if page.redirect:
                    counts.redirects += 1
                    conn.execute("INSERT INTO redirects(page_id, target, section) "
                                 "VALUES (?, ?, ?)", (page_id, *page.redirect))
                elif position in text_of:
                    conn.execute("INSERT INTO text_fts(rowid, title, body) VALUES (?, ?, ?)",
                                 (page_id, page.title, text_of[position]))
                    counts.indexed += 1

    # ------------------------------------------------------------------ indexing

    def index(self, progress: Callback | None = None, cancel: CancelCheck | None = None,
              workers: int | None = None) -> ImportStats:
        """Fill the full-text index for pages not yet indexed (resumable).

        First the titles a multistream import left out of the trigram index (so that
        opening a dump of millions of titles stays quick) are added, which enables
        substring and fuzzy title search for them.  Then pages are read stream by
        stream, in dump order; a page
        found to be a redirect is recorded as one.  Every batch is committed, so a
        stopped run resumes where it stopped.
        """
        self._require_writable()
        started = time.monotonic()
        counts = _Counts()
        conn = self._conn
        with translate_errors(self.path):
            total = conn.execute("SELECT count(*) FROM pages WHERE indexed = 0").fetchone()[0]
        renderer = _Renderer(default_workers() if workers is None else workers)
        pending: deque[tuple[list[tuple[int, SourcePage | None]], _Joined]] = deque()
        last_id = 0
        last_report = 0.0

        def write(rows: list[tuple[int, SourcePage | None]], texts: list[str]) -> None:
            it = iter(texts)
            with transaction(conn, self.path):
                for page_id, page in rows:
                    conn.execute("DELETE FROM text_fts WHERE rowid = ?", (page_id,))
                    if page is None:
                        conn.execute("UPDATE pages SET indexed = 1 WHERE id = ?", (page_id,))
                        continue
                    if page.redirect:
                        conn.execute("UPDATE pages SET indexed = 1, is_redirect = 1 "
                                     "WHERE id = ?", (page_id,))
                        conn.execute("INSERT OR REPLACE INTO redirects(page_id, target, "
                                     "section) VALUES (?, ?, ?)", (page_id, *page.redirect))
                        counts.redirects += 1
                        continue
                    conn.execute("INSERT INTO text_fts(rowid, title, body) VALUES (?, ?, ?)",
                                 (page_id, page.title, next(it)))
                    conn.execute("UPDATE pages SET indexed = 1 WHERE id = ?", (page_id,))
                    counts.indexed += 1

        try:
            self._catch_up_titles(cancel, counts)
            while not counts.cancelled:
                if cancel is not None and cancel():
                    counts.cancelled = True
                    break
                with translate_errors(self.path):
                    rows = conn.execute(
                        "SELECT id, title, wikitext, source_id, stream_offset, source_page_id "
                        "FROM pages WHERE indexed = 0 AND id > ? ORDER BY id LIMIT ?",
                        (last_id, BATCH_PAGES),
                    ).fetchall()
                if not rows:
                    break
                last_id = rows[-1][0]
                batch: list[tuple[int, SourcePage | None]] = []
                for page_id, title, blob, source_id, offset, source_page_id in rows:
                    try:
                        text = self._stored_text(title, blob, source_id, offset, source_page_id)
                    except DumpError as exc:
                        counts.warnings.append(str(exc))
                        text = None
                    counts.pages += 1
                    if text is None:
                        batch.append((page_id, None))
                        continue
                    batch.append((page_id, SourcePage(title, text,
                                                      redirect=parse_redirect(text))))
                items = [(p.title, p.wikitext) for _, p in batch if p is not None and
                         not p.redirect]
                pending.append((batch, renderer.submit(items,
                                                       full=len(rows) == BATCH_PAGES)))
                while len(pending) >= renderer.in_flight_limit:
                    done_rows, future = pending.popleft()
                    write(done_rows, future.result())
                now = time.monotonic()
                if progress is not None and now - last_report > 0.1:
                    last_report = now
                    progress(ImportProgress(str(self.path), counts.pages, counts.pages, total,
                                            now - started, "pages"))
            while pending:
                done_rows, future = pending.popleft()
                write(done_rows, future.result())
        finally:
            renderer.close()
        if progress is not None:
            progress(ImportProgress(str(self.path), counts.pages, counts.pages, total,
                                    time.monotonic() - started, "pages"))
        return counts.freeze(str(self.path), started)

    def _catch_up_titles(self, cancel: CancelCheck | None, counts: _Counts) -> None:
        """Add titles a multistream import deferred to the trigram index (fuzzy search)."""
        conn = self._conn
        while True:
            if cancel is not None and cancel():
                counts.cancelled = True
                return
            with transaction(conn, self.path):
                rows = conn.execute("SELECT id, fold FROM pages WHERE in_tri = 0 "
                                    "ORDER BY id LIMIT ?", (TITLE_BATCH,)).fetchall()
                if not rows:
                    return
                conn.executemany("INSERT INTO title_tri(rowid, fold) VALUES (?, ?)", rows)
                conn.executemany("UPDATE pages SET in_tri = 1 WHERE id = ?",
                                 [(row[0],) for row in rows])

    # ------------------------------------------------------------------ reading

    def _source_path(self, source_id: int) -> Path:
        path = self._source_paths.get(source_id)
        if path is None:
            row = self._conn.execute("SELECT path FROM sources WHERE id = ?",
                                     (source_id,)).fetchone()
            if row is None:
                raise DumpError(f"{self.path}: a page points to a dump the library forgot")
            path = Path(row[0])
            self._source_paths[source_id] = path
        return path

    def _stored_text(self, title: str, blob: bytes | None, source_id: int | None,
                     offset: int | None, source_page_id: int | None) -> str | None:
        """A page's wikitext from the library or, for multistream pages, from the dump."""
        if blob is not None:
            try:
                return _decompress(blob)
            except (zlib.error, UnicodeDecodeError):
                raise DumpError(f"{self.path}: the stored text of {title!r} is damaged") \
                    from None
        if source_id is None or offset is None:
            return None
        key = (source_id, offset)
        with self._cache_lock:  # SQLite serialises the connection; this guards the cache
            pages = self._streams.get(key)
            if pages is None:
                pages = read_stream_pages(self._source_path(source_id), offset)
                self._streams[key] = pages
                while len(self._streams) > 8:
                    self._streams.popitem(last=False)
            else:
                self._streams.move_to_end(key)
        page = pages.get(source_page_id or 0)
        if page is None:
            page = next((p for p in pages.values() if p.title == title), None)
        return page.wikitext if page is not None else None

    def _lookup(self, title: str, *, loose: bool) -> tuple[int, str, int, bytes | None,
                                                           int | None, int | None,
                                                           int | None] | None:
        columns = "id, title, is_redirect, wikitext, source_id, stream_offset, source_page_id"
        row = self._conn.execute(f"SELECT {columns} FROM pages WHERE title = ?",
                                 (title,)).fetchone()
        if row is None and loose:
            row = self._conn.execute(
                f"SELECT {columns} FROM pages WHERE fold = ? ORDER BY is_redirect, title "
                "LIMIT 1", (fold(title),)).fetchone()
        return row  # type: ignore[no-any-return]

    def article(self, title: str) -> ArticleRecord | None:
        """The article ``title`` (``Title#Section`` accepted), following redirects.

        Matching is exact after MediaWiki normalisation, then case- and
        diacritic-insensitive.  None when the library has no such page.
        """
        with translate_errors(self.path):
            name, section = split_fragment(clean_query(title))
            if not name:
                return None
            row = self._lookup(name, loose=True)
            if row is None:
                return None
            first = row
            for _ in range(MAX_REDIRECT_HOPS):
                page_id, resolved, is_redirect, blob, source_id, offset, spid = row
                target: tuple[str, str] | None = None
                if is_redirect:
                    red = self._conn.execute(
                        "SELECT target, section FROM redirects WHERE page_id = ?", (page_id,)
                    ).fetchone()
                    target = (red[0], red[1]) if red else None
                text = self._stored_text(resolved, blob, source_id, offset, spid)
                if target is None and text is not None:
                    target = parse_redirect(text)
                if target is not None:
                    nxt = self._lookup(target[0], loose=False)
                    if nxt is not None:
                        section = section or target[1]
                        row = nxt
                        continue
                return ArticleRecord(resolved, text or "", title, section)
            return ArticleRecord(first[1], self._stored_text(*_text_args(first)) or "",
                                 title, section)

    def resolve_link(self, target: str) -> str | None:
        """The title an internal link to ``target`` opens, or None when it is missing.

        Redirects recorded in the library are followed; the first letter is
        case-insensitive (MediaWiki normalisation), the rest is not.
        """
        name, _ = split_fragment(clean_query(target))
        if not name:
            return None
        with translate_errors(self.path):
            title, found = name, None
            for _ in range(MAX_REDIRECT_HOPS):
                row = self._conn.execute(
                    "SELECT p.title, r.target FROM pages p "
                    "LEFT JOIN redirects r ON r.page_id = p.id WHERE p.title = ?", (title,)
                ).fetchone()
                if row is None:
                    return found  # a broken redirect opens the redirect page itself
                found = str(row[0])
                if row[1] is None:
                    break
                title = row[1]
            return found

    def has(self, title: str) -> bool:
        """Whether a link to ``title`` leads to a page of this library."""
        return self.resolve_link(title) is not None

    def count(self) -> int:
        """How many articles (not redirects) the library holds."""
        with translate_errors(self.path):
            return int(self._conn.execute(
                "SELECT count(*) FROM pages WHERE is_redirect = 0").fetchone()[0])

    def titles(self, prefix: str = "", offset: int = 0, limit: int = 100) -> list[str]:
        """Article titles in alphabetical order (case- and accent-insensitive), optionally
        only those starting with ``prefix``; for the library browser."""
        key = fold(clean_query(prefix))
        with translate_errors(self.path):
            rows = self._conn.execute(
                "SELECT title FROM pages WHERE fold >= ? AND fold < ? AND is_redirect = 0 "
                "ORDER BY fold, title LIMIT ? OFFSET ?",
                (key, key + "\U0010ffff", limit, offset),
            ).fetchall()
        return [row[0] for row in rows]

    def random_title(self) -> str | None:
        """A random article's title (None for an empty library)."""
        with translate_errors(self.path):
            top = self._conn.execute("SELECT max(id) FROM pages").fetchone()[0]
            if top is None:
                return None
            start = int.from_bytes(os.urandom(4), "little") % top + 1
            for sql in ("SELECT title FROM pages WHERE id >= ? AND is_redirect = 0 "
                        "ORDER BY id LIMIT 1",
                        "SELECT title FROM pages WHERE id < ? AND is_redirect = 0 "
                        "ORDER BY id LIMIT 1"):
                row = self._conn.execute(sql, (start,)).fetchone()
                if row is not None:
                    return str(row[0])
        return None

    def search_titles(self, query: str, limit: int = 20) -> list[TitleHit]:
        """Titles for ``query`` as the user types: prefix matches, then fuzzy ones."""
        with translate_errors(self.path):
            return _search.search_titles(self._conn, query, limit, self._trigram_counts)

    def search_text(self, query: str, limit: int = 20, *,
                    prefix: bool = False) -> list[TextHit]:
        """Full-text matches for ``query``, best first, with marked snippets
        (``prefix=True`` while the user is typing: the last word may be incomplete)."""
        with translate_errors(self.path):
            return _search.search_text(self._conn, query, limit, prefix=prefix)

    def unindexed(self) -> int:
        """Pages whose text is not in the full-text index yet (see :meth:`index`)."""
        with translate_errors(self.path):
            return int(self._conn.execute(
                "SELECT count(*) FROM pages WHERE indexed = 0").fetchone()[0])

    def check(self) -> str:
        """SQLite's ``quick_check`` verdict (``"ok"`` for a sound file)."""
        with translate_errors(self.path):
            rows = self._conn.execute("PRAGMA quick_check").fetchall()
        return "; ".join(str(r[0]) for r in rows)


def _text_args(row: tuple[int, str, int, bytes | None, int | None, int | None, int | None]
               ) -> tuple[str, bytes | None, int | None, int | None, int | None]:
    return row[1], row[3], row[4], row[5], row[6]


class _ImportState:
    """The moving parts of one :meth:`Library.import_source` call."""

    def __init__(self, library: Library, source: str, counts: _Counts, started: float,
                 total: int, progress: Callback | None, cancel: CancelCheck | None,
                 renderer: _Renderer) -> None:
        self.library = library
        self.source = source
        self.counts = counts
        self.started = started
        self.total = total
        self.progress = progress
        self.cancel = cancel
        self.renderer = renderer
        self.done_bytes = 0
        self.reader_position: Callable[[], int] | None = None
        self.pages: list[SourcePage] = []
        self.batch_bytes = 0
        self.pending: deque[_PendingBatch] = deque()
        self.last_report = 0.0

    @property
    def cancelled(self) -> bool:
        return self.counts.cancelled

    def should_stop(self) -> bool:
        if not self.counts.cancelled and self.cancel is not None and self.cancel():
            self.counts.cancelled = True
        return self.counts.cancelled

    @staticmethod
    def spec_size(spec: SourceSpec) -> int:
        try:
            return (spec.index or spec.path).stat().st_size
        except OSError:
            return 0

    def add(self, page: SourcePage) -> None:
        self.counts.pages += 1
        self.pages.append(page)
        self.batch_bytes += len(page.wikitext)
        if len(self.pages) >= BATCH_PAGES or self.batch_bytes >= BATCH_BYTES:
            self.submit(full=True)
            self.report()
            self.should_stop()

    def submit(self, *, full: bool = False) -> None:
        """Hand the current batch to the renderer (skipping pages stored unchanged)."""
        if not self.pages:
            return
        unique: dict[str, SourcePage] = {}
        for page in self.pages:
            unique[page.title] = page  # a later copy of a title wins
        self.counts.unchanged += len(self.pages) - len(unique)
        pages = list(unique.values())
        self.pages = []
        self.batch_bytes = 0
        with translate_errors(self.library.path):
            existing = self.library._existing([p.title for p in pages])
        digests = [_digest(p.wikitext) for p in pages]
        keep_pages, keep_digests = [], []
        for page, digest in zip(pages, digests, strict=True):
            old = existing.get(page.title)
            if old is not None and old[1] == digest:
                self.counts.unchanged += 1
                continue
            keep_pages.append(page)
            keep_digests.append(digest)
        if not keep_pages:
            return
        positions = [i for i, p in enumerate(keep_pages) if not p.redirect]
        items = [(keep_pages[i].title, keep_pages[i].wikitext) for i in positions]
        future = self.renderer.submit(items, full=full) if items else None
        self.pending.append(_PendingBatch(keep_pages, existing, keep_digests, future, positions))
        while len(self.pending) >= self.renderer.in_flight_limit:
            self._write_oldest()

    def _write_oldest(self) -> None:
        batch = self.pending.popleft()
        texts = batch.future.result() if batch.future is not None else []
        self.library._write_batch(batch, texts, self.counts)

    def flush_all(self) -> None:
        """Write everything read so far (used at the end and when a source breaks)."""
        self.submit()
        while self.pending:
            self._write_oldest()

    def report(self, *, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if not force and now - self.last_report < 0.1:
            return
        self.last_report = now
        position = self.reader_position() if self.reader_position is not None else 0
        done = self.total if force else min(self.total, self.done_bytes + position)
        self.progress(ImportProgress(self.source, self.counts.pages, done, self.total,
                                     now - self.started))
