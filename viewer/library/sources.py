"""Reading what users import: wikitext files, folders, MediaWiki XML dumps, multistream dumps.

Everything here streams: an XML dump is read with :func:`xml.etree.ElementTree.iterparse`
and every ``<page>`` element is cleared once read, so memory stays flat whatever the
dump size.  Tag matching ignores the XML namespace, so every export schema version
(0.3 ... 0.11) reads the same way.  A page with several revisions gives its latest.

Wikipedia's *multistream* dumps are concatenated bz2 streams of about 100 pages each,
with an index file of ``offset:page_id:title`` lines; they are read in place:
:func:`iter_multistream_index` walks the index only, and :func:`read_stream_pages`
decompresses one stream on demand when an article is opened or indexed.

Damage (truncated compression, malformed XML, binary junk) raises :class:`DumpError`
after the pages before the damage have been yielded, so the caller can keep them.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple, cast

from viewer.errors import UserError
from viewer.library.store import LibraryError
from viewer.textio import read_wikitext_file

WIKITEXT_SUFFIXES = (".wiki", ".txt", ".mediawiki", ".wikitext")
DUMP_SUFFIXES = (".xml", ".xml.bz2", ".xml.gz")

_WS = re.compile(r"[\s_]+")
_REDIRECT = re.compile(
    r"^\s*#\s*REDIRECT\s*:?\s*\[\[\s*:?([^\]\|\n]+?)\s*(?:\|[^\]]*)?\]\]", re.IGNORECASE
)


class DumpError(LibraryError):
    """A damaged or unreadable source (file, dump, index); pages read before the damage
    are still valid.  Errors of the library file itself are plain :class:`LibraryError`."""


# --------------------------------------------------------------------------- titles


def normalise_title(title: str) -> str:
    """A page title as MediaWiki stores it: underscores as spaces, single spaces,
    no fragment handling, first letter upper-case."""
    first = title[:1]
    if first.isupper() and "_" not in title and "  " not in title and title.isprintable() \
            and title == title.strip():
        return title  # already normal (every title of a dump index): the fast path
    title = _WS.sub(" ", title).strip()
    return title[:1].upper() + title[1:]


def split_fragment(target: str) -> tuple[str, str]:
    """``"Foo bar#Some section"`` -> ``("Foo bar", "Some section")`` (titles normalised)."""
    title, _, section = target.partition("#")
    return normalise_title(title), _WS.sub(" ", section).strip()


def fold(text: str) -> str:
    """The search key of a title: case-folded, diacritics removed, single spaces.

    ``fold("Ébola_virus") == fold("ebola virus") == "ebola virus"``.
    """
    if text.isascii():
        return _WS.sub(" ", text).strip().lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WS.sub(" ", stripped).strip().casefold()


def parse_redirect(wikitext: str) -> tuple[str, str] | None:
    """``(target, section)`` when ``wikitext`` is a redirect page, else None."""
    if "#" not in wikitext[:64]:
        return None
    match = _REDIRECT.match(wikitext)
    if match is None:
        return None
    target, section = split_fragment(match.group(1))
    if not target:
        return None
    return target, section


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True, slots=True)
class SourcePage:
    """One page read from a source.

    Attributes:
        title: normalised title (with its namespace prefix, if any).
        wikitext: the latest revision's text.
        namespace: MediaWiki namespace number (0 = articles).
        revision: revision id from a dump (0 for plain files).
        redirect: ``(target, section)`` when the page is a redirect.
    """

    title: str
    wikitext: str
    namespace: int = 0
    revision: int = 0
    redirect: tuple[str, str] | None = None


class IndexEntry(NamedTuple):
    """One line of a multistream index: the page's stream offset, id and title.

    (A named tuple rather than a dataclass: an index holds millions of lines, and
    building tuples is several times cheaper.)
    """

    offset: int
    page_id: int
    title: str
    namespace: int


SourceKind = Literal["wikitext", "dump", "multistream"]


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A file to import and how to read it (``index`` only for multistream dumps)."""

    path: Path
    kind: SourceKind
    index: Path | None = None


def _is_dump_name(name: str) -> bool:
    return name.lower().endswith(DUMP_SUFFIXES)


