"""Importing into a library and reading articles back: idempotence, redirects, sections,
multistream dumps read in place, resumable indexing, and surviving kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from _library_dumps import Page, article_text, sample_pages, write_dump, write_multistream

from viewer.library import ImportProgress, Library, LibraryError
from viewer.library.sources import DumpError


def fts_rows(library: Library) -> int:
    return int(library._conn.execute("SELECT count(*) FROM text_fts").fetchone()[0])


def test_import_dump_counts_and_index(loaded: Library) -> None:
    assert loaded.count() == 5  # 7 pages in namespace 0, two of them redirects
    assert fts_rows(loaded) == 5
    assert loaded.titles() == ["Crème brûlée", "Ebola virus", "Lenalidomide", "Paris",
                               "Thalidomide"]
    assert loaded.titles("c") == ["Crème brûlée"]
    assert loaded.titles(offset=3, limit=1) == ["Paris"]
    assert loaded.random_title() in loaded.titles()
    assert loaded.unindexed() == 0
    assert loaded.check() == "ok"


def test_reimport_is_idempotent(loaded: Library, dump: Path) -> None:
    stats = loaded.import_source(dump, workers=0)
    assert (stats.added, stats.updated, stats.unchanged) == (0, 0, 7)
    assert loaded.count() == 5 and fts_rows(loaded) == 5


def test_new_revision_replaces_the_page(loaded: Library, tmp_path: Path) -> None:
    pages = sample_pages()
    pages[1].text = "'''Paris''' now mentions the zeppelin museum."
    newer = write_dump(tmp_path / "newer.xml", pages)
    stats = loaded.import_source(newer, workers=0)
    assert (stats.added, stats.updated, stats.unchanged) == (0, 1, 6)
    assert loaded.search_text("zeppelin")[0].title == "Paris"
    assert loaded.search_text("Seine") == []
    assert fts_rows(loaded) == 5


def test_article_follows_redirects_and_sections(loaded: Library) -> None:
    record = loaded.article("Revlimid")
    assert record is not None
    assert (record.title, record.section, record.requested_title) == \
        ("Lenalidomide", "History", "Revlimid")
    assert "analogue of thalidomide" in record.wikitext
    record = loaded.article("revlimid#See also")
    assert record is not None and record.section == "See also"
    record = loaded.article("city_of_light")
    assert record is not None and record.title == "Paris" and record.section == ""
    # case- and accent-insensitive for what a user types
    record = loaded.article("CREME BRULEE")
    assert record is not None and record.title == "Crème brûlée"
    assert loaded.article("Nothing here") is None
    assert loaded.article("") is None


def test_resolve_link(loaded: Library) -> None:
    assert loaded.resolve_link("revlimid") == "Lenalidomide"
    assert loaded.resolve_link("Paris#History") == "Paris"
    assert loaded.resolve_link("paris") == "Paris"
    assert loaded.resolve_link("PARIS") is None  # only the first letter is case-insensitive
    assert loaded.resolve_link("Talk:Paris") is None  # other namespaces were not imported
    assert loaded.has("Ebola_virus") and not loaded.has("Ebola")


def test_broken_redirect_opens_the_redirect_page(library: Library, tmp_path: Path) -> None:
    path = write_dump(tmp_path / "d.xml", [Page("Old name", "#REDIRECT [[Gone]]",
                                                redirect="Gone")])
    library.import_source(path, workers=0)
    record = library.article("Old name")
    assert record is not None and record.title == "Old name"
    assert library.resolve_link("Old name") == "Old name"


def test_folder_import_skips_bad_files_with_warnings(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    (folder / "sub").mkdir(parents=True)
    (folder / "Good one.wiki").write_text(article_text("Good one"))
    (folder / "sub" / "Second.txt").write_text(article_text("Second"))
    (folder / "sub" / "Latin.txt").write_bytes(b"caf\xe9")
    (folder / "Empty.wiki").write_text("")
    stats = library.import_source(folder)
    assert stats.added == 2
    assert len(stats.warnings) == 2
    assert any("not UTF-8" in w for w in stats.warnings)
    assert library.titles() == ["Good one", "Second"]


def test_folder_of_only_bad_files_is_an_error(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.wiki").write_bytes(b"\x00\x01binary")
    (folder / "b.wiki").write_bytes(b"")
    with pytest.raises(LibraryError, match="nothing could be imported"):
        library.import_source(folder)


def test_damaged_dump_keeps_pages_and_raises(library: Library, tmp_path: Path) -> None:
    path = write_dump(tmp_path / "d.xml", sample_pages())
    data = path.read_text()
    path.write_text(data[: data.index("Lenalidomide") + 40])
    with pytest.raises(DumpError, match="pages before the damage were imported"):
        library.import_source(path, workers=0)
    assert library.titles() == ["Ebola virus", "Paris", "Thalidomide"]


def test_progress_and_cancel(library: Library, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.library import library as library_module

    monkeypatch.setattr(library_module, "BATCH_PAGES", 10)
    path = write_dump(tmp_path / "d.xml",
                      [Page(f"Page {i}", f"Text of page {i}.") for i in range(60)])
    seen: list[ImportProgress] = []
    polls = iter(range(1000))
    stats = library.import_source(path, progress=seen.append,
                                  cancel=lambda: next(polls) >= 2, workers=0)
    assert stats.cancelled
    assert 0 < library.count() < 60
    assert seen[0].total == path.stat().st_size and seen[0].unit == "bytes"
    assert all(0 <= (p.fraction or 0) <= 1 and p.pages > 0 for p in seen)
    stats = library.import_source(path, workers=0)  # completes what was left
    assert not stats.cancelled and library.count() == 60 and fts_rows(library) == 60


def test_parallel_rendering_gives_the_same_index(library: Library, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.library import library as library_module

    monkeypatch.setattr(library_module, "BATCH_PAGES", 5)
    pages = [Page(f"Topic {i}", article_text(f"Topic {i}", f" Keyword{i % 3}."))
             for i in range(20)]
    library.import_source(write_dump(tmp_path / "d.xml", pages), workers=1)
    assert library.count() == 20 and fts_rows(library) == 20
    assert len(library.search_text("keyword1")) == 7


def test_multistream_in_place_then_index(library: Library, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.library import library as library_module

    dump, index = write_multistream(tmp_path, sample_pages(), per_stream=2)
    stats = library.import_source(index)  # the index or the dump may be named
    assert stats.added == 7 and stats.skipped == 2
    assert library.unindexed() == 7
    # Articles are read on demand from their bz2 stream; nothing was copied.
    stored = library._conn.execute("SELECT count(*) FROM pages WHERE wikitext IS NOT NULL")
    assert stored.fetchone()[0] == 0
    record = library.article("Revlimid")
    assert record is not None and record.title == "Lenalidomide" and record.section == "History"
    assert library.search_titles("thal")[0].title == "Thalidomide"
    # Indexing is resumable: stop after the first batch, then finish.
    monkeypatch.setattr(library_module, "BATCH_PAGES", 3)
    assert library.search_titles("lidomide") == []  # no trigram titles before indexing
    polls = iter(range(100))
    # polls: trigram catch-up (2), first page batch (1), then stop
    first = library.index(cancel=lambda: next(polls) >= 3, workers=0)
    assert first.cancelled and 0 < library.unindexed() < 7
    second = library.index(workers=0)
    assert library.unindexed() == 0
    assert first.indexed + second.indexed == 5 and first.redirects + second.redirects == 2
    assert library.count() == 5
    assert library.search_text("dessert")[0].title == "Crème brûlée"
    assert {h.title for h in library.search_titles("lidomide")} == {"Thalidomide",
                                                                   "Lenalidomide"}
    # Re-importing the same index changes nothing and keeps the index.
    again = library.import_source(dump)
    assert again.added == 0 and library.unindexed() == 0


def test_multistream_dump_gone(library: Library, tmp_path: Path) -> None:
    dump, _ = write_multistream(tmp_path, sample_pages())
    library.import_source(dump)
    dump.rename(tmp_path / "moved.xml.bz2")
    with pytest.raises(LibraryError, match="no longer there"):
        library.article("Paris")


def test_multistream_missing_dump(library: Library, tmp_path: Path) -> None:
    dump, index = write_multistream(tmp_path, sample_pages())
    dump.unlink()
    with pytest.raises(LibraryError, match=r"multistream dump .* is missing"):
        library.import_source(index)


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from viewer.library import Library
    from viewer.library import library as module
    module.BATCH_PAGES = 20
    real_compress, calls = module._compress, [0]
    def compress(text):
        # SIGKILL in the middle of a batch's transaction (page 130 of 200)
        calls[0] += 1
        if calls[0] == 130:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_compress(text)
    module._compress = compress
    with Library.open(Path(sys.argv[1])) as lib:
        lib.import_source(Path(sys.argv[2]), workers=0)
""")


