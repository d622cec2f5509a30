"""Writing 查账 entries: the one transaction behind a typed cell, a bulk set or a clear.

All or nothing, like the 平时考核 grid (services/quarterly/scores.py): every change is
checked first — the pair due in the period, the level one the account may record at,
a new 三级 check only on a drawn pair, the texts within their limits, a status for a
new check, the department's lease held, the check unchanged since the clerk saw it,
nothing referring to a check being cleared — and the refusal names every task,
department and field at fault before anything is written. A closed period is refused
by the database's triggers (PeriodClosedError) when the rows are flushed.

Each change is one level of one task × department. A field left None keeps what is
stored ("" empties a text); `clear` deletes the check of that level. A draft (copied
forward) is confirmed by `confirm_draft` or by any field given for it: the clerk has
looked at it, so it stands from then on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import (
    CheckPeriod,
    CheckSettings,
    is_check_period,
    level_refusal,
)
from kaohe_desktop.domain.enums import CheckLevel, TaskCategory
from kaohe_desktop.domain.leases import check_scope
from kaohe_desktop.domain.roles import Actor
from kaohe_desktop.domain.text_rules import (
    CHECK_ACTUAL,
    EVIDENCE,
    PERSON_REF,
    TextRule,
    cleaned,
    shorten,
)
from kaohe_desktop.services.access.leases import Lease, require_lease
from kaohe_desktop.services.checks.due_list import load_due_rows
from kaohe_desktop.services.checks.settings import read_check_settings
from kaohe_desktop.services.checks.views import CheckChange, DueCheckRow
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import (
    CheckRow,
    DepartmentRow,
    NoticeRow,
    NoticeTaskRow,
    RectificationRow,
    TaskDepartmentRow,
    TaskRow,
)

Key = tuple[int, int]  # (task_id, department_id)

# The texts of a change: (attribute of CheckChange and CheckRow, rule, the clerk's word).
TEXTS: tuple[tuple[str, TextRule, str], ...] = (
    ("actual", CHECK_ACTUAL, "实际完成情况"),
    ("evidence_text", EVIDENCE, "佐证材料"),
    ("checker", PERSON_REF, "核查人"),
)


def pair_label(row: DueCheckRow) -> str:
    """第3项“食品安全抽检”（综合科）: how a refusal names a due pair."""
    return f"第{row.seq}项“{shorten(row.title)}”（{row.department}）"


def audit_label(period: CheckPeriod, row: DueCheckRow, level: CheckLevel) -> str:
    return f"{period} 第{row.seq}项 {shorten(row.title, 40)}（{row.department}·{level.label}）"


@dataclass(frozen=True)
class Writer:
    """Who writes, on which day (a new check's default 核查日期 and 核查人)."""

    actor: Actor
    today: date


def _why_not_due(
    period: CheckPeriod, category: TaskCategory, deadline: str, responsible: bool
) -> str:
    if not responsible:
        return "该科室不是这项任务的责任科室"
    if is_check_period(period, category):
        return f"完成时限“{deadline}”不在{period.label()}"
    return f"{category.label}{'按月' if category is TaskCategory.KEY else '按季度'}查账"


def _not_due(session: Session, period: CheckPeriod, keys: Iterable[Key]) -> list[str]:
    """One line per pair that is not on the period's due list, saying why."""
    keys = sorted(set(keys))
    if not keys:
        return []
    task_ids = {t for t, _ in keys}
    tasks = {
        row.id: row
        for row in session.execute(
            select(TaskRow.id, TaskRow.seq, TaskRow.title, TaskRow.category, TaskRow.deadline)
            .where(TaskRow.id.in_(task_ids))
        )
    }  # fmt: skip
    responsible = set(
        session.execute(
            select(TaskDepartmentRow.task_id, TaskDepartmentRow.department_id).where(
                TaskDepartmentRow.task_id.in_(task_ids)
            )
        ).all()
    )
    names: dict[int, str] = {
        department_id: name
        for department_id, name in session.execute(
            select(DepartmentRow.id, DepartmentRow.name).where(
                DepartmentRow.id.in_({d for _, d in keys})
            )
        )
    }
    lines = []
    for task_id, department_id in keys:
        task = tasks.get(task_id)
        if task is None:
            lines.append(f"任务（内部编号 {task_id}）不存在，可能已被删除")
            continue
        department = names.get(department_id, f"科室（内部编号 {department_id}）")
        why = _why_not_due(
            period, TaskCategory(task.category), task.deadline,
            (task_id, department_id) in responsible,
        )  # fmt: skip
        lines.append(
            f"第{task.seq}项“{shorten(task.title)}”（{department}）不在{period.label()}的"
            f"查账范围内：{why}"
        )
    return lines


def _text_problems(change: CheckChange, label: str) -> list[str]:
    problems = []
    for attribute, rule, word in TEXTS:
        value = getattr(change, attribute)
        if value is None:
            continue
        problem = rule.problem(cleaned(rule, value), word)
        if problem is not None:
            problems.append(f"{label}：{problem}")
    return problems


def _change_problems(
    change: CheckChange, row: DueCheckRow, settings: CheckSettings, writer: Writer
) -> list[str]:
    """What is wrong with one change on its own (the stored check aside)."""
    label = f"{pair_label(row)}的{change.level.label}核查"
    refusal = level_refusal(writer.actor.role, change.level, settings)
    if refusal is not None:
        return [f"{label}：{refusal}"]
    stored = row.entry(change.level)
    if change.clear:
        return []
    problems = _text_problems(change, label)
    if stored is None and change.status is None:
        problems.append(f"{label}：新录入时必须选择完成情况")
    if stored is None and change.level is CheckLevel.LEADERSHIP and not row.sampled:
        # A redraw must not lock results already recorded, so only new ones are held to
        # the latest draw; the 三级 of a pair nobody drew is not a spot check at all.
        problems.append(f"{label}：该项不在本期局领导抽查样本中，三级核查只能录入抽中的项目")
    if change.check_date is not None and change.check_date > writer.today:
        problems.append(f"{label}：核查日期 {change.check_date:%Y-%m-%d} 晚于今天")
    return problems


def _references(session: Session, check_ids: Sequence[int]) -> dict[int, list[str]]:
    """The 督办单 numbers (or 整改) that refer to each check."""
    found: dict[int | None, list[str]] = {}
    if not check_ids:
        return {}
    notices = session.execute(
        select(NoticeTaskRow.check_id, NoticeRow.number)
        .join(NoticeRow, NoticeRow.id == NoticeTaskRow.notice_id)
        .where(NoticeTaskRow.check_id.in_(check_ids))
    )
    for check_id, number in notices:
        found.setdefault(check_id, []).append(number)
    rectified = session.execute(
        select(RectificationRow.check_id, func.count())
        .where(RectificationRow.check_id.in_(check_ids))
        .group_by(RectificationRow.check_id)
    )
    for check_id, _count in rectified:
        found.setdefault(check_id, []).append("整改记录")
    return {check_id: names for check_id, names in found.items() if check_id is not None}


def _stored_problems(
    session: Session, changes: Sequence[CheckChange], rows: dict[Key, DueCheckRow]
) -> list[str]:
    """Stale versions, and clears of checks that files or notices still refer to."""
    problems = []
    clears = []
    for change in changes:
        row = rows[(change.task_id, change.department_id)]
        stored = row.entry(change.level)
        label = f"{pair_label(row)}的{change.level.label}核查"
        if change.expected_version != (None if stored is None else stored.version):
            problems.append(f"{label}已被他人修改，已重新载入，请核对后再录入")
        elif change.clear and stored is not None:
            clears.append((label, stored.check_id, stored.evidence_files))
    references = _references(session, [check_id for _, check_id, _ in clears])
    for label, check_id, files in clears:
        if files:
            problems.append(f"{label}有 {files} 个佐证材料附件，请先删除附件再清除")
        if check_id in references:
            problems.append(f"{label}已被{'、'.join(references[check_id])}引用，不能清除")
    return list(dict.fromkeys(problems))


def require_check_leases(
    session: Session, period: CheckPeriod, departments: dict[int, str], leases: Sequence[Lease]
) -> None:
    """Each department touched needs its 查账 lease of the period, still held."""
    held = {lease.scope: lease for lease in leases}
    scopes = {d: check_scope(str(period), d) for d in departments}
    missing = [departments[d] for d, scope in scopes.items() if scope not in held]
    if missing:
        raise InputError(
            f"未保存：{'、'.join(missing)}的{period.label()}查账未取得编辑锁，请重新进入编辑。"
        )
    for scope in scopes.values():
        require_lease(session, held[scope])


def _stored_rows(
    session: Session, period: CheckPeriod, keys: set[Key]
) -> dict[tuple[int, int, CheckLevel], CheckRow]:
    statement = select(CheckRow).where(
        CheckRow.period == str(period), CheckRow.task_id.in_({t for t, _ in keys})
    )
    return {
        (row.task_id, row.department_id, CheckLevel(row.level)): row
        for row in session.scalars(statement)
        if (row.task_id, row.department_id) in keys
    }


def _text(value: str, rule: TextRule) -> str | None:
    return cleaned(rule, value) or None


def _apply(
    session: Session,
    period: CheckPeriod,
    change: CheckChange,
    row: DueCheckRow,
    stored: dict[tuple[int, int, CheckLevel], CheckRow],
    writer: Writer,
) -> None:
    key = (change.task_id, change.department_id, change.level)
    check = stored.get(key)
    if change.clear:
        if check is not None:
            check.name_for_audit(audit_label(period, row, change.level))
            session.delete(check)
            del stored[key]
        return
    given: dict[str, object] = {
        attribute: _text(getattr(change, attribute), rule)
        for attribute, rule, _ in TEXTS
        if getattr(change, attribute) is not None
    }
    if change.status is not None:
        given["status"] = change.status.value
    if change.check_date is not None:
        given["check_date"] = change.check_date
    if check is None:
        check = CheckRow(
            task_id=change.task_id,
            department_id=change.department_id,
            period=str(period),
            level=change.level.value,
            checker=writer.actor.display_name,
            check_date=writer.today,
            draft=False,
        )
        session.add(check)
        stored[key] = check
    elif not given and not (check.draft and change.confirm_draft):
        return
    check.name_for_audit(audit_label(period, row, change.level))
    for attribute, value in given.items():
        if getattr(check, attribute) != value:
            setattr(check, attribute, value)
    if check.draft:
        # Confirmed: from now on it stands, as checked by whoever confirmed it, today.
        check.draft = False
        check.checker = check.checker or writer.actor.display_name
        check.check_date = check.check_date or writer.today


def write_checks(
    session: Session,
    period: CheckPeriod,
    changes: Sequence[CheckChange],
    leases: Sequence[Lease],
    writer: Writer,
) -> list[DueCheckRow]:
    """Inside a write: check every change, then apply them all; returns the fresh rows
    of the pairs touched (read in the same transaction, after the flush)."""
    keys = list(dict.fromkeys((c.task_id, c.department_id) for c in changes))
    rows = {row.key: row for row in load_due_rows(session, period, writer.today, keys)}
    problems = _not_due(session, period, [k for k in keys if k not in rows])
    settings = read_check_settings(session)
    for change in changes:
        row = rows.get((change.task_id, change.department_id))
        if row is not None:
            problems += _change_problems(change, row, settings, writer)
    refuse(list(dict.fromkeys(problems)))
    departments = {row.department_id: row.department for row in rows.values()}
    require_check_leases(session, period, departments, leases)
    refuse(_stored_problems(session, changes, rows))
    stored = _stored_rows(session, period, set(keys))
    for change in changes:
        _apply(
            session, period, change, rows[(change.task_id, change.department_id)], stored, writer
        )
    session.flush()
    return load_due_rows(session, period, writer.today, keys)