def _multistream_pair(path: Path) -> tuple[Path, Path] | None:
    """``(dump, index)`` when ``path`` is either half of a multistream dump."""
    name = path.name
    for suffix in ("-index.txt.bz2", "-index.txt"):
        if name.endswith(suffix):
            return path.with_name(name[: -len(suffix)] + ".xml.bz2"), path
    if name.endswith(".xml.bz2") and "multistream" in name:
        for suffix in ("-index.txt.bz2", "-index.txt"):
            index = path.with_name(name[: -len(".xml.bz2")] + suffix)
            if index.exists():
                return path, index
    return None


def _sniff(path: Path) -> SourceKind:
    """Decide from its first bytes how to read a file whose name says nothing."""
    with open(path, "rb") as fh:
        head = fh.read(512)
    if head.startswith((b"BZh", b"\x1f\x8b")):
        return "dump"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"<?xml", b"<mediawiki")):
        return "dump"
    return "wikitext"


def expand_source(path: Path) -> list[SourceSpec]:
    """The files to read for the user's argument ``path`` (a file or a folder).

    Raises :class:`LibraryError` for a missing path or a folder with nothing to import.
    """
    try:
        if not path.exists():
            raise LibraryError(f"{path}: no such file or folder")
        if path.is_dir():
            specs: list[SourceSpec] = []
            for child in sorted(path.rglob("*")):
                name = child.name.lower()
                if not child.is_file() or name.startswith("."):
                    continue
                if name.endswith(WIKITEXT_SUFFIXES):
                    specs.append(SourceSpec(child, "wikitext"))
                elif _is_dump_name(name):
                    specs.append(SourceSpec(child, "dump"))
            if not specs:
                raise LibraryError(f"{path}: the folder holds no .wiki, .txt or .xml files "
                                   "to import")
            return specs
        pair = _multistream_pair(path)
        if pair is not None:
            dump, index = pair
            if not dump.is_file():
                raise LibraryError(f"{path}: the multistream dump {dump.name} is missing "
                                   "beside its index")
            return [SourceSpec(dump, "multistream", index)]
        if path.stat().st_size == 0:
            raise LibraryError(f"{path}: the file is empty")
        name = path.name.lower()
        if _is_dump_name(name):
            return [SourceSpec(path, "dump")]
        if name.endswith(WIKITEXT_SUFFIXES):
            return [SourceSpec(path, "wikitext")]
        return [SourceSpec(path, _sniff(path))]
    except PermissionError:
        raise LibraryError(f"{path}: permission denied") from None
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({os.strerror(exc.errno or 0) or exc})") \
            from None


def read_wikitext_page(path: Path) -> SourcePage:
    """The page held by one ``.wiki``/``.txt`` file (title from the file name)."""
    try:
        text = read_wikitext_file(path)
    except UserError as exc:
        raise DumpError(str(exc)) from None
    name = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    # A file name that is not valid UTF-8 arrives with lone surrogates: show U+FFFD.
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    title = normalise_title(name)
    return SourcePage(title=title, wikitext=text, redirect=parse_redirect(text))


# --------------------------------------------------------------------------- XML dumps


