"""reports/pdf_font_names (issue 18): the wall-chart dialog names the PDF font by its own
name (文泉驿正黑), read from the file's name table, not by its path. The font files are
built here: a name table in an sfnt shell is all the reader looks at."""

from __future__ import annotations

import struct
from pathlib import Path

from kaohe_desktop.reports.pdf_font_names import font_family
from kaohe_desktop.reports.pdf_fonts import FALLBACK_FONT, PdfFont

ZH_CN, EN_US = 0x0804, 0x0409


def _name_table(names: list[tuple[int, int, int, str]]) -> bytes:
    """(platform, language, name id, text) records; Windows ones in UTF-16BE."""
    strings = b""
    records = b""
    for platform, language, name_id, text in names:
        raw = text.encode("utf-16-be" if platform == 3 else "mac_roman")
        encoding = 1 if platform == 3 else 0
        records += struct.pack(">HHHHHH", platform, encoding, language, name_id, len(raw),
                               len(strings))  # fmt: skip
        strings += raw
    header = struct.pack(">HHH", 0, len(names), 6 + 12 * len(names))
    return header + records + strings


def _face(names: list[tuple[int, int, int, str]], at: int) -> bytes:
    """One font face placed at offset `at` of its file: the offset table, a directory of
    one table (name) and the table."""
    table = _name_table(names)
    directory = struct.pack(">4sHHHH", b"\x00\x01\x00\x00", 1, 16, 0, 0)
    entry = struct.pack(">4sIII", b"name", 0, at + 12 + 16, len(table))
    return directory + entry + table


def test_the_chinese_family_name_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "zenhei.ttf"
    names = [(3, EN_US, 1, "WenQuanYi Zen Hei"), (3, ZH_CN, 1, "文泉驿正黑"), (3, EN_US, 2, "Hei")]
    path.write_bytes(_face(names, 0))
    assert font_family(path) == "文泉驿正黑"


def test_an_english_only_font_gives_its_english_name(tmp_path: Path) -> None:
    path = tmp_path / "sans.ttf"
    path.write_bytes(_face([(1, 0, 1, "Mac Sans"), (3, EN_US, 1, "Some Sans")], 0))
    assert font_family(path) == "Some Sans"


def test_a_collection_gives_the_face_asked_for(tmp_path: Path) -> None:
    first_at = 12 + 8  # ttcf header with two offsets
    first = _face([(3, ZH_CN, 1, "文泉驿微米黑")], first_at)
    second = _face([(3, ZH_CN, 1, "文泉驿等宽微米黑")], first_at + len(first))
    header = struct.pack(">4sIIII", b"ttcf", 0x00010000, 2, first_at, first_at + len(first))
    path = tmp_path / "microhei.ttc"
    path.write_bytes(header + first + second)
    assert font_family(path, 0) == "文泉驿微米黑"
    assert font_family(path, 1) == "文泉驿等宽微米黑"
    assert font_family(path, 2) is None


def test_an_unreadable_file_has_no_name_and_the_font_falls_back_to_its_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.ttf"
    path.write_bytes(b"\x00\x01\x00\x00\x00")
    assert font_family(path) is None
    assert font_family(tmp_path / "missing.ttf") is None
    assert PdfFont("CJK-broken", path, True, "").family == "broken.ttf"
    assert PdfFont(FALLBACK_FONT, None, False, "").family == FALLBACK_FONT
