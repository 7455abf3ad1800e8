# ruff: noqa: E501  (wikitext lines are as long as they are)
"""Shared helpers for the reader-window tests: small articles of our own, and a window
whose settings, session and library live in the test's temporary folder."""

from __future__ import annotations

from pathlib import Path

FILLER = " ".join(["Filler sentence that makes the article long enough to scroll."] * 12)

TESTIUM = f"""{{{{Short description|A made-up element}}}}
'''Testium''' is an imaginary element first described beside [[Thalidomide|thalidomide]].<ref name="smith">{{{{cite journal |last=Smith |first=Jane |title=On testium |journal=Journal of Tests |year=2001 |pmid=123456}}}}</ref> More at [https://example.org/testium the testium site].

{FILLER}

== History ==
Testium was found in 1900 by people studying thalidomide.<ref>Plain reference about the discovery.</ref>

{FILLER}

{FILLER}

== Uses ==
It has no uses, as thalidomide researchers agree.<ref name="smith"/>

{FILLER}

=== Industrial uses ===
None whatsoever. Another mention of Thalidomide here. See [[Ununtestium]] and [[#History|the history]].

{FILLER}

{FILLER}

== References ==
{{{{reflist}}}}
"""
"""A small article: three sections, a subsection, two references (one used twice), an
internal link, a same-page link and an external link; "thalidomide" appears 5 times."""

OTHER = """'''Other''' is a second article, linking back to [[Testium]].

== Only section ==
Just text.
"""


def write_article(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` as ``folder/name`` (UTF-8) and return the path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