class _CountingReader(io.RawIOBase):
    """A raw file that remembers how many bytes were read (for progress and ETA)."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._fh.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


def _local(tag: str) -> str:
    """``"{http://www.mediawiki.org/xml/export-0.11/}page"`` -> ``"page"``."""
    return tag[tag.rfind("}") + 1:]


def _namespace_of(title: str, names: dict[str, int]) -> int:
    prefix, colon, _ = title.partition(":")
    if not colon:
        return 0
    return names.get(prefix.strip().replace("_", " ").casefold(), 0)


class DumpReader:
    """Streams the pages of a MediaWiki XML export (plain, ``.bz2`` or ``.gz``).

    Attributes:
        path: the dump.
        size: its size on disk (the progress total, in compressed bytes).
        namespaces: namespace numbers to keep (others are counted in ``skipped``).
        skipped: pages seen outside ``namespaces``.
    """

    def __init__(self, path: Path, namespaces: tuple[int, ...] = (0,)) -> None:
        self.path = path
        self.namespaces = frozenset(namespaces)
        self.skipped = 0
        self.pages_read = 0
        self._root_seen = False
        try:
            self.size = path.stat().st_size
            raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise LibraryError(f"{path}: cannot be read "
                               f"({os.strerror(exc.errno or 0) or exc})") from None
        self._counter = _CountingReader(raw)
        buffered = io.BufferedReader(self._counter, 1 << 16)
        head = buffered.peek(3)[:3]
        self._stream: io.BufferedIOBase
        if head.startswith(b"BZh"):
            self._stream = bz2.BZ2File(buffered)
        elif head.startswith(b"\x1f\x8b"):
            self._stream = gzip.GzipFile(fileobj=buffered)
        else:
            self._stream = buffered

    def position(self) -> int:
        """Bytes of the file read so far."""
        return self._counter.consumed

    def close(self) -> None:
        self._stream.close()
        self._counter.close()

    def __enter__(self) -> DumpReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pages(self) -> Iterator[SourcePage]:
        """The pages in the dump's namespaces; :class:`DumpError` on damage."""
        names: dict[str, int] = {}
        root: ET.Element | None = None
        try:
            for event, elem in ET.iterparse(self._stream, events=("start", "end")):
                if event == "start":
                    if root is None:
                        root = elem
                        self._root_seen = True
                        if _local(elem.tag) != "mediawiki":
                            raise DumpError(f"{self.path}: not a MediaWiki XML export "
                                            f"(it starts with <{_local(elem.tag)}>)")
                    continue
                tag = _local(elem.tag)
                if tag == "page":
                    page = _page_from_element(elem, names)
                    root.clear()  # type: ignore[union-attr]
                    if page is None:
                        continue
                    if page.namespace not in self.namespaces:
                        self.skipped += 1
                        continue
                    self.pages_read += 1
                    yield page
                elif tag == "namespace":
                    key = elem.get("key")
                    if key is not None and key.lstrip("-").isdigit():
                        names[(elem.text or "").strip().casefold()] = int(key)
        except ET.ParseError as exc:
            line, column = exc.position
            raise DumpError(self._damage(f"malformed XML at line {line}, column {column}")) \
                from None
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise DumpError(self._damage(f"the compressed data is cut off or damaged ({exc})")) \
                from None
        except OSError as exc:
            if "Invalid data stream" in str(exc):
                raise DumpError(self._damage("the compressed data is damaged")) from None
            raise DumpError(self._damage(f"read error ({exc})")) from None

    def _damage(self, what: str) -> str:
        if self.pages_read:
            return (f"{self.path}: {what}; the {self.pages_read} pages before the damage "
                    "were imported")
        if not self._root_seen:
            return f"{self.path}: not a MediaWiki XML export ({what})"
        return f"{self.path}: {what}; no pages could be read"


def _page_from_element(elem: ET.Element, names: dict[str, int]) -> SourcePage | None:
    """A :class:`SourcePage` from a ``<page>`` element (latest revision), or None."""
    title: str | None = None
    namespace: int | None = None
    redirect_title: str | None = None
    best: tuple[str, int, str] | None = None  # (timestamp, revision id, text)
    for child in elem:
        tag = _local(child.tag)
        if tag == "title":
            title = child.text or ""
        elif tag == "ns":
            text = (child.text or "").strip()
            if text.lstrip("-").isdigit():
                namespace = int(text)
        elif tag == "redirect":
            redirect_title = child.get("title")
        elif tag == "revision":
            rev_id, stamp, body = 0, "", ""
            for item in child:
                itag = _local(item.tag)
                if itag == "id":
                    text = (item.text or "").strip()
                    rev_id = int(text) if text.isdigit() else 0
                elif itag == "timestamp":
                    stamp = item.text or ""
                elif itag == "text":
                    body = item.text or ""
            if best is None or (stamp, rev_id) >= (best[0], best[1]):
                best = (stamp, rev_id, body)
    if not title or best is None:
        return None
    title = normalise_title(title)
    if namespace is None:
        namespace = _namespace_of(title, names)
    wikitext = best[2]
    redirect = parse_redirect(wikitext)
    if redirect_title:
        target, section = split_fragment(redirect_title)
        if redirect is not None and redirect[0] == target:
            section = section or redirect[1]
        redirect = (target, section) if target else redirect
    return SourcePage(title, wikitext, namespace, best[1], redirect)


# --------------------------------------------------------------------------- multistream


