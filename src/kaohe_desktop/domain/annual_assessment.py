"""The 年度考核 engine: who takes part, who is 不定等次, who may be 优秀, the 优秀 quota
and every person's grade as it stands.

Pure function of its inputs (DESIGN.md §4, Annual): `assess_year(candidates, rules,
year)`. Each rule has one home below:

- 不参加 (out of service, or set by the clerk with a reason) → `_participation`
- 不定等次 from discipline, probation, leave, investigation  → `_participation`
- 优秀资格 and 限制情形 in words                              → `_limits`
- the quota ⌊participants × share⌋                           → `quota_size`
- the counter 名额 / 已推荐 / 剩余 of any list of standings      → `count_quota`
- the grade as it stands and what blocks a close             → `own_standing`, `settle`
- whether one more 优秀 recommendation may be made           → `recommendation_refusal`

The discipline types' effects on a year live in domain/discipline_rules.py, the
numbers in domain/annual_rules.py. The result never depends on the input's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.discipline_rules import AnnualEffect, effect_in, limit_text
from kaohe_desktop.domain.enums import (
    AnnualGrade,
    DisciplineType,
    LabeledEnum,
    NoGradeReason,
    PersonStatus,
    QuarterGrade,
)
from kaohe_desktop.domain.quarterly_rules import floor_int

QUARTER_WORDS = ("一季度", "二季度", "三季度", "四季度")

# Grades the clerk may set by hand (优秀 is a recommendation, within the quota).
HAND_GRADES = (
    AnnualGrade.COMPETENT,
    AnnualGrade.BASICALLY_COMPETENT,
    AnnualGrade.INCOMPETENT,
    AnnualGrade.NOT_PARTICIPATING,
)
# Of those, the ones that need a reason (称职 is the default and needs none).
GRADES_NEEDING_REASON = frozenset(HAND_GRADES) - {AnnualGrade.COMPETENT}

_OUT_OF_SERVICE = {
    PersonStatus.RETIRED: "已退休",
    PersonStatus.TRANSFERRED: "已调出",
    PersonStatus.LEFT: "已离职",
}


class Participation(LabeledEnum):
    PARTICIPANT = ("participant", "参加考核")
    NOT_GRADED = ("not_graded", "不定等次")
    NOT_PARTICIPATING = ("not_participating", "不参加")


class AnnualFlag(LabeledEnum):
    """What keeps a year from being closed until the clerk settles it."""

    RECOMMENDED_NOT_ELIGIBLE = ("recommended_not_eligible", "推荐优秀但不符合资格")
    OVER_QUOTA = ("over_quota", "推荐优秀超出名额")
    REASON_MISSING = ("reason_missing", "等次缺少理由")


@dataclass(frozen=True)
class QuarterMark:
    """One quarter of the person's year as its grid or close gives it; grade and
    no_grade_reason both None: not assessed that quarter (or not graded yet)."""

    quarter: int  # 1–4
    grade: QuarterGrade | None = None
    no_grade_reason: NoGradeReason | None = None


@dataclass(frozen=True)
class DisciplineMark:
    decided_on: date
    kind: DisciplineType


@dataclass(frozen=True)
class AnnualChoice:
    """What the clerk decided for the person: an 优秀 recommendation, or a grade set by
    hand (one of HAND_GRADES) with its reason."""

    recommended: bool = False
    grade: AnnualGrade | None = None
    reason: str | None = None


NO_CHOICE = AnnualChoice()


@dataclass(frozen=True)
class AnnualCandidate:
    person_id: int
    status: PersonStatus  # now (for the year being worked) or as the service knows it
    quarters: tuple[QuarterMark, ...] = ()
    disciplines: tuple[DisciplineMark, ...] = ()
    choice: AnnualChoice = NO_CHOICE


@dataclass(frozen=True)
class AnnualStanding:
    person_id: int
    participation: Participation
    reasons: tuple[str, ...]  # why 不参加 / 不定等次 (empty for participants)
    good_count: int
    graded_count: int
    eligible: bool  # 优秀资格
    limits: tuple[str, ...]  # 限制情形 in words (for 不定等次: its reasons)
    grade: AnnualGrade  # as it stands now
    recommended: bool
    flag: AnnualFlag | None = None

    def limits_text(self) -> str:
        return "；".join(self.limits)


@dataclass(frozen=True)
class QuotaCounter:
    """名额 / 已推荐 / 剩余 of the year's 优秀."""

    participants: int
    not_graded: int
    not_participating: int
    share: Decimal
    quota: int
    recommended: int

    @property
    def remaining(self) -> int:
        return self.quota - self.recommended


