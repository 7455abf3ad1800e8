"""Make page content safe to show: URL allow-listing, CSS class filtering, escaping.

The article model carries no raw HTML, so the renderers only ever emit tags they choose;
what the page *does* control are strings: link targets, class names and text.  This
module is the one place that decides which of those may reach the HTML:

* :func:`safe_url` keeps a URL only when its scheme is on MediaWiki's ``$wgUrlProtocols``
  allow-list (``javascript:``, ``vbscript:``, ``data:``, ``file:`` ... are refused), after
  undoing the entity tricks used to hide a scheme (``&#106;avascript:``) and refusing
  control characters, whitespace and invisible characters inside it (``java\\tscript:``).
* :func:`safe_css_class` keeps only plain ``[A-Za-z0-9_-]`` class tokens.
* :func:`escape_text` / :func:`escape_attr` escape for HTML after removing characters that
  are not allowed in a document at all (C0 controls, lone surrogates, non-characters).

Everything is pure and total: any ``str`` in, a safe value (or ``None``) out.
"""

from __future__ import annotations

import html
import re

__all__ = [
    "ALLOWED_SCHEMES",
    "clean_text",
    "escape_attr",
    "escape_text",
    "safe_css_class",
    "safe_url",
]

#: Schemes written ``scheme://...`` (MediaWiki lists them with the slashes).
_HIERARCHICAL = frozenset({
    "http", "https", "ftp", "ftps", "irc", "ircs", "sftp", "ssh", "git", "svn",
    "gopher", "nntp", "worldwind",
})
#: Schemes written ``scheme:...``.
_OPAQUE = frozenset({"mailto", "news", "tel", "urn", "geo", "magnet"})

ALLOWED_SCHEMES: frozenset[str] = _HIERARCHICAL | _OPAQUE
"""Every URL scheme :func:`safe_url` lets through (a subset of ``$wgUrlProtocols``)."""

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")

# C0 controls, DEL, C1 controls, Unicode spaces (no-break, em, ideographic...), and the
# invisible / direction-changing characters that can make a URL look like something else
# (zero-width space/joiners, bidi embeddings and isolates, line/paragraph separators, BOM).
_BAD_IN_URL = re.compile(
    "[\x00-\x1f\x7f-\xa0\u00ad\u061c\u115f\u1160\u1680\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\u3000\ufeff\ufff9-\ufffb\ud800-\udfff\\\\]"
)

# Characters a document must not contain: C0 controls except tab/newline/CR, lone
# surrogates (they cannot be encoded as UTF-8) and the non-characters U+FFFE/U+FFFF.
_BAD_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

# Characters that are legal in an attribute once escaped but that a URL should carry
# percent-encoded (as MediaWiki writes them).
_PERCENT = {c: f"%{ord(c):02X}" for c in ' "<>`{}|^\''}
_PERCENT_RE = re.compile("[" + re.escape("".join(_PERCENT)) + "]")

_CSS_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
_MAX_URL = 8192


def _unescape_fully(value: str) -> str:
    """Decode HTML entities until nothing changes (``&amp;#106;`` -> ``&#106;`` -> ``j``)."""
    for _ in range(5):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def _scheme_of(url: str) -> str | None:
    """The URL's scheme, lower-cased, or ``None`` when it has none."""
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def safe_url(url: str) -> str | None:
    """Return ``url`` if it is safe to put in an ``href``, else ``None``.

    The result is plain (unescaped) text; callers escape it for the attribute.  Rules:

    * surrounding whitespace is stripped and HTML entities are decoded once (wikitext
      writes ``&amp;`` in URLs); a URL whose scheme changes when decoded *again* is an
      obfuscation attempt and is refused;
    * a control, invisible or bidi character, a tab, newline, no-break or other Unicode
      space, or a backslash *inside* the URL makes it refused (``java\\tscript:``); so
      does a plain space in the scheme or host (``http://a b``); elsewhere spaces, quotes,
      angle brackets and ``` `{}|^``` are percent-encoded;
    * protocol-relative ``//host/path`` becomes ``https://host/path``;
    * the scheme must be in :data:`ALLOWED_SCHEMES` (compared case-insensitively and
      written back lower-case); ``http:`` and friends need ``//`` and a host;
    * relative URLs (no scheme) are refused: the renderer builds its own internal links.
    """
    if not isinstance(url, str) or len(url) > _MAX_URL:
        return None
    value = html.unescape(url.strip(" \t\r\n\f\v\x00"))
    value = value.strip()
    if not value or _BAD_IN_URL.search(value):
        return None
    deeper = _unescape_fully(value)
    if deeper != value and (
        _BAD_IN_URL.search(deeper) or _scheme_of(deeper) != _scheme_of(value)
    ):
        return None
    if value.startswith("//"):
        value = "https:" + value
    scheme = _scheme_of(value)
    if scheme is None or scheme not in ALLOWED_SCHEMES:
        return None
    rest = value[len(scheme) + 1:]
    if scheme in _HIERARCHICAL:
        if not rest.startswith("//"):
            return None
        host = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
        if not host or host.startswith("@") or host == ":" or " " in host:
            return None
    elif not rest or rest.startswith(" "):
        return None
    return _PERCENT_RE.sub(lambda m: _PERCENT[m.group()], scheme + ":" + rest)


def safe_css_class(value: str) -> str:
    """Keep only the class tokens made of ``[A-Za-z0-9_-]`` (space-separated, de-duplicated).

    ``"wikitable sortable x\\"onclick=y"`` -> ``"wikitable sortable"``.
    """
    seen: dict[str, None] = {}
    for token in value.split():
        if _CSS_TOKEN.fullmatch(token) and len(token) <= 64:
            seen.setdefault(token, None)
    return " ".join(seen)


def clean_text(value: str) -> str:
    """Remove characters that may not appear in an HTML document (C0 controls other than
    tab/newline/CR, lone surrogates, U+FFFE/U+FFFF); a lone surrogate becomes U+FFFD."""
    if not _BAD_IN_TEXT.search(value):
        return value
    return _BAD_IN_TEXT.sub(
        lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", value
    )


def escape_text(value: str) -> str:
    """Escape ``value`` for HTML element content (``&``, ``<``, ``>``; quotes too, which
    is harmless and keeps one rule for text and attributes)."""
    return html.escape(clean_text(value), quote=True)


def escape_attr(value: str) -> str:
    """Escape ``value`` for a double- or single-quoted HTML attribute value."""
    return html.escape(clean_text(value), quote=True)
