"""个人平时考核 of one quarter: the sheet, entering scores, 点评, overrides, 不定等次,
the quarter's rules and its close (DESIGN §4–§5, issue 5).

Every write is one transaction that first reads the quarter again, refuses (nothing
written) on a person off the roster, a bad value, a row another workstation changed
meanwhile or a department whose grading lease this editor does not hold, then
writes and freezes the quarter's rules. The audit rows come with the unit of work;
a closed quarter is refused by the database's triggers (PeriodClosedError).

Only the entries are written while the quarter is open: 综合得分, 等次 and 排名 are
computed live by the sheet (a score change does not touch every other row) and
stored at the close.

The sheets are kept between reads (QuarterSheets, keyed on the file's change token),
and a write here changes the kept sheet in place: it regrades only the people it
changed, their quota scope and their staff category, and the sheet it returns says
which rows moved (GradingSheet.changes), so a typed score at 10,000 people does not
build the whole quarter again (issue 16).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import CommentKind, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, RulesError
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.text_rules import COMMENT_TEXT
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.archive.quarter_outcomes import change_token
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.quarterly.assessments import AssessmentView, assessment_views
from kaohe_desktop.services.quarterly.close import close_quarter
from kaohe_desktop.services.quarterly.refusals import (
    check_version,
    off_roster,
    override_problem,
    person_label,
    require_grading_leases,
)
from kaohe_desktop.services.quarterly.roster import RosterEntry, load_roster
from kaohe_desktop.services.quarterly.scheme import freeze_rules, store_rules
from kaohe_desktop.services.quarterly.scores import new_row, stored_rows, write_scores
from kaohe_desktop.services.quarterly.sheet import build_sheet, in_quarter, load_sheet
from kaohe_desktop.services.quarterly.sheet_cache import QuarterSheets, Written
from kaohe_desktop.services.quarterly.views import CommentView, GradingSheet, ScoreChange
from kaohe_desktop.storage.models import CommentRow, QuarterlyAssessmentRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]

__all__ = ["QuarterlyGrading", "build_sheet", "load_sheet"]


def _leased_person(
    session: Session, quarter: Quarter, person_id: int, leases: Sequence[Lease]
) -> RosterEntry:
    """The person on the quarter's roster, whose department's lease is held."""
    roster = load_roster(session, quarter, only=[person_id])
    person = roster.by_person().get(person_id)
    if person is None:
        raise off_roster(session, quarter, person_id)
    require_grading_leases(session, quarter, {person.department_id}, roster, leases)
    return person


class QuarterlyGrading:
    def __init__(
        self,
        guard: Guard,
        uow: UnitOfWork,
        *,
        clock: Clock = datetime.now,
        sheets: QuarterSheets | None = None,
    ) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock
        self.sheets = sheets if sheets is not None else QuarterSheets()

    @requires(Action.VIEW)
    def sheet(self, quarter: Quarter) -> GradingSheet:
        """The quarter as the file holds it now (kept while its grading inputs are
        unchanged; services/quarterly/sheet_cache)."""
        with self._uow.read() as session:
            return self.sheets.sheet(session, quarter, release=session.rollback)

    def _write(
        self,
        quarter: Quarter,
        work: Callable[[Session], Collection[int]],
        *,
        comments: bool = False,
    ) -> GradingSheet:
        """One write of the quarter's entries; `work` returns whose entries (or 点评,
        with `comments`) it changed. The sheet after it: the kept one changed in place,
        or, when none was kept of the file as the write found it, read again.

        `work` may write only what no other quarter's sheet reads: the quarter's own
        平时考核 rows, 点评 dated inside it, its frozen scheme row (QuarterSheets.take
        keeps the other quarters' sheets on that ground). set_rules and the close read
        everything again instead."""

        def transaction(session: Session) -> Written:
            base = change_token(session)  # first, before anything is changed
            people = work(session)
            return self.sheets.written(session, quarter, base, people, comments=comments)

        written = self._uow.write(transaction)
        return self.sheets.take(written) or self.sheet(quarter)

    @requires(Action.VIEW)
    def default_quarter(self, year: int) -> Quarter:
        """The quarter a clerk opening `year` most likely grades: the latest begun quarter
        with anything entered (the next one if that is closed and the next has begun),
        else the latest quarter that has ended, else the first.

        A sheet lists everyone with an entry, so "a sheet with an entry" is "a 平时考核
        row for the quarter": one DISTINCT over the year's rows (and the lock of that
        one quarter) answers it, where building the sheets took seconds on a big bureau."""
        today = self._clock().date()
        begun = [q for q in (Quarter(year, n) for n in (4, 3, 2, 1)) if q.start <= today]
        if begun:
            qa = QuarterlyAssessmentRow
            labels = [str(q) for q in begun]
            with self._uow.read() as session:
                statement = select(qa.quarter).distinct().where(qa.quarter.in_(labels))
                entered = set(session.scalars(statement))
                latest = next((q for q in begun if str(q) in entered), None)
                if latest is not None:
                    if latest.quarter < 4:
                        following = Quarter(year, latest.quarter + 1)
                        if following.start <= today and is_closed(session, latest):
                            return following
                    return latest
        ended = [q for q in begun if q.end < today]
        return ended[0] if ended else Quarter(year, 1)

    @requires(Action.ENTER_DATA)
    def set_scores(
        self, quarter: Quarter, changes: Sequence[ScoreChange], leases: Sequence[Lease]
    ) -> GradingSheet:
        """实绩分 / 领导测评分 of several cells (a paste): all of them or none."""
        if not changes:
            return self.sheet(quarter)

        def work(session: Session) -> list[int]:
            write_scores(session, quarter, changes, leases, self._clock())
            return [change.person_id for change in changes]

        return self._write(quarter, work)

    @requires(Action.ENTER_DATA)
    def set_override(
        self,
        quarter: Quarter,
        person_id: int,
        grade: QuarterGrade | None,
        reason: str,
        expected_version: int | None,
        leases: Sequence[Lease],
    ) -> GradingSheet:
        """等次 set by hand with a reason (好 within the quota, 较好 to settle a tie,
        较差); None clears it."""

        def work(session: Session) -> list[int]:
            sheet = self.sheets.sheet(session, quarter)  # the file as this write finds it
            row = next((r for r in sheet.rows if r.person_id == person_id), None)
            if row is None:
                raise off_roster(session, quarter, person_id)
            label = person_label(row.name, row.code)
            roster = load_roster(session, quarter, only=[person_id])
            require_grading_leases(session, quarter, {row.department_id}, roster, leases)
            check_version(label, expected_version, row.version)
            problem = override_problem(sheet, row, grade, reason)
            if problem is not None:
                raise InputError(f"未保存：{problem}。", [problem])
            stored = stored_rows(session, quarter, [person_id]).get(person_id)
            if stored is None:
                if grade is None:
                    return []
                stored = new_row(session, quarter, person_id)
            stored.override = None if grade is None else grade.value
            stored.override_reason = None if grade is None else reason.strip()
            freeze_rules(session, quarter, self._clock())
            return [person_id]

        return self._write(quarter, work)

    @requires(Action.ENTER_DATA)
    def set_not_graded(
        self,
        quarter: Quarter,
        person_id: int,
        reason: NoGradeReason | None,
        expected_version: int | None,
        leases: Sequence[Lease],
    ) -> GradingSheet:
        """不定等次 with its reason (clears any override), or None to grade again."""

        def work(session: Session) -> list[int]:
            person = _leased_person(session, quarter, person_id, leases)
            stored = stored_rows(session, quarter, [person_id]).get(person_id)
            label = person_label(person.name, person.code)
            check_version(label, expected_version, None if stored is None else stored.version)
            if stored is None:
                if reason is None:
                    return []
                stored = new_row(session, quarter, person_id)
            stored.no_grade_reason = None if reason is None else reason.value
            if reason is not None:
                stored.override = None
                stored.override_reason = None
            freeze_rules(session, quarter, self._clock())
            return [person_id]

        return self._write(quarter, work)

    @requires(Action.VIEW)
    def assessments(self, quarter: Quarter) -> list[AssessmentView]:
        """Everyone with an entry in the quarter, with the sheet's 综合得分."""
        return assessment_views(self.sheet(quarter))

    @requires(Action.VIEW)
    def comments(self, quarter: Quarter, person_id: int) -> list[CommentView]:
        """The person's 点评 dated inside the quarter, oldest first."""
        with self._uow.read() as session:
            rows = session.execute(
                select(
                    CommentRow.id, CommentRow.version, CommentRow.person_id,
                    CommentRow.commented_on, CommentRow.kind, CommentRow.points, CommentRow.text,
                )
                .where(
                    CommentRow.person_id == person_id,
                    in_quarter(quarter),
                )
                .order_by(CommentRow.commented_on, CommentRow.id)
            )  # fmt: skip
            return [
                CommentView(id_, version, pid, day, CommentKind(kind), points, text)
                for id_, version, pid, day, kind, points, text in rows
            ]

    @requires(Action.ENTER_DATA)
    def add_comment(
        self,
        quarter: Quarter,
        person_id: int,
        day: date,
        kind: CommentKind,
        text: str,
        leases: Sequence[Lease],
    ) -> GradingSheet:
        """A 点评 worth the quarter's rules' points for its kind."""
        if not quarter.contains(day):
            raise InputError(
                f"点评日期 {day:%Y-%m-%d} 不在{quarter.label()}"
                f"（{quarter.start:%m-%d} 至 {quarter.end:%m-%d}）内。"
            )
        if not text.strip():
            raise InputError("点评内容不能为空。")
        too_long = COMMENT_TEXT.problem(text.strip(), "点评内容")
        if too_long is not None:
            raise InputError(f"{too_long}。")

        def work(session: Session) -> list[int]:
            _leased_person(session, quarter, person_id, leases)
            rules = freeze_rules(session, quarter, self._clock())
            session.add(
                CommentRow(
                    person_id=person_id,
                    commented_on=day,
                    kind=kind.value,
                    points=rules.comment_points(kind),
                    text=text.strip(),
                )
            )
            return [person_id]

        return self._write(quarter, work, comments=True)

    @requires(Action.ENTER_DATA)
    def delete_comment(
        self, quarter: Quarter, comment_id: int, expected_version: int, leases: Sequence[Lease]
    ) -> GradingSheet:
        def work(session: Session) -> list[int]:
            comment = session.get(CommentRow, comment_id)
            if comment is None:
                raise InputError("未删除：该点评已被他人删除，已重新载入。")
            if not quarter.contains(comment.commented_on):
                raise InputError(f"未删除：该点评不属于{quarter.label()}。")
            _leased_person(session, quarter, comment.person_id, leases)
            if comment.version != expected_version:
                raise InputError("未删除：该点评已被他人修改，已重新载入，请核对后再删除。")
            session.delete(comment)
            return [comment.person_id]

        return self._write(quarter, work, comments=True)

    @requires(Action.CLOSE_PERIOD)
    def close_quarter(self, quarter: Quarter, note: str = "") -> None:
        """Store every outcome and lock the quarter, or refuse listing who blocks it."""
        close_quarter(self._uow, quarter, self.guard.actor.username, self._clock(), note)

    @requires(Action.EDIT_SCHEME)
    def set_rules(
        self, quarter: Quarter, rules: QuarterlyRules, expected_version: int | None = None
    ) -> GradingSheet:
        """The quarter's own rules, set ahead or changed until its first entry freezes
        them (then refused in words; scheme_rows.SchemeRows.store)."""
        try:
            rules.check()
        except RulesError as error:
            raise InputError(f"考核方案有误：{error}") from None
        self._uow.write(lambda session: store_rules(session, quarter, rules, expected_version))
        return self.sheet(quarter)
