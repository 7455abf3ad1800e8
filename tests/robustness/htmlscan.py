"""A small scanner for active content in rendered HTML (used by security tests).

It lists every element, attribute or URL in the HTML that could run script, load
something from outside the document, or read a local file.  An empty list means the
HTML is inert.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "meta", "base", "link", "img", "image", "svg",
    "math", "video", "audio", "source", "track", "picture", "portal", "template", "xml",
})
SAFE_SCHEMES = ("http:", "https:", "ftp:", "ftps:", "mailto:", "news:", "irc:", "ircs:",
                "sftp:", "ssh:", "git:", "svn:", "tel:", "urn:", "geo:", "worldwind:",
                "gopher:", "nntp:", "magnet:", "wiki:", "#")
_BAD_CSS = re.compile(r"url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding",
                      re.I)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("src", "srcset", "data", "action", "formaction", "background",
                        "poster", "xlink:href", "codebase", "dynsrc", "lowsrc"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "href":
                v = re.sub(r"[\x00-\x20]", "", value).lower()
                if v and not v.startswith(SAFE_SCHEMES):
                    self.problems.append(f"<{tag} href={value!r}>")
            if name == "style" and _BAD_CSS.search(value):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def active_content(html: str) -> list[str]:
    """Everything in ``html`` that is not inert (empty list: safe)."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    # The document-level stylesheet is ours; any other <style> is a problem.
    return [p for p in scanner.problems if p != "<style>" or html.count("<style") > 1]
