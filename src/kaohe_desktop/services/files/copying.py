"""Copying the whole open database into a new one (issue 17 §3): a data file moved to
a PostgreSQL server (管理 → 迁移到数据库服务器…, `kaohe copy`), a server database
brought back into a data file, or a file into a new file.

Copying everything — accounts and the audit log included — is an administrator's
action (Action.COPY_DATABASE). The source is read in one snapshot and never written
by the copy itself; once the copy is verified and committed, the event is logged in
the source's chain (when it may be written), naming where the copy went.

Where the 佐证材料 go: a server database records the absolute path of the source's
folder (the attachments stay on the share where they are); a data file gets every
referenced attachment copied into its own folder beside it, checked by its hash.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.audit_log import ENTITY_LABELS
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.copy import CopyResult, copy_to_file, copy_to_server
from kaohe_desktop.storage.database import OpenedFile
from kaohe_desktop.storage.errors import StorageError
from kaohe_desktop.storage.source import ServerAddress, is_server_url, parse_server_url
from kaohe_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

CopyTarget = Path | ServerAddress

_COPYING_TABLE = re.compile(r"^正在复制 ([a-z_]+)…$")


def table_words(table: str) -> str:
    """A table as the clerk calls it (the 操作日志's own names)."""
    return {**ENTITY_LABELS, "audit_log": "操作日志"}.get(table, "其他数据")


def clerk_words(message: str) -> str:
    """The copy's "正在复制 ledger_task…" as "正在复制台账任务…"; other steps are words."""
    found = _COPYING_TABLE.match(message)
    return message if found is None else f"正在复制{table_words(found.group(1))}…"


def _in_words(progress: ProgressReporter) -> Callable[[int, int, str], None]:
    def report(done: int, total: int, message: str) -> None:
        progress.report(done, total, clerk_words(message))

    return report


@dataclass(frozen=True)
class CopyOutcome:
    """A finished, verified copy: where it is and what it holds."""

    target: str  # the new file's path, or 账号@服务器:端口/数据库
    result: CopyResult
    evidence_dir: str | None = None  # on a server: the 佐证材料 folder it names

    def lines(self) -> list[str]:
        """The clerk's summary, in Chinese."""
        lines = [f"已复制到 {self.target}：共 {self.result.rows:,} 行。"]
        lines += [f"  {table_words(table)}：{rows:,} 行" for table, rows in self.result.tables]
        lines.append(f"复制后核对：各表行数与源数据库一致；{self.result.chain}。")
        lines.append(f"{self.result.records}。")
        evidence = self.result.evidence
        if evidence is not None and evidence.referenced:
            lines.append(
                f"佐证材料：{evidence.referenced} 个文件，"
                f"已复制 {evidence.copied} 个并逐个核对校验值。"
            )
        if self.evidence_dir is not None:
            lines.append(f"佐证材料仍在原处：{self.evidence_dir}（数据库已记下该文件夹）。")
        return lines


def parse_target(text: str) -> CopyTarget:
    """A server URL (without a password) or a data file's path."""
    if is_server_url(text):
        return parse_server_url(text)
    if not text.strip():
        raise InputError("未指定复制到哪里：请给出新数据文件的路径或数据库服务器地址。")
    return Path(text)


class CopyService:
    def __init__(self, guard: Guard, uow: UnitOfWork, opened: OpenedFile) -> None:
        self.guard = guard
        self._uow = uow
        self._opened = opened

    @requires(Action.COPY_DATABASE)
    def copy_to(
        self,
        target: CopyTarget,
        *,
        password: str | None = None,
        progress: ProgressReporter = SILENT,
        evidence_dir: Path | None = None,
    ) -> CopyOutcome:
        """Copy the whole database into `target`: a NEW data file (refused if it exists)
        or an EMPTY database on a server (refused if it holds anything), all or nothing.
        `password` is the target server's (default: PGPASSWORD or pgpass). Cancelling
        through `progress` leaves nothing behind. On a server, `evidence_dir` is the
        佐证材料 folder it is to name (default: the source's own folder), as every
        workstation reaches it (a share's UNC path rather than one PC's drive letter)."""
        source = self._opened
        if isinstance(target, ServerAddress):
            outcome = self._to_server(target, password, progress, evidence_dir)
        else:
            if source.server is None and _same_path(target, source.path):
                raise InputError("不能复制到正在打开的数据文件本身，请换一个文件名。")
            result = copy_to_file(
                source.engine, target, source_store=source.evidence_dir, report=_in_words(progress)
            )
            outcome = CopyOutcome(str(target), result)
        self._log(outcome)
        return outcome

    def _to_server(
        self,
        address: ServerAddress,
        password: str | None,
        progress: ProgressReporter,
        evidence_dir: Path | None = None,
    ) -> CopyOutcome:
        from kaohe_desktop.storage.server_database import connect_error
        from kaohe_desktop.storage.server_engine import make_server_engine, sqlstate

        source = self._opened
        if source.server == address:
            raise InputError("不能复制到正在打开的数据库本身。")
        # The attachments stay where they are: the server names their folder.
        folder = str(_evidence_folder(evidence_dir or source.evidence_dir))
        engine = make_server_engine(address, password, pool_size=1)
        try:
            result = copy_to_server(
                source.engine,
                engine,
                evidence_dir=folder,
                report=_in_words(progress),
                where=address.display,
            )
        except DBAPIError as error:
            state = sqlstate(error)
            if state is None or state[:2] in ("08", "28", "3D", "57"):  # could not connect
                raise connect_error(error, address) from error
            if state == "42501":  # insufficient_privilege
                raise StorageError(
                    f"账号“{address.user}”没有在数据库“{address.database}”中建表的权限："
                    "请用该数据库的所有者账号（如 kaohe_owner）复制，不要用录入员的账号。"
                    "目标数据库未做任何改动。"
                ) from error
            raise StorageError(
                f"复制到数据库服务器失败（{str(error.orig).strip().splitlines()[0][:200]}）；"
                "目标数据库未做任何改动。"
            ) from error
        finally:
            engine.dispose()
        return CopyOutcome(address.display, result, folder)

    def _log(self, outcome: CopyOutcome) -> None:
        """The copy in the source's chain, when the source may be written."""
        if self._uow.read_only:
            return
        detail = {
            "to": outcome.target,
            "rows": outcome.result.rows,
            "audit_rows": outcome.result.chain.rows,
            "file_id": outcome.result.file_id,
        }
        try:
            self._uow.write(
                lambda session: record_event(
                    session.connection(),
                    self.guard.actor.username,
                    "copy",
                    "data_file",
                    outcome.result.file_id[:8],
                    f"复制整个数据库到 {outcome.target}"[:200],
                    detail,
                )
            )
        except StorageError as error:  # the copy is made and verified; only the note failed
            log.warning("copy made but not logged in the source: %s", error)


def _evidence_folder(folder: Path) -> Path:
    """The 佐证材料 folder a server is to name, checked: a full path (every workstation
    must reach it the same way) whose place exists; the folder itself may not yet (a
    file without attachments makes it at its first attachment)."""
    if not folder.is_absolute():
        raise InputError(f"佐证材料文件夹“{folder}”请写完整路径，如 \\\\服务器\\考核\\佐证材料。")
    if not (folder.is_dir() or folder.parent.is_dir()):
        raise InputError(f"找不到佐证材料文件夹“{folder}”（连同它所在的文件夹）。")
    return folder.resolve()


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


__all__ = ["CopyOutcome", "CopyService", "CopyTarget", "parse_target"]
