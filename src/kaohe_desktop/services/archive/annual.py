"""年度考核 ("annual"): every person's year from the quarters and the discipline
record, the 优秀 recommendations within the quota, grades set by hand, the year's
优秀 share (DESIGN §4, issue 15). The year's close is the periods' (PeriodService.close
refuses while anything is flagged and stores every grade: services/archive/
annual_close).

Every decision is one transaction under the year's annual lease (one editor for the
whole year: the quota is shared by everyone) that assesses the year again, refuses
with the reason (nothing written), writes, freezes the year's rules and returns the
fresh AnnualSheetView, so the tab replaces what it shows and never reloads after its
own write.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.domain.leases import annual_scope
from kaohe_desktop.domain.periods import PeriodError, Year
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.access.leases import Lease, acquire_lease, this_workstation
from kaohe_desktop.services.archive import annual_writes
from kaohe_desktop.services.archive.annual_cache import AnnualYears, Pending
from kaohe_desktop.services.archive.annual_scheme import annual_rules_for
from kaohe_desktop.services.archive.annual_sheet import YearAssessment
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.archive.views import AnnualSheetView
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def _year(year: int) -> int:
    """The year, or InputError in words (an int outside the calendar the program keeps)."""
    try:
        return Year(int(year)).year
    except (PeriodError, TypeError, ValueError) as error:
        raise InputError(f"年度“{year}”无法识别：{error}") from None


class AnnualService:
    def __init__(
        self,
        guard: Guard,
        uow: UnitOfWork,
        *,
        clock: Clock = datetime.now,
        outcomes: QuarterOutcomes | None = None,
    ) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock
        self.workstation = this_workstation()
        # Open quarters' grades, kept while the file's grading inputs are unchanged: a
        # decision does not regrade the year's open quarter (0.3 s at 10,000 people).
        # The Workspace shares the archive's (the grid's sheets): a quarter is graded once.
        # The years' inputs and outcomes are kept too (annual_cache): a decision reads
        # back only itself.
        self.years = AnnualYears(outcomes if outcomes is not None else QuarterOutcomes())

    # --- reading ------------------------------------------------------------------------

    @requires(Action.VIEW)
    def sheet(self, year: int) -> AnnualSheetView:
        """The year's list with every person's standing (of a closed year: as stored)."""
        year = _year(year)
        with self._uow.read() as session:
            return self.years.sheet(session, year)

    @requires(Action.VIEW)
    def rules(self, year: int) -> tuple[AnnualRules, bool]:
        """(rules, frozen): the year's own rules, else those it inherits."""
        year = _year(year)
        with self._uow.read() as session:
            return annual_rules_for(session, year)

    # --- the year's lease -----------------------------------------------------------------

    @requires(Action.ENTER_DATA)
    def acquire_lease(self, year: int) -> Lease:
        """The year's annual lease (LeaseHeldError naming who holds it); keep it alive
        with LeaseService.heartbeat and give it back with LeaseService.release."""
        year = _year(year)
        return acquire_lease(
            self._uow, self.guard.actor, self.workstation, annual_scope(year),
            annual_writes.lease_label(year), self._clock,
        )  # fmt: skip

    # --- decisions ------------------------------------------------------------------------

    def _write(
        self, people: Collection[int], work: Callable[[Session], YearAssessment]
    ) -> AnnualSheetView:
        """One decision's write (changing `people`'s decisions), returning the fresh sheet
        made inside it from the kept year, with only those decisions and the rules read
        back; the year is kept once the write committed."""
        years = self.years

        def write_and_show(session: Session) -> Pending:
            return years.after_decision(session, work(session), people)

        return years.keep_committed(self._uow.write(write_and_show))

    @requires(Action.ENTER_DATA)
    def recommend(self, year: int, person_id: int, leases: Sequence[Lease]) -> AnnualSheetView:
        """Recommend the person for 优秀 (refused: not a participant, not eligible, the
        quota full)."""
        year, now = _year(year), self._clock()
        return self._write(
            {person_id},
            lambda session: annual_writes.recommend(
                session, year, person_id, leases, now, self.years
            ),
        )

    @requires(Action.ENTER_DATA)
    def withdraw(self, year: int, person_id: int, leases: Sequence[Lease]) -> AnnualSheetView:
        """Withdraw the person's 优秀 recommendation."""
        year, now = _year(year), self._clock()
        return self._write(
            {person_id},
            lambda session: annual_writes.withdraw(
                session, year, person_id, leases, now, self.years
            ),
        )

    @requires(Action.ENTER_DATA)
    def set_grade(
        self,
        year: int,
        person_id: int,
        grade: AnnualGrade | None,
        reason: str | None,
        leases: Sequence[Lease],
    ) -> AnnualSheetView:
        """Set 称职 / 基本称职 / 不称职 / 不参加 by hand (all but 称职 with a reason); this
        withdraws a recommendation. None: back to the rules' grade."""
        year, now = _year(year), self._clock()
        return self._write(
            {person_id},
            lambda session: annual_writes.set_grade(
                session, year, person_id, grade, reason, leases, now, self.years
            ),
        )

    @requires(Action.ENTER_DATA)
    def set_note(
        self, year: int, person_id: int, note: str | None, leases: Sequence[Lease]
    ) -> AnnualSheetView:
        """The person's 备注 of the year (blank clears it)."""
        year, now = _year(year), self._clock()
        return self._write(
            {person_id},
            lambda session: annual_writes.set_note(
                session, year, person_id, note, leases, now, self.years
            ),
        )

    # --- the scheme -----------------------------------------------------------------------

    @requires(Action.EDIT_SCHEME)
    def set_share(self, year: int, share: Decimal, reason: str) -> AnnualSheetView:
        """The year's 优秀 share: 20%, or 15% / 25% with the reason (文件或决定)."""
        year = _year(year)
        annual_writes.checked_share(AnnualRules(), share, reason)  # refuse before the write
        return self._write(
            (), lambda session: annual_writes.set_share(session, year, share, reason, self.years)
        )
