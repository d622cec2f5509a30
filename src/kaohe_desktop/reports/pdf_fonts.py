"""The CJK font the PDFs use (DESIGN.md §6).

A PDF printed on a fresh Windows machine must show Chinese, so a TrueType font is
embedded. Candidates are tried in order: the path from Settings, then the font the
program ships (WenQuanYi Micro Hei, Apache-2.0, resources/fonts/), then the usual
Windows, Linux and macOS fonts. The shipped font comes before the system's so every
workstation prints the same glyphs and line breaks whatever fonts it has; the system
fonts remain for a program whose resources/ lost the file. A candidate counts only
if reportlab really registers it (CFF-outline .otf fonts and broken files fail);
if none does, reportlab's built-in STSong-Light is used, which is not embedded
and so depends on the reader having a matching font.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from kaohe_desktop.app import resources_dir
from kaohe_desktop.reports.pdf_font_names import font_family

FALLBACK_FONT = "STSong-Light"
# Package data (the wheel and the PyInstaller bundle carry it); its licence lies beside it.
BUNDLED_FONT = "wqy-microhei.ttc"

_LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerifSC-Regular.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
_MAC_FONTS = (
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
_WINDOWS_FONTS = ("simsun.ttc", "simhei.ttf", "msyh.ttc", "simkai.ttf", "simfang.ttf")


@dataclass(frozen=True)
class PdfFont:
    """The font to give reportlab: registered under `name` when this is returned."""

    name: str
    path: Path | None  # None for the built-in CID font
    embedded: bool
    description: str  # Chinese, for the Settings dialog and the command line
    skipped: tuple[str, ...] = field(default=())  # why earlier candidates were refused

    @property
    def family(self) -> str:
        """The font's own name for a screen (文泉驿微米黑): of the face registered (index
        0 of a .ttc, as try_register), else the file name; the built-in one's name."""
        if self.path is None:
            return self.name
        return font_family(self.path, 0) or self.path.name


def bundled_font_path() -> Path:
    return resources_dir() / "fonts" / BUNDLED_FONT


def candidate_paths(platform: str | None = None) -> list[Path]:
    """The fonts tried after the configured one, best first: the shipped one, then the
    system's."""
    platform = platform or sys.platform
    if platform == "win32":
        fonts = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
        system = [fonts / name for name in _WINDOWS_FONTS]
    elif platform == "darwin":
        system = [Path(p) for p in _MAC_FONTS]
    else:
        system = [Path(p) for p in _LINUX_FONTS]
    return [bundled_font_path(), *system]


def _font_name(path: Path) -> str:
    # One name per file: registering two different files under one name would let
    # a later call silently change the font of an earlier document.
    stem = "".join(ch if ch.isalnum() else "-" for ch in path.stem)
    return f"CJK-{stem}"


def _is_cff_opentype(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"OTTO"


def try_register(path: Path) -> tuple[PdfFont | None, str | None]:
    """Register one TrueType file with reportlab; (font, None) or (None, why not)."""
    if not path.is_file():
        return None, f"{path}：文件不存在"
    try:
        if _is_cff_opentype(path):
            return None, f"{path}：CFF 轮廓的 OpenType 字体，reportlab 无法嵌入"
        name = _font_name(path)
        if name not in pdfmetrics.getRegisteredFontNames():
            # subfontIndex 0: the first face of a collection (.ttc) is the regular one.
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    except Exception as error:  # reportlab raises TTFError, struct.error, OSError…
        return None, f"{path}：无法作为 TrueType 字体使用（{error}）"
    font = PdfFont(name, path, True, f"嵌入字体 {path.name}（{path}）")
    return font, None


def _fallback(skipped: Sequence[str], configured_failed: bool) -> PdfFont:
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    description = (
        f"未找到可嵌入的中文 TrueType 字体，使用 reportlab 内置的 {FALLBACK_FONT}（不嵌入字体，"
        "在没有相应字体的电脑上可能显示为其他字体）。可在“设置”中选择一个 .ttf/.ttc 字体文件。"
    )
    if configured_failed:
        description = f"设置中的字体不可用（{skipped[0]}）。{description}"
    return PdfFont(FALLBACK_FONT, None, False, description, tuple(skipped))


def find_cjk_font(
    configured: str | os.PathLike[str] | None = None,
    *,
    candidates: Iterable[Path] | None = None,
) -> PdfFont:
    """The first usable font: the configured path, then the system candidates."""
    skipped: list[str] = []
    paths: list[Path] = []
    if configured:
        paths.append(Path(configured))
    paths.extend(candidate_paths() if candidates is None else candidates)
    for index, path in enumerate(paths):
        font, problem = try_register(path)
        if font is not None:
            configured_failed = bool(configured) and index > 0
            if configured_failed:
                note = f"设置中的字体不可用（{skipped[0]}），已改用{font.description}"
                return PdfFont(font.name, font.path, True, note, tuple(skipped))
            return PdfFont(font.name, font.path, True, font.description, tuple(skipped))
        if problem and ((configured and index == 0) or Path(path).exists()):
            # A missing system candidate is normal; only report what was really tried.
            skipped.append(problem)
    return _fallback(skipped, configured_failed=bool(configured))
