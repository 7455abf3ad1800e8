"""Reference bookkeeping: numbering, named-reference merging, anchors, groups.

MediaWiki's Cite numbers references by *first use*, separately per group; a named
reference may be used before the place that gives its content (even in a list-defined
``<references>`` block at the end); every use is a marker with its own anchor so that the
reference can link back to each of them.  :class:`RefBook` keeps that state while the
parser walks the page and produces the final ``Reference`` tuple at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viewer.article.model import Citation, Inline, Reference, Span, Text

__all__ = ["RefBook", "RefEntry"]

_UNSAFE = re.compile(r"[^\w.:-]+")


def _anchor_part(text: str) -> str:
    """``"pmlive.com"`` -> ``"pmlive.com"``; ``"A b/c"`` -> ``"A_b_c"``."""
    return _UNSAFE.sub("_", text.strip()).strip("_")


@dataclass(slots=True)
class RefEntry:
    """One reference while the page is being read (mutable)."""

    group: str
    name: str
    key: str
    number: int = 0
    uses: list[str] = field(default_factory=list)
    content: tuple[Inline, ...] | None = None
    text: str = ""
    citation: Citation | None = None
    defining: bool = False

    @property
    def note_anchor(self) -> str:
        """The reference's own anchor (target of its markers)."""
        return f"cite_note-{self.key}"


class RefBook:
    """Collects reference uses and definitions in document order."""

    def __init__(self) -> None:
        self._named: dict[tuple[str, str], RefEntry] = {}
        self._entries: list[RefEntry] = []
        self._counters: dict[str, int] = {}
        self._group_order: list[str] = []
        self._serial = 0

    def _new(self, group: str, name: str) -> RefEntry:
        self._serial += 1
        parts = [p for p in (_anchor_part(group), _anchor_part(name)) if p]
        key = "-".join([*parts, str(self._serial)])
        entry = RefEntry(group=group, name=name, key=key)
        self._entries.append(entry)
        if name:
            self._named[(group, name)] = entry
        return entry

    def entry(self, group: str, name: str) -> RefEntry:
        """The entry for ``name`` in ``group`` (created on first mention); an anonymous
        reference always gets a new entry."""
        if name:
            found = self._named.get((group, name))
            if found is not None:
                return found
        return self._new(group, name)

    def use(self, entry: RefEntry) -> str:
        """Record one marker for ``entry``, numbering it on first use; return the
        marker's anchor."""
        if entry.number == 0:
            number = self._counters.get(entry.group, 0) + 1
            self._counters[entry.group] = number
            entry.number = number
            if entry.group not in self._group_order:
                self._group_order.append(entry.group)
        anchor = f"cite_ref-{entry.key}-{len(entry.uses)}"
        entry.uses.append(anchor)
        return anchor

    def default_count(self) -> int:
        """How many default-group references are numbered so far."""
        return self._counters.get("", 0)

    def has_groups(self) -> bool:
        """Whether any reference outside the default group was used."""
        return any(g for g in self._group_order)

    def ordered(self) -> list[RefEntry]:
        """Used entries: default group first, then other groups by first use; each group
        by number."""
        groups = sorted(self._group_order, key=lambda g: (g != "", self._group_order.index(g)))
        by_group: dict[str, list[RefEntry]] = {g: [] for g in groups}
        for entry in self._entries:
            if entry.number:
                by_group[entry.group].append(entry)
        out: list[RefEntry] = []
        for g in groups:
            out.extend(sorted(by_group[g], key=lambda e: e.number))
        return out

    def finish(self) -> tuple[Reference, ...]:
        """The final references, in ``Article.references`` order."""
        refs: list[Reference] = []
        for entry in self.ordered():
            content = entry.content
            text = entry.text
            if content is None:
                label = f"Reference {entry.name!r} is not defined" if entry.name else (
                    "Empty reference"
                )
                content = (Span("cite-error", (Text(label),)),)
                text = label
            refs.append(
                Reference(
                    number=entry.number,
                    group=entry.group,
                    name=entry.name,
                    uses=tuple(entry.uses),
                    anchor=entry.note_anchor,
                    content=content,
                    text=text,
                    citation=entry.citation,
                )
            )
        return tuple(refs)
