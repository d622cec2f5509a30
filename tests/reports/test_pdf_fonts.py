"""Which CJK font the PDFs embed, and the fallback when none can be embedded."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from kaohe_desktop.reports.pdf_fonts import FALLBACK_FONT, find_cjk_font

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _draw(font_name: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(font_name, 12)
    pdf.drawString(72, 720, "岗位目标责任台账")
    pdf.save()
    return buffer.getvalue()


def test_bogus_settings_path_and_no_system_font_falls_back_to_stsong(tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_bytes(b"this is not a font")
    font = find_cjk_font(bogus, candidates=[tmp_path / "missing.ttc"])
    assert font.name == FALLBACK_FONT
    assert font.path is None
    assert not font.embedded
    assert "设置中的字体不可用" in font.description
    assert any(str(bogus) in reason for reason in font.skipped)
    assert FALLBACK_FONT in pdfmetrics.getRegisteredFontNames()
    assert b"STSong-Light" in _draw(font.name)


def test_cff_opentype_is_skipped_not_registered(tmp_path: Path) -> None:
    otf = tmp_path / "SourceHanSans.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 64)
    font = find_cjk_font(otf, candidates=[])
    assert not font.embedded
    assert "CFF" in font.skipped[0]


def test_missing_settings_path_is_reported(tmp_path: Path) -> None:
    font = find_cjk_font(tmp_path / "gone.ttf", candidates=[])
    assert "文件不存在" in font.description


@pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-zenhei is not installed")
def test_wenquanyi_is_found_and_embedded(tmp_path: Path) -> None:
    font = find_cjk_font(None, candidates=[tmp_path / "missing.ttf", WQY])
    assert font.embedded
    assert font.path == WQY
    assert font.name in pdfmetrics.getRegisteredFontNames()
    assert "wqy-zenhei.ttc" in font.description
    data = _draw(font.name)
    assert b"FontFile2" in data  # the TrueType program is embedded in the PDF


@pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-zenhei is not installed")
def test_bogus_settings_path_falls_back_to_a_system_font(tmp_path: Path) -> None:
    font = find_cjk_font(tmp_path / "gone.ttf", candidates=[WQY])
    assert font.embedded and font.path == WQY
    assert font.description.startswith("设置中的字体不可用")
