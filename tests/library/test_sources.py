"""Reading sources: XML exports of any version, compression, damage, files and folders."""

from __future__ import annotations

import bz2
import gzip
import random
import tracemalloc
from pathlib import Path

import pytest
from _library_dumps import Page, dump_xml, sample_pages, write_dump

from viewer.library import LibraryError
from viewer.library.sources import (
    DumpError,
    DumpReader,
    expand_source,
    fold,
    normalise_title,
    parse_redirect,
    read_wikitext_page,
)


def read_all(path: Path, namespaces: tuple[int, ...] = (0,)) -> list:
    with DumpReader(path, namespaces) as reader:
        return list(reader.pages())


@pytest.mark.parametrize("version", ["0.3", "0.10", "0.11"])
def test_dump_pages_of_any_export_version(tmp_path: Path, version: str) -> None:
    path = write_dump(tmp_path / "d.xml", sample_pages(), version, with_ns=version != "0.3")
    pages = {p.title: p for p in read_all(path)}
    # Namespaces honoured (from <ns>, or from the title prefix for old exports).
    assert "Talk:Paris" not in pages and "Template:Infobox" not in pages
    assert set(pages) == {"Ebola virus", "Paris", "Thalidomide", "Lenalidomide", "Revlimid",
                          "City of light", "Crème brûlée"}
    # The latest revision is taken, not the first.
    assert "capital of France" in pages["Paris"].wikitext
    assert "zzyzzx" not in pages["Paris"].wikitext
    assert pages["Paris"].revision == 202
    # Redirects recorded with their section.
    assert pages["Revlimid"].redirect == ("Lenalidomide", "History")
    assert pages["City of light"].redirect == ("Paris", "")
    assert pages["Paris"].redirect is None


def test_latest_revision_by_timestamp_not_position(tmp_path: Path) -> None:
    page = Page("Order", "new text", timestamp="2010-01-01T00:00:00Z",
                older=[("newest text", "2023-01-01T00:00:00Z")])
    path = write_dump(tmp_path / "d.xml", [page])
    assert read_all(path)[0].wikitext == "newest text"


def test_other_namespaces_on_request(tmp_path: Path) -> None:
    path = write_dump(tmp_path / "d.xml", sample_pages())
    titles = {p.title for p in read_all(path, (1, 10))}
    assert titles == {"Talk:Paris", "Template:Infobox"}


@pytest.mark.parametrize("name", ["d.xml.bz2", "d.xml.gz"])
def test_compressed_dumps(tmp_path: Path, name: str) -> None:
    path = write_dump(tmp_path / name, sample_pages())
    assert len(read_all(path)) == 7


def test_memory_stays_flat(tmp_path: Path) -> None:
    """Reading a dump holds one page at a time, not the document (elements are cleared)."""
    pages = [Page(f"Page {i}", f"text {i} " * 250) for i in range(1000)]
    path = write_dump(tmp_path / "d.xml.bz2", pages)
    size = len(dump_xml(pages))
    assert size > 2_000_000
    tracemalloc.start()
    try:
        with DumpReader(path) as reader:
            count = sum(1 for _ in reader.pages())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 1000
    assert peak < size / 5, f"peak {peak:,} bytes for a {size:,}-byte dump"


@pytest.mark.parametrize("compress", [bz2.compress, gzip.compress])
def test_truncated_compressed_dump_keeps_pages_before_damage(tmp_path: Path, compress) -> None:
    rng = random.Random(4)
    words = ["alpha", "beta", "gamma", "delta", "myeloma", "river", "city", "blood", "drug"]
    pages = [Page(f"Page {i}", " ".join(rng.choice(words) for _ in range(500)))
             for i in range(200)]
    data = compress(dump_xml(pages).encode(), 1)  # small bz2 blocks, like real dumps
    path = tmp_path / ("cut.xml.bz2" if compress is bz2.compress else "cut.xml.gz")
    path.write_bytes(data[: len(data) // 2])
    got = []
    with DumpReader(path) as reader, pytest.raises(DumpError) as info:
        for page in reader.pages():
            got.append(page)
    assert 0 < len(got) < 200
    assert "cut off or damaged" in str(info.value) or "malformed" in str(info.value)
    assert "before the damage were imported" in str(info.value)
    assert "\n" not in str(info.value)


def test_malformed_xml_keeps_pages_before_damage(tmp_path: Path) -> None:
    text = dump_xml(sample_pages())
    cut = text.index("<page>", text.index("Lenalidomide") - 200)
    broken = text[:cut] + "<page><title>Broken</title><revision><text>oops</revision>" \
        + text[cut:]
    path = tmp_path / "bad.xml"
    path.write_text(broken, encoding="utf-8")
    got = []
    with DumpReader(path) as reader, pytest.raises(DumpError, match="malformed XML at line"):
        for page in reader.pages():
            got.append(page.title)
    assert got[:3] == ["Ebola virus", "Paris", "Thalidomide"]


def test_not_an_export(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<?xml version='1.0'?><html><body/></html>")
    with DumpReader(path) as reader, pytest.raises(DumpError, match="not a MediaWiki XML export"):
        list(reader.pages())


def test_binary_file_named_xml(tmp_path: Path) -> None:
    path = tmp_path / "image.xml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with DumpReader(path) as reader, pytest.raises(DumpError, match="not a MediaWiki XML export"):
        list(reader.pages())


def test_expand_source_errors(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no such file"):
        expand_source(tmp_path / "missing.xml")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(LibraryError, match=r"holds no \.wiki"):
        expand_source(tmp_path / "empty")
    (tmp_path / "zero.xml").write_bytes(b"")
    with pytest.raises(LibraryError, match="empty"):
        expand_source(tmp_path / "zero.xml")


def test_expand_folder_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "One.wiki").write_text("one")
    (tmp_path / "a" / "b" / "Two.txt").write_text("two")
    (tmp_path / "a" / "b" / "d.xml").write_text(dump_xml([Page("X", "x")]))
    (tmp_path / "a" / "b" / "skip.png").write_bytes(b"\x89PNG")
    kinds = sorted((s.path.name, s.kind) for s in expand_source(tmp_path / "a"))
    assert kinds == [("One.wiki", "wikitext"), ("Two.txt", "wikitext"), ("d.xml", "dump")]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    dump = tmp_path / "export"
    dump.write_text(dump_xml([Page("X", "x")]))
    text = tmp_path / "README"
    text.write_text("'''Readme''' text")
    assert expand_source(dump)[0].kind == "dump"
    assert expand_source(text)[0].kind == "wikitext"


def test_wikitext_file_title_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "crème_brûlée.wiki"
    path.write_text("#REDIRECT [[Custard#Baked]]", encoding="utf-8")
    page = read_wikitext_page(path)
    assert page.title == "Crème brûlée"
    assert page.redirect == ("Custard", "Baked")
    latin = tmp_path / "Latin.wiki"
    latin.write_bytes("caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(DumpError, match="not UTF-8"):
        read_wikitext_page(latin)


def test_title_helpers() -> None:
    assert normalise_title("  foo__bar  baz ") == "Foo bar baz"
    assert fold("Ébola_Virus") == fold("ebola virus") == "ebola virus"
    assert fold("Straße") == "strasse"
    assert parse_redirect("#redirect: [[ target page|x ]] junk") == ("Target page", "")
    assert parse_redirect("#WEITERLEITUNG [[X]]") is None
    assert parse_redirect("Not a [[redirect]]") is None
