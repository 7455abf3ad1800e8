"""Every case of MediaWiki's parser test corpus goes through the whole pipeline.

The invariant (style.md): any wikitext gives an ``Article`` and every renderer output,
never an exception.  We do not compare with MediaWiki's HTML byte for byte; the
sanitizer cases are checked for active content in ``tests/article/test_sanitize.py``.
A case that takes more than ``HANG_SECONDS`` is reported as a hang: that is a guard
against runaway work, not a speed goal (speed is in benchmarks/).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import PARSERTESTS
from tests.corpus.parsertests import ParserTestCase, read_corpus
from viewer.article import parse_article, to_bibtex, to_html, to_json, to_ris, to_text

HANG_SECONDS = 5.0
CASES: list[ParserTestCase] = read_corpus(PARSERTESTS) if PARSERTESTS.exists() else []


def test_corpus_is_present(parsertests_dir: Path) -> None:
    assert len(read_corpus(parsertests_dir)) > 2500


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_goes_through_every_renderer(case: ParserTestCase) -> None:
    start = time.perf_counter()
    article = parse_article(case.wikitext, "Parser test")
    html = to_html(article)
    text = to_text(article)
    data = to_json(article)
    bib = to_bibtex(article)
    ris = to_ris(article)
    elapsed = time.perf_counter() - start
    assert isinstance(html, str) and html.lstrip().lower().startswith(("<!doctype", "<html"))
    assert isinstance(text, str) and isinstance(bib, str) and isinstance(ris, str)
    json.dumps(data, ensure_ascii=False)
    assert data["title"] == "Parser test"
    assert elapsed < HANG_SECONDS, f"{case.id} took {elapsed:.1f} s"
