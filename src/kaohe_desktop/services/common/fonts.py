"""The CJK font every PDF of the program embeds (DESIGN §6), found the same way for the
wall charts, the 汇总表 and whatever prints next, and named the same way to the clerk."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

# reportlab (~150 ms to import) is loaded only when a PDF is written or the font is
# asked for, so opening a data file, in the GUI or the command line, does not pay for it.
if TYPE_CHECKING:
    from kaohe_desktop.reports.pdf_fonts import PdfFont

# Environment variable the command line reads for the font (the GUI uses its Settings).
FONT_ENVIRONMENT = "KAOHE_PDF_FONT"


def pdf_font(font_path: str | os.PathLike[str] | None = None) -> PdfFont:
    """The font a write with this `font_path` uses (for the command line and the dialog
    to say which); probing the file system is not data access, so no right is needed."""
    from kaohe_desktop.reports.pdf_fonts import find_cjk_font

    return find_cjk_font(font_path)
