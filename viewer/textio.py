"""Reading wikitext files safely: size limits, binary detection, encodings.

Pure Python (no Qt), shared by the CLI, the reader and the library.  Every failure is a
:class:`viewer.errors.UserError` with a one-line message naming the file.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from viewer.errors import UserError

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Largest single wikitext file we open (the largest Wikipedia pages are ~2 MB)."""

_BINARY_SIGNATURES = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF",
    b"BZh", b"\x1f\x8b", b"SQLite format 3\x00",
)


def decode_wikitext(data: bytes, name: str) -> str:
    """Decode the bytes of a wikitext file.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are accepted; binary data and
    anything that is not valid UTF-8 is refused with a clear message.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UserError(f"{name}: not valid {encoding.upper()} text "
                                f"(bad bytes at offset {exc.start})") from None
    head = data[:8192]
    if any(head.startswith(sig) for sig in _BINARY_SIGNATURES) or b"\x00" in head:
        raise UserError(f"{name}: this is a binary file, not wikitext")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); "
            "save it as UTF-8 and try again"
        ) from None


def read_wikitext_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read and decode the wikitext file ``path``, or raise :class:`UserError`."""
    name = str(path)
    try:
        if path.is_dir():
            raise UserError(f"{name}: is a folder, not a file (use 'refview import' for folders)")
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError(
                f"{name}: too large to open as one article "
                f"({size / 1048576:.1f} MB; the limit is {max_bytes // 1048576} MB)"
            )
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UserError(f"{name}: no such file") from None
    except PermissionError:
        raise UserError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise UserError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise UserError(f"{name}: cannot be read ({os.strerror(exc.errno or 0) or exc})") from None
    if not data.strip():
        raise UserError(f"{name}: the file is empty")
    return decode_wikitext(data, name)
