"""The refusals of the 平时考核 writes, each in the clerk's words.

Every write of services/quarterly_grading runs these inside its transaction, before
it changes anything, so a refusal leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import plain
from kaohe_desktop.domain.text_rules import OVERRIDE_REASON
from kaohe_desktop.services.access.leases import Lease, require_lease
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.quarterly.roster import Roster, ungraded_categories
from kaohe_desktop.services.quarterly.views import BUREAU_SCOPE_LABEL, GradingRow, GradingSheet
from kaohe_desktop.storage.models import PersonRow


def person_label(name: str, code: str) -> str:
    return f"{name}（{code}）"


def not_on_roster(session: Session, quarter: Quarter, person_ids: Iterable[int]) -> list[str]:
    """One line per person who is not graded in the quarter (or does not exist)."""
    ids = sorted(set(person_ids))
    if not ids:
        return []
    ungraded = ungraded_categories(session, quarter)
    found = {
        pid: (person_label(name, code), ungraded.get(category_id))
        for pid, name, code, category_id in session.execute(
            select(PersonRow.id, PersonRow.name, PersonRow.code, PersonRow.category_id).where(
                PersonRow.id.in_(ids)
            )
        )
    }

    def line(pid: int) -> str:
        if pid not in found:
            return f"人员（内部编号 {pid}）不存在，可能已被删除"
        label, category = found[pid]
        if category is not None:
            return ungraded_line(label, category, quarter)
        return f"{label}不在{quarter.label()}的考核名单中"

    return [line(pid) for pid in ids]


def ungraded_line(label: str, category: str, quarter: Quarter) -> str:
    """Why someone of an ungraded 人员类别 cannot be graded in the quarter."""
    return f"{label}属于“{category}”类别，{quarter.label()}的考核方案规定该类别不参加平时考核"


def off_roster(session: Session, quarter: Quarter, person_id: int) -> InputError:
    (line,) = not_on_roster(session, quarter, [person_id])
    return InputError(f"未保存：{line}。", [line])


def require_grading_leases(
    session: Session,
    quarter: Quarter,
    department_ids: Collection[int],
    roster: Roster,
    leases: Sequence[Lease],
) -> None:
    """Each department touched needs its grading lease among `leases`, still held."""
    held = {lease.scope: lease for lease in leases}
    wanted = [(d, name) for d, name in roster.departments if d in department_ids]
    missing = [name for d, name in wanted if grading_scope(str(quarter), d) not in held]
    if missing:
        raise InputError(f"{'、'.join(missing)}的评分未取得编辑锁，请重新进入编辑。")
    for department_id, _ in wanted:
        require_lease(session, held[grading_scope(str(quarter), department_id)])


def stale(label: str) -> str:
    return f"{label}的平时考核已被他人修改，已重新载入，请核对后再录入"


def check_version(label: str, expected: int | None, actual: int | None) -> None:
    """`expected` is the version the clerk saw (None: no row yet)."""
    if expected != actual:
        raise InputError(f"未保存：{stale(label)}。", [stale(label)])


def override_problem(
    sheet: GradingSheet, row: GradingRow, grade: QuarterGrade | None, reason: str
) -> str | None:
    """Why `grade` cannot be set by hand for `row` now, or None (DESIGN §4)."""
    problem = grade_problem(sheet, row, grade)
    if problem is None and grade is not None:
        if not reason.strip():
            return f"人工定为{grade.label}必须填写理由（将记入备注和操作日志）"
        # The same limit as the dialog's and the workbook's, so any caller is held to it.
        return OVERRIDE_REASON.problem(reason.strip(), "调整理由")
    return problem


def grade_problem(sheet: GradingSheet, row: GradingRow, grade: QuarterGrade | None) -> str | None:
    """Why `grade` may not be chosen for `row` at all now, the reason aside; the 等次调整
    dialog offers exactly the grades this allows."""
    who = person_label(row.name, row.code)
    if grade is None:
        return None
    if row.no_grade_reason is not None:
        return f"{who}为不定等次（{row.no_grade_reason.label}），不评等次，不能调整等次"
    if grade is QuarterGrade.AVERAGE:
        return "不能人工定为一般：一般由得分评定"
    if grade is QuarterGrade.FAIRLY_GOOD and row.flag is not Flag.TIE_OVER_QUOTA:
        return f"较好只用于与好等次最后一个名额并列、超出名额的人员，{who}不是这种情况"
    if grade is QuarterGrade.GOOD:
        if row.performance is None or row.leader is None:
            return f"{who}尚未录入实绩分和领导测评分，不能人工定为好"
        if row.outcome.band is not QuarterGrade.GOOD:
            # "≥ 90 may be 好" (DESIGN §4): a hand-set 好 fills a slot, not a lower bar.
            return (
                f"{who}的综合得分 {row.composite} 未达到好等次分数线 "
                f"{plain(sheet.rules.good_min)}，不能人工定为好"
            )
        quota = sheet.quota_for(row)
        if row.grade is not QuarterGrade.GOOD and quota.remaining <= 0:
            scope = BUREAU_SCOPE_LABEL if quota.department_id is None else row.department
            return (
                f"好等次名额已满（{scope}名额 {quota.quota} 人，已用 {quota.used} 人），"
                f"不能再将{who}定为好"
            )
    return None