@dataclass(frozen=True)
class AnnualOutcome:
    standings: Mapping[int, AnnualStanding]
    counter: QuotaCounter

    def flagged(self) -> list[AnnualStanding]:
        return [s for s in self.standings.values() if s.flag is not None]


def quota_size(participants: int, share: Decimal) -> int:
    """⌊participants × share⌋ (no minimum of one: 公务员考核规定 rounds down)."""
    return floor_int(Decimal(participants) * share)


def _not_graded_reasons(candidate: AnnualCandidate, year: int) -> list[str]:
    reasons = [
        limit_text(d.kind, d.decided_on)
        for d in sorted(candidate.disciplines, key=lambda d: (d.decided_on, d.kind.value))
        if effect_in(d.kind, d.decided_on, year) is AnnualEffect.NOT_GRADED
    ]
    marked = [m for m in candidate.quarters if m.grade is not None or m.no_grade_reason]
    latest = max(marked, key=lambda m: m.quarter, default=None)
    latest_reason = latest.no_grade_reason if latest is not None else None
    if candidate.status is PersonStatus.PROBATION or latest_reason is NoGradeReason.PROBATION:
        reasons.append("试用期")
    leave = sum(1 for m in candidate.quarters if m.no_grade_reason is NoGradeReason.LEAVE)
    if leave >= 2:
        reasons.append("病事假累计超过半年")
    if latest_reason is NoGradeReason.INVESTIGATION:
        reasons.append("立案审查调查尚未结案")
    return reasons


def out_of_service(status: PersonStatus | None) -> str | None:
    """Why someone out of service is 不参加: 已退休 / 已调出 / 已离职 (None: in service)."""
    return None if status is None else _OUT_OF_SERVICE.get(status)


def _participation(candidate: AnnualCandidate, year: int) -> tuple[Participation, list[str]]:
    out = out_of_service(candidate.status)
    if out is not None:
        return Participation.NOT_PARTICIPATING, [out]
    choice = candidate.choice
    if choice.grade is AnnualGrade.NOT_PARTICIPATING:
        return Participation.NOT_PARTICIPATING, [(choice.reason or "").strip() or "未注明理由"]
    reasons = _not_graded_reasons(candidate, year)
    if reasons:
        return Participation.NOT_GRADED, reasons
    return Participation.PARTICIPANT, []


def _limits(candidate: AnnualCandidate, year: int) -> tuple[int, int, list[str]]:
    """(好次数, graded quarters, 限制情形) of a participant; no limits = 优秀资格."""
    graded = sorted((m for m in candidate.quarters if m.grade is not None), key=lambda m: m.quarter)
    good = sum(1 for m in graded if m.grade is QuarterGrade.GOOD)
    limits = [
        f"{QUARTER_WORDS[m.quarter - 1]}{m.grade.label}"
        for m in graded
        if m.grade in (QuarterGrade.AVERAGE, QuarterGrade.POOR)
    ]
    if not graded:
        limits.append("本年度没有已评定等次的季度")
    elif 2 * good < len(graded):
        limits.append(f"好次数不足一半（好 {good} 次，已评定 {len(graded)} 个季度）")
    limits.extend(
        limit_text(d.kind, d.decided_on)
        for d in sorted(candidate.disciplines, key=lambda d: (d.decided_on, d.kind.value))
        if effect_in(d.kind, d.decided_on, year) is AnnualEffect.BARS_EXCELLENT
    )
    return good, len(graded), limits


def own_standing(candidate: AnnualCandidate, year: int) -> AnnualStanding:
    """The person's standing as far as it is their own (`settle` adds the quota's flags)."""
    participation, reasons = _participation(candidate, year)
    good, graded, limits = _limits(candidate, year)
    choice = candidate.choice
    if participation is not Participation.PARTICIPANT:
        grade = (
            AnnualGrade.NOT_GRADED
            if participation is Participation.NOT_GRADED
            else AnnualGrade.NOT_PARTICIPATING
        )
        return AnnualStanding(
            candidate.person_id, participation, tuple(reasons), good, graded, False,
            tuple(reasons), grade, False,
        )  # fmt: skip
    eligible = not limits
    flag = None
    if choice.recommended:
        grade = AnnualGrade.EXCELLENT if eligible else AnnualGrade.COMPETENT
        flag = None if eligible else AnnualFlag.RECOMMENDED_NOT_ELIGIBLE
    elif choice.grade in HAND_GRADES:
        grade = choice.grade
        if grade in GRADES_NEEDING_REASON and not (choice.reason or "").strip():
            flag = AnnualFlag.REASON_MISSING
    else:
        grade = AnnualGrade.COMPETENT
    return AnnualStanding(
        candidate.person_id, participation, (), good, graded, eligible, tuple(limits), grade,
        choice.recommended, flag,
    )  # fmt: skip


