"""Files that must not be opened for writing: each is refused with a Chinese message
(or, for a newer schema, opened read-only), and none is changed by the attempt."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.factories import ADMIN, fingerprint, sidecars
from tests.reliability.conftest import Masters

from kaohe_desktop.services.errors import (
    CorruptFileError,
    NotOurFileError,
    ReadOnlyError,
    StorageError,
    WalModeError,
)
from kaohe_desktop.services.workspace import begin_open, open_workspace

CJK = range(0x4E00, 0xA000)


def _chinese(message: str) -> bool:
    return any(ord(ch) in CJK for ch in message)


def _empty(path: Path, _master: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path, master: Path) -> None:
    data = master.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _random_bytes(path: Path, _master: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(64 * 1024))


def _foreign(path: Path, _master: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    connection.commit()
    connection.close()


def _wal(path: Path, master: Path) -> None:
    path.write_bytes(master.read_bytes())
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    connection.close()  # a clean close removes -wal and -shm, the header keeps "WAL"


def _noise_on_page(path: Path, master: Path, page: int) -> None:
    """Ours by its header, but one page overwritten with noise (a bad sector, a broken
    copy over the network)."""
    data = bytearray(master.read_bytes())
    size = 4096
    data[page * size : (page + 1) * size] = random.Random(11).randbytes(size)
    path.write_bytes(bytes(data))


def _damaged_early(path: Path, master: Path) -> None:
    _noise_on_page(path, master, 2)  # quick_check reports it as a problem row


def _damaged_middle(path: Path, master: Path) -> None:
    # quick_check itself fails with SQLITE_CORRUPT here, instead of listing problems.
    _noise_on_page(path, master, master.stat().st_size // 4096 // 2)


@pytest.mark.parametrize(
    ("make", "refusal", "words"),
    [
        (_empty, NotOurFileError, "空文件"),
        (_truncated, NotOurFileError, "不完整"),
        (_random_bytes, NotOurFileError, "不是 SQLite"),
        (_foreign, NotOurFileError, "其他程序"),
        (_wal, WalModeError, "WAL"),
        (_damaged_early, CorruptFileError, "检查"),
        (_damaged_middle, CorruptFileError, "检查"),
    ],
    ids=["empty", "truncated", "random", "foreign", "wal", "damaged", "malformed"],
)
def test_bad_file_is_refused_and_left_as_it_was(
    tmp_path: Path,
    masters: Masters,
    make: Callable[[Path, Path], None],
    refusal: type[StorageError],
    words: str,
) -> None:
    path = tmp_path / "考核台账.kaohe"
    make(path, masters.demo)
    before = fingerprint(path)
    try:
        with pytest.raises(StorageError) as error:
            begin_open(path)
    finally:
        assert fingerprint(path) == before  # whatever was raised, nothing was written
    assert isinstance(error.value, refusal), error.value
    assert words in str(error.value) and _chinese(str(error.value))
    assert fingerprint(path) == before
    assert sidecars(path) == []


def _newer(masters: Masters, directory: Path) -> Path:
    path = masters.copy(masters.demo, directory)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    return path


def test_newer_schema_opens_read_only_and_stays_unchanged(tmp_path: Path, masters: Masters) -> None:
    path = _newer(masters, tmp_path)
    before = fingerprint(path)
    workspace = open_workspace(path, ADMIN, daily_backup=False)
    assert workspace.read_only and workspace.read_only_reason
    assert "更新版本" in (workspace.opened.read_only_reason or "")
    assert workspace.people.listing()  # it can still be read
    snapshot = workspace.departments.load(masters.departments[0])
    with pytest.raises(ReadOnlyError) as refusal:
        workspace.departments.save(snapshot.draft().with_value("sort_order", 70))
    assert "不能保存" in str(refusal.value)
    workspace.close()
    assert fingerprint(path) == before
    assert sidecars(path) == []
    assert os.access(path, os.W_OK)  # refused by its version, not by its permissions


def test_the_workspace_says_why_it_is_read_only(tmp_path: Path, masters: Masters) -> None:
    """The screens show workspace.read_only_reason; the clerk should learn the cause
    (here: a newer program's file), not only that the file is read-only."""
    workspace = open_workspace(_newer(masters, tmp_path), ADMIN, daily_backup=False)
    reason = workspace.read_only_reason or ""
    workspace.close()
    assert "更新版本" in reason
