"""Short transactions over the data file.

`write` runs a function inside one BEGIN IMMEDIATE transaction and retries it,
within a bound, while another workstation holds the lock. The function must do
all its reading and writing through the session it is given, so that running it
again after a refused BEGIN is safe. A stale row turns into ConflictError.

Every write also checks that it commits to the file that was opened (SameFile, in
identity.py): right after BEGIN IMMEDIATE and again just before COMMIT. A file
replaced underneath aborts the unit of work with FileReplacedError, nothing
written, and the unit of work turns read-only.

The audit ids a committed write appended are recorded as this program's own
(own_writes.py), so that the live refresh does not reload the screens for them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kaohe_desktop.storage.audit import ACCOUNT_KEY
from kaohe_desktop.storage.engine import write_engine
from kaohe_desktop.storage.errors import (
    BusyError,
    ConflictError,
    FileReplacedError,
    FileUnavailableError,
    LockHistoryError,
    PeriodClosedError,
    ReadOnlyError,
    StorageError,
)
from kaohe_desktop.storage.identity import FileIdentity, Look, SameDatabase, SameFile
from kaohe_desktop.storage.own_writes import OwnWrites, own_writes_of, take_written
from kaohe_desktop.storage.server_engine import (
    INSUFFICIENT_PRIVILEGE,
    is_retryable,
    is_unreachable,
    server_words,
    sqlstate,
)

CLOSED_MARK = "KAOHE_PERIOD_CLOSED:"
HISTORY_MARK = "KAOHE_LOCK_HISTORY"
VERIFIED_MARK = "KAOHE_RECTIFICATION_VERIFIED"

T = TypeVar("T")

DEFAULT_ATTEMPTS = 3
VALUE_TOO_LONG = "22001"


def _is_busy(error: OperationalError) -> bool:
    """Another writer holds the lock (a file's, or the server's writer lock past
    lock_timeout), or the server rolled us back to retry (serialization, deadlock)."""
    if is_retryable(error):
        return True
    message = str(error.orig).lower()
    return "database is locked" in message or "database is busy" in message


class UnitOfWork:
    def __init__(
        self,
        engine: Engine,
        *,
        account: str,
        read_only: bool = False,
        attempts: int = DEFAULT_ATTEMPTS,
        backoff_seconds: float = 0.2,
        # None: a file being made, not yet shared. SameDatabase on a server.
        same_file: SameFile | SameDatabase | None = None,
    ) -> None:
        self._engine = engine
        self._write_engine = write_engine(engine)
        self._same_file = same_file
        self.account = account
        self.read_only = read_only
        self.read_only_reason: str | None = "数据文件以只读方式打开。" if read_only else None
        self._server = engine.dialect.name == "postgresql"
        self._attempts = attempts
        self._backoff = backoff_seconds
        # Shared by every unit of work over this engine and by the file's watcher.
        self.own_writes: OwnWrites = own_writes_of(engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read snapshot (deferred BEGIN), ended by close().

        close() rolls the transaction back but, unlike rollback(), does not expire
        the rows: they stay usable, detached, with the version they were read at,
        so a later save of them can detect a stale version.
        """
        session = Session(self._engine, expire_on_commit=False, autoflush=False)
        try:
            yield session
        except DBAPIError as error:
            if self._server and not is_unreachable(error):
                raise  # not the server's absence: a fault of ours, told as it is
            raise _unavailable(error, self._server) from error
        finally:
            session.close()

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def identity(self) -> FileIdentity | None:
        """The opened file's id and bureau (backups are named and listed by it)."""
        return self._same_file.identity if self._same_file is not None else None

    def go_read_only(self, reason: str) -> None:
        """After the file became unwritable (share read-only, disk full, file gone),
        refuse further saves up front; the screens keep the clerk's edits."""
        self.read_only = True
        self.read_only_reason = reason

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one BEGIN IMMEDIATE transaction; commit; return its result."""
        if self.read_only:
            raise ReadOnlyError(
                f"{self.read_only_reason or '数据文件以只读方式打开。'}不能保存修改。"
            )
        last_error: OperationalError | None = None
        for attempt in range(self._attempts):
            session = Session(self._write_engine, expire_on_commit=False)
            session.info[ACCOUNT_KEY] = self.account
            committing = ExitStack()
            try:
                with committing:
                    with session.begin():
                        # A server's pooled connection may still carry the notes of a
                        # transaction that rolled back: they are not ours to claim.
                        take_written(session.connection())
                        begun = self._after_begin(session)
                        result = work(session)
                        self._before_commit(session, begun)
                        # The last changes' audit rows (already flushed when the file is
                        # checked above; a file being made flushes them here).
                        session.flush()
                        written = take_written(session.connection())
                        # Held across COMMIT until the ids are recorded: a poll that already
                        # sees these rows waits here, and then finds them recorded as ours.
                        committing.enter_context(self.own_writes.lock)
                    self.own_writes.add(written)  # committed: only now are they ours
                return result
            except FileUnavailableError as error:  # replaced or taken away: nothing written
                self.go_read_only(str(error))
                raise
            except StaleDataError as error:
                self._raise_if_replaced(error)
                raise ConflictError(entity=_entity_of(error), entity_id="?") from error
            except IntegrityError as error:
                refusal = _refused(error)
                if refusal is None:
                    # A FOREIGN KEY failure is what a file overwritten mid-write looks like.
                    self._raise_if_replaced(error)
                    raise
                raise refusal from error
            except OperationalError as error:
                if self._server and not _is_busy(error) and not is_unreachable(error):
                    raise _server_refused(error) from error
                if not _is_busy(error):
                    unavailable = self._replaced() or _unavailable(error, self._server)
                    # The file cannot be written now: stop trying until it is reopened,
                    # so every screen turns read-only and keeps what the clerk typed.
                    self.go_read_only(str(unavailable))
                    raise unavailable from error
                last_error = error
                time.sleep(self._backoff * (attempt + 1))
            except DBAPIError as error:  # "file is not a database": replaced underneath
                if self._server and not is_unreachable(error):
                    raise _server_refused(error) from error
                unavailable = self._replaced() or _unavailable(error, self._server)
                self.go_read_only(str(unavailable))
                raise unavailable from error
            finally:
                session.close()
        where = "数据库" if self._server else "数据文件"
        raise BusyError(
            f"{where}正被其他同事写入，多次重试仍未取得写入权限。您的修改已保留，请稍后再保存。"
        ) from last_error

    def _after_begin(self, session: Session) -> Look | None:
        if self._same_file is None:
            return None
        connection = session.connection()  # BEGIN IMMEDIATE runs here
        return self._same_file.after_begin(lambda sql: connection.exec_driver_sql(sql).all())

    def _before_commit(self, session: Session, begun: Look | None) -> None:
        if self._same_file is not None:
            session.flush()  # every statement has run: the check is the last step before COMMIT
            self._same_file.before_commit(begun)

    def _replaced(self) -> FileReplacedError | None:
        """After a failed write (rolled back by now): was the file replaced meanwhile?"""
        return self._same_file.replaced() if self._same_file is not None else None

    def _raise_if_replaced(self, error: Exception) -> None:
        replaced = self._replaced()
        if replaced is not None:
            self.go_read_only(str(replaced))
            raise replaced from error


def _refused(error: IntegrityError) -> StorageError | None:
    """A trigger's refusal (closed period, lock history) in the clerk's words."""
    detail = str(error.orig)
    if CLOSED_MARK in detail:
        return PeriodClosedError(detail.split(CLOSED_MARK, 1)[1].split()[0].strip("'\""))
    if HISTORY_MARK in detail:
        return LockHistoryError("期间关闭的记录是历史凭据，不能删除或改写。")
    if VERIFIED_MARK in detail:
        return LockHistoryError("未保存：该整改已经核实销号，是历史凭据，不能再修改或删除。")
    return None


def _server_refused(error: DBAPIError) -> StorageError:
    """The server is there and refused this one statement (a missing grant, a value
    longer than its column, a full disk on the server): said as such, the edit kept,
    and the workspace stays writable; only a server gone turns it read-only."""
    state = sqlstate(error) or ""
    detail = server_words(error, 120) or state
    if state == INSUFFICIENT_PRIVILEGE:
        reason = "当前服务器账号没有所需的权限。请服务器管理员按 RELIABILITY.md §8 为该账号授权"
    elif state == VALUE_TOO_LONG:
        reason = "有一项内容超过了数据库允许的长度，请缩短后再保存"
    elif state.startswith("53"):
        reason = "数据库服务器的磁盘或内存不足，请联系服务器管理员"
    else:
        reason = "请把这条信息告诉管理员"
    return StorageError(f"数据库拒绝了本次保存（{detail}）：{reason}。您的修改已保留。")


def _unavailable(error: DBAPIError, server: bool = False) -> FileUnavailableError:
    """The driver's error in words a clerk can act on; the edit is kept by the caller."""
    if server:
        return FileUnavailableError(
            f"数据库服务器无法访问（{server_words(error, 160) or '连接中断'}），"
            "未能保存，已转为只读；您的修改已保留，可导出。"
            "请检查网络和服务器，然后重新打开。"
        )
    detail = str(error.orig)
    if "disk" in detail.lower() and "full" in detail.lower():
        return FileUnavailableError(
            "磁盘已满，未能保存，数据文件已转为只读；您的修改已保留，可导出。"
            "请腾出空间后重新打开数据文件再保存。"
        )
    if "readonly" in detail.lower() or "read-only" in detail.lower():
        return FileUnavailableError(
            "数据文件不可写（只读共享或权限不足），未能保存，已转为只读；您的修改已保留，可导出。"
        )
    return FileUnavailableError(
        f"数据文件无法访问（{detail}），已转为只读；您的修改已保留，可导出。"
        "请检查网络共享盘是否连接、文件是否被移动或替换，然后重新打开。"
    )


def _entity_of(error: StaleDataError) -> str:
    # StaleDataError's message names the table ("UPDATE statement on table 'person' …").
    message = str(error)
    if "table '" in message:
        return message.split("table '", 1)[1].split("'", 1)[0]
    return "记录"
