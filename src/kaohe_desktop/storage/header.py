"""Identify a data file from its first 100 bytes, without letting SQLite touch it.

Reading the header ourselves means a file that is not ours (empty, garbage,
truncated, another program's database) is refused before any connection could
roll back a journal or write a page: it stays byte-for-byte unchanged.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from kaohe_desktop.storage.errors import NotOurFileError, WalModeError

SQLITE_MAGIC = b"SQLite format 3\x00"
# "KHTZ" (考核台账): PRAGMA application_id of every file this program writes.
APPLICATION_ID = 0x4B48545A


@dataclass(frozen=True)
class HeaderInfo:
    size: int
    page_size: int
    page_count: int
    wal: bool
    application_id: int
    user_version: int


def read_header(path: str | os.PathLike[str], *, journal_pending: bool = False) -> HeaderInfo:
    """Parse the SQLite header; raise NotOurFileError with a Chinese reason.

    With `journal_pending` (a hot -journal beside the file) the length checks are
    skipped: a commit that died while the file was growing leaves a short file that
    SQLite's rollback makes whole again, and refusing it would lose a good file.
    """
    file = Path(path)
    size = file.stat().st_size
    name = file.name
    if size == 0:
        raise NotOurFileError(f"“{name}”是空文件，不是考核台账数据文件。")
    with file.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotOurFileError(f"“{name}”不是 SQLite 数据库文件，不能作为考核台账数据文件打开。")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    write_version, read_version = header[18], header[19]
    (change_counter,) = struct.unpack(">I", header[24:28])
    (page_count,) = struct.unpack(">I", header[28:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    (user_version,) = struct.unpack(">I", header[60:64])
    (application_id,) = struct.unpack(">I", header[68:72])
    if page_size < 512 or page_size & (page_size - 1):
        raise NotOurFileError(f"“{name}”的文件头已损坏（页大小 {page_size} 无效）。")
    if not journal_pending:
        _check_length(name, size, page_size, page_count, change_counter == valid_for)
    if application_id != APPLICATION_ID:
        raise NotOurFileError(
            f"“{name}”是其他程序的数据库，不是考核台账数据文件；为避免损坏，程序不会打开或修改它。"
        )
    if write_version == 2 or read_version == 2:
        raise WalModeError(
            f"“{name}”处于 WAL 日志模式，在网络共享盘上不安全。"
            "请关闭所有打开它的程序，由管理员执行 PRAGMA journal_mode=DELETE 后再打开。"
        )
    return HeaderInfo(size, page_size, page_count, False, application_id, user_version)


def _check_length(name: str, size: int, page_size: int, page_count: int, trusted: bool) -> None:
    # The in-header page count is only trustworthy when its change counter matches.
    if trusted and page_count and size < page_count * page_size:
        raise NotOurFileError(
            f"“{name}”不完整：应有 {page_count * page_size} 字节，实际只有 {size} 字节，"
            "可能在复制时被截断。请从备份恢复。"
        )
    if size % page_size:
        raise NotOurFileError(f"“{name}”的长度不是页大小的整数倍，文件可能被截断或损坏。")
