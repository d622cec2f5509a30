"""Writing the year's 年度考核 decisions: the transactions behind the tab's buttons.

Each runs inside one write and refuses (nothing written) before it changes anything:
the year closed (the same PeriodClosedError the triggers raise), its annual lease not
held or taken over, a person not on the year's list, a decision the rules refuse
(domain/annual_assessment: recommendation_refusal, grade_refusal). The year is
assessed again inside the transaction, under its lease, so two clerks can never
recommend more than the quota between them. Then, only when something changed, the
person's annual_assessment row is written (decided_on = today) and the year's rules
are frozen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_assessment import (
    AnnualChoice,
    AnnualStanding,
    assess_year,
    grade_refusal,
    out_of_service,
    quota_size,
    recommendation_refusal,
)
from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import AnnualGrade, PersonStatus
from kaohe_desktop.domain.leases import annual_scope
from kaohe_desktop.domain.periods import Year
from kaohe_desktop.domain.quarterly_rules import RulesError, percent
from kaohe_desktop.services.access.leases import Lease, require_lease
from kaohe_desktop.services.archive.annual_cache import AnnualYears
from kaohe_desktop.services.archive.annual_inputs import YearPerson, enum_or_none
from kaohe_desktop.services.archive.annual_scheme import (
    annual_rules_for,
    freeze_annual_rules,
    store_annual_rules,
)
from kaohe_desktop.services.archive.annual_sheet import YearAssessment, assess
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError, PeriodClosedError
from kaohe_desktop.services.exchange.upsert import assign
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.quarterly.roster import ungraded_in_year
from kaohe_desktop.storage.models import AnnualAssessmentRow, PersonRow


def lease_label(year: int) -> str:
    return f"{year}年度考核"


def _refuse_closed(session: Session, year: int) -> None:
    """A closed year's rows are locked by the triggers; say so before anything else is
    checked against what its close stored."""
    if is_closed(session, Year(year)):
        raise PeriodClosedError("annual_assessment")


def require_annual_lease(session: Session, year: int, leases: Sequence[Lease]) -> None:
    lease = {held.scope: held for held in leases}.get(annual_scope(year))
    if lease is None:
        raise InputError(f"未保存：{year}年度考核未取得编辑锁，请重新进入编辑。")
    require_lease(session, lease)


def _assess(session: Session, year: int, years: AnnualYears | None) -> YearAssessment:
    """The year as it stands, from what `years` keeps when given (the service's)."""
    return years.assessment(session, year) if years is not None else assess(session, year)


class Target(NamedTuple):
    assessment: YearAssessment
    person: YearPerson
    standing: AnnualStanding

    @property
    def who(self) -> str:
        return f"{self.person.name}（{self.person.code}）"


def _target(
    session: Session,
    year: int,
    person_id: int,
    leases: Sequence[Lease],
    years: AnnualYears | None,
) -> Target:
    _refuse_closed(session, year)
    require_annual_lease(session, year, leases)
    row = session.get(PersonRow, person_id)
    if row is None:
        raise InputError(f"未保存：人员（内部编号 {person_id}）不存在，可能已被删除。")
    assessment = _assess(session, year, years)
    person = assessment.person(person_id)
    if person is None:
        category = ungraded_in_year(session, year).get(row.category_id)
        why = (
            f"属于“{category}”类别，考核方案规定该类别不参加本单位考核"
            if category is not None
            else _why_unlisted(row)
        )
        raise InputError(f"未保存：{row.name}（{row.code}）不在{year}年度考核名单中（{why}）。")
    return Target(assessment, person, assessment.outcome.standings[person_id])


def _why_unlisted(row: PersonRow) -> str:
    """Why year_people leaves the person out: gone (退休 / 调出 / 离职) with no row in
    the year, or in service but with no stint overlapping it and no row."""
    gone = out_of_service(enum_or_none(PersonStatus, row.status))
    if gone is not None:
        return f"{gone}，且该年度没有平时考核记录"
    return "该年度既无任职记录，也无平时考核记录"


def _upsert(
    session: Session, year: int, person_id: int, values: Mapping[str, object], now: datetime
) -> None:
    """Write the person's row, and freeze the year's rules, only when something changes:
    clearing what was never set adds no empty row, no audit entry and no frozen rules."""
    row = session.scalars(
        select(AnnualAssessmentRow).where(
            AnnualAssessmentRow.year == year, AnnualAssessmentRow.person_id == person_id
        )
    ).first()
    new = row is None
    if row is None:
        row = AnnualAssessmentRow(year=year, person_id=person_id, recommended=False)
    if not assign(row, dict(values), keep_blank=False):
        return
    if new:
        session.add(row)
    row.decided_on = now.date()
    freeze_annual_rules(session, year, now)


def recommend(
    session: Session,
    year: int,
    person_id: int,
    leases: Sequence[Lease],
    now: datetime,
    years: AnnualYears | None = None,
) -> YearAssessment:
    """优秀 for an eligible participant while the quota has room (a grade set by hand
    gives way to it)."""
    target = _target(session, year, person_id, leases, years)
    counter = target.assessment.outcome.counter
    refusal = recommendation_refusal(target.who, target.standing, counter)
    refuse([refusal] if refusal else [])
    values = {"recommended": True, "grade": None, "reason": None}
    _upsert(session, year, person_id, values, now)
    return target.assessment


def withdraw(
    session: Session,
    year: int,
    person_id: int,
    leases: Sequence[Lease],
    now: datetime,
    years: AnnualYears | None = None,
) -> YearAssessment:
    target = _target(session, year, person_id, leases, years)
    stored = target.assessment.choices.get(person_id)
    if stored is None or not stored.recommended:
        raise InputError(f"未保存：{target.who}没有被推荐为优秀，无需取消。")
    _upsert(session, year, person_id, {"recommended": False}, now)
    return target.assessment


def _grade_refusal(target: Target, grade: AnnualGrade, reason: str | None) -> str | None:
    refusal = grade_refusal(target.who, grade, reason)
    if refusal is not None:
        return refusal
    # The engine decides whether the grade can stand: 不定等次 (discipline, 试用期 …)
    # and 不参加 (out of service) are the rules', not the clerk's.
    person_id = target.person.person_id
    chosen = replace(
        target.assessment.candidates[person_id], choice=AnnualChoice(False, grade, reason)
    )
    rules, year = target.assessment.rules, target.assessment.year
    alone = assess_year([chosen], rules, year).standings[person_id]
    if alone.grade is not grade:
        why = "；".join(alone.reasons)
        return f"{target.who}本年度{alone.participation.label}（{why}），不能定为{grade.label}。"
    return None


def set_grade(
    session: Session,
    year: int,
    person_id: int,
    grade: AnnualGrade | None,
    reason: str | None,
    leases: Sequence[Lease],
    now: datetime,
    years: AnnualYears | None = None,
) -> YearAssessment:
    """A grade set by hand (称职 / 基本称职 / 不称职 / 不参加, with its reason), which
    withdraws an 优秀 recommendation; None: back to what the rules give (a
    recommendation, if any, stays)."""
    target = _target(session, year, person_id, leases, years)
    cleaned = (reason or "").strip() or None
    values: dict[str, object]
    if grade is None:
        values = {"grade": None, "reason": None}
    else:
        refusal = _grade_refusal(target, grade, cleaned)
        refuse([refusal] if refusal else [])
        values = {"grade": grade.value, "reason": cleaned, "recommended": False}
    _upsert(session, year, person_id, values, now)
    return target.assessment


def set_note(
    session: Session,
    year: int,
    person_id: int,
    note: str | None,
    leases: Sequence[Lease],
    now: datetime,
    years: AnnualYears | None = None,
) -> YearAssessment:
    target = _target(session, year, person_id, leases, years)
    _upsert(session, year, person_id, {"note": (note or "").strip() or None}, now)
    return target.assessment


def checked_share(rules: AnnualRules, share: Decimal, reason: str) -> AnnualRules:
    """`rules` with the 优秀 share and its reason, checked (InputError in words)."""
    changed = replace(rules, excellent_share=share, share_reason=reason.strip())
    try:
        return changed.check()
    except RulesError as error:
        raise InputError(f"未保存：考核方案有误：{error}。") from None


def set_share(
    session: Session,
    year: int,
    share: Decimal,
    reason: str,
    years: AnnualYears | None = None,
) -> YearAssessment:
    """The year's 优秀 share (15% / 20% / 25%, other than 20% with its reason); refused
    while more people are recommended than the new quota allows. Allowed after the
    year's first decision froze its scheme (scheme_fields.ANNUAL_OPEN_FIELDS)."""
    _refuse_closed(session, year)
    rules, _ = annual_rules_for(session, year)
    return store_year_rules(session, year, checked_share(rules, share, reason), years)


def store_year_rules(
    session: Session,
    year: int,
    rules: AnnualRules,
    years: AnnualYears | None = None,
    expected_version: int | None = None,
) -> YearAssessment:
    """The year's own rules (checked by the caller), by 修改比例… or the scheme editor:
    a new 优秀 share is refused while more people are recommended than it allows;
    the rest of a frozen year's scheme refuses in words (annual_scheme)."""
    _refuse_closed(session, year)
    before = _assess(session, year, years)
    counter = before.outcome.counter
    quota = quota_size(counter.participants, rules.excellent_share)
    if counter.recommended > quota:
        refuse([
            f"按 {percent(rules.excellent_share)} 计，{year}年度优秀名额为 {quota} 人"
            f"（参加考核 {counter.participants} 人），已推荐 {counter.recommended} 人，"
            f"须先取消 {counter.recommended - quota} 人的推荐。"
        ])  # fmt: skip
    store_annual_rules(session, year, rules, expected_version)
    return before
