"""Which data file this is, so that a write never lands in another one.

A path names whatever file is there now: another bureau's file moved over ours, a
copy pasted over it in Explorer, an old copy put back by hand. Every unit of work
checks that the file it is about to commit to is the file that was opened:

- the file id stored in app_meta (a random UUID written when the file is made; a file
  made before ids existed gets one derived from facts it already holds, stored at its
  first writable open), read through the write transaction's own connection right
  after BEGIN IMMEDIATE; just before COMMIT, if the file was written to since BEGIN,
  read again through a fresh read-only connection (the transaction's own connection
  would answer from its page cache);
- device and inode of the path, where the operating system gives stable ones: not a
  network drive on Windows, whose file ids may change from one open to the next.

The stored id is the check that works everywhere, SMB included. Device and inode add
the case of a file swapped under a connection that is already open, which only POSIX
allows (Windows refuses to rename over a file that is open). Why both, and what is
left: docs/RELIABILITY.md §2, "Which file is written".
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from kaohe_desktop.storage.engine import execute_outside_transaction, write_engine
from kaohe_desktop.storage.errors import FileReplacedError, FileUnavailableError
from kaohe_desktop.storage.uri import sqlite_uri

FILE_ID_KEY = "file_id"
SHORT_ID_LENGTH = 8  # in backup names: enough to tell an office's few files apart

Query = Callable[[str], Sequence[Sequence[object]]]


def new_file_id() -> str:
    return uuid.uuid4().hex


def _scalar(query: Query, sql: str) -> object | None:
    rows = query(sql)
    return rows[0][0] if rows else None


def stored_file_id(query: Query) -> str | None:
    value = _scalar(query, f"SELECT value FROM app_meta WHERE key = '{FILE_ID_KEY}'")
    return str(value) if value else None


def derived_file_id(query: Query) -> str:
    """For a file made before ids were stored: the same value on every workstation and
    in every copy, from facts written when the file was made (its first audit row is
    append-only), so its backups are named by the id it will later store."""
    facts_sql = "SELECT key, value FROM app_meta WHERE key IN ('created_at', 'created_by')"
    created = {str(row[0]): str(row[1]) for row in query(facts_sql)}
    first = _scalar(query, "SELECT hash FROM audit_log ORDER BY id LIMIT 1")
    facts = "|".join((created.get("created_at", ""), created.get("created_by", ""), str(first)))
    return hashlib.sha256(f"kaohe-file|{facts}".encode()).hexdigest()[:32]


def file_id_of(query: Query) -> str:
    return stored_file_id(query) or derived_file_id(query)


def bureau_of(query: Query) -> str:
    return str(_scalar(query, "SELECT name FROM bureau ORDER BY id LIMIT 1") or "")


@dataclass(frozen=True)
class FileStamp:
    """Device and inode of a file, where the operating system gives stable ones."""

    device: int
    inode: int


def inode_trusted(path: Path) -> bool:
    """Whether device/inode of `path` stay the same for the same file. SMB servers
    give Windows clients file ids that some servers regenerate per open."""
    if sys.platform == "win32":
        import ctypes

        text = os.path.abspath(path)
        if text.startswith("\\\\"):  # UNC: \\server\share
            return False
        drive_remote = 4
        root = os.path.splitdrive(text)[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(root) != drive_remote)
    return True


def stamp_of(path: Path) -> FileStamp | None:
    """Raises OSError when nothing is at `path`; None when its ids are not to be trusted."""
    return _stamp(path, os.stat(path))


def _stamp(path: Path, stat: os.stat_result) -> FileStamp | None:
    if not stat.st_ino or not inode_trusted(path):
        return None
    return FileStamp(stat.st_dev, stat.st_ino)


@dataclass(frozen=True)
class FileIdentity:
    file_id: str
    bureau: str
    stamp: FileStamp | None = None

    @property
    def short_id(self) -> str:
        return self.file_id[:SHORT_ID_LENGTH]


def identity_of_file(path: Path) -> FileIdentity:
    """The id and bureau of a data file or backup on disk, read without writing."""
    connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:

        def query(sql: str) -> list[tuple[object, ...]]:
            return connection.execute(sql).fetchall()

        return FileIdentity(file_id_of(query), bureau_of(query))
    finally:
        connection.close()


def establish_identity(
    engine: Engine, path: Path, stamp: FileStamp | None, *, writable: bool
) -> FileIdentity:
    """At open: the file's id, stored now if the file was made before ids existed and
    may be written (INSERT OR IGNORE: two workstations opening it derive the same id)."""

    def query(sql: str) -> list[tuple[object, ...]]:
        return execute_outside_transaction(engine, sql)

    file_id = stored_file_id(query)
    if file_id is None:
        file_id = derived_file_id(query)
        try:
            if writable:
                with write_engine(engine).begin() as connection:
                    connection.exec_driver_sql(
                        "INSERT OR IGNORE INTO app_meta (key, value) VALUES (?, ?)",
                        (FILE_ID_KEY, file_id),
                    )
        except OperationalError:
            pass  # busy now: the next open derives and stores the same id
    return FileIdentity(file_id, bureau_of(query), stamp)


def probe_file_id(path: Path) -> str | None:
    """The id of the file now at `path`, through a fresh read-only connection; "" for a
    file that is not ours; None when it cannot be told now (a lock held, the file gone)."""
    try:
        connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=0)
    except sqlite3.Error:
        return None
    try:
        return file_id_of(lambda sql: connection.execute(sql).fetchall())
    except sqlite3.DatabaseError as error:
        detail = str(error).lower()
        if any(word in detail for word in ("locked", "busy", "readonly", "unable to open")):
            return None
        return ""  # not a database, or not one of ours
    finally:
        connection.close()


@dataclass(frozen=True)
class Look:
    """What a stat of the path shows: the file's ids, and what a write to it changes."""

    stamp: FileStamp | None
    written: tuple[int, int]  # modification time (ns) and size


