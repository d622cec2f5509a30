"""委员会裁定: the committee settles a flagged tie by hand, with a reason.

Only a department in a tie straddling a quota line (flagged) can be decided, or one
whose decision stands (to change or withdraw it). Which decisions can stand together
is the engine's rule (domain/half_year_grades): the decision is written, the half is
scored again in the same transaction, and a decision that does not stand there (more
departments raised than places, a grade outside the tie) is refused and rolled back,
so what is stored is always what the table shows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.adjustment_rules import decision_problem
from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.domain.half_year_scoring import Decision, score_half
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.scoring.inputs import decisions_of, engine_inputs, load_entries
from kaohe_desktop.services.scoring.scheme import freeze_rules, rules_for
from kaohe_desktop.services.scoring.sheet import build_scoring
from kaohe_desktop.storage.models import ScoreDecisionRow


def _stale(name: str) -> InputError:
    return InputError(f"未保存：{name}的委员会裁定已被他人修改，已重新载入，请核对后再裁定。")


def write_decision(
    session: Session,
    half: HalfYear,
    department_id: int,
    grade: DepartmentGrade | None,
    reason: str,
    expected_version: int | None,
    decided_by: str,
    now: datetime,
) -> None:
    """Inside a write: set (or, with `grade` None, withdraw) the department's decision."""
    if grade is not None:
        problem = decision_problem(reason)
        if problem is not None:
            raise InputError(f"未保存：{problem}。", [problem])
    scoring = build_scoring(session, half, now.date())
    try:
        result = scoring.result(department_id)
    except KeyError:
        raise InputError(
            f"未保存：该科室（内部编号 {department_id}）不在{half.label()}的考核中。"
        ) from None
    row = session.scalars(
        select(ScoreDecisionRow).where(
            ScoreDecisionRow.half == str(half), ScoreDecisionRow.department_id == department_id
        )
    ).first()
    if expected_version != (None if row is None else row.version):
        raise _stale(result.name)
    if grade is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    if not (result.flagged or result.decided or row is not None):
        raise InputError(
            f"未保存：{result.name}的总分没有与同组科室并列跨越等次名额，等次由得分评定，"
            "不需要委员会裁定。"
        )
    if row is None:
        row = ScoreDecisionRow(half=str(half), department_id=department_id)
        session.add(row)
    values = {"grade": grade.value, "reason": reason.strip()}
    if any(getattr(row, name) != value for name, value in values.items()):
        row.grade, row.reason = values["grade"], values["reason"]
        row.decided_by, row.decided_at = decided_by, now.replace(microsecond=0)
    freeze_rules(session, half, now)
    session.flush()
    after = build_scoring(session, half, now.date()).result(department_id)
    if not (after.decided and after.grade is grade):
        raise InputError(
            f"未保存：{result.name}裁定为{grade.label}不能生效。委员会只能在并列所跨越的两个"
            "等次之间裁定，且定为较高等次的科室不能多于剩余名额（一票否决的科室不能为优秀）。"
        )


def decision_grades(
    session: Session, half: HalfYear, department_id: int, today: date
) -> list[DepartmentGrade]:
    """The grades a 委员会裁定 of the department can give now (the dialog offers
    exactly these): each grade the engine honours for it, the other departments'
    decisions kept. None for a department not in a tie, or of a closed half."""
    if is_closed(session, half):
        return []
    rules, _ = rules_for(session, half)
    entries = load_entries(session, half)
    inputs = engine_inputs(session, half, today, entries)
    others = [d for d in decisions_of(entries) if d.department_id != department_id]
    try:
        alone = score_half(inputs, rules, others).result(department_id)
    except KeyError:
        return []
    if not alone.flagged:
        return []
    found = []
    for grade in DepartmentGrade:
        decided = [*others, Decision(department_id, grade, "")]
        result = score_half(inputs, rules, decided).result(department_id)
        if result.decided and result.grade is grade:
            found.append(grade)
    return found
