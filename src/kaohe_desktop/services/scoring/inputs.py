"""What the scoring engine (domain/half_year_scoring.score_half) is given for a half.

- Due checks: for each quarter and each month of the half, the 查账 due list
  (services/checks/due_list — the one place that says what is due and which check
  stands); each due pair becomes a DueCheck with the standing check's level and status
  (None: nothing confirmed, a draft never stands). A task due only in the other half
  is in none of these lists, so it is not counted.
- 加减分 of the half: a category other than 表彰加分 is a Deduction (a 督办单's as
  SourceKind.NOTICE, with the notice number); 表彰加分 with its level is a Bonus.
- 一票否决: the veto rows, and a 加减分 row of category 一票否决 should one exist (the
  import writes vetoes as veto rows; the category is read the same way either way).
- 委员会裁定: the half's decision rows.
- Who entered each row: the account of its insert in the audit log.

Which departments: every department in use, and a retired one that still has
something in the half (a due check or an entry), in the bureau's order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CommendationLevel,
    DepartmentGrade,
    LabeledEnum,
)
from kaohe_desktop.domain.half_year_scoring import (
    Bonus,
    Decision,
    Deduction,
    DepartmentInput,
    DueCheck,
    Veto,
)
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.services.checks.due_list import load_standings_of
from kaohe_desktop.services.scoring.views import DecisionView, HalfAdjustmentView, VetoView
from kaohe_desktop.storage.models import (
    AccountRow,
    AdjustmentRow,
    AuditRow,
    DepartmentRow,
    NoticeRow,
    ScoreDecisionRow,
    VetoRow,
)
from kaohe_desktop.storage.queries.org import departments_in_order


class HalfEntries(NamedTuple):
    """What was entered for the half, in the bureau's department order."""

    adjustments: list[HalfAdjustmentView]
    vetoes: list[VetoView]
    decisions: list[DecisionView]


def _known(kind: type[LabeledEnum], code: str | None) -> bool:
    try:
        kind(code)
    except ValueError:
        return False
    return True


