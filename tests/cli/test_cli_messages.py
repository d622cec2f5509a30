"""What the `kaohe` command prints when things go wrong: Chinese only, no promise of an
edit kept (the command holds none), and the technical detail in the log file."""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import openpyxl
import pytest
from tests.factories import PASSWORD, fingerprint

from kaohe_desktop import cli
from kaohe_desktop.cli import main
from kaohe_desktop.services.common.technical_log import LOG_ENVIRONMENT
from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD

# Words that may stand in a message: the environment variables it names.
ALLOWED_WORDS = {"KAOHE", "USER", "PASSWORD"}


def english(text: str, *names: Path | str) -> list[str]:
    """The Latin words in `text` once the paths and accounts it names are taken out."""
    for name in sorted((str(n) for n in names), key=len, reverse=True):
        text = text.replace(name, "")
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED_WORDS]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("messages") / "演示.kaohe"
    assert (
        main(["--db", str(path), "--user", "tester", "init", "--demo", "--as-of", "2026-12-20"])
        == 0
    )
    return path


@pytest.fixture
def copy(demo_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "考核台账.kaohe"
    shutil.copyfile(demo_db, target)
    return target


def _one_person_book(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "人员"
    sheet.append(["编号", "姓名", "科室", "人员类别"])
    sheet.append(["T900", "赵六", "办公室", "一般公务员"])
    workbook.save(path)
    return path


def _no_room(limit: int = 4096) -> None:
    """A disk with no room left, for this process only: no file may pass its first page."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def run_without_room(
    tmp_path: Path, user: str, password: str, *args: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    log_file = tmp_path / "日志" / "kaohe.log"
    env = {
        **os.environ,
        "KAOHE_USER": user,
        "KAOHE_PASSWORD": password,
        "KAOHE_BACKUP_DIR": str(tmp_path / "备份"),  # so the daily backup is tried, and fails
        LOG_ENVIRONMENT: str(log_file),
    }
    result = subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_no_room,
        timeout=300,
    )
    return result, log_file


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_that_fails_says_nothing_was_written_in_chinese(copy: Path, tmp_path: Path) -> None:
    book = _one_person_book(tmp_path / "人员.xlsx")
    before = fingerprint(copy)
    result, _ = run_without_room(
        tmp_path, "tester", PASSWORD, "--db", str(copy), "import", str(book)
    )
    assert result.returncode == 2, result.stderr
    # SQLite said "disk I/O error"; the clerk reads it in Chinese, twice: for the daily
    # backup (a notice) and for the import (the error).
    assert "今日自动备份未完成" in result.stderr
    assert "磁盘读写出错" in result.stderr
    # Nothing is on screen to keep or export: the message must not promise it.
    assert "未写入任何内容" in result.stderr
    assert "已保留" not in result.stderr and "可导出" not in result.stderr
    assert english(result.stderr + result.stdout, copy, book, tmp_path) == []
    assert fingerprint(copy) == before


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_refusal_the_file_cannot_record_is_logged_to_the_log_file_not_the_screen(
    copy: Path, tmp_path: Path
) -> None:
    result, log_file = run_without_room(
        tmp_path, "luru", DEMO_PASSWORD, "--db", str(copy), "close-period", "2026Q2"
    )
    assert result.returncode == 2
    assert "无权关闭期间" in result.stderr
    assert english(result.stderr + result.stdout, copy, tmp_path, "luru") == []
    logged = log_file.read_text(encoding="utf-8")
    assert "refused close_period" in logged and "not logged in the file" in logged


def test_an_os_error_names_the_problem_and_the_path_in_chinese(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "一个文件"
    blocker.write_text("不是文件夹", encoding="utf-8")
    target = blocker / "备份"
    assert main(["--db", str(demo_db), "backup", "--to", str(target)]) == 2
    err = capsys.readouterr().err
    assert "路径中有一段不是文件夹" in err and str(target) in err
    assert english(err, target, demo_db) == []


@pytest.mark.parametrize(
    ("raised", "shown"),
    [
        (sqlite3.OperationalError("disk I/O error"), "数据文件读写出错（磁盘读写出错）"),
        (sqlite3.DatabaseError("database disk image is malformed"), "（数据文件已损坏）"),
        (sqlite3.OperationalError("no such table: account"), "详细信息已写入日志文件"),
    ],
)
def test_a_driver_error_is_shown_in_chinese_and_kept_in_the_log(
    demo_db: Path,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raised: sqlite3.Error,
    shown: str,
) -> None:
    """An error of the driver that no service turned into ours (a read outside a unit of
    work, a PRAGMA) still reaches the clerk in Chinese."""

    def fail(_args: object) -> int:
        raise raised

    monkeypatch.setattr(cli, "_run", fail)
    assert main(["--db", str(demo_db), "export", "x.xlsx"]) == 2
    err = capsys.readouterr().err
    assert shown in err and "命令未完成" in err
    assert english(err, log_file) == []
    assert str(raised) in log_file.read_text(encoding="utf-8")


def test_an_unexpected_error_and_a_library_warning_go_to_the_log(
    demo_db: Path,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fail(_args: object) -> int:
        warnings.warn("Workbook contains no default style, apply openpyxl's default", stacklevel=1)
        raise KeyError("sheet")

    monkeypatch.setattr(cli, "_run", fail)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main(["--db", str(demo_db), "export", "x.xlsx"]) == cli.EXIT_INTERNAL
    captured = capsys.readouterr()
    assert "程序内部出错" in captured.err and str(log_file) in captured.err
    assert english(captured.err + captured.out, log_file) == []
    logged = log_file.read_text(encoding="utf-8")
    assert "KeyError: 'sheet'" in logged and "no default style" in logged