class SameFile:
    """The checks a unit of work makes that it still writes to the file it opened."""

    def __init__(self, path: Path, identity: FileIdentity) -> None:
        self.path = path
        self.identity = identity

    def after_begin(self, query: Query) -> Look:
        """Right after BEGIN IMMEDIATE, through the transaction's own connection: what
        this connection reads is the file its COMMIT will write."""
        try:
            found = file_id_of(query)
        except Exception as error:  # no app_meta: a file that is not ours at all
            raise self.replaced_error("现在的文件不是考核台账数据文件") from error
        self._compare(found)
        return self._look()

    def before_commit(self, begun: Look | None) -> None:
        """Just before COMMIT: the path still names the opened file (device and inode);
        and if the file was written to since BEGIN — which nobody who respects our lock
        does, so it is our own cache spill or a copy pasted over it in place — a fresh
        connection still reads its id. (A fresh connection parses the whole schema, a
        few milliseconds: only paid when something did change.)"""
        now = self._look()
        if begun is None or now.written != begun.written:
            found = probe_file_id(self.path)
            if found is not None:
                self._compare(found)

    def replaced(self) -> FileReplacedError | None:
        """After a write failed for another reason: was the file replaced meanwhile?
        (A file that is simply gone is what the driver's own error already says.)"""
        try:
            self.before_commit(None)
        except FileReplacedError as error:
            return error
        except FileUnavailableError:
            return None
        return None

    def _compare(self, found: str) -> None:
        if found != self.identity.file_id:
            now = f"现在为 {found[:SHORT_ID_LENGTH]}" if found else "现在的文件不是考核台账数据文件"
            raise self.replaced_error(f"文件标识打开时为 {self.identity.short_id}，{now}")

    def _look(self) -> Look:
        try:
            stat = os.stat(self.path)
        except OSError as error:
            raise FileUnavailableError(
                f"数据文件无法访问：“{self.path.name}”已被移走或删除，本次未保存，已转为只读；"
                "您的修改已保留，可导出。请找回数据文件后重新打开。"
            ) from error
        now, opened = _stamp(self.path, stat), self.identity.stamp
        if opened is not None and now is not None and now != opened:
            raise self.replaced_error("文件在磁盘上已是另一个文件（设备号/索引节点不同）")
        return Look(now, (stat.st_mtime_ns, stat.st_size))

    def replaced_error(self, detail: str) -> FileReplacedError:
        return FileReplacedError(self.path.name, self.identity.bureau, detail)


class SameDatabase:
    """On a server, a path cannot be swapped; what can happen is a database restored
    or recreated under the same name. Right after the writer lock, through the
    transaction's own connection, the stored id must still be the one opened."""

    def __init__(self, identity: FileIdentity) -> None:
        self.identity = identity

    def after_begin(self, query: Query) -> Look | None:
        try:
            found = file_id_of(query)
        except Exception as error:
            raise self.replaced_error("现在的数据库不是考核台账的数据") from error
        if found != self.identity.file_id:
            raise self.replaced_error(
                f"标识打开时为 {self.identity.short_id}，现在为 {found[:SHORT_ID_LENGTH]}"
            )
        return None

    def before_commit(self, begun: Look | None) -> None:
        """Nothing to look at: the writer lock is held until COMMIT."""

    def replaced(self) -> FileReplacedError | None:
        return None

    def replaced_error(self, detail: str) -> FileReplacedError:
        return FileReplacedError("服务器上的数据库", self.identity.bureau, detail)
