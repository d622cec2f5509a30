"""Which files may be attached as 佐证材料, and photos reduced to a print-friendly size.

A file is accepted by its extension AND its first bytes, so a program renamed to
扫描件.pdf is refused, and so is a PDF renamed to .jpg (the system viewer chosen by the
extension could not open it):

| kind | extensions | the bytes must start with |
|---|---|---|
| PDF | .pdf | `%PDF-` (within the first 1024 bytes, as the PDF standard allows) |
| images | .jpg .jpeg .png .gif .bmp .tif .tiff | each format's signature |
| Word, Excel | .docx .xlsx | a zip (PK) holding `[Content_Types].xml` (Office Open XML) |
| Word, Excel 97–2003, WPS 文字/表格/演示 | .doc .xls .wps .et .dps | OLE2 `D0CF11E0A1B11AE1` |
| OFD (国产版式文档) | .ofd | a zip holding `OFD.xml` |

(.doc and .wps may also be RTF, which Word and WPS save under those names.)

Presentations other than WPS's .dps, archives, executables, HEIC phone photos (the
system viewer of an older Windows cannot open them; phones can save JPEG) are not taken.

Images are opened with Pillow (headers only) under its decompression-bomb limit: an
image claiming more pixels than Pillow decodes safely is refused. JPEG and PNG photos
whose longer side exceeds the setting are reduced (EXIF orientation applied, the rest
of EXIF such as the date taken kept, JPEG quality 85).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from kaohe_desktop.services.errors import InputError, describe_os_error

log = logging.getLogger(__name__)

MAX_NAME = 200
HEAD_BYTES = 1024
JPEG_QUALITY = 85
SUPPORTED_TEXT = "可附 PDF、图片（JPG、PNG、GIF、BMP、TIFF）、Word/Excel/WPS 文档或 OFD"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_ON_WINDOWS = re.compile(r'[<>:"|?*]')


@dataclass(frozen=True)
class FileKind:
    label: str
    media_type: str
    signature: Callable[[bytes], bool]
    zip_member: str | None = None  # a name the zip container must hold
    image: bool = False
    photo: bool = False  # JPEG or PNG: reduced when larger than the setting


def _starts(*prefixes: bytes) -> Callable[[bytes], bool]:
    return lambda head: head.startswith(prefixes)


_PDF = FileKind("PDF", "application/pdf", lambda head: b"%PDF-" in head)
_JPEG = FileKind("JPEG 图片", "image/jpeg", _starts(b"\xff\xd8\xff"), image=True, photo=True)
_PNG = FileKind("PNG 图片", "image/png", _starts(b"\x89PNG\r\n\x1a\n"), image=True, photo=True)
_TIFF = FileKind("TIFF 图片", "image/tiff", _starts(b"II*\x00", b"MM\x00*"), image=True)
_OOXML = "[Content_Types].xml"

KINDS: dict[str, FileKind] = {
    ".pdf": _PDF,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".png": _PNG,
    ".gif": FileKind("GIF 图片", "image/gif", _starts(b"GIF87a", b"GIF89a"), image=True),
    ".bmp": FileKind("BMP 图片", "image/bmp", _starts(b"BM"), image=True),
    ".tif": _TIFF,
    ".tiff": _TIFF,
    ".doc": FileKind("Word 文档", "application/msword", _starts(_OLE2, b"{\\rtf")),
    ".docx": FileKind(
        "Word 文档",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _starts(_ZIP),
        zip_member=_OOXML,
    ),
    ".xls": FileKind("Excel 表格", "application/vnd.ms-excel", _starts(_OLE2)),
    ".xlsx": FileKind(
        "Excel 表格",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _starts(_ZIP),
        zip_member=_OOXML,
    ),
    ".wps": FileKind("WPS 文字文档", "application/kswps", _starts(_OLE2, b"{\\rtf")),
    ".et": FileKind("WPS 表格", "application/kset", _starts(_OLE2)),
    ".dps": FileKind("WPS 演示", "application/ksdps", _starts(_OLE2)),
    ".ofd": FileKind("OFD 文档", "application/ofd", _starts(_ZIP), zip_member="OFD.xml"),
}


def shown_name(name: str) -> str:
    """The name as a message can show it (control characters made visible)."""
    return _CONTROL.sub("�", name)


def name_problem(name: str) -> str | None:
    """Why `name` cannot be the attachment's file name, or None. It becomes the name of
    the copy opened with the system viewer, on Windows too."""
    if not name.strip():
        return "文件名不能为空"
    if "/" in name or "\\" in name:
        return f"文件名“{shown_name(name)}”含有路径分隔符（/ 或 \\），请只用文件本身的名称"
    if name.strip(" .") == "" or name in (".", ".."):
        return f"文件名“{shown_name(name)}”不是有效的文件名"
    if _CONTROL.search(name):
        return f"文件名“{shown_name(name)}”含有控制字符，请重新命名后再附加"
    if _NOT_ON_WINDOWS.search(name):
        return f'文件名“{name}”含有 Windows 文件名不允许的字符（< > : " | ? *），请重新命名'
    if len(name) > MAX_NAME:
        return f"文件名过长（{len(name)} 个字符，最多 {MAX_NAME} 个），请缩短后再附加"
    return None


def kind_of(path: Path, name: str) -> FileKind:
    """The kind of the file at `path` named `name`, or InputError saying why it is not
    taken (unknown extension, content that does not match it, unreadable)."""
    kind = KINDS.get(Path(name).suffix.lower())
    if kind is None:
        raise InputError(f"文件“{name}”的类型不受支持，{SUPPORTED_TEXT}。")
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError as error:
        raise InputError(f"无法读取文件“{name}”（{describe_os_error(error)}），未附加。") from None
    if not head:
        raise InputError(f"文件“{name}”是空文件，未附加。")
    mismatch = InputError(
        f"文件“{name}”的内容不是{kind.label}（扩展名与内容不符，可能已损坏或被改了扩展名），未附加。"
    )
    if not kind.signature(head):
        raise mismatch
    if kind.zip_member is not None and not _zip_holds(path, kind.zip_member):
        raise mismatch
    if kind.image:
        _check_image_header(path, name, kind)
    return kind


def _zip_holds(path: Path, member: str) -> bool:
    """Reads the zip's directory only (nothing is decompressed)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _bomb(name: str, error: Exception) -> InputError:
    """Pillow's refusal (in English, with the pixel count) in the clerk's words."""
    found = re.search(r"\((\d+) pixels\)", str(error))
    limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e8
    pixels = f"（{int(found.group(1)) / 1e8:.1f} 亿像素）" if found else ""
    return InputError(
        f"图片“{name}”的像素数过多{pixels}，超过安全上限（{limit:.1f} 亿像素），"
        "可能是恶意构造的文件，未附加。"
    )


