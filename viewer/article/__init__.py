"""The article layer: wikitext -> immutable article model -> HTML, plain text, JSON,
BibTeX and RIS.  Pure Python: no Qt, no I/O beyond what it is handed.

Public API (other layers and benchmarks call these names)::

    article = parse_article(wikitext, title)
    to_html(article) / to_text(article) / to_json(article)
    to_bibtex(article) / to_ris(article)
"""

from viewer.article.model import Article
from viewer.article.parse import parse_article
from viewer.article.render.export import to_bibtex, to_json, to_ris
from viewer.article.render.html import to_html
from viewer.article.render.text import to_text

__all__ = ["Article", "parse_article", "to_bibtex", "to_html", "to_json", "to_ris", "to_text"]
