"""storage/driver_text and the StorageError that uses it: SQLite's and the OS's English
never reaches a clerk through one of our messages."""

from __future__ import annotations

import errno
import os
import re
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from kaohe_desktop.storage.driver_text import clerk_text, describe_os_error
from kaohe_desktop.storage.errors import (
    BusyError,
    CorruptFileError,
    FileUnavailableError,
    StorageError,
    nothing_kept,
)
from kaohe_desktop.storage.server_database import connect_error
from kaohe_desktop.storage.server_engine import server_words
from kaohe_desktop.storage.source import parse_server_url
from kaohe_desktop.storage.unit_of_work import _unavailable


def _latin(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("disk I/O error", "磁盘读写出错"),
        ("database or disk is full", "磁盘已满"),
        ("attempt to write a readonly database", "数据文件只读，不能写入"),
        ("database disk image is malformed", "数据文件已损坏"),
        ("unable to open database file", "无法打开数据文件"),
        ("file is not a database", "文件不是数据文件"),
        ("database is locked", "数据文件正被其他同事写入"),
        ("database table is locked", "数据表正被占用"),
        ("Disk I/O Error", "磁盘读写出错"),
    ],
)
def test_sqlite_texts_read_in_chinese(english: str, chinese: str) -> None:
    assert clerk_text(f"备份失败：{english}") == f"备份失败：{chinese}"


def test_an_os_error_as_python_prints_it_reads_in_chinese_with_its_paths() -> None:
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/共享盘/备份/a.kaohe")
    assert clerk_text(f"备份失败：{full}。") == "备份失败：磁盘已满：/共享盘/备份/a.kaohe。"
    moved = OSError(errno.EXDEV, os.strerror(errno.EXDEV), "/a/x", None, "/b/it's")
    assert clerk_text(f"（{moved}）") == "（不能跨磁盘移动：/a/x → /b/it's）"
    bare = OSError(errno.EACCES, os.strerror(errno.EACCES))
    assert clerk_text(f"无法使用：{bare}") == "无法使用：没有权限"
    odd = OSError(9999, "Something new")
    assert clerk_text(str(odd)) == "系统错误（代码 9999）"


def test_describe_os_error() -> None:
    gone = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "D:/考核/台账.kaohe")
    assert describe_os_error(gone) == "找不到文件或文件夹：D:/考核/台账.kaohe"
    assert describe_os_error(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"


def test_chinese_and_unknown_texts_pass_unchanged() -> None:
    text = "未保存：要修改的“平时考核”属于已关闭的期间。编号 A001，期间 2026Q2。"
    assert clerk_text(text) == text


def test_every_storage_error_speaks_chinese_whatever_was_formatted_into_it() -> None:
    """The raising places format the driver's text in ("备份失败：{error}"); the clerk
    reads none of it in English (the original stays on __cause__ for the log)."""
    assert str(StorageError("备份失败：disk I/O error")) == "备份失败：磁盘读写出错"
    assert "数据文件已损坏" in str(CorruptFileError("database disk image is malformed"))
    driver = OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error"))
    unavailable = _unavailable(driver)
    assert "数据文件无法访问（磁盘读写出错）" in str(unavailable)
    assert _latin(str(unavailable)) == []


def test_nothing_kept_drops_the_promise_of_a_kept_edit() -> None:
    """For the command line (or any caller with no edit on screen)."""
    unwritable = FileUnavailableError(
        "数据文件不可写（只读共享或权限不足），未能保存，已转为只读；您的修改已保留，可导出。"
    )
    assert nothing_kept(str(unwritable)) == (
        "数据文件不可写（只读共享或权限不足），未能保存；未写入任何内容。"
    )
    full = (
        "磁盘已满，未能保存，数据文件已转为只读；您的修改已保留，可导出。"
        "请腾出空间后重新打开数据文件再保存。"
    )
    assert nothing_kept(full).startswith("磁盘已满，未能保存；未写入任何内容。请腾出空间")
    busy = BusyError(
        "数据文件正被其他同事写入，多次重试仍未取得写入权限。您的修改已保留，请稍后再保存。"
    )
    assert "已保留" not in nothing_kept(str(busy)) and "未写入任何内容" in nothing_kept(str(busy))


def test_a_server_error_that_says_nothing_is_still_told() -> None:
    """A driver error without a word (a connection dropped mid-statement): the clerk is
    still told where and what to check, not an IndexError."""
    silent = OperationalError("SELECT 1", None, Exception(""))
    address = parse_server_url("postgresql+psycopg://kaohe_app@db.example:5432/kaohe")
    assert "无法连接数据库服务器 db.example:5432" in str(connect_error(silent, address))
    assert server_words(silent, 120) == ""
    assert "连接中断" in str(_unavailable(silent, server=True))