def test_killed_import_leaves_a_consistent_library(tmp_path: Path) -> None:
    pages = [Page(f"Article {i}", article_text(f"Article {i}")) for i in range(200)]
    dump = write_dump(tmp_path / "d.xml", pages)
    lib_path = tmp_path / "lib.sqlite3"
    proc = subprocess.run([sys.executable, "-c", KILLER, str(lib_path), str(dump)],
                          capture_output=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Library.open(lib_path) as lib:
        assert lib.check() == "ok"
        partial = lib.count()
        assert partial == 120  # six whole batches; the seventh was rolled back
        assert fts_rows(lib) == partial  # pages and index rows were committed together
        stats = lib.import_source(dump, workers=0)
        assert stats.unchanged == partial and stats.added == 200 - partial
        assert lib.count() == 200 and fts_rows(lib) == 200
        dupes = lib._conn.execute(
            "SELECT count(*) FROM (SELECT title FROM pages GROUP BY title HAVING count(*) > 1)"
        ).fetchone()[0]
        assert dupes == 0


# ---------------------------------------------------------------------- the library file


def test_default_library_gets_the_sample(tmp_path: Path) -> None:
    from viewer.library import default_library_path

    path = default_library_path()
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])
    with Library.open() as lib:
        assert lib.path == path
        assert lib.titles() == ["Lenalidomide"]
        assert lib.search_text("myeloma")[0].title == "Lenalidomide"
    with Library.open() as lib:  # not imported twice
        assert lib.count() == 1


