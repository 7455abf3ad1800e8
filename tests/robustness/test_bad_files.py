"""Bad files given to the CLI: one line on stderr, a non-zero exit, never a traceback."""

from __future__ import annotations

import builtins
import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.cli import main
from viewer.errors import UserError
from viewer.textio import MAX_FILE_BYTES, read_wikitext_file

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _render(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["render", str(path), "--format", "text"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.wiki", b"", "empty"),
        ("blank.wiki", b"  \n\n\t\n", "empty"),
        ("image.wiki", PNG, "binary"),
        ("random.wiki", bytes((i * 7919) % 256 for i in range(4096)), "binary"),
        ("latin1.wiki", "Caf\xe9 na\xefve \xfcber".encode("latin-1"), "not UTF-8"),
        ("broken.wiki", b"good text \xff\xfe\xfd then more", "not UTF-8"),
    ],
)
def test_bad_file_gets_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _render(path, capsys)
    assert code != 0
    assert out == ""
    assert err.count("\n") == 1 and expected in err and name in err
    assert "Traceback" not in err


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.wiki"
    path.write_bytes(codecs.BOM_UTF16_LE + "'''Café''' is [[good]].".encode("utf-16-le"))
    assert read_wikitext_file(path) == "'''Café''' is [[good]]."


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.wiki"
    path.write_bytes(codecs.BOM_UTF8 + b"Text")
    assert read_wikitext_file(path) == "Text"


def test_directory_missing_and_huge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _render(tmp_path, capsys)
    assert code == 1 and "folder" in err
    code, _, err = _render(tmp_path / "nope.wiki", capsys)
    assert code == 1 and "no such file" in err
    huge = tmp_path / "huge.wiki"
    with open(huge, "wb") as fh:  # sparse: 50 MB without writing 50 MB
        fh.truncate(50 * 1024 * 1024)
    assert huge.stat().st_size > MAX_FILE_BYTES
    code, _, err = _render(huge, capsys)
    assert code == 1 and "too large" in err and err.count("\n") == 1


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.wiki"
    path.write_text("text", encoding="utf-8")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make the open itself fail as it would for a user
        real_open = builtins.open

        def deny(file: object, *args: object, **kwargs: object) -> object:
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(UserError, match="permission denied"):
        read_wikitext_file(path)
    code, _, err = _render(path, capsys)
    assert code == 1 and "permission denied" in err


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "image.wiki"
    path.write_bytes(PNG)
    proc = subprocess.run([sys.executable, "-m", "viewer", "render", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("refview: ") and proc.stderr.count("\n") == 1
