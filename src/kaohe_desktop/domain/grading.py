"""The 平时考核 grading engine: 综合得分, bands, the 好 quota, overrides and ranks.

Pure function of its inputs (DESIGN.md §4): `grade_quarter(candidates, rules)`.
Each rule has one home below:

- 综合得分 and 实绩分 with 点评            → `_scores`
- bands (≥90 may be 好, ≥80, ≥60)          → `band`
- who counts for the quota, its size       → `_quota_size`
- manual 好 honoured only within the quota → `_honoured_manual_goods`
- the automatic 好 and the tie rule        → `_fill_quota`
- ranks within a staff category, and over  → `_ranks`, `_overall_ranks`
  everyone graded in the quarter (the same
  order and ties)

Outcomes are keyed by person, and every ordering uses the full sort key with the
person id as the last tie-break only where the result cannot depend on it, so the
result never depends on the order of the input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import groupby

from kaohe_desktop.domain.enums import LabeledEnum, QuarterGrade
from kaohe_desktop.domain.quarterly_rules import (
    SCORE_MAX,
    SCORE_MIN,
    QuarterlyRules,
    QuotaScope,
    floor_int,
    round_half_up,
)

GRADE_ORDER = (QuarterGrade.GOOD, QuarterGrade.FAIRLY_GOOD, QuarterGrade.AVERAGE, QuarterGrade.POOR)


def grade_value(grade: QuarterGrade) -> int:
    """Higher is better: 好 3, 较好 2, 一般 1, 较差 0."""
    return len(GRADE_ORDER) - 1 - GRADE_ORDER.index(grade)


class GradeStatus(StrEnum):
    UNSCORED = "unscored"  # a participant still missing 实绩分 or 领导测评分
    NOT_GRADED = "not_graded"  # 不定等次: not a participant
    GRADED = "graded"


class Flag(LabeledEnum):
    """What keeps a quarter from being closed until the clerk settles it."""

    TIE_OVER_QUOTA = ("tie_over_quota", "并列超出名额")
    MANUAL_GOOD_OVER_QUOTA = ("manual_good_over_quota", "人工定好超出名额")
    # A 好 or 较好 set by hand whose score has since fallen under the 好 line: it is
    # not honoured, and the clerk clears it or corrects the score.
    OVERRIDE_BELOW_LINE = ("override_below_line", "人工等次低于分数线")


@dataclass(frozen=True)
class Candidate:
    """One person of the quarter's roster, as entered."""

    person_id: int
    department_id: int  # at quarter end: the per-department quota scope
    category: str  # 人员类别: the ranking group
    performance: Decimal | None  # 实绩分 as entered, before 点评
    leader: Decimal | None  # 领导测评分
    comment_points: Decimal = Decimal(0)  # Σ 点评 of the quarter + the row's 点评加减分
    override: QuarterGrade | None = None  # set by hand (with a reason)
    no_grade_reason: str | None = None  # 不定等次

    @property
    def participant(self) -> bool:
        return self.no_grade_reason is None


@dataclass(frozen=True)
class Outcome:
    person_id: int
    status: GradeStatus
    performance_total: Decimal | None = None  # 实绩分 with 点评, clamped to 0–100
    composite: Decimal | None = None  # 综合得分
    band: QuarterGrade | None = None  # what the score alone gives
    grade: QuarterGrade | None = None
    rank: int | None = None  # within the staff category, shared on full ties
    flag: Flag | None = None
    overridden: bool = False  # the grade is the clerk's, honoured
    # Over everyone scored in the quarter, whatever their category, by the same order
    # and ties as `rank` (shown beside it as 全局排名; never stored by a close).
    overall_rank: int | None = None

    @property
    def graded(self) -> bool:
        return self.status is GradeStatus.GRADED


@dataclass(frozen=True)
class QuotaCount:
    """名额 / 已用 / 剩余 of one scope (department_id None: the whole bureau)."""

    department_id: int | None
    participants: int
    quota: int
    used: int

    @property
    def remaining(self) -> int:
        return self.quota - self.used


@dataclass(frozen=True)
class Grading:
    outcomes: dict[int, Outcome]
    quotas: tuple[QuotaCount, ...]
    scope: QuotaScope

    def quota_for(self, department_id: int) -> QuotaCount:
        key = department_id if self.scope is QuotaScope.DEPARTMENT else None
        # A scope with nobody in it has no line of its own: its quota is empty.
        return next((q for q in self.quotas if q.department_id == key), QuotaCount(key, 0, 0, 0))

    def flagged(self) -> list[Outcome]:
        return [o for o in self.outcomes.values() if o.flag is not None]

    def unscored(self) -> list[Outcome]:
        return [o for o in self.outcomes.values() if o.status is GradeStatus.UNSCORED]

    def not_graded(self) -> list[Outcome]:
        """不定等次: not graded and not counted as participants."""
        return [o for o in self.outcomes.values() if o.status is GradeStatus.NOT_GRADED]


