"""Backups the clerk sees: the daily automatic copy, manual copies, the folder the
administrator chooses, and restoring a backup into a new file.

Backups are the open file's own by its identity (id and bureau, storage/identity.py),
not by its name: another bureau's file of the same name backing up into the same
folder neither counts as this file's daily backup nor shows up in its restore list."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.any_backup import backup_any
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.backup import (
    AUTOMATIC,
    BackupFile,
    EvidenceCopy,
    copy_evidence,
    list_backups,
    restore_copy,
    rotate,
    verify_backup,
)
from kaohe_desktop.storage.copy import EVIDENCE_DIR_KEY
from kaohe_desktop.storage.database import default_backup_dir, local_evidence_dir, open_data_file
from kaohe_desktop.storage.errors import FileReplacedError, StorageError, describe_os_error
from kaohe_desktop.storage.evidence_store import BACKUP_STORE_NAME, EvidenceStore, store_dir
from kaohe_desktop.storage.identity import FileIdentity
from kaohe_desktop.storage.models import MetaRow
from kaohe_desktop.storage.server_backup import backup_source_name
from kaohe_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
BACKUP_DIR_KEY = "backup_dir"


class BackupService:
    def __init__(
        self,
        guard: Guard,
        uow: UnitOfWork,
        path: Path,
        *,
        clock: Clock = datetime.now,
        evidence_dir: Path | None = None,
        location: str | None = None,
    ) -> None:
        self.guard = guard
        self._uow = uow
        self._stand_in = path
        self._evidence_dir = evidence_dir
        # Where the data was, as the restore's log entry names it: the file's path, or
        # 账号@服务器:端口/数据库 (a server's `path` is only a stand-in name).
        self._location = location
        self._clock = clock
        # What the last backup or restore did with the 佐证材料 (for the screens' report).
        self.last_evidence: EvidenceCopy | None = None

    @property
    def _server(self) -> bool:
        return self._uow.engine.dialect.name != "sqlite"

    @property
    def _path(self) -> Path:
        """The data file; on a server, whose `path` is only a stand-in name, that name
        with ".kaohe": its backups are data files (storage/server_backup.py)."""
        return backup_source_name(self._stand_in) if self._server else self._stand_in

    @property
    def identity(self) -> FileIdentity | None:
        """The open file's id and bureau: whose backups these are (no right needed)."""
        return self._uow.identity

    # --- where backups go -----------------------------------------------------
    @requires(Action.VIEW)
    def folder(self) -> Path:
        """The administrator's chosen folder, else a folder on this computer's disk."""
        with self._uow.read() as session:
            chosen = session.get(MetaRow, BACKUP_DIR_KEY)
            return Path(chosen.value) if chosen else default_backup_dir(self._path)

    @requires(Action.CONFIGURE_BACKUPS)
    def set_folder(self, folder: Path | None) -> None:
        """None goes back to the local default. The change is logged."""
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise InputError(f"无法使用备份文件夹“{folder}”：{error}") from None

        def work(session: Session) -> None:
            row = session.get(MetaRow, BACKUP_DIR_KEY)
            old = row.value if row else None
            if folder is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(MetaRow(key=BACKUP_DIR_KEY, value=str(folder)))
            else:
                row.value = str(folder)
            session.flush()
            record_event(
                session.connection(),
                self.guard.actor.username,
                "setting",
                "app_meta",
                BACKUP_DIR_KEY,
                "备份文件夹",
                {"from": old, "to": None if folder is None else str(folder)},
            )

        self._uow.write(work)

    # --- making backups -------------------------------------------------------
    @requires(Action.BACKUP)
    def backup_now(self, folder: Path | None = None) -> Path:
        return self._backup(folder or self.folder(), "手动")

    @requires(Action.VIEW)
    def backups(self) -> list[BackupFile]:
        """This file's backups in the folder, newest first (never another file's)."""
        return list_backups(self.folder(), self._path, self.identity)

    def _backup(self, folder: Path, reason: str, now: datetime | None = None) -> Path:
        """The verified copy of the data file, then the attachments it refers to that
        the folder's 佐证材料 store lacks (one store for all the backups in a folder)."""
        try:
            copy = backup_any(self._uow.engine, self._path, folder, reason, now, self.identity)
        except FileReplacedError as error:
            # Another file is at the path now: no more writes either, as after a save.
            self._uow.go_read_only(str(error))
            raise
        self.last_evidence = _copy_evidence(
            copy, EvidenceStore(folder / BACKUP_STORE_NAME), [self._store]
        )
        return copy

    @property
    def _store(self) -> EvidenceStore:
        """The open file's 佐证材料: beside the file; on a server, the folder it names."""
        if self._evidence_dir is not None:
            return EvidenceStore(self._evidence_dir)
        if self._server:
            with self._uow.read() as session:
                named = session.get(MetaRow, EVIDENCE_DIR_KEY)
                folder = named.value if named is not None else None
            return EvidenceStore(Path(folder) if folder else local_evidence_dir(self._stand_in))
        return EvidenceStore(store_dir(self._path))

    @requires(Action.VIEW)
    def daily(self) -> Path | None:
        """At the first open of each day: a verified copy, then rotation (14 daily,
        12 monthly). Every role may look, so it runs for every account that opens
        the file, and only once a day per backup folder."""
        folder = self.folder()
        today = self._clock().date()
        own = list_backups(folder, self._path, self.identity, legacy=False)
        if any(b.automatic and b.taken_at.date() == today for b in own):
            return None
        copy = self._backup(folder, AUTOMATIC, self._clock())
        rotate(folder, self._path, self.identity)
        return copy

    # --- restoring ------------------------------------------------------------
    @requires(Action.RESTORE)
    def restore(self, backup: Path, target: Path) -> Path:
        """Restore `backup` into the new file `target` (the open file is never
        overwritten). The open file is backed up first; the backup must pass
        integrity_check and its audit chain must verify. The restore is logged in
        the restored file."""
        if target.exists():
            raise InputError(f"“{target}”已存在。恢复只写入新文件，请换一个文件名。")
        verify_backup(backup)  # a refused restore leaves no 恢复前 copy behind
        self._backup(self.folder(), "恢复前", self._clock())
        restore_copy(backup, target)
        # The attachments from the backup folder's store; what is not there (a backup
        # made before attachments were copied) from the open file's own store.
        evidence = _copy_evidence(
            target,
            EvidenceStore(store_dir(target)),
            [EvidenceStore(backup.parent / BACKUP_STORE_NAME), self._store],
        )
        self.last_evidence = evidence
        detail: dict[str, object] = {
            "backup": str(backup),
            "previous_file": self._location or str(self._path),
        }
        if evidence.referenced:
            detail["evidence"] = {
                "referenced": evidence.referenced,
                "copied": evidence.copied,
                "problems": list(evidence.problems),
            }
        opened = open_data_file(target)
        try:
            restored = opened.unit_of_work(self.guard.actor.username)
            restored.write(
                lambda session: record_event(
                    session.connection(),
                    self.guard.actor.username,
                    "restore",
                    "data_file",
                    target.name,
                    "从备份恢复",
                    detail,
                )
            )
        finally:
            opened.close()
        return target


