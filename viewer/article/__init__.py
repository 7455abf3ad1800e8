"""The article layer: wikitext -> immutable article model -> HTML, plain text, JSON,
BibTeX and RIS.  Pure Python: no Qt, no I/O beyond what it is handed.

Public API (other layers and benchmarks call these names)::

    article = parse_article(wikitext, title)
    to_html(article) / to_text(article) / to_json(article)
    to_bibtex(article) / to_ris(article)

The functions are imported lazily, so that importing ``viewer.article.model`` (as the UI
does at start-up) does not pay for the parser and the renderers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from viewer.article.model import Article
    from viewer.article.parse import parse_article
    from viewer.article.render.export import to_bibtex, to_json, to_ris
    from viewer.article.render.html import to_html
    from viewer.article.render.text import to_text

__all__ = ["Article", "parse_article", "to_bibtex", "to_html", "to_json", "to_ris", "to_text"]

_WHERE = {
    "Article": "viewer.article.model",
    "parse_article": "viewer.article.parse",
    "to_bibtex": "viewer.article.render.export",
    "to_json": "viewer.article.render.export",
    "to_ris": "viewer.article.render.export",
    "to_html": "viewer.article.render.html",
    "to_text": "viewer.article.render.text",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'viewer.article' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
