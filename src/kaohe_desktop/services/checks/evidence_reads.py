"""What the 佐证材料 service reads: the check a file goes to (with its period's total
and what is attached already), the read model of a row, and the warning at open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.services.checks.evidence_upkeep import check_label
from kaohe_desktop.services.checks.views import EvidenceView
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, EvidenceFileRow, TaskRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class AttachTarget:
    """The check a file is attached to, and what the limits need of its period."""

    check_id: int
    period: str
    department_id: int
    level: CheckLevel  # who may attach is who may write the check (check_rules.level_refusal)
    label: str  # 2026年第二季度 · 综合科 · 第3项“…”
    period_bytes: int  # the period's stored files, each counted once
    period_shas: frozenset[str]
    on_check: dict[str, tuple[int, str]]  # sha → (id, file name) attached to this check


def evidence_view(row: EvidenceFileRow, present: bool) -> EvidenceView:
    return EvidenceView(
        id=row.id,
        version=row.version,
        check_id=row.check_id,
        file_name=row.file_name,
        description=row.description,
        sha256=row.sha256,
        size_bytes=row.size_bytes,
        media_type=row.media_type,
        added_by=row.added_by,
        added_at=row.added_at,
        present=present,
    )


def attach_target(session: Session, check_id: int) -> AttachTarget:
    found = session.execute(
        select(CheckRow.period, CheckRow.department_id, DepartmentRow.name, TaskRow.seq)
        .add_columns(TaskRow.title, CheckRow.level)
        .join(DepartmentRow, DepartmentRow.id == CheckRow.department_id)
        .join(TaskRow, TaskRow.id == CheckRow.task_id)
        .where(CheckRow.id == check_id)
    ).one_or_none()
    if found is None:
        raise InputError(f"未附加：查账记录（编号 {check_id}）不存在，可能已被他人删除。")
    period, department_id, department, seq, title, level = found
    stored = session.execute(
        select(EvidenceFileRow.sha256, EvidenceFileRow.size_bytes)
        .join(CheckRow, CheckRow.id == EvidenceFileRow.check_id)
        .where(CheckRow.period == period)
        .distinct()
    ).all()
    on_check = session.execute(
        select(EvidenceFileRow.sha256, EvidenceFileRow.id, EvidenceFileRow.file_name).where(
            EvidenceFileRow.check_id == check_id
        )
    ).all()
    sizes = dict(stored)
    return AttachTarget(
        check_id,
        period,
        department_id,
        CheckLevel(level),
        check_label(period, department, seq, title),
        sum(sizes.values()),
        frozenset(sizes),
        {sha: (evidence_id, file_name) for sha, evidence_id, file_name in on_check},
    )


def missing_store_warning(uow: UnitOfWork, folder: Path, *, on_server: bool) -> str | None:
    """The warning at open when rows refer to files but the store folder is not there."""
    if folder.is_dir():
        return None
    with uow.read() as session:
        count = session.scalar(select(func.count(func.distinct(EvidenceFileRow.sha256))))
    if not count:
        return None
    return (
        f"未找到佐证材料文件夹“{folder}”（数据库设定的共享文件夹，登记了 {count} 个附件），"
        "附件暂时无法打开，其余功能照常。请检查该共享文件夹是否可以访问，或从备份恢复。"
        if on_server
        else f"未找到佐证材料文件夹“{folder.name}”"
        f"（应与数据文件在同一位置，登记了 {count} 个附件），"
        "附件暂时无法打开，其余功能照常。请把该文件夹放回数据文件旁，或从备份恢复。"
    )
