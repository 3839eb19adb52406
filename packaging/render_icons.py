"""Render the scalable icon to the PNG sizes of the hicolor theme.

    python packaging/render_icons.py [--check]

The PNGs are committed (an install needs no SVG renderer); run this after changing the
SVG. ``--check`` renders into memory and exits 1 if a committed PNG differs, so a
changed SVG cannot ship with stale PNGs. Uses Qt's own SVG renderer (QtSvg, part of
PySide6-Essentials), so no other tool is needed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.newsviewer.NewsViewer"
HICOLOR = Path(__file__).resolve().parent / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a PNG is out of date")
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication(["render_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"{SVG}: not a valid SVG", file=sys.stderr)
        return 2
    stale = []
    for size in SIZES:
        path = png_path(size)
        png = render(renderer, size)
        if args.check:
            if not path.exists() or path.read_bytes() != png:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
        print(f"wrote {path.relative_to(HICOLOR.parent.parent)}")
    for path in stale:
        print(f"{path}: out of date; run python packaging/render_icons.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
