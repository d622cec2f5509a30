"""Short transactions over the data file.

`write` runs a function inside one BEGIN IMMEDIATE transaction and retries it,
within a bound, while another workstation holds the lock. The function must do
all its reading and writing through the session it is given, so that running it
again after a refused BEGIN is safe. A stale row turns into ConflictError.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kaohe_desktop.storage.audit import ACCOUNT_KEY
from kaohe_desktop.storage.engine import write_engine
from kaohe_desktop.storage.errors import (
    BusyError,
    ConflictError,
    FileUnavailableError,
    ReadOnlyError,
)

T = TypeVar("T")

DEFAULT_ATTEMPTS = 3


def _is_busy(error: OperationalError) -> bool:
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
    ) -> None:
        self._engine = engine
        self._write_engine = write_engine(engine)
        self.account = account
        self.read_only = read_only
        self._attempts = attempts
        self._backoff = backoff_seconds

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
            raise _unavailable(error) from error
        finally:
            session.close()

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one BEGIN IMMEDIATE transaction; commit; return its result."""
        if self.read_only:
            raise ReadOnlyError("数据文件以只读方式打开，不能保存修改。")
        last_error: OperationalError | None = None
        for attempt in range(self._attempts):
            session = Session(self._write_engine, expire_on_commit=False)
            session.info[ACCOUNT_KEY] = self.account
            try:
                with session.begin():
                    result = work(session)
                return result
            except StaleDataError as error:
                raise ConflictError(entity=_entity_of(error), entity_id="?") from error
            except OperationalError as error:
                if not _is_busy(error):
                    raise _unavailable(error) from error
                last_error = error
                time.sleep(self._backoff * (attempt + 1))
            finally:
                session.close()
        raise BusyError(
            "数据文件正被其他同事写入，多次重试仍未取得写入权限。您的修改已保留，请稍后再保存。"
        ) from last_error


def _unavailable(error: DBAPIError) -> FileUnavailableError:
    """The driver's error in words a clerk can act on; the edit is kept by the caller."""
    detail = str(error.orig)
    if "disk" in detail.lower() and "full" in detail.lower():
        return FileUnavailableError("磁盘已满，未能保存。请腾出空间后重试；您的修改已保留。")
    if "readonly" in detail.lower() or "read-only" in detail.lower():
        return FileUnavailableError("数据文件不可写（只读共享或权限不足），未能保存。")
    return FileUnavailableError(
        f"数据文件无法访问（{detail}）。请检查网络共享盘是否连接、文件是否被移动或替换。"
    )


def _entity_of(error: StaleDataError) -> str:
    # StaleDataError's message names the table ("UPDATE statement on table 'person' …").
    message = str(error)
    if "table '" in message:
        return message.split("table '", 1)[1].split("'", 1)[0]
    return "记录"
