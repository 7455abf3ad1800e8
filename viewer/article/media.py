"""Options of an image link: ``[[File:X.jpg|thumb|left|220px|alt=...|Caption]]``.

MediaWiki reads every ``|``-separated part after the file name: known keywords set the
format (``thumb``, ``frame``, ``frameless``, ``border``), the alignment, the size and
named options (``alt=``, ``link=``...); the *last* part that is not an option is the
caption.  This module only classifies the parts; the parser turns the caption into
inline nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["MediaOptions", "classify_option"]

MediaKind = Literal["thumb", "frame", "frameless", "border", "inline"]

_FORMATS: dict[str, MediaKind] = {
    "thumb": "thumb",
    "thumbnail": "thumb",
    "mini": "thumb",
    "frame": "frame",
    "framed": "frame",
    "enframed": "frame",
    "frameless": "frameless",
    "border": "border",
    # Localised keywords of the largest Wikipedias (MediaWiki's magic words), so that
    # an article from another language's dump keeps its thumbnails and alignment.
    "miniatur": "thumb", "vignette": "thumb", "miniatura": "thumb", "miniatuur": "thumb",
    "мини": "thumb", "миниатюра": "thumb", "мініатюра": "thumb",
    "rahmen": "frame", "gerahmt": "frame", "cadre": "frame", "marco": "frame",
    "rahmenlos": "frameless", "sans cadre": "frameless", "sinmarco": "frameless",
    "без рамки": "frameless", "bordure": "border", "borde": "border",
    "рамка": "frame", "граница": "border",
}
#: Localised alignment keywords -> the English ones.
_LOCAL_ALIGN: dict[str, str] = {
    "links": "left", "rechts": "right", "zentriert": "center", "ohne": "none",
    "gauche": "left", "droite": "right", "centré": "center", "néant": "none",
    "izquierda": "left", "derecha": "right", "centro": "center", "ninguna": "none",
    "sinistra": "left", "destra": "right", "nessuno": "none",
    "gecentreerd": "center", "geen": "none", "esquerda": "left", "direita": "right",
    "слева": "left", "справа": "right", "центр": "center", "без": "none",
    "ліворуч": "left", "праворуч": "right", "lewo": "left", "prawo": "right",
    "vänster": "left", "höger": "right", "mitten": "center", "ingen": "none",
}
_ALIGN = frozenset({"left", "right", "center", "centre", "none"})
_VALIGN = frozenset(
    {"baseline", "sub", "super", "sup", "top", "text-top", "middle", "bottom", "text-bottom"}
)
_FLAGS = frozenset({"upright", "loop", "muted", "noicon", "noplayer", "nolink"})
_NAMED = frozenset(
    {
        "alt", "link", "page", "class", "lang", "upright", "thumb", "thumbnail", "start",
        "end", "thumbtime", "disablecontrols", "lossy", "width", "height",
    }
)
_SIZE = re.compile(r"^(?:\d+\s*)?(?:x\s*\d+\s*)?px$", re.I)
_UPRIGHT = re.compile(r"^upright\s*=?\s*[\d.]*$", re.I)


@dataclass(slots=True)
class MediaOptions:
    """What the parts of one file link said (mutable while being read)."""

    kind: MediaKind = "inline"
    align: str = ""
    alt_index: int = -1
    caption_index: int = -1
    link_index: int = -1


def classify_option(part: str) -> tuple[str, str] | None:
    """Classify one part: ``("format", "thumb")``, ``("align", "left")``,
    ``("named", "alt")``, ``("flag", "...")``; ``None`` when it is caption text."""
    text = part.strip()
    lower = text.lower()
    if lower in _FORMATS:
        return ("format", _FORMATS[lower])
    if lower in _ALIGN:
        return ("align", "center" if lower == "centre" else lower)
    if lower in _LOCAL_ALIGN:
        return ("align", _LOCAL_ALIGN[lower])
    if lower in _VALIGN or lower in _FLAGS:
        return ("flag", lower)
    if _SIZE.match(lower) or _UPRIGHT.match(lower):
        return ("flag", "size")
    name, sep, _ = lower.partition("=")
    if sep and name.strip() in _NAMED:
        key = name.strip()
        if key in ("thumb", "thumbnail"):
            return ("format", "thumb")
        return ("named", key)
    return None


def read_options(parts: list[str]) -> MediaOptions:
    """Read the classified parts (source text of each) into :class:`MediaOptions`."""
    options = MediaOptions()
    for index, part in enumerate(parts):
        found = classify_option(part)
        if found is None:
            options.caption_index = index
            continue
        what, value = found
        if what == "format":
            if options.kind == "inline" or value in ("thumb", "frame"):
                options.kind = value  # type: ignore[assignment]
        elif what == "align":
            options.align = value
        elif what == "named" and value == "alt":
            options.alt_index = index
        elif what == "named" and value == "link":
            options.link_index = index
    return options