def read_stream(path: Path, offset: int, *, max_bytes: int = 64 << 20) -> bytes:
    """Decompress the single bz2 stream that starts at ``offset`` in ``path``."""
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            decompressor = bz2.BZ2Decompressor()
            parts: list[bytes] = []
            total = 0
            while not decompressor.eof:
                chunk = fh.read(1 << 16)
                if not chunk:
                    raise DumpError(f"{path}: the dump is cut off (stream at byte {offset})")
                data = decompressor.decompress(chunk)
                total += len(data)
                if total > max_bytes:
                    raise DumpError(f"{path}: the stream at byte {offset} is implausibly large")
                parts.append(data)
    except FileNotFoundError:
        raise DumpError(f"{path}: the dump this library reads in place is no longer there") \
            from None
    except OSError as exc:
        raise DumpError(f"{path}: cannot read the stream at byte {offset} ({exc})") from None
    return b"".join(parts)


def read_stream_pages(path: Path, offset: int) -> dict[int, SourcePage]:
    """The pages (by page id) of the multistream stream at ``offset``."""
    data = read_stream(path, offset).replace(b"</mediawiki>", b"")
    try:
        root = ET.fromstring(b"<pages>" + data + b"</pages>")
    except ET.ParseError as exc:
        raise DumpError(f"{path}: malformed XML in the stream at byte {offset} ({exc})") \
            from None
    pages: dict[int, SourcePage] = {}
    for elem in root:
        if _local(elem.tag) != "page":
            continue
        page_id = 0
        for child in elem:
            if _local(child.tag) == "id":
                text = (child.text or "").strip()
                page_id = int(text) if text.isdigit() else 0
                break
        page = _page_from_element(elem, {})
        if page is not None:
            pages[page_id] = page
    return pages


def read_namespaces(dump: Path) -> dict[str, int]:
    """Namespace names (case-folded) -> numbers, from the dump's first stream (siteinfo)."""
    try:
        head = read_stream(dump, 0, max_bytes=16 << 20)
    except DumpError:
        return {}
    names: dict[str, int] = {}
    for match in re.finditer(rb'<namespace\b[^>]*\bkey="(-?\d+)"[^>]*?(?:/>|>([^<]*)</namespace>)',
                             head):
        names[(match.group(2) or b"").decode("utf-8", "replace").strip().casefold()] = \
            int(match.group(1))
    return names


class IndexReader:
    """Streams the ``offset:page_id:title`` lines of a multistream index.

    Attributes:
        path: the index file (``.txt.bz2`` or ``.txt``).
        size: its size on disk (progress total).
        bad_lines: lines that could not be read and were skipped.
    """

    def __init__(self, path: Path, namespace_names: dict[str, int]) -> None:
        self.path = path
        self.names = namespace_names
        self.bad_lines = 0
        self.entries_read = 0
        try:
            self.size = path.stat().st_size
            raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise LibraryError(f"{path}: cannot be read "
                               f"({os.strerror(exc.errno or 0) or exc})") from None
        self._counter = _CountingReader(raw)
        buffered = io.BufferedReader(self._counter, 1 << 16)
        stream: io.BufferedIOBase = (bz2.BZ2File(buffered) if buffered.peek(3)[:3] == b"BZh"
                                     else buffered)
        self._text = io.TextIOWrapper(cast(BinaryIO, stream), encoding="utf-8",
                                      errors="replace", newline="\n")

    def position(self) -> int:
        return self._counter.consumed

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> IndexReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def entries(self) -> Iterator[IndexEntry]:
        """The index entries; :class:`DumpError` if the index is cut off or damaged."""
        names = self.names
        try:
            for line in self._text:
                parts = line.split(":", 2)
                if len(parts) == 3:
                    offset, page_id, title = parts
                    title = title.rstrip("\r\n")
                    if title and offset.isdigit() and page_id.isdigit():
                        self.entries_read += 1
                        yield IndexEntry(int(offset), int(page_id), title,
                                         _namespace_of(title, names) if ":" in title else 0)
                        continue
                if line.strip():
                    self.bad_lines += 1
                    if self.entries_read == 0 and self.bad_lines >= 20:
                        raise DumpError(f"{self.path}: not a multistream index "
                                        "(expected offset:page_id:title lines)")
        except (EOFError, OSError, zlib.error) as exc:
            raise DumpError(f"{self.path}: the index is cut off or damaged ({exc}); "
                            f"the {self.entries_read} titles before the damage were imported") \
                from None
