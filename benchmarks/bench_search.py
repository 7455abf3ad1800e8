"""Benchmark: search latency on a large synthetic library, and opening a big multistream index.

Builds a library with the real schema (``viewer.library``):

- ``--articles`` articles (default 100,000) with full text made of real sentences (the
  bundled sample rendered by ``to_text``, plus the parser-test inputs), each with a few
  invented words so the vocabulary is varied, indexed in FTS5;
- ``--titles`` titles in all (default 1,000,000; the rest are title-only pages), with
  varied invented names, in the title index and the trigram index;

then prints p50/p95 latencies of title-as-you-type queries (prefixes of 1-8 letters,
aim p95 < 10 ms), typo queries (fuzzy), full-text queries with snippets (aim p95 < 50 ms),
the library file size per article, and the time to open (import) a multistream dump's
index of ``--index-titles`` titles (default 1,000,000).  Use small sizes for a quick run:

    python benchmarks/bench_search.py --articles 5000 --titles 50000 --index-titles 50000
"""

from __future__ import annotations

import argparse
import bz2
import random
import re
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.article import parse_article, to_text  # noqa: E402
from viewer.library import Library  # noqa: E402
from viewer.library.sources import fold  # noqa: E402
from viewer.resources import SAMPLE_ARTICLE, resource_path  # noqa: E402

PARSERTESTS = ROOT.parent / "shared" / "corpus" / "parsertests"
SYLLABLES = [
    "ka", "lo", "me", "rin", "ta", "vo", "shi", "an", "del", "ro", "mu", "zen", "pra",
    "lis", "or", "ne", "ga", "tu", "bel", "chi", "fa", "mo", "ris", "sa", "ul", "ven",
    "qui", "dor", "el", "ha", "jo", "ki", "ly", "nu", "pe", "sto"
]
KINDS = ("river", "film", "album", "band", "village", "footballer", "novel", "species",
         "ship", "politician", "company", "church", "song", "mountain", "painter")


