"""Draw the program's icon: a vermilion seal with 考 on it, in the shipped CJK font.

    .venv/bin/python -m devtools.make_icon

writes src/kaohe_desktop/resources/icons/kaohe.svg (the one drawing, the glyph as a
path so no font is needed to show it), kaohe-<size>.png rendered from it, and
kaohe.ico (Windows: the exe and the installer) from those PNGs. The results are
committed; run this again only to change the design.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
)
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "kaohe_desktop" / "resources"
ICONS = RESOURCES / "icons"
FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
SIZES = (16, 24, 32, 48, 64, 128, 256)
VIEW = 256.0
SEAL = "#b8322a"  # 印泥红 (vermilion)
PAPER = "#fffaf0"


def _glyph_path(character: str) -> str:
    """The character's outline, centred in the seal, as SVG path data."""
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    if not family:
        raise SystemExit(f"字体无法加载：{FONT}")
    font = QFont(family[0])
    font.setPixelSize(150)
    font.setWeight(QFont.Weight.Bold)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, character)
    box = path.boundingRect()
    target = QRectF(58, 58, 140, 140)  # inside the seal's inner frame, with a margin
    scale = min(target.width() / box.width(), target.height() / box.height())
    dx = target.center().x() - box.center().x() * scale
    dy = target.center().y() - box.center().y() * scale
    parts: list[str] = []
    for index in range(path.elementCount()):
        element = path.elementAt(index)
        x, y = element.x * scale + dx, element.y * scale + dy
        if element.type == QPainterPath.ElementType.MoveToElement:
            parts.append(f"M{x:.1f} {y:.1f}")
        elif element.type == QPainterPath.ElementType.LineToElement:
            parts.append(f"L{x:.1f} {y:.1f}")
        elif element.type == QPainterPath.ElementType.CurveToElement:
            parts.append(f"C{x:.1f} {y:.1f}")
        else:  # CurveToDataElement: the next control points of the same curve
            parts.append(f"{x:.1f} {y:.1f}")
    return " ".join(parts) + " Z"


def svg_text() -> str:
    glyph = _glyph_path("考")
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256"
     width="256" height="256">
  <title>考核台账</title>
  <rect x="8" y="8" width="240" height="240" rx="36" fill="{SEAL}"/>
  <rect x="30" y="30" width="196" height="196" rx="18" fill="none"
        stroke="{PAPER}" stroke-width="10"/>
  <path fill="{PAPER}" fill-rule="nonzero" d="{glyph}"/>
</svg>
"""


def render(svg: str, size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    svg = svg_text()
    (ICONS / "kaohe.svg").write_text(svg, encoding="utf-8")
    images: list[Image.Image] = []
    for size in SIZES:
        path = ICONS / f"kaohe-{size}.png"
        if not render(svg, size).save(str(path)):
            raise SystemExit(f"无法写入 {path}")
        with Image.open(path) as opened:
            images.append(opened.convert("RGBA"))
    largest = images[-1]
    buffer = io.BytesIO()
    largest.save(buffer, format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=images[:-1])  # fmt: skip
    (ICONS / "kaohe.ico").write_bytes(buffer.getvalue())
    print(f"已生成 {ICONS}：kaohe.svg、kaohe.ico、{len(SIZES)} 个 PNG")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
