"""A TrueType font's own name (文泉驿微米黑, 宋体), read from its `name` table, so a
screen can say which font the PDFs use instead of showing a file path.

The Chinese name is preferred (Windows platform, a Chinese language), then the English
one, then whatever the file has. A collection (.ttc) holds several faces; the name is
the face's at `index` (the one registered with reportlab, reports/pdf_fonts). A file
that cannot be read gives None: the caller names the font some other way.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

_WINDOWS, _MAC = 3, 1
# Windows language ids, best first: 简体中文 (PRC, Singapore), then 繁體 (Taiwan, Hong
# Kong, Macao), then US English.
_LANGUAGES = (0x0804, 0x1004, 0x0404, 0x0C04, 0x1404, 0x0409)
_FAMILY_IDS = (16, 1)  # typographic family, then the legacy family name


@lru_cache(maxsize=32)
def font_family(path: Path, index: int = 0) -> str | None:
    """The family name of face `index` of the font file at `path`, or None."""
    try:
        data = path.read_bytes()
        return _family(data, _face_offset(data, index))
    except (OSError, struct.error, ValueError, IndexError, UnicodeDecodeError):
        return None


def _face_offset(data: bytes, index: int) -> int:
    if data[:4] != b"ttcf":
        return 0
    (count,) = struct.unpack_from(">I", data, 8)
    if not 0 <= index < count:
        raise ValueError("no such face")
    (offset,) = struct.unpack_from(">I", data, 12 + 4 * index)
    return int(offset)


def _name_table(data: bytes, face: int) -> int:
    (tables,) = struct.unpack_from(">H", data, face + 4)
    for n in range(tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, face + 12 + 16 * n)
        if tag == b"name":
            return int(offset)
    raise ValueError("no name table")


def _family(data: bytes, face: int) -> str | None:
    table = _name_table(data, face)
    _format, count, strings = struct.unpack_from(">HHH", data, table)
    found: dict[tuple[int, int, int], str] = {}  # (platform, language, name id) → text
    for n in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(
            ">HHHHHH", data, table + 6 + 12 * n
        )
        if name_id not in _FAMILY_IDS:
            continue
        raw = data[table + strings + offset : table + strings + offset + length]
        if platform == _WINDOWS and encoding in (0, 1, 10):
            found[(platform, language, name_id)] = raw.decode("utf-16-be")
        elif platform == _MAC and encoding == 0 and language == 0:  # Roman, English
            found[(platform, language, name_id)] = raw.decode("mac_roman")
    for key in (
        *((_WINDOWS, language, name_id) for language in _LANGUAGES for name_id in _FAMILY_IDS),
        *((_MAC, 0, name_id) for name_id in _FAMILY_IDS),
    ):
        text = found.get(key, "").strip()
        if text:
            return text
    return next((text.strip() for text in found.values() if text.strip()), None)