def sentences() -> list[str]:
    """Real sentences: the sample article's plain text and the parser-test inputs."""
    text = to_text(parse_article(resource_path(SAMPLE_ARTICLE).read_text(encoding="utf-8"),
                                 "Lenalidomide"))
    found = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 30]
    if PARSERTESTS.is_dir():
        for path in sorted(PARSERTESTS.glob("*.txt"))[:10]:
            body = path.read_text(encoding="utf-8", errors="replace")
            for line in body.splitlines():
                line = re.sub(r"[\[\]{}<>|='#*!]", " ", line).strip()
                if 40 < len(line) < 300 and not line.startswith(("!!", "#")):
                    found.append(line)
    return found


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def titles(rng: random.Random, n: int) -> Iterator[str]:
    seen: set[str] = set()
    while len(seen) < n:
        name = " ".join(word(rng).capitalize() for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            name += f" ({rng.choice(KINDS)})"
        if rng.random() < 0.05:
            name = name.replace("a", "á", 1).replace("e", "é", 1)
        if name not in seen:
            seen.add(name)
            yield name


def build(path: Path, articles: int, total_titles: int, seed: int = 7) -> tuple[
        list[str], list[str]]:
    """Fill the library at ``path``; return (all titles, invented vocabulary)."""
    rng = random.Random(seed)
    sents = sentences()
    vocab = [word(rng) for _ in range(5000)]
    names = list(titles(rng, total_titles))
    wikitext = zlib.compress(b"'''Synthetic''' article.")
    with Library.open(path) as library:
        conn = library._conn
        start = time.perf_counter()
        batch_pages, batch_text = [], []
        for i, title in enumerate(names):
            batch_pages.append((i + 1, title, fold(title), wikitext))
            if i < articles:
                body = " ".join(rng.sample(sents, min(len(sents), rng.randint(10, 40))))
                extra = " ".join(rng.choice(vocab) for _ in range(rng.randint(5, 30)))
                batch_text.append((i + 1, title, f"{title}. {body} {extra}"))
            if len(batch_pages) >= 5000 or i == len(names) - 1:
                conn.execute("BEGIN")
                conn.executemany("INSERT INTO pages(id, title, fold, wikitext, indexed) "
                                 "VALUES (?, ?, ?, ?, 1)", batch_pages)
                conn.executemany("INSERT INTO text_fts(rowid, title, body) VALUES (?, ?, ?)",
                                 batch_text)
                conn.execute("COMMIT")
                batch_pages, batch_text = [], []
        conn.execute("INSERT INTO text_fts(text_fts) VALUES ('optimize')")
        conn.execute("INSERT INTO title_tri(title_tri) VALUES ('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"built: {articles:,} articles with text, {total_titles:,} titles "
              f"in {time.perf_counter() - start:.0f} s")
    return names, vocab


def latencies(fn: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        fn(query)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def typo(rng: random.Random, text: str) -> str:
    """One typo in the folded title: swapped neighbours, a missing, an extra or a wrong
    letter (equally likely)."""
    text = fold(text)
    i = rng.randrange(max(1, len(text) - 1))
    kind = rng.choice(("swap", "omit", "insert", "replace"))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if kind == "swap":
        return text[:i] + text[i + 1:i + 2] + text[i:i + 1] + text[i + 2:]
    if kind == "omit":
        return text[:i] + text[i + 1:]
    if kind == "insert":
        return text[:i] + letter + text[i:]
    return text[:i] + letter + text[i + 1:]


def bench_index_open(folder: Path, n: int) -> float:
    """Seconds to import a multistream dump's index of ``n`` titles (in place)."""
    rng = random.Random(3)
    dump = folder / "benchwiki-pages-articles-multistream.xml.bz2"
    index = folder / "benchwiki-pages-articles-multistream-index.txt.bz2"
    dump.write_bytes(bz2.compress(
        b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/"><siteinfo>'
        b'<namespaces><namespace key="0" /><namespace key="1">Talk</namespace></namespaces>'
        b"</siteinfo>\n"))
    compressor = bz2.BZ2Compressor()
    with open(index, "wb") as out:
        offset = 600
        lines = []
        for i, title in enumerate(titles(rng, n)):
            if i % 100 == 0:
                offset += 40_000
            lines.append(f"{offset}:{i + 1}:{title}\n")
            if len(lines) >= 10_000:
                out.write(compressor.compress("".join(lines).encode()))
                lines = []
        out.write(compressor.compress("".join(lines).encode()))
        out.write(compressor.flush())
    start = time.perf_counter()
    with Library.open(folder / "multistream.sqlite3") as library:
        library.import_source(dump)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--titles", type=int, default=1_000_000)
    parser.add_argument("--index-titles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    total = max(args.titles, args.articles)
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        names, vocab = build(path, args.articles, total)
        size = path.stat().st_size
        print(f"library: {size / 1e6:,.0f} MB, {size / args.articles / 1024:.1f} KB per article "
              f"(with text), {size / total:,.0f} bytes per title overall")
        picks = [rng.choice(names) for _ in range(args.queries)]
        prefixes = [fold(t)[: rng.randint(1, 8)] for t in picks]
        typos = [typo(rng, t) for t in picks]
        common = ["the", "with", "myeloma", "patients", "treatment", "blood", "page"]
        text_queries = [rng.choice([rng.choice(common), rng.choice(vocab),
                                    f"{rng.choice(common)} {rng.choice(common)}",
                                    f"{rng.choice(vocab)} {rng.choice(common)}"])
                        for _ in range(args.queries)]
        with Library.open(path, readonly=True) as library:
            library.search_titles("warm")
            library.search_text("warm")
            p50, p95 = latencies(library.search_titles, prefixes)
            print(f"titles as you type (1-8 letters): p50 {p50:.2f} ms, p95 {p95:.2f} ms")
            p50, p95 = latencies(library.search_titles, typos)
            found = sum(title in [h.title for h in library.search_titles(q, 8)]
                        for title, q in zip(picks, typos, strict=True))
            print(f"titles with a typo (fuzzy):       p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
                  f"intended title in the first 8: {found / len(typos):.0%}")
            p50, p95 = latencies(library.search_text, text_queries)
            print(f"full text + snippets:             p50 {p50:.2f} ms, p95 {p95:.2f} ms")
            p50, p95 = latencies(lambda q: library.search_text(q, prefix=True), text_queries)
            print(f"full text, last word as prefix:   p50 {p50:.2f} ms, p95 {p95:.2f} ms")
        seconds = bench_index_open(Path(tmp), args.index_titles)
        print(f"open a multistream index of {args.index_titles:,} titles: {seconds:.1f} s "
              f"({args.index_titles / seconds:,.0f} titles/s)")


if __name__ == "__main__":
    main()
