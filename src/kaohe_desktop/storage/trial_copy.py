"""A private, writable copy of the open data file, for work that must be rolled back.

A trial import (`import --dry-run`, the GUI's 试导入) runs the real import and rolls it
back. On a file that cannot be written (a read-only share, a file from a newer version)
even that is refused, though nothing would be written. On a copy it is not: the copy is
taken in one read (SQLite's online backup: a consistent snapshot, triggers and header
included; from a server, the copy a backup makes: storage/copy.write_file_copy), lives
in the user's private temporary folder, and is deleted when the work is done. A
writable file is still tried in place: the copy reads the whole file, which for a
county's file on a network share costs more than the trial itself
(bench/bench_trial_import.py).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from kaohe_desktop.storage.engine import make_engine
from kaohe_desktop.storage.errors import FileUnavailableError
from kaohe_desktop.storage.unit_of_work import UnitOfWork


def _snapshot(source: UnitOfWork, target: Path) -> None:
    if source.engine.dialect.name != "sqlite":
        _server_snapshot(source, target)
        return
    try:
        raw = source.engine.raw_connection()
        try:
            copy = sqlite3.connect(target)
            try:
                raw.driver_connection.backup(copy)  # type: ignore[union-attr]
            finally:
                copy.close()
        finally:
            raw.close()
    except (sqlite3.Error, DBAPIError) as error:
        detail = error.orig if isinstance(error, DBAPIError) else error
        raise FileUnavailableError(
            f"无法读取数据文件（{detail}），未写入任何内容。"
            "请检查网络共享盘是否连接、文件是否被移动或替换。"
        ) from error


def _server_snapshot(source: UnitOfWork, target: Path) -> None:
    """A server database has no online backup into a file: the copy a backup makes
    (storage/copy.py, one REPEATABLE READ snapshot), its app_meta kept as it is."""
    from kaohe_desktop.storage.copy import write_file_copy  # only on a server

    try:
        write_file_copy(source.engine, target, lambda _source_id: {})
    except DBAPIError as error:
        raise FileUnavailableError(
            f"无法读取数据库服务器（{error.orig}），未写入任何内容。请检查网络连接与服务器。"
        ) from error


@contextmanager
def trial_copy(source: UnitOfWork) -> Iterator[UnitOfWork]:
    """A unit of work over a fresh copy of `source`'s file, acting as the same account;
    whatever it commits never reaches the data file."""
    folder = Path(tempfile.mkdtemp(prefix="kaohe-trial-"))
    try:
        path = folder / "trial.kaohe"
        _snapshot(source, path)
        engine = make_engine(path, read_only=False)
        try:
            yield UnitOfWork(engine, account=source.account)
        finally:
            engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