def count_quota(standings: Iterable[AnnualStanding], share: Decimal) -> QuotaCounter:
    """名额 / 已推荐 of a list of standings: the participants (不定等次 and 不参加 left
    out of the base), the quota ⌊participants × share⌋ and the 优秀 among them. The
    live year and a closed year's stored grades are counted here alike."""
    counts = {p: 0 for p in Participation}
    excellent = 0
    for standing in standings:
        counts[standing.participation] += 1
        if standing.grade is AnnualGrade.EXCELLENT:
            excellent += 1
    participants = counts[Participation.PARTICIPANT]
    return QuotaCounter(
        participants,
        counts[Participation.NOT_GRADED],
        counts[Participation.NOT_PARTICIPATING],
        share,
        quota_size(participants, share),
        excellent,
    )


def assess_year(
    candidates: Iterable[AnnualCandidate], rules: AnnualRules, year: int
) -> AnnualOutcome:
    return settle({c.person_id: own_standing(c, year) for c in candidates}, rules)


def settle(own: Mapping[int, AnnualStanding], rules: AnnualRules) -> AnnualOutcome:
    """The year's outcome from everyone's own standing (`own_standing`): the quota counted
    over all of them, and OVER_QUOTA on the 优秀 when it is exceeded. Apart so that a
    caller keeping the standings of unchanged candidates settles without redoing them;
    `own` is not changed."""
    standings = dict(own)
    counter = count_quota(standings.values(), rules.excellent_share)
    if counter.remaining < 0:
        # Over the quota (participants fell after the recommendations were made): the
        # recommendations stand as made, and the year cannot close until some are withdrawn.
        for s in list(standings.values()):
            if s.grade is AnnualGrade.EXCELLENT:
                standings[s.person_id] = _with_flag(s, AnnualFlag.OVER_QUOTA)
    return AnnualOutcome(standings, counter)


def _with_flag(standing: AnnualStanding, flag: AnnualFlag) -> AnnualStanding:
    return AnnualStanding(
        standing.person_id, standing.participation, standing.reasons, standing.good_count,
        standing.graded_count, standing.eligible, standing.limits, standing.grade,
        standing.recommended, flag,
    )  # fmt: skip


def standing_refusal(name: str, standing: AnnualStanding) -> str | None:
    """Why `name` cannot be recommended for 优秀 whatever the quota (None: they could be):
    the list's tooltip, and the first part of recommendation_refusal."""
    if standing.recommended and standing.flag is None:
        return f"{name}已推荐为优秀。"
    if standing.participation is not Participation.PARTICIPANT:
        why = "；".join(standing.reasons)
        return f"{name}本年度{standing.participation.label}（{why}），不能推荐优秀。"
    if not standing.eligible:
        return f"{name}不符合优秀资格：{standing.limits_text()}。"
    return None


def recommendation_refusal(
    name: str, standing: AnnualStanding, counter: QuotaCounter
) -> str | None:
    """Why `name` cannot be recommended for 优秀 now (None: they can)."""
    refusal = standing_refusal(name, standing)
    if refusal is not None:
        return refusal
    if counter.remaining <= 0:
        return (
            f"优秀名额已满（名额 {counter.quota}，已推荐 {counter.recommended}），"
            f"请先取消其他人的推荐。"
        )
    return None


def grade_refusal(name: str, grade: AnnualGrade, reason: str | None) -> str | None:
    """Why the clerk cannot set `grade` by hand with `reason` (None: they can)."""
    if grade not in HAND_GRADES:
        allowed = "、".join(g.label for g in HAND_GRADES)
        return f"{name}的年度等次只能手工设为{allowed}（优秀请用“推荐优秀”）。"
    if grade in GRADES_NEEDING_REASON and not (reason or "").strip():
        return f"将{name}定为{grade.label}须填写理由。"
    return None


def marks_in_order(marks: Sequence[QuarterMark]) -> tuple[QuarterMark | None, ...]:
    """The four quarters in order, None where the person has no mark."""
    by_quarter = {m.quarter: m for m in marks}
    return tuple(by_quarter.get(n) for n in range(1, 5))
