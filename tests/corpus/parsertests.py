"""Reader for MediaWiki's parser test files (``../shared/corpus/parsertests/*.txt``).

The format (see the corpus README): ``!! test`` / ``!! wikitext`` / ``!! html...`` /
``!! end`` blocks, ``!! article`` ... ``!! endarticle`` page definitions, ``!! options``.
Section markers may be written ``!!test`` or ``!! test``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_MARKER = re.compile(r"^!!\s*([\w/+-]+)\s*$")


@dataclass(frozen=True)
class ParserTestCase:
    """One ``!! test`` block."""

    file: str
    name: str
    wikitext: str
    html: str = ""
    options: str = ""
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.file}::{self.name}"


def read_cases(path: Path) -> Iterator[ParserTestCase]:
    """Every test case of one corpus file, in order."""
    current: dict[str, list[str]] | None = None
    section = ""
    in_article = False
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        m = _MARKER.match(line)
        if m:
            key = m.group(1).lower()
            if key == "article":
                in_article = True
                continue
            if in_article:
                # An article definition ends with ``!! endarticle`` (or, in some
                # files, a plain ``!! end``); markers inside it are its own.
                if key in ("endarticle", "end"):
                    in_article = False
                continue
            if key == "endarticle":
                continue
            if key == "test":
                current = {}
                section = "test"
                current[section] = []
                continue
            if key == "end":
                if current is not None:
                    sections = {k: "\n".join(v) for k, v in current.items()}
                    html = next((v for k, v in sections.items() if k.startswith("html")), "")
                    yield ParserTestCase(
                        file=path.name,
                        name=sections.get("test", "").strip(),
                        wikitext=sections.get("wikitext", ""),
                        html=html,
                        options=sections.get("options", ""),
                        sections=sections,
                    )
                current = None
                continue
            if current is not None:
                section = key
                current.setdefault(section, [])
            continue
        if current is not None and not in_article:
            current.setdefault(section, []).append(line)


def read_corpus(folder: Path) -> list[ParserTestCase]:
    """Every case of every ``*.txt`` file in ``folder`` (sorted by file name)."""
    cases: list[ParserTestCase] = []
    for path in sorted(folder.glob("*.txt")):
        cases.extend(read_cases(path))
    return cases
