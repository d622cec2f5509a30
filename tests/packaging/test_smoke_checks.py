"""The smoke test (devtools/smoke_program): its PDF check must fail a
PDF that leaves any Chinese text in a font it does not embed."""

from __future__ import annotations

from pathlib import Path

import pytest
from devtools.smoke_program import SmokeFailure, check_pdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from kaohe_desktop.reports.pdf_fonts import find_cjk_font


def _pdf(path: Path, *fonts: str) -> Path:
    pdf = canvas.Canvas(str(path))
    for n, font in enumerate(fonts):
        pdf.setFont(font, 12)
        pdf.drawString(72, 720 - 20 * n, "岗位目标责任台账")
    pdf.save()
    return path


def test_a_pdf_in_the_bundled_font_passes(tmp_path: Path) -> None:
    check_pdf(_pdf(tmp_path / "好.pdf", find_cjk_font().name), tmp_path)


def test_a_pdf_with_some_text_in_a_font_not_embedded_fails(tmp_path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    mixed = _pdf(tmp_path / "混合.pdf", find_cjk_font().name, "STSong-Light")
    with pytest.raises(SmokeFailure):
        check_pdf(mixed, tmp_path)
