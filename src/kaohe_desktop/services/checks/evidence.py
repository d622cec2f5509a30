"""佐证材料: files attached to a check, kept in the content-addressed store beside the
data file (storage/evidence_store.py), their metadata in `evidence_file` rows.

Attaching checks everything first (the role, the check, its period open, its level
one the account may write, the department's 查账 lease given, the name, the kind by
extension and content, the size after a photo is reduced, the period's total), so a
refused file writes nothing. Then the bytes go into the store (temporary name, flush,
rename; outside any transaction, which must stay short), then one write transaction
inserts the row.

Files and rows meet across two workstations without a shared lock on the store, so
who may delete a stored file is decided inside the data file's write transaction:

- an attach, inside its transaction, checks that its file is (still) in the store and
  stores it again if not;
- a removal or a sweep, inside its transaction, makes sure no row refers to the file,
  then renames it aside (put back if the commit fails, deleted after it).

Transactions take the write lock in turn, so either the attach commits first (and the
removal sees its row and keeps the file) or the removal does (and the attach, starting
after it, finds the file gone and stores it again). Without the check in the attach, a
removal could delete a file another workstation has just found in the store but not yet
committed a row for. A general sweep also leaves files written or re-attached within
GRACE alone (an attach refreshes the time of a file it finds there), which covers an
attach from a version of the program without that check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import check_period_label, level_refusal
from kaohe_desktop.domain.leases import check_scope
from kaohe_desktop.domain.periods import parse_check_period
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.access.leases import Lease, require_lease
from kaohe_desktop.services.checks.evidence_files import kind_of, name_problem, reduced_photo
from kaohe_desktop.services.checks.evidence_reads import (
    AttachTarget,
    attach_target,
    evidence_view,
    missing_store_warning,
)
from kaohe_desktop.services.checks.evidence_upkeep import (
    GRACE,
    open_in_viewer_folder,
    remove_unreferenced,
    store_problems,
)
from kaohe_desktop.services.checks.settings import read_check_settings
from kaohe_desktop.services.checks.views import CheckFileProblems, EvidenceView
from kaohe_desktop.services.errors import (
    InputError,
    PeriodClosedError,
    ReadOnlyError,
    StorageError,
    describe_os_error,
)
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.storage.evidence_store import (
    ContentChangedError,
    EvidenceStore,
    FileState,
    Stored,
    sha256_of,
)
from kaohe_desktop.storage.models import EvidenceFileRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
MB = 1024 * 1024
EVIDENCE_STORE_SINCE = 3  # the schema version that moved the bytes out of the data file


class _StoreLost(Exception):
    """The stored file went (removed by another workstation) before the row was in."""


class EvidenceService:
    def __init__(
        self, guard: Guard, uow: UnitOfWork, store_folder: Path, *, clock: Clock = datetime.now
    ) -> None:
        """`store_folder`: the 佐证材料 folder (beside a data file; on a server, the
        shared folder the database names)."""
        self.guard = guard
        self._uow = uow
        self._clock = clock
        self.store = EvidenceStore(store_folder)

    @requires(Action.RECORD_CHECKS)
    def attach(
        self,
        check_id: int,
        source: Path,
        description: str | None,
        leases: Sequence[Lease],
        *,
        name: str | None = None,
    ) -> EvidenceView:
        """Attach the file at `source` to the check, under `name` (default: its own).
        The department's 查账 lease of the check's period must be among `leases`."""
        if self._uow.read_only:  # before the bytes go into the store, not at the row
            reason = self._uow.read_only_reason or "数据文件以只读方式打开。"
            raise ReadOnlyError(f"{reason}不能附加文件。")
        name = source.name if name is None else name
        problem = name_problem(name)
        if problem is not None:
            raise InputError(f"未附加：{problem}。")
        with self._uow.read() as session:
            target = attach_target(session, check_id)
            settings = read_check_settings(session)
            closed = is_closed(session, parse_check_period(target.period))
        if closed:
            raise PeriodClosedError("evidence_file")
        # A file is part of its check: attached by those who may write that level.
        refusal = level_refusal(self.guard.actor.role, target.level, settings)
        if refusal is not None:
            raise InputError(f"未附加：{refusal}（{target.label}）。")
        lease = self._lease_among(leases, target)
        kind = kind_of(source, name)
        reduced = reduced_photo(source, name, kind, settings.photo_max_px)
        try:
            if reduced is None:
                sha, size = sha256_of(source)
            else:
                sha, size = hashlib.sha256(reduced).hexdigest(), len(reduced)
        except OSError as error:
            raise InputError(
                f"无法读取文件“{name}”（{describe_os_error(error)}），未附加。"
            ) from None
        if size > settings.max_file_mb * MB:
            raise InputError(
                f"文件“{name}”有 {size / MB:.1f} MB，超过单个附件上限 {settings.max_file_mb} MB，"
                "未附加。可先压缩或拆分后再附加。"
            )

        def store() -> Stored:
            try:
                if reduced is not None:
                    return self.store.put_bytes(reduced)
                return self.store.put(source, expected_sha=sha)
            except ContentChangedError:
                raise InputError(
                    f"文件“{name}”在附加过程中被修改，未附加。请关闭正在编辑它的程序后重试。"
                ) from None
            except OSError as error:
                raise StorageError(
                    f"无法写入佐证材料文件夹“{self.store.root}”（{describe_os_error(error)}），"
                    "未附加。"
                ) from error

        def work(session: Session) -> EvidenceView:
            require_lease(session, lease)
            again = attach_target(session, check_id)  # another workstation may have attached
            self._check_room(again, name, sha, size, settings.max_period_mb)
            if not self.store.has(sha):
                raise _StoreLost
            row = EvidenceFileRow(
                check_id=check_id,
                file_name=name,
                description=(description or "").strip() or None,
                sha256=sha,
                size_bytes=size,
                media_type=kind.media_type,
                added_by=self.guard.actor.username,
                added_at=self._clock().replace(microsecond=0),
            )
            session.add(row)
            session.flush()  # the closed-period trigger speaks here
            return evidence_view(row, present=True)

        repaired = self._repair(target, sha, store)
        if repaired is not None:
            return repaired
        self._check_room(target, name, sha, size, settings.max_period_mb)
        for _ in range(2):  # twice: a removal elsewhere may take the file in between
            store()
            try:
                return self._uow.write(work)
            except _StoreLost:
                continue
        raise StorageError(
            f"文件“{name}”存入佐证材料文件夹后又被移走（可能有同事正在删除相同的附件），"
            "未附加，请重试。"
        )

    def _repair(
        self, target: AttachTarget, sha: str, store: Callable[[], Stored]
    ) -> EvidenceView | None:
        """The same bytes attached again to a check whose copy is missing or damaged in
        the store: the copy is put back (no second row), and the row is returned."""
        if sha not in target.on_check or self.store.verify(sha) is FileState.OK:
            return None
        store()
        with self._uow.read() as session:
            row = session.get(EvidenceFileRow, target.on_check[sha][0])
            if row is None:
                return None
            return evidence_view(row, present=True)

    def _lease_among(self, leases: Sequence[Lease], target: AttachTarget) -> Lease:
        scope = check_scope(target.period, target.department_id)
        for lease in leases:
            if lease.scope == scope:
                return lease
        raise InputError(f"未附加：{target.label}的查账未取得编辑锁，请重新进入编辑。")

    @staticmethod
    def _check_room(target: AttachTarget, name: str, sha: str, size: int, limit_mb: int) -> None:
        if sha in target.on_check:
            raise InputError(
                f"文件“{name}”与已附的“{target.on_check[sha][1]}”内容相同，无需重复附加。"
            )
        if sha not in target.period_shas and target.period_bytes + size > limit_mb * MB:
            used = target.period_bytes / MB
            raise InputError(
                f"{check_period_label(target.period)}的佐证材料已有 {used:.1f} MB，"
                f"加上文件“{name}”（{size / MB:.1f} MB）将超过每期上限 {limit_mb} MB，未附加。"
            )

    @requires(Action.VIEW)
    def files(self, check_id: int) -> list[EvidenceView]:
        """The files attached to a check, in the order they were added."""
        with self._uow.read() as session:
            rows = session.scalars(
                select(EvidenceFileRow)
                .where(EvidenceFileRow.check_id == check_id)
                .order_by(EvidenceFileRow.id)
            ).all()
        return [evidence_view(row, self.store.has(row.sha256)) for row in rows]

    @requires(Action.VIEW)
    def open_copy(self, evidence_id: int) -> Path:
        """A read-only copy of the file, checked against its hash, in a folder of its own
        under the user's temp folder, with its own name: the screen opens it with the
        system viewer (an edit there never reaches the store)."""
        with self._uow.read() as session:
            row = session.get(EvidenceFileRow, evidence_id)
            if row is None:
                raise InputError(f"佐证材料（编号 {evidence_id}）不存在，可能已被他人删除。")
            name, sha = row.file_name, row.sha256
        return open_in_viewer_folder(self.store, sha, name)

    @requires(Action.REMOVE_EVIDENCE)
    def remove(self, evidence_id: int, expected_version: int) -> None:
        """Remove an attachment while its period is open (the triggers refuse otherwise);
        its stored file goes too when no other row refers to it."""

        def unreferenced(session: Session) -> list[str]:
            row = session.get(EvidenceFileRow, evidence_id)
            if row is None:
                raise InputError(f"佐证材料（编号 {evidence_id}）已被他人删除。")
            if row.version != expected_version:
                raise InputError(f"佐证材料“{row.file_name}”已被他人修改，请刷新后再删除。")
            sha = row.sha256
            session.delete(row)
            session.flush()  # the closed-period trigger refuses before anything is moved
            others = session.scalar(select(func.count()).where(EvidenceFileRow.sha256 == sha))
            return [] if others else [sha]

        remove_unreferenced(self._uow, self.store, unreferenced)

    @requires(Action.REMOVE_EVIDENCE)
    def sweep(self) -> int:
        """Delete stored files no row refers to that were last written more than GRACE
        ago, and what interrupted copies left in tmp/; returns how many files went."""
        grace = GRACE.total_seconds()
        with self._uow.read() as session:
            referenced = set(session.scalars(select(EvidenceFileRow.sha256).distinct()))
        candidates = self.store.unreferenced(referenced, grace)

        def unreferenced(session: Session) -> list[str]:
            # Again under the write lock: a row committed since the read keeps its file.
            held = set(
                session.scalars(
                    select(EvidenceFileRow.sha256).where(EvidenceFileRow.sha256.in_(candidates))
                )
            )
            return [
                sha
                for sha in candidates
                if sha not in held and self.store.is_older_than(sha, grace)
            ]

        removed = remove_unreferenced(self._uow, self.store, unreferenced) if candidates else 0
        self.store.clear_stale_temp(grace)
        return removed

    @requires(Action.CHECK_FILE)
    def store_check(self) -> CheckFileProblems:
        """Every referenced file present and intact (each re-hashed)."""
        return store_problems(self._uow, self.store)


__all__ = ["EVIDENCE_STORE_SINCE", "GRACE", "EvidenceService", "missing_store_warning"]