def _copy_evidence(
    database: Path, target: EvidenceStore, sources: list[EvidenceStore]
) -> EvidenceCopy:
    """copy_evidence, its failure to write (the backup disk full) told as a problem: the
    data file's copy is made and verified by then, and stays."""
    try:
        return copy_evidence(database, target, sources)
    except OSError as error:
        log.warning("evidence copy into %s failed: %s", target.root, error)
        return EvidenceCopy(
            0, 0, (f"佐证材料未能复制到“{target.root}”：{describe_os_error(error)}",)
        )


def evidence_warning(copy: EvidenceCopy | None) -> str | None:
    """The clerk's line about attachments a backup or restore could not copy."""
    if copy is None or not copy.problems:
        return None
    shown = "；".join(copy.problems[:3])
    more = f"等 {len(copy.problems)} 处" if len(copy.problems) > 3 else ""
    return f"备份的佐证材料不完整：{shown}{more}。请运行“检查数据文件”查看缺少的附件。"


def run_daily_backup(service: BackupService) -> str | None:
    """The daily backup at open; a failure is a warning, never a reason not to open."""
    try:
        copy = service.daily()
    except (StorageError, OSError) as error:
        log.warning("daily backup failed: %s", error)
        return f"今日自动备份未完成：{error}。请检查备份文件夹，或用“文件→备份”手动备份。"
    return evidence_warning(service.last_evidence) if copy is not None else None


__all__ = ["BackupFile", "BackupService", "EvidenceCopy", "evidence_warning", "run_daily_backup"]
