"""``refview import|index|search``: output, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _library_dumps import sample_pages, write_dump, write_multistream

from viewer.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "lib.sqlite3")
    dump = write_dump(tmp_path / "wiki.xml.bz2", sample_pages())
    code, _, err = run(["import", str(dump), "--library", lib, "--quiet"], capsys)
    assert code == 0 and "7 added" in err and "2 redirects" in err
    code, out, _ = run(["search", "myeloma", "--library", lib], capsys)
    assert code == 0
    assert out.startswith("Titles:\n  (no matching title)\nFull text:\n")
    assert "  Lenalidomide\n" in out and "myeloma" in out and "\x02" not in out
    code, out, _ = run(["search", "revl", "--titles", "--library", lib], capsys)
    assert out == "Revlimid → Lenalidomide\n"
    code, out, _ = run(["search", "myeloma", "--text", "--json", "--library", lib], capsys)
    data = json.loads(out)
    assert set(data) == {"text"}
    hit = data["text"][0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "myeloma"
    code, out, _ = run(["search", "thal", "--json", "--library", lib], capsys)
    assert json.loads(out)["titles"][0] == {"title": "Thalidomide", "redirect_to": None,
                                            "match": "prefix", "score": 1.0}


def test_namespace_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "lib.sqlite3")
    dump = write_dump(tmp_path / "wiki.xml", sample_pages())
    run(["import", str(dump), "--library", lib, "--quiet", "--namespace", "1"], capsys)
    _, out, _ = run(["search", "talk", "--titles", "--library", lib], capsys)
    assert out == "Talk:Paris\n"


def test_multistream_import_and_index(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "lib.sqlite3")
    dump, _ = write_multistream(tmp_path, sample_pages())
    code, _, err = run(["import", str(dump), "--library", lib], capsys)
    assert code == 0 and "run 'refview index'" in err
    _, out, _ = run(["search", "dessert", "--text", "--library", lib], capsys)
    assert "no article contains" in out
    code, _, err = run(["index", "--library", lib], capsys)
    assert code == 0 and "5 indexed" in err
    _, out, _ = run(["search", "dessert", "--text", "--library", lib], capsys)
    assert out.startswith("Crème brûlée\n")


def put(name: str, data: bytes):
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name
    return make


def sparse(name: str, size: int):
    def make(folder: Path) -> Path:
        with open(folder / name, "wb") as fh:
            fh.truncate(size)
        return folder / name
    return make


def empty_folder(folder: Path) -> Path:
    (folder / "empty").mkdir()
    return folder / "empty"


@pytest.mark.parametrize("setup, message", [
    (lambda d: d / "missing.xml", "no such file"),
    (empty_folder, "holds no .wiki"),
    (put("e.xml", b""), "the file is empty"),
    (put("b.wiki", b"\x89PNG\r\n\x00\x00"), "binary"),
    (put("l.wiki", b"caf\xe9"), "not UTF-8"),
    (put("m.xml", b"<mediawiki><page><title>A"), "malformed XML"),
    (put("t.xml.bz2", b"BZh91AY&SY\x00\x01"), "cut off or damaged"),
    (put("r.xml", bytes(range(256)) * 8), "not a MediaWiki XML export"),
    (put("u.wiki", b"\xef\xbb\xbfok \xff\xfe"), "not valid UTF-8"),
    (sparse("huge.wiki", 50 * 1024 * 1024), "too large"),
    (put("index-only-multistream-index.txt.bz2", b"BZh9"), "multistream dump"),
])
def test_bad_sources_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    setup, message: str) -> None:
    source = setup(tmp_path)
    code, out, err = run(["import", str(source), "--library", str(tmp_path / "l.sqlite3"),
                          "--quiet"], capsys)
    assert code == 1 and out == ""
    assert err.startswith("refview: ") and err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def test_bad_library_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "lib.sqlite3"
    lib.write_text("not a database at all")
    code, _, err = run(["search", "x", "--library", str(lib)], capsys)
    assert code == 1 and err.count("\n") == 1 and "not a RefView library" in err
    assert lib.read_text() == "not a database at all"


def test_search_default_library_has_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["search", "lenalid", "--titles"], capsys)
    assert code == 0 and out == "Lenalidomide\n"


def test_utf16_file_with_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "Zürich.wiki"
    source.write_bytes("\ufeff'''Zürich''' is a city on the Limmat.".encode("utf-16-le"))
    lib = str(tmp_path / "l.sqlite3")
    code, _, err = run(["import", str(source), "--library", lib, "--quiet"], capsys)
    assert code == 0 and "1 added" in err
    _, out, _ = run(["search", "limmat", "--text", "--library", lib], capsys)
    assert out.startswith("Zürich\n")