def _check_image_header(path: Path, name: str, kind: FileKind) -> None:
    try:
        with Image.open(path):
            pass
    except Image.DecompressionBombError as error:
        raise _bomb(name, error) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        if kind.photo:  # these are decoded on attach: one Pillow cannot read is refused
            raise InputError(f"图片“{name}”无法识别，文件可能已损坏，未附加。") from None
        # A GIF, BMP or TIFF is only shown by the system viewer, never decoded here.


def reduced_photo(path: Path, name: str, kind: FileKind, max_px: int) -> bytes | None:
    """The photo reduced to `max_px` on its longer side, or None to store it as it is
    (not a photo, small enough, reduction off, or the result no smaller)."""
    if not kind.photo or max_px <= 0:
        return None
    try:
        with Image.open(path) as image:
            if max(image.size) <= max_px:
                return None
            # A square box: the longer side is bounded whichever way EXIF turns it.
            # thumbnail() lets the JPEG decoder scale down while decoding (draft).
            image.thumbnail((max_px, max_px))  # bicubic, Pillow's default
            upright = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind is _JPEG:
                if upright.mode not in ("RGB", "L", "CMYK"):
                    upright = upright.convert("RGB")
                upright.save(
                    out,
                    "JPEG",
                    quality=JPEG_QUALITY,
                    optimize=True,
                    exif=upright.getexif(),
                    icc_profile=image.info.get("icc_profile"),
                )
            else:
                upright.save(out, "PNG", optimize=True)
    except Image.DecompressionBombError as error:
        raise _bomb(name, error) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        log.info("photo %s not decoded: %s", name, error)
        raise InputError(f"图片“{name}”无法读取，文件可能已损坏或不完整，未附加。") from None
    data = out.getvalue()
    return data if len(data) < path.stat().st_size else None
