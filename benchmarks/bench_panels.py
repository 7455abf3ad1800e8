"""Benchmark: the side panels (outline, infobox, references) on the sample and on a big
article, offscreen.

For each panel, prints the median wall time of ``set_article`` plus painting (what a
tab switch costs) and of a width change plus repainting (what dragging a dock splitter
costs).  Both include the offscreen paint of the shown panel and one ``grab()``, so they
over-count a real tab switch, which paints once.

The big article is the sample's body repeated with distinct references (``--copies``
times, ~30 references each), the shape of a long, well-sourced page.

    python benchmarks/bench_panels.py [--copies 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from viewer.article import parse_article  # noqa: E402
from viewer.article.model import Article  # noqa: E402
from viewer.resources import SAMPLE_ARTICLE, SAMPLE_TITLE, resource_path  # noqa: E402
from viewer.ui.panels import InfoboxPanel, OutlinePanel, ReferencesPanel  # noqa: E402


def big_article(copies: int) -> Article:
    """The sample's body ``copies`` times, every named reference renamed per copy."""
    seed = resource_path(SAMPLE_ARTICLE).read_text(encoding="utf-8")
    body = seed.split("==References==")[0]
    parts = [re.sub(r'<ref name="?([^">/]+)"?', lambda m, i=i: f'<ref name="{m.group(1)}{i}"',
                    body) for i in range(copies)]
    return parse_article("\n".join(parts) + "\n==References==\n{{reflist}}\n", "Big")


def settle(app: QApplication, panel: QWidget) -> None:
    """Process pending layout work and paint the panel once."""
    for _ in range(3):
        app.processEvents()
    panel.grab()


def measure(app: QApplication, cls: type[QWidget], article: Article,
            repeat: int) -> tuple[float, float]:
    """Median ms of set_article + paint, and of a resize + paint."""
    panel = cls()
    panel.resize(340, 900)
    panel.show()
    settle(app, panel)
    loads, resizes = [], []
    for i in range(repeat):
        panel.set_article(None)  # type: ignore[attr-defined]
        settle(app, panel)
        start = time.perf_counter()
        panel.set_article(article)  # type: ignore[attr-defined]
        settle(app, panel)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        panel.resize(340 + 40 * (1 + i % 2), 900)
        settle(app, panel)
        resizes.append(time.perf_counter() - start)
    panel.close()
    return statistics.median(loads) * 1000, statistics.median(resizes) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    sample = parse_article(resource_path(SAMPLE_ARTICLE).read_text(encoding="utf-8"),
                           SAMPLE_TITLE)
    big = big_article(args.copies)
    for name, article in (("sample", sample), ("big", big)):
        print(f"{name}: {len(article.references)} references, "
              f"{len(article.walk_sections())} sections, "
              f"{len(article.infobox.fields) if article.infobox else 0} infobox fields")
        for cls in (OutlinePanel, InfoboxPanel, ReferencesPanel):
            load, resize = measure(app, cls, article, args.repeat)
            print(f"  {cls.__name__:16s} set_article+paint {load:7.1f} ms   "
                  f"resize+paint {resize:7.1f} ms")


if __name__ == "__main__":
    main()
