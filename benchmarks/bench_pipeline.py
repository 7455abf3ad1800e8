"""Benchmark: the article pipeline against the bare parse and other converters.

Prints, per input article and overall:
- the median time of ``parse_article`` + ``to_html``;
- its ratio to ``mwparserfromhell.parse`` alone on the same input in the same run
  (the floor: we cannot parse faster than the parser we stand on; aim <= 2x);
- the same ratio for other Python wikitext-to-HTML converters when installed
  (``pip install mwcomposerfromhell py-wikimarkup pypandoc-binary``);
- peak memory of one parse+render (tracemalloc).

Inputs: the bundled sample plus every ``*.wiki`` file under the folders given with
``--articles DIR`` (default: ``tests/data/articles`` when present).  Figures are printed,
never asserted: machines here are noisy.

    python benchmarks/bench_pipeline.py [--articles DIR ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mwparserfromhell  # noqa: E402

from viewer.article import parse_article, to_html  # noqa: E402
from viewer.resources import SAMPLE_ARTICLE, resource_path  # noqa: E402


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` over ``repeat`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def other_converters() -> dict[str, Callable[[str], object]]:
    """Other wikitext-to-HTML converters that are installed, by name."""
    found: dict[str, Callable[[str], object]] = {}
    try:
        import mwcomposerfromhell

        found["mwcomposerfromhell"] = lambda t: mwcomposerfromhell.compose(
            mwparserfromhell.parse(t))
    except ImportError:
        pass
    try:
        from wikimarkup.parser import Parser

        found["py-wikimarkup"] = lambda t: Parser().parse(t)
    except ImportError:
        pass
    try:
        import pypandoc

        pypandoc.get_pandoc_version()
        found["pandoc"] = lambda t: pypandoc.convert_text(t, "html", format="mediawiki")
    except (ImportError, OSError):
        pass
    return found


def load_inputs(folders: list[Path]) -> list[tuple[str, str]]:
    """(title, wikitext) for the sample and every .wiki file in ``folders``."""
    inputs = [("Lenalidomide (sample)", resource_path(SAMPLE_ARTICLE).read_text("utf-8"))]
    for folder in folders:
        for path in sorted(folder.rglob("*.wiki")):
            inputs.append((path.stem, path.read_text("utf-8", errors="replace")))
    return inputs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=Path, action="append", default=None)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    folders = args.articles
    if folders is None:
        default = ROOT / "tests" / "data" / "articles"
        folders = [default] if default.exists() else []
    inputs = load_inputs(folders)
    others = other_converters()

    header = f"{'article':34} {'KB':>6} {'parse ms':>9} {'ours ms':>9} {'ratio':>6}"
    header += "".join(f" {name[:14]:>15}" for name in others)
    print(header)
    totals = {"parse": 0.0, "ours": 0.0, **{name: 0.0 for name in others}}
    peak_max = 0
    for title, text in inputs:
        t_parse = median_time(lambda text=text: mwparserfromhell.parse(text), args.repeat)
        t_ours = median_time(lambda text=text, title=title: to_html(parse_article(text, title)),
                             args.repeat)
        totals["parse"] += t_parse
        totals["ours"] += t_ours
        row = (f"{title[:34]:34} {len(text.encode()) / 1024:6.1f} {t_parse * 1e3:9.2f} "
               f"{t_ours * 1e3:9.2f} {t_ours / t_parse:6.2f}")
        for name, fn in others.items():
            t_other = median_time(lambda fn=fn, text=text: fn(text), max(3, args.repeat // 3))
            totals[name] += t_other
            row += f" {t_other * 1e3:9.2f} ms/x{t_other / t_ours:4.1f}"[-16:].rjust(16)
        print(row)
        tracemalloc.start()
        to_html(parse_article(text, title))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_max = max(peak_max, peak)

    print()
    print(f"articles: {len(inputs)}")
    print(f"total mwparserfromhell.parse: {totals['parse'] * 1e3:.1f} ms")
    print(f"total parse_article+to_html:  {totals['ours'] * 1e3:.1f} ms "
          f"-> ratio to bare parse {totals['ours'] / totals['parse']:.2f}x (aim <= 2x)")
    for name in others:
        print(f"total {name}: {totals[name] * 1e3:.1f} ms "
              f"-> RefView is {totals[name] / totals['ours']:.2f}x as fast")
    if not others:
        print("(no other converter installed: pip install mwcomposerfromhell py-wikimarkup "
              "pypandoc-binary)")
    print(f"peak memory of one parse+render (largest): {peak_max / 1048576:.1f} MiB")


if __name__ == "__main__":
    main()
