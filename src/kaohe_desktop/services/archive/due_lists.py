"""The archive's due lists (DESIGN §4; key-post cadre supervision): who is short of the
year's 谈心谈话, which special talks a year's events call for, which key posts are due
for 交流轮岗; the status bar's count of what is overdue; the lists as a workbook.

The rules are domain/talk_rules over the year's AnnualRules (services/archive/
annual_scheme); what they are given is read by services/archive/due_list_inputs.
- routine talks: everyone in service, every talk;
- special talks: the events arising in the year (a quarter's grade once the quarter is
  closed, a discipline decided in the year, a move starting in it), due
  special_talk_days after the event, overdue from the day after;
- rotation: key posts whose unbroken years in one department are full by 31 December
  of the year; reached when full by today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.periods import PeriodError, Year
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.talk_rules import (
    rotations_due,
    routine_shortfalls,
    special_dues,
    special_rule_text,
)
from kaohe_desktop.reports.due_lists_content import (
    DueListsBook,
    RotationLine,
    RoutineLine,
    SpecialLine,
)
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.archive.annual_scheme import annual_rules_for
from kaohe_desktop.services.archive.due_list_inputs import (
    SPECIAL_KINDS,
    PersonLine,
    load_subjects,
    load_talks,
    people_lines,
    rotation_cutoff,
    year_events,
)
from kaohe_desktop.services.archive.quarter_outcomes import GRADING_TABLES, Token, tables_token
from kaohe_desktop.services.archive.views import (
    DueListsView,
    RotationRow,
    RoutineTalkRow,
    SpecialTalkRow,
)
from kaohe_desktop.services.common.output_paths import output_file
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import DisciplineRow, TalkRow
from kaohe_desktop.storage.queries.org import bureau_name
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
WORKBOOK = "谈话和轮岗提醒表（.xlsx）"


# What the lists and the count read: people, their stints and departments, closed
# quarters' grades (locks), the rules (scheme rows), disciplines and talks. Kept while
# the change token of these tables (services/archive/quarter_outcomes) and the day
# stay the same: the count is read at every refresh, shown or not (issue 16).
DUE_TABLES = (*GRADING_TABLES, DisciplineRow.__tablename__, TalkRow.__tablename__)


class DueListService:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock
        # (token, today, year) → the lists; (token, today) → the count. The last of each.
        self._lists: tuple[tuple[Token, date, int], DueListsView] | None = None
        self._count: tuple[tuple[Token, date], int] | None = None
        self.counted = 0  # how often the count was worked out (for tests and benchmarks)

    @requires(Action.VIEW)
    def lists(self, year: int) -> DueListsView:
        """The three lists of `year`, 已逾期 / 已到期 measured by today."""
        _check_year(year)
        today = self._clock().date()
        with self._uow.read() as session:
            key = (tables_token(session, DUE_TABLES), today, year)
            kept = self._lists
            if kept is not None and kept[0] == key:
                return kept[1]
            rules, _frozen = annual_rules_for(session, year)
            view = build_due_lists(session, year, rules, today)
        self._lists = (key, view)
        return view

    @requires(Action.VIEW)
    def overdue_count(self) -> int:
        """The status bar's number for this year: special talks past their time and key
        posts whose years are full (DueListsView.overdue, without the lists)."""
        today = self._clock().date()
        year = today.year
        with self._uow.read() as session:
            key = (tables_token(session, DUE_TABLES), today)
            kept = self._count
            if kept is not None and kept[0] == key:
                return kept[1]
            rules, _frozen = annual_rules_for(session, year)
            events = year_events(session, year)
            talks = load_talks(session, since=Year(year).start, kinds=SPECIAL_KINDS)
            overdue = sum(1 for due in special_dues(events, talks, rules, today) if due.overdue)
            since = rotation_cutoff(today, int(rules.rotation_years))
            subjects = load_subjects(session, key_posts_since=since)
        reached = rotations_due(subjects, rules, today, today)
        count = overdue + len(reached)
        self._count = (key, count)
        self.counted += 1
        return count

    @requires(Action.EXPORT)
    def export(self, year: int, out: Path) -> Path:
        """The three lists of `year` as a workbook at `out` (written whole or not at all)."""
        out = output_file(Path(out), WORKBOOK)
        _check_year(year)
        today = self._clock().date()
        with self._uow.read() as session:
            rules, _frozen = annual_rules_for(session, year)
            view = build_due_lists(session, year, rules, today)
            bureau = bureau_name(session)
        # openpyxl (~0.17 s to import) is loaded only when a workbook is written.
        from kaohe_desktop.reports.excel_due_lists import write_due_lists_workbook

        write_due_lists_workbook(due_lists_book(view, rules, bureau), out)
        return out


def _check_year(year: int) -> None:
    try:
        Year(year)
    except PeriodError as error:
        raise InputError(f"{error}，无法列出谈话和轮岗提醒。") from None


def build_due_lists(session: Session, year: int, rules: AnnualRules, today: date) -> DueListsView:
    """The lists of `year` as the rules give them, in the clerk's order: routine by the
    bureau's department order then 编号, special by the day they arose, rotations by
    the day the years are full."""
    subjects = load_subjects(session)
    principal = {s.person_id: s.principal for s in subjects}
    talks = load_talks(session)
    people = people_lines(session)
    routine = [
        RoutineTalkRow(
            s.person_id, *_named(people[s.person_id]), principal=principal[s.person_id],
            required=s.required, held=s.held, last_talk=s.last_talk,
        )
        for s in routine_shortfalls(subjects, talks, year, rules)
    ]  # fmt: skip
    routine.sort(key=lambda r: _order(people[r.person_id]))
    special = [
        SpecialTalkRow(
            d.event.person_id, *_named(people[d.event.person_id])[:3],
            kind_code=d.event.kind.value, kind=d.event.kind.label, reason=d.event.reason,
            arose_on=d.event.arose_on, due_by=d.due_by, overdue=d.overdue,
        )
        for d in special_dues(year_events(session, year), talks, rules, today)
    ]  # fmt: skip
    special.sort(key=lambda r: (r.arose_on, _order(people[r.person_id]), r.kind_code, r.reason))
    years = int(rules.rotation_years)
    rotations = [
        RotationRow(
            r.person_id, *_named(people[r.person_id]), since=r.since, reaches_on=r.reaches_on,
            years=years, reached=r.reached,
        )
        for r in rotations_due(subjects, rules, Year(year).end, today)
    ]  # fmt: skip
    rotations.sort(key=lambda r: (r.reaches_on, _order(people[r.person_id])))
    return DueListsView(year, today, tuple(routine), tuple(special), tuple(rotations))


def _named(person: PersonLine) -> tuple[str, str, str, str | None]:
    """编号, 姓名, 科室 (current), 职务职级."""
    return person.code, person.name, person.department, person.position


def _order(person: PersonLine) -> tuple[int, str]:
    return person.department_order, person.code


def due_lists_book(view: DueListsView, rules: AnnualRules, bureau: str) -> DueListsBook:
    """The printed content of the lists, with each rule in the scheme's words."""
    described = dict(rules.describe())
    return DueListsBook(
        bureau=bureau,
        year=view.year,
        today=view.today,
        routine_rule=described["谈心谈话"],
        special_rule=special_rule_text(rules),
        rotation_rule=described["交流轮岗"],
        rotation_years=int(rules.rotation_years),
        routine=tuple(
            RoutineLine(r.code, r.name, r.department, r.position or "", r.principal,
                        r.required, r.held, r.last_talk)
            for r in view.routine
        ),
        special=tuple(
            SpecialLine(s.code, s.name, s.department, s.kind, s.reason, s.arose_on, s.due_by,
                        s.overdue)
            for s in view.special
        ),
        rotations=tuple(
            RotationLine(r.code, r.name, r.department, r.position or "", r.since, r.reaches_on,
                         r.reached)
            for r in view.rotations
        ),
    )  # fmt: skip