def _plain(value: Decimal) -> Decimal:
    """A stored value as a clerk writes it: 10, not the 1E+1 the storage type reads."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _entered_by(session: Session, entity: str, ids: Iterable[int]) -> dict[int, str]:
    """Who inserted each row (display name where the account still exists)."""
    wanted = [str(i) for i in ids]
    if not wanted:
        return {}
    statement = select(AuditRow.entity_id, AuditRow.account).where(
        AuditRow.entity == entity, AuditRow.action == "insert", AuditRow.entity_id.in_(wanted)
    )
    accounts = dict(session.execute(select(AccountRow.username, AccountRow.display_name)).all())
    return {int(i): accounts.get(account, account) for i, account in session.execute(statement)}


def load_entries(session: Session, half: HalfYear) -> HalfEntries:
    order = {d.id: (n, d) for n, d in enumerate(departments_in_order(session))}

    def department(department_id: int) -> tuple[str, str]:
        row = order[department_id][1]
        return row.name, row.group_name or ""

    a = AdjustmentRow
    adjustment_rows = session.execute(
        select(a.id, a.version, a.department_id, a.category, a.points, a.level, a.reason,
               a.doc_no, a.adjusted_on, NoticeRow.number)
        .outerjoin(NoticeRow, NoticeRow.id == a.notice_id)
        .where(a.half == str(half))
    ).all()  # fmt: skip
    veto_rows = session.execute(
        select(VetoRow.id, VetoRow.version, VetoRow.department_id, VetoRow.reason,
               VetoRow.doc_no, VetoRow.decided_on)
        .where(VetoRow.half == str(half))
    ).all()  # fmt: skip
    adjusted_by = _entered_by(session, "adjustment", (r.id for r in adjustment_rows))
    vetoed_by = _entered_by(session, "veto", (r.id for r in veto_rows))
    adjustments: list[HalfAdjustmentView] = []
    vetoes: list[VetoView] = []
    for r in adjustment_rows:
        if r.category == AdjustmentCategory.VETO.value:
            vetoes.append(
                VetoView(-r.id, r.version, r.department_id, *department(r.department_id),
                         r.reason, r.doc_no, r.adjusted_on, adjusted_by.get(r.id), r.id)
            )  # fmt: skip
        elif _known(AdjustmentCategory, r.category) and (
            r.level is None or _known(CommendationLevel, r.level)
        ):  # a code of a newer program version is left out rather than misread
            adjustments.append(
                HalfAdjustmentView(
                    r.id, r.version, r.department_id, *department(r.department_id),
                    AdjustmentCategory(r.category), _plain(r.points),
                    None if r.level is None else CommendationLevel(r.level),
                    r.reason, r.doc_no, r.adjusted_on, r.number, adjusted_by.get(r.id),
                )
            )  # fmt: skip
    for v in veto_rows:
        vetoes.append(
            VetoView(v.id, v.version, v.department_id, *department(v.department_id),
                     v.reason, v.doc_no, v.decided_on, vetoed_by.get(v.id))
        )  # fmt: skip
    decisions = [
        DecisionView(d.id, d.version, d.department_id, department(d.department_id)[0],
                     DepartmentGrade(d.grade), d.reason, d.decided_by, d.decided_at)
        for d in session.scalars(
            select(ScoreDecisionRow).where(ScoreDecisionRow.half == str(half))
        )
        if _known(DepartmentGrade, d.grade)
    ]  # fmt: skip
    # Department order, then date (undated last), then entry order.
    adjustments.sort(key=lambda v: (order[v.department_id][0], v.on or date.max, v.id))
    vetoes.sort(key=lambda v: (order[v.department_id][0], v.on or date.max, v.id))
    decisions.sort(key=lambda v: order[v.department_id][0])
    return HalfEntries(adjustments, vetoes, decisions)


def due_checks(session: Session, half: HalfYear, today: date) -> dict[int, list[DueCheck]]:
    """Per department, every due period of the half with its standing check, by 序号
    then period (the 查账 due lists' pairs and standing checks: load_standings_of)."""
    found: dict[int, list[DueCheck]] = defaultdict(list)
    periods: list[CheckPeriod] = [*half.quarters(), *half.months()]
    for period, rows in load_standings_of(session, periods).items():
        for row in rows:
            found[row.department_id].append(
                DueCheck(
                    task_id=row.task_id,
                    seq=row.seq,
                    title=row.title,
                    points=row.points,
                    period=str(period),
                    level=row.level,
                    status=row.status,
                )
            )
    for checks in found.values():
        checks.sort(key=lambda c: (c.seq, c.period))
    return found


def _scored(
    session: Session, checks: dict[int, list[DueCheck]], entries: HalfEntries
) -> list[DepartmentRow]:
    used = set(checks)
    used |= {a.department_id for a in entries.adjustments}
    used |= {v.department_id for v in entries.vetoes}
    return [d for d in departments_in_order(session) if not d.retired or d.id in used]


def engine_inputs(
    session: Session, half: HalfYear, today: date, entries: HalfEntries
) -> list[DepartmentInput]:
    checks = due_checks(session, half, today)
    deductions: dict[int, list[Deduction]] = defaultdict(list)
    bonuses: dict[int, list[Bonus]] = defaultdict(list)
    vetoes: dict[int, list[Veto]] = defaultdict(list)
    for a in entries.adjustments:
        if a.category is AdjustmentCategory.BONUS:
            if a.level is None:
                continue  # refused by every writer; a hand-made row without level scores 0
            bonuses[a.department_id].append(
                Bonus(a.id, a.level, a.points, a.reason, a.doc_no, a.on, a.entered_by)
            )
        else:
            deductions[a.department_id].append(
                Deduction(a.id, a.category, a.points, a.reason, a.doc_no, a.on,
                          a.notice_number, a.entered_by)
            )  # fmt: skip
    for v in entries.vetoes:
        vetoes[v.department_id].append(Veto(v.id, v.reason, v.doc_no, v.on))
    return [
        DepartmentInput(
            department_id=d.id,
            name=d.name,
            group=d.group_name or "",
            checks=tuple(checks.get(d.id, ())),
            deductions=tuple(deductions.get(d.id, ())),
            bonuses=tuple(bonuses.get(d.id, ())),
            vetoes=tuple(vetoes.get(d.id, ())),
        )
        for d in _scored(session, checks, entries)
    ]


def decisions_of(entries: HalfEntries) -> list[Decision]:
    return [Decision(d.department_id, d.grade, d.reason) for d in entries.decisions]
