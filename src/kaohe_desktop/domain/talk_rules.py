"""The archive's due lists: 谈心谈话 that are short or called for, and 关键岗位 due for
交流轮岗. Pure functions over plain facts; the numbers are AnnualRules settings.

- who counts as 党政正职 (the head of the bureau or of a department) → `is_principal`
- the year's routine talks: 党政正职 ≥ principal_talks, others ≥ other_talks; only
  谈心谈话 and 关键岗位廉政谈话 count (special talks answer their own events) → `routine_shortfalls`
- special talks: a quarter graded 一般 or 较差 calls for a 提醒谈话, a discipline for a
  提醒谈话 (诫勉 for a 诫勉谈话), a move to another department for a 任职谈话; a talk of
  that kind on or after the day answers it; overdue after special_talk_days → `special_dues`
- rotation: a key post held in the same department (consecutive stints merged) for
  rotation_years whole years is due for 交流轮岗 on the anniversary → `rotations_due`
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from kaohe_desktop.domain.annual_assessment import QUARTER_WORDS
from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import DisciplineType, QuarterGrade, TalkKind

# Post titles of a 正职 (the head of a bureau or department). Ranks (…科员, …调研员)
# are not posts; a post with 副 before its title is a deputy (副科长, 办公室副主任).
PRINCIPAL_TITLES = ("局长", "书记", "主任", "科长", "队长", "所长", "站长")
_RANK_ENDINGS = ("科员", "调研员", "巡视员", "办事员")
# "党组书记、局长": several posts in one field; any 正职 among them counts.
_POST_SEPARATORS = re.compile(r"[、，,;；/\s]+")

ROUTINE_KINDS = frozenset({None, TalkKind.HEART_TO_HEART, TalkKind.KEY_POST})
# Quarter grades that call for a 提醒谈话 (once the quarter is closed).
CALLING_GRADES = frozenset({QuarterGrade.AVERAGE, QuarterGrade.POOR})


def is_principal(position: str | None) -> bool:
    """党政正职: 局长, 科长, 大队长, 所长… but not 副科长, 办公室副主任 nor 一级主任科员."""
    return any(_is_principal_post(p) for p in _POST_SEPARATORS.split(position or ""))


def _is_principal_post(post: str) -> bool:
    if post.endswith(_RANK_ENDINGS):
        return False
    title = next((t for t in PRINCIPAL_TITLES if post.endswith(t)), None)
    return title is not None and "副" not in post[: -len(title)]


@dataclass(frozen=True)
class TalkFact:
    person_id: int
    talked_on: date
    kind: TalkKind | None


@dataclass(frozen=True)
class Stint:
    department: str
    start: date
    end: date | None  # None: the current one


@dataclass(frozen=True)
class TalkSubject:
    """A person in service, as the due lists need them."""

    person_id: int
    position: str | None
    key_post: bool
    stints: tuple[Stint, ...] = ()  # oldest first

    @property
    def principal(self) -> bool:
        return is_principal(self.position)


@dataclass(frozen=True)
class RoutineShortfall:
    person_id: int
    required: int
    held: int
    last_talk: date | None  # the last talk of any kind, any year


def routine_shortfalls(
    subjects: Iterable[TalkSubject], talks: Iterable[TalkFact], year: int, rules: AnnualRules
) -> list[RoutineShortfall]:
    held: dict[int, int] = defaultdict(int)
    last: dict[int, date] = {}
    for talk in talks:
        if talk.talked_on.year == year and talk.kind in ROUTINE_KINDS:
            held[talk.person_id] += 1
        if talk.person_id not in last or last[talk.person_id] < talk.talked_on:
            last[talk.person_id] = talk.talked_on
    found = []
    for subject in subjects:
        if subject.stints and min(s.start for s in subject.stints).year > year:
            continue  # joined the bureau after that year: nothing was due from them
        required = int(rules.principal_talks if subject.principal else rules.other_talks)
        if held[subject.person_id] < required:
            found.append(
                RoutineShortfall(
                    subject.person_id, required, held[subject.person_id],
                    last.get(subject.person_id),
                )
            )  # fmt: skip
    return found


@dataclass(frozen=True)
class TalkEvent:
    """Something that calls for a special talk with the person."""

    person_id: int
    arose_on: date
    kind: TalkKind
    reason: str


def quarter_event(
    person_id: int, year: int, quarter: int, grade: QuarterGrade, ended: date
) -> TalkEvent | None:
    if grade not in CALLING_GRADES:
        return None
    reason = f"{year}年{QUARTER_WORDS[quarter - 1]}平时考核{grade.label}"
    return TalkEvent(person_id, ended, TalkKind.REMINDER, reason)


def discipline_event(person_id: int, decided_on: date, kind: DisciplineType) -> TalkEvent:
    talk = TalkKind.ADMONITION if kind is DisciplineType.ADMONISHMENT else TalkKind.REMINDER
    return TalkEvent(person_id, decided_on, talk, f"{decided_on.isoformat()} {kind.label}")


def move_events(person_id: int, stints: Sequence[Stint]) -> list[TalkEvent]:
    """A 任职谈话 for every stint that moved the person to another department."""
    events = []
    for before, after in pairwise(stints):
        if after.department != before.department:
            events.append(
                TalkEvent(
                    person_id, after.start, TalkKind.APPOINTMENT,
                    f"{after.start.isoformat()} 由{before.department}调入{after.department}",
                )
            )  # fmt: skip
    return events


def special_rule_text(rules: AnnualRules) -> str:
    """Which events call for which special talk, and by when, in the clerk's words (the
    due lists' workbook): quarter_event, discipline_event, move_events and special_dues."""
    grades = "或".join(g.label for g in QuarterGrade if g in CALLING_GRADES)
    return (
        f"季度平时考核为{grades}、受处分或组织处理的，进行{TalkKind.REMINDER.label}"
        f"（{DisciplineType.ADMONISHMENT.label}的进行{TalkKind.ADMONITION.label}）；"
        f"调入其他科室的，进行{TalkKind.APPOINTMENT.label}；"
        f"均应在发生之日起 {int(rules.special_talk_days)} 天内谈话，此后为已逾期；"
        "发生之日或之后同类谈话即为已谈"
    )


