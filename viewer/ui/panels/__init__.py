"""The reader's side panels: infobox, outline and references.

Each panel is a plain ``QWidget`` with ``set_article(article | None)``; the main window
puts them in dock widgets and wires their signals (``section_activated``,
``jump_requested``, ``open_url_requested``).  Panels never open anything themselves.
"""

from __future__ import annotations

from viewer.ui.panels.infobox import InfoboxPanel
from viewer.ui.panels.outline import OutlinePanel
from viewer.ui.panels.references import ReferencesPanel

__all__ = ["InfoboxPanel", "OutlinePanel", "ReferencesPanel"]
