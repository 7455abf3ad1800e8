"""Render RefView's application icon (SVG) to the PNG sizes desktops look for.

    python packaging/make_icons.py          # rewrite resources/icons/hicolor/NxN/apps/*.png

The SVG under ``resources/icons/hicolor/scalable/apps/`` is the source of truth; the PNGs
are generated from it with Qt's SVG renderer and committed, so that neither a build nor
an install needs Qt's SVG support or this script.  Run it again after editing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_ID = "io.github.refview.RefView"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ROOT = Path(__file__).resolve().parent.parent
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"


def png_path(size: int) -> Path:
    """Where the ``size`` x ``size`` PNG lives in the hicolor tree."""
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    """Render ``svg`` at every size into the hicolor tree; return the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    written: dict[int, Path] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = png_path(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):  # the format follows the .png suffix
            raise SystemExit(f"make_icons: could not write {out}")
        written[size] = out
    del app
    return written


def main() -> int:
    """Regenerate every PNG and list them."""
    for size, path in render(SVG, SIZES).items():
        print(f"{size:>4} px  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