@dataclass(frozen=True)
class SpecialTalkDue:
    event: TalkEvent
    due_by: date
    overdue: bool


def special_dues(
    events: Iterable[TalkEvent], talks: Iterable[TalkFact], rules: AnnualRules, today: date
) -> list[SpecialTalkDue]:
    """Events no talk of their kind has answered yet (a talk on or after the day)."""
    latest: dict[tuple[int, TalkKind], date] = {}
    for talk in talks:
        if talk.kind is None:
            continue
        key = (talk.person_id, talk.kind)
        if key not in latest or latest[key] < talk.talked_on:
            latest[key] = talk.talked_on
    days = timedelta(days=int(rules.special_talk_days))
    found = []
    for event in events:
        answered = latest.get((event.person_id, event.kind))
        if answered is not None and answered >= event.arose_on:
            continue
        due_by = event.arose_on + days
        found.append(SpecialTalkDue(event, due_by, due_by < today))
    found.sort(key=lambda d: (d.event.arose_on, d.event.person_id, d.event.kind.value))
    return found


@dataclass(frozen=True)
class RotationDue:
    person_id: int
    department: str
    since: date  # the start of the unbroken time in this department
    reaches_on: date  # the day the years are full
    reached: bool  # on or before today


def continuous_since(stints: Sequence[Stint]) -> Stint | None:
    """The current department and since when the person has been in it without a
    break (consecutive stints in the same department merge)."""
    ordered = sorted(stints, key=lambda s: s.start)
    if not ordered or ordered[-1].end is not None:
        return None
    current = ordered[-1]
    since = current.start
    for stint in reversed(ordered[:-1]):
        if stint.department != current.department or stint.end is None:
            break
        if stint.end < since - timedelta(days=1):
            break  # a gap: the time before it does not count
        since = stint.start
    return Stint(current.department, since, None)


def rotations_due(
    subjects: Iterable[TalkSubject], rules: AnnualRules, until: date, today: date
) -> list[RotationDue]:
    """Key posts whose years in one department are full on or before `until`."""
    years = int(rules.rotation_years)
    found = []
    for subject in subjects:
        if not subject.key_post:
            continue
        current = continuous_since(subject.stints)
        if current is None:
            continue
        reaches = current.start + relativedelta(years=years)
        if reaches <= until:
            found.append(
                RotationDue(
                    subject.person_id, current.department, current.start, reaches,
                    reaches <= today,
                )
            )  # fmt: skip
    found.sort(key=lambda r: (r.reaches_on, r.person_id))
    return found
