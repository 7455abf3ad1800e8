"""Unique HTML anchors for section headings, MediaWiki style.

MediaWiki gives every heading an id built from its text (``Medical uses`` ->
``Medical_uses``); a repeated heading gets ``_2``, ``_3``... appended, compared without
regard to case, so that ``#History_2`` reaches the second "History".
"""

from __future__ import annotations

from viewer.article.titles import anchor_encode

__all__ = ["AnchorRegistry"]


class AnchorRegistry:
    """Hands out unique anchors in document order."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def claim(self, text: str) -> str:
        """The anchor for a heading whose plain text is ``text`` (unique so far)."""
        anchor = anchor_encode(text) or "section"
        key = anchor.lower()
        if key in self._taken:
            n = self._next.get(key, 2)
            while f"{key}_{n}" in self._taken:
                n += 1
            self._next[key] = n + 1
            anchor = f"{anchor}_{n}"
            key = anchor.lower()
        self._taken.add(key)
        return anchor
