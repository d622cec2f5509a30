"""The CJK font the program ships (resources/fonts): found first, embedded in the PDF,
and only a font the clerk chose in 设置 comes before it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from devtools.smoke_program import pdf_fonts
from reportlab.pdfgen import canvas

from kaohe_desktop.reports.pdf_fonts import bundled_font_path, candidate_paths, find_cjk_font


def _embedded_fonts(font_name: str, folder: Path) -> set[str]:
    """The BaseFont of every font in the PDF that carries its TrueType program (read as
    the smoke test of the built program reads it)."""
    path = folder / "样张.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(font_name, 12)
    pdf.drawString(72, 720, "岗位目标责任台账“优秀”——①")
    pdf.save()
    return pdf_fonts(path)[0]


def test_the_font_and_its_licence_are_package_data() -> None:
    font = bundled_font_path()
    assert font.is_file() and font.stat().st_size > 1_000_000
    assert "Apache License" in (font.parent / "LICENSE-Apache-2.0.txt").read_text("utf-8")


@pytest.mark.parametrize("platform", ["win32", "linux", "darwin"])
def test_the_bundled_font_comes_before_the_systems(platform: str) -> None:
    assert candidate_paths(platform)[0] == bundled_font_path()


def test_without_a_configured_font_the_pdf_embeds_the_bundled_one(tmp_path: Path) -> None:
    font = find_cjk_font()
    assert font.path == bundled_font_path() and font.embedded
    assert font.skipped == ()
    embedded = _embedded_fonts(font.name, tmp_path)
    assert embedded and all("WenQuanYi" in name for name in embedded)


def test_a_configured_font_still_comes_first(tmp_path: Path) -> None:
    chosen = tmp_path / "单位字体.ttc"
    shutil.copyfile(bundled_font_path(), chosen)
    font = find_cjk_font(chosen)
    assert font.path == chosen and font.embedded


def test_a_broken_configured_font_falls_back_to_the_bundled_one(tmp_path: Path) -> None:
    broken = tmp_path / "坏字体.ttf"
    broken.write_bytes(b"not a font")
    font = find_cjk_font(broken)
    assert font.path == bundled_font_path() and font.embedded
    assert font.description.startswith("设置中的字体不可用")