def band(composite: Decimal, rules: QuarterlyRules) -> QuarterGrade:
    if composite >= rules.good_min:
        return QuarterGrade.GOOD
    if composite >= rules.fairly_good_min:
        return QuarterGrade.FAIRLY_GOOD
    if composite >= rules.average_min:
        return QuarterGrade.AVERAGE
    return QuarterGrade.POOR


def performance_total(entered: Decimal, comment_points: Decimal) -> Decimal:
    """实绩分 = entered + Σ 点评 of the quarter, clamped to 0–100."""
    return min(SCORE_MAX, max(SCORE_MIN, entered + comment_points))


def composite_score(performance: Decimal, leader: Decimal, rules: QuarterlyRules) -> Decimal:
    """综合得分 from 实绩分 (with 点评) and 领导测评分, rounded half up to 2 decimals."""
    return round_half_up(performance * rules.performance_weight + leader * rules.leader_weight)


@dataclass(frozen=True)
class _Scored:
    candidate: Candidate
    performance: Decimal
    composite: Decimal
    band: QuarterGrade
    # The order of DESIGN §4: 综合得分, then 领导测评分, then 实绩分, all descending.
    key: tuple[Decimal, Decimal, Decimal]


def ranking_key(
    composite: Decimal, leader: Decimal, performance: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """The order of DESIGN §4 as a sort key: 综合得分, then 领导测评分, then 实绩分 (with
    点评), all descending. The quota, the ranks and every printed list sort by it."""
    return (-composite, -leader, -performance)


def _scores(candidate: Candidate, rules: QuarterlyRules) -> _Scored | None:
    if candidate.performance is None or candidate.leader is None:
        return None
    total = performance_total(candidate.performance, candidate.comment_points)
    composite = composite_score(total, candidate.leader, rules)
    key = ranking_key(composite, candidate.leader, total)
    return _Scored(candidate, total, composite, band(composite, rules), key)


def _order(scored: _Scored) -> tuple[Decimal, Decimal, Decimal]:
    return scored.key


def _quota_size(participants: int, rules: QuarterlyRules) -> int:
    """好 at most `good_quota` of the participants, rounded down (40% of 7 is 2)."""
    return floor_int(Decimal(participants) * rules.good_quota)


def _honoured_manual_goods(manual: list[_Scored], quota: int) -> bool:
    """Manual 好 stand only while all of them fit the quota. When the quota shrinks
    under them (someone became 不定等次, an import), none is honoured rather than an
    arbitrary few: they are graded as if unset and flagged for the clerk."""
    return len(manual) <= quota


def _fill_quota(
    pool: list[_Scored], held: set[int], slots: int
) -> tuple[dict[int, QuarterGrade], set[int]]:
    """Automatic 好 in order. People equal on all three keys who straddle the last
    slot all get 较好 and are flagged; everyone below them ≥ 90 gets 较好 too.

    `held`: people ≥ 90 whose 较好 was set by hand (a tie settled by the committee).
    They keep their place in the order and close the quota below them, so settling
    a tie never hands its unused slots to someone with a lower score."""
    grades: dict[int, QuarterGrade] = {}
    tied: set[int] = set()
    for _key, group_iter in groupby(sorted(pool, key=_order), key=_order):
        group = list(group_iter)
        free = [s for s in group if s.candidate.person_id not in held]
        if len(free) <= slots:
            grade = QuarterGrade.GOOD
            slots -= len(free)
        else:
            grade = QuarterGrade.FAIRLY_GOOD
            if slots > 0:
                tied.update(s.candidate.person_id for s in free)
            slots = 0  # nobody below a cut group may pass it
        if len(free) < len(group):
            slots = 0
        for scored in free:
            grades[scored.candidate.person_id] = grade
    return grades, tied


@dataclass(frozen=True)
class _Slots:
    """How one scope's 好 quota was filled: all that a member's outcome reads besides
    their own scores and rank. Only members ≥ the 好 line take part in it, so a change
    to anyone below the line leaves it as it was (domain/regrading relies on this)."""

    manual_ok: bool  # every manual 好 fits the quota, so all of them stand
    auto: dict[int, QuarterGrade]  # the automatic 好 / 较好 of the pool
    tied: frozenset[int]  # 并列超出名额


def _honoured(s: _Scored, manual_ok: bool) -> bool:
    override = s.candidate.override
    if override is None:
        return False
    if override is QuarterGrade.POOR:
        return True
    # 好 and 较好 by hand are for people ≥ 90 (a slot, a settled tie), never a lift.
    return s.band is QuarterGrade.GOOD and (override is not QuarterGrade.GOOD or manual_ok)


def _fill_scope(good: Iterable[_Scored], quota: int) -> _Slots:
    """The 好 slots of one scope, from its scored members whose band is 好 (in any
    order: the result does not depend on it)."""
    good = list(good)
    manual_goods = [s for s in good if s.candidate.override is QuarterGrade.GOOD]
    manual_ok = _honoured_manual_goods(manual_goods, quota)
    held = {s.candidate.person_id for s in good if s.candidate.override is QuarterGrade.FAIRLY_GOOD}
    pool = [s for s in good if not _honoured(s, manual_ok) or s.candidate.person_id in held]
    slots = quota - (len(manual_goods) if manual_ok else 0)
    auto, tied = _fill_quota(pool, held, slots)
    return _Slots(manual_ok, auto, frozenset(tied))


def _outcome(
    candidate: Candidate,
    s: _Scored | None,
    slots: _Slots,
    rank: int | None,
    overall: int | None = None,
) -> Outcome:
    """One member's outcome, from their own scores, their scope's slots and their ranks."""
    pid = candidate.person_id
    if not candidate.participant:
        return Outcome(pid, GradeStatus.NOT_GRADED)
    if s is None:
        return Outcome(pid, GradeStatus.UNSCORED)
    flag = None
    honoured = _honoured(s, slots.manual_ok)
    if honoured:
        assert candidate.override is not None
        grade = candidate.override
    else:
        grade = slots.auto.get(pid, s.band)
        if pid in slots.tied:
            flag = Flag.TIE_OVER_QUOTA
        elif candidate.override is not None and s.band is not QuarterGrade.GOOD:
            flag = Flag.OVERRIDE_BELOW_LINE
        elif candidate.override is QuarterGrade.GOOD:
            flag = Flag.MANUAL_GOOD_OVER_QUOTA
    return Outcome(
        pid, GradeStatus.GRADED, s.performance, s.composite, s.band, grade, rank, flag, honoured,
        overall,
    )  # fmt: skip


def _grade_scope(
    members: Sequence[Candidate],
    scored: dict[int, _Scored],
    ranks: dict[int, int],
    rules: QuarterlyRules,
    scope_key: int | None,
    overall: dict[int, int],
) -> tuple[list[Outcome], QuotaCount, _Slots]:
    participants = sum(1 for c in members if c.participant)
    quota = _quota_size(participants, rules)
    mine = [scored[c.person_id] for c in members if c.person_id in scored]
    slots = _fill_scope((s for s in mine if s.band is QuarterGrade.GOOD), quota)
    outcomes = [
        _outcome(
            c, scored.get(c.person_id), slots, ranks.get(c.person_id), overall.get(c.person_id)
        )
        for c in members
    ]
    used = sum(1 for o in outcomes if o.grade is QuarterGrade.GOOD)
    return outcomes, QuotaCount(scope_key, participants, quota, used), slots


def _category_ranks(members: Iterable[_Scored]) -> dict[int, int]:
    """Competition ranks (1, 2, 2, 4) of one staff category's scored members (or of
    everyone scored: `_overall_ranks`)."""
    ranks: dict[int, int] = {}
    position = 1
    for _key, group_iter in groupby(sorted(members, key=_order), key=_order):
        group = list(group_iter)
        for s in group:
            ranks[s.candidate.person_id] = position
        position += len(group)
    return ranks


def _ranks(scored: Iterable[_Scored]) -> dict[int, int]:
    """Competition ranks within each staff category by the same order."""
    ranks: dict[int, int] = {}
    by_category: dict[str, list[_Scored]] = defaultdict(list)
    for s in scored:
        by_category[s.candidate.category].append(s)
    for members in by_category.values():
        ranks.update(_category_ranks(members))
    return ranks


def _overall_ranks(scored: Iterable[_Scored]) -> dict[int, int]:
    """Competition ranks over everyone scored in the quarter (全局排名): the rule of the
    category ranks, `_category_ranks`, applied to all of them at once."""
    return _category_ranks(scored)


def _scope_key(candidate: Candidate, rules: QuarterlyRules) -> int | None:
    """Who shares the candidate's 好 quota: their department, or None (the bureau)."""
    return candidate.department_id if rules.quota_scope is QuotaScope.DEPARTMENT else None


def grade_quarter(candidates: Iterable[Candidate], rules: QuarterlyRules) -> Grading:
    people = list(candidates)
    scored = {
        c.person_id: s for c in people if c.participant and (s := _scores(c, rules)) is not None
    }
    ranks = _ranks(scored.values())
    overall = _overall_ranks(scored.values())
    scopes: dict[int | None, list[Candidate]] = defaultdict(list)
    for c in people:
        scopes[_scope_key(c, rules)].append(c)
    if not scopes:
        scopes[None] = []
    outcomes: dict[int, Outcome] = {}
    quotas = []
    for key in sorted(scopes, key=lambda k: -1 if k is None else k):
        scope_outcomes, count, _slots = _grade_scope(
            scopes[key], scored, ranks, rules, key, overall
        )
        quotas.append(count)
        outcomes.update((o.person_id, o) for o in scope_outcomes)
    return Grading(outcomes, tuple(quotas), rules.quota_scope)