def test_corrupt_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    payload = b"These are my notes, not a database.\n" * 100
    path.write_bytes(payload)
    with pytest.raises(LibraryError, match=r"not a RefView library.*untouched"):
        Library.open(path)
    assert path.read_bytes() == payload


def test_damaged_library_pages_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        lib.import_source(write_dump(tmp_path / "d.xml", sample_pages()), workers=0)
    data = bytearray(path.read_bytes())
    for i in range(4096 * 2, len(data), 97):  # scramble every page but the header
        data[i] = (data[i] * 31 + 7) % 256
    path.write_bytes(bytes(data))
    with pytest.raises(LibraryError) as info, Library.open(path) as lib:
        lib.search_text("myeloma")
        lib.titles()
        lib.count()
    assert "\n" not in str(info.value)


def test_foreign_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="another program"):
        Library.open(path)


def test_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(LibraryError, match="newer RefView"):
        Library.open(path)


def test_locked_library(tmp_path: Path, dump: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with Library.open(path) as lib, pytest.raises(LibraryError, match="locked"):
            lib.import_source(dump, workers=0)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_readonly_library_refuses_import_and_stays_as_it_was(tmp_path: Path,
                                                             dump: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    before = path.read_bytes()
    with Library.open(path, readonly=True) as lib:
        with pytest.raises(LibraryError, match="read-only"):
            lib.import_source(dump)
        assert lib.count() == 0
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_and_folder(tmp_path: Path, dump: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    path.chmod(0o444)
    with Library.open(path) as lib:
        assert lib.readonly
        with pytest.raises(LibraryError, match="read-only"):
            lib.import_source(dump)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    with pytest.raises(LibraryError):
        Library.open(folder / "lib.sqlite3")


def test_missing_library_for_reading(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no library there"):
        Library.open(tmp_path / "none.sqlite3", readonly=True)
    assert not (tmp_path / "none.sqlite3").exists()
    with pytest.raises(LibraryError, match="is a folder"):
        Library.open(tmp_path)


@pytest.mark.parametrize("error, expected", [
    ("database or disk is full", "the disk is full"),
    ("attempt to write a readonly database", "read-only"),
    ("database is locked", "locked"),
    ("database disk image is malformed", "damaged"),
    ("unable to open database file", "cannot open or create"),
    ("something\nodd " + "x" * 500, "library error: something odd"),
])
def test_sqlite_errors_become_one_line_messages(error: str, expected: str) -> None:
    from viewer.library.store import translate_errors

    with pytest.raises(LibraryError) as info, translate_errors(Path("lib.sqlite3")):
        raise sqlite3.OperationalError(error)
    message = str(info.value)
    assert expected in message and "\n" not in message and len(message) < 250


def test_full_disk_during_import_leaves_the_library_as_it_was(library: Library,
                                                              tmp_path: Path) -> None:
    """SQLite reports SQLITE_FULL when the file may not grow: the same path as a full disk."""
    library.import_source(write_dump(tmp_path / "small.xml", sample_pages()), workers=0)
    before = (library.count(), fts_rows(library), library.titles(limit=1000))
    pages = library._conn.execute("PRAGMA page_count").fetchone()[0]
    library._conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = [Page(f"Big {i}", article_text(f"Big {i}") * 20) for i in range(30)]
    with pytest.raises(LibraryError, match="disk is full"):
        library.import_source(write_dump(tmp_path / "big.xml", big), workers=0)
    assert (library.count(), fts_rows(library), library.titles(limit=1000)) == before
    assert library.check() == "ok"


def test_file_name_that_is_not_utf8(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9.wiki")
    (folder / odd).write_text("'''Café''' text.")
    stats = library.import_source(folder)
    assert stats.added == 1
    assert library.titles() == ["Caf\ufffd"]


def test_multistream_index_with_bad_lines(library: Library, tmp_path: Path) -> None:
    import bz2

    _dump, index = write_multistream(tmp_path, sample_pages())
    lines = bz2.decompress(index.read_bytes()).decode().splitlines(keepends=True)
    lines.insert(2, "garbage without colons\n")
    lines.insert(4, "12:x:Not a number\n")
    index.write_bytes(bz2.compress("".join(lines).encode()))
    stats = library.import_source(index)
    assert stats.added == 7
    index.write_bytes(bz2.compress(b"this is not an index\n" * 30))
    with pytest.raises(LibraryError, match="not a multistream index"):
        library.import_source(index)
