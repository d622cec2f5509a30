"""ui/common/messages.describe_error: what the clerk reads for an error that is not one
of ours. The operating system's and SQLite's English stays out of it."""

from __future__ import annotations

import errno
import os
import re
import sqlite3

import pytest

from kaohe_desktop.ui.common.messages import describe_error


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/共享盘/导出.xlsx"), "磁盘已满"),
        (NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), "/a/b"), "不是文件夹"),
        (PermissionError(errno.EACCES, os.strerror(errno.EACCES)), "没有权限"),
    ],
)
def test_an_os_error_reads_in_chinese(error: OSError, shown: str) -> None:
    text = describe_error(error)
    assert shown in text
    paths = [str(p) for p in (error.filename,) if p]
    for path in paths:
        text = text.replace(path, "")
    assert re.findall(r"[A-Za-z]{2,}", text) == []


@pytest.mark.usefixtures("chinese")
def test_an_unforeseen_driver_error_shows_sqlites_words_in_chinese() -> None:
    text = describe_error(sqlite3.OperationalError("disk I/O error"))
    assert "磁盘读写出错" in text and "disk I/O" not in text
