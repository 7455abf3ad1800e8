"""Small MediaWiki XML exports and multistream dumps written by the tests themselves."""

from __future__ import annotations

import bz2
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NAMESPACES = {0: "", 1: "Talk", 4: "Wikipedia", 10: "Template", 14: "Category"}


@dataclass
class Page:
    title: str
    text: str
    ns: int = 0
    page_id: int = 0
    redirect: str | None = None
    # older revisions (text, timestamp) written before the latest one
    older: list[tuple[str, str]] = field(default_factory=list)
    timestamp: str = "2024-05-01T12:00:00Z"


def siteinfo(version: str = "0.11") -> str:
    spaces = "\n".join(
        f'      <namespace key="{k}" case="first-letter">{escape(v)}</namespace>' if v
        else f'      <namespace key="{k}" case="first-letter" />'
        for k, v in NAMESPACES.items()
    )
    return (
        f'<mediawiki xmlns="http://www.mediawiki.org/xml/export-{version}/" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="{version}" '
        'xml:lang="en">\n  <siteinfo>\n    <sitename>Testpedia</sitename>\n'
        '    <dbname>testwiki</dbname>\n    <case>first-letter</case>\n'
        f"    <namespaces>\n{spaces}\n    </namespaces>\n  </siteinfo>\n"
    )


def page_xml(page: Page, *, with_ns: bool = True) -> str:
    revisions = []
    rev_id = page.page_id * 100
    for text, stamp in [*page.older, (page.text, page.timestamp)]:
        rev_id += 1
        revisions.append(
            f"    <revision>\n      <id>{rev_id}</id>\n      <timestamp>{stamp}</timestamp>\n"
            "      <contributor><username>Tester</username><id>1</id></contributor>\n"
            "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
            f'      <text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>\n'
            "    </revision>\n"
        )
    redirect = f"    <redirect title={quoteattr(page.redirect)} />\n" if page.redirect else ""
    ns = f"    <ns>{page.ns}</ns>\n" if with_ns else ""
    return (f"  <page>\n    <title>{escape(page.title)}</title>\n{ns}"
            f"    <id>{page.page_id}</id>\n{redirect}{''.join(revisions)}  </page>\n")


def number(pages: list[Page]) -> list[Page]:
    for i, page in enumerate(pages, start=1):
        if not page.page_id:
            page.page_id = i
    return pages


def dump_xml(pages: list[Page], version: str = "0.11", *, with_ns: bool = True) -> str:
    number(pages)
    return (siteinfo(version) + "".join(page_xml(p, with_ns=with_ns) for p in pages)
            + "</mediawiki>\n")


def write_dump(path: Path, pages: list[Page], version: str = "0.11", **kw: bool) -> Path:
    data = dump_xml(pages, version, **kw).encode("utf-8")
    if path.name.endswith(".bz2"):
        data = bz2.compress(data)
    elif path.name.endswith(".gz"):
        import gzip

        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def write_multistream(folder: Path, pages: list[Page], per_stream: int = 2,
                      name: str = "testwiki-20240501-pages-articles-multistream"
                      ) -> tuple[Path, Path]:
    """A multistream dump (siteinfo alone in the first stream) and its bz2 index."""
    number(pages)
    dump = folder / f"{name}.xml.bz2"
    index = folder / f"{name}-index.txt.bz2"
    chunks = [bz2.compress(siteinfo().encode())]
    offset = len(chunks[0])
    lines = []
    for start in range(0, len(pages), per_stream):
        group = pages[start:start + per_stream]
        data = "".join(page_xml(p) for p in group)
        if start + per_stream >= len(pages):
            data += "</mediawiki>\n"
        block = bz2.compress(data.encode())
        lines += [f"{offset}:{p.page_id}:{p.title}\n" for p in group]
        chunks.append(block)
        offset += len(block)
    dump.write_bytes(b"".join(chunks))
    index.write_bytes(bz2.compress("".join(lines).encode()))
    return dump, index


def article_text(topic: str, words: str = "") -> str:
    """A small but realistic article about ``topic``."""
    return (
        f"'''{topic}''' is a subject studied by [[Science|scientists]] since 1900.{words}\n\n"
        f"== History ==\nThe history of {topic.lower()} begins in [[Europe]].<ref>Some "
        "book, p. 3.</ref>\n\n== See also ==\n* [[Other topic]]\n\n"
        "== References ==\n<references />\n"
    )


def sample_pages() -> list[Page]:
    """Articles, redirects (one with a section), other namespaces, several revisions."""
    return [
        Page("Ebola virus", article_text("Ébola virus", " It causes haemorrhagic fever.")),
        Page("Paris", article_text("Paris", " The capital of France on the Seine."),
             older=[("Paris is a city. Old vandalised text zzyzzx.", "2020-01-01T00:00:00Z")]),
        Page("Thalidomide", article_text("Thalidomide", " A drug against myeloma.")),
        Page("Lenalidomide", article_text("Lenalidomide",
                                          " An analogue of thalidomide used for myeloma.")),
        Page("Revlimid", "#REDIRECT [[Lenalidomide#History]]", redirect="Lenalidomide"),
        Page("City of light", "#REDIRECT [[Paris]]\n{{R from alternative name}}",
             redirect="Paris"),
        Page("Talk:Paris", "Talk about Paris.", ns=1),
        Page("Template:Infobox", "{{{1}}}", ns=10),
        Page("Crème brûlée", article_text("Crème brûlée", " A dessert of custard.")),
    ]
