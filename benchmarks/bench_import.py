"""Benchmark: importing a MediaWiki XML ``.bz2`` dump, against the floor, in one run.

Builds a synthetic dump from real article text (paragraphs of the bundled sample and,
when present, the wikitext inputs of ``../shared/corpus/parsertests``, mixed into
articles of varied length, titles and redirects), then measures:

- the *floor*: bz2 decompression + XML parsing (iterparse) + ``mwparserfromhell.parse``
  of every page, single process — what any importer that parses its pages must pay;
- ``Library.import_source`` with 0 worker processes (everything in one process) and with
  the default (one per core), each into a fresh library;

and prints pages/s and the ratio import time / floor time (aim: at most 2x).

    python benchmarks/bench_import.py [--pages 2000] [--workers 0 2]
"""

from __future__ import annotations

import argparse
import bz2
import random
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mwparserfromhell  # noqa: E402

from viewer.library import Library  # noqa: E402
from viewer.library.library import default_workers  # noqa: E402
from viewer.resources import SAMPLE_ARTICLE, resource_path  # noqa: E402

PARSERTESTS = ROOT.parent / "shared" / "corpus" / "parsertests"
WORDS = [
    "alpha", "beta", "gamma", "delta", "river", "mountain", "city", "empire", "drug",
    "protein", "cell", "gene", "history", "music", "painter", "novel", "war", "treaty",
    "island", "bridge", "station", "orbit", "comet", "language", "village", "museum",
    "church", "festival", "railway", "harbour"
]


def paragraphs() -> list[str]:
    """Real wikitext paragraphs: the sample article and the parser-test inputs."""
    text = resource_path(SAMPLE_ARTICLE).read_text(encoding="utf-8")
    found = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if PARSERTESTS.is_dir():
        for path in sorted(PARSERTESTS.glob("*.txt"))[:20]:
            body = path.read_text(encoding="utf-8", errors="replace")
            for match in re.finditer(r"!! *wikitext\n(.*?)\n!! *(?:html|result)", body, re.S):
                if 40 < len(match.group(1)) < 4000:
                    found.append(match.group(1))
    return found


def make_title(rng: random.Random, i: int) -> str:
    words = rng.sample(WORDS, rng.randint(1, 3))
    title = " ".join(words).capitalize()
    return f"{title} ({i})" if rng.random() < 0.9 else f"{title} {i}"


def make_article(rng: random.Random, paras: list[str], title: str) -> str:
    head = f"'''{title}''' is a {rng.choice(WORDS)} of the {rng.choice(WORDS)}.\n\n"
    body = []
    for section in range(rng.randint(2, 6)):
        body.append(f"== {rng.choice(WORDS).capitalize()} {section} ==")
        body.extend(rng.sample(paras, min(len(paras), rng.randint(1, 4))))
    return head + "\n\n".join(body) + "\n\n== References ==\n<references />\n"


def build_dump(path: Path, pages: int, seed: int = 1) -> int:
    """Write a ``.xml.bz2`` export with ``pages`` pages (5% redirects); return its size."""
    rng = random.Random(seed)
    paras = paragraphs()
    compressor = bz2.BZ2Compressor(9)
    titles: list[str] = []
    with open(path, "wb") as out:
        out.write(compressor.compress(
            b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n'
            b"<siteinfo><sitename>Bench</sitename><namespaces>"
            b'<namespace key="0" case="first-letter" /></namespaces></siteinfo>\n'))
        for i in range(pages):
            title = make_title(rng, i)
            if titles and rng.random() < 0.05:
                text = f"#REDIRECT [[{rng.choice(titles)}]]"
            else:
                text = make_article(rng, paras, title)
                titles.append(title)
            xml = (f"<page><title>{escape(title)}</title><ns>0</ns><id>{i + 1}</id>"
                   f"<revision><id>{i + 1}</id><timestamp>2024-01-01T00:00:00Z</timestamp>"
                   f'<text xml:space="preserve">{escape(text)}</text></revision></page>\n')
            out.write(compressor.compress(xml.encode()))
        out.write(compressor.compress(b"</mediawiki>\n"))
        out.write(compressor.flush())
    return path.stat().st_size


def floor(path: Path) -> tuple[float, int]:
    """Seconds to decompress, parse the XML and mwparserfromhell-parse every page."""
    start = time.perf_counter()
    count = 0
    with bz2.open(path, "rb") as fh:
        for _event, elem in ET.iterparse(fh):
            if elem.tag.endswith("}text") or elem.tag == "text":
                mwparserfromhell.parse(elem.text or "")
                count += 1
            elif elem.tag.endswith("page"):
                elem.clear()
    return time.perf_counter() - start, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="*", default=None,
                        help=f"worker counts to try (default: 0 and {default_workers()})")
    args = parser.parse_args()
    workers = args.workers if args.workers is not None else sorted({0, default_workers()})
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "bench-pages-articles.xml.bz2"
        size = build_dump(dump, args.pages)
        print(f"dump: {args.pages:,} pages, {size / 1e6:.1f} MB bz2")
        floor_s, count = floor(dump)
        print(f"floor (bz2 + XML + mwparserfromhell.parse): {floor_s:.2f} s, "
              f"{count / floor_s:,.0f} pages/s")
        for n in workers:
            lib_path = Path(tmp) / f"lib-{n}.sqlite3"
            start = time.perf_counter()
            with Library.open(lib_path) as library:
                stats = library.import_source(dump, workers=n)
            took = time.perf_counter() - start
            print(f"import, {n} worker processes: {took:.2f} s, {args.pages / took:,.0f} pages/s, "
                  f"{took / floor_s:.2f}x the floor ({stats.added:,} pages, "
                  f"{stats.redirects:,} redirects, library {lib_path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
