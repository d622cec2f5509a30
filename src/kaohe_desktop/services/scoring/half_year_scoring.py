"""半年考核 ("scoring"): every department on 1000 points per half year (DESIGN §4,
issue 14) — the half's results, entering 加减分 and 一票否决, 委员会裁定, the scheme
and the year (年底算账). The half's close is the periods' (PeriodService.close, which
refuses while checks are missing or ties unsettled and stores every result).

Every write is one transaction that reads again what it needs, refuses with every
problem named (nothing written), writes, freezes the half's rules and returns the
fresh HalfYearSheet, so the tab replaces what it shows and never reloads after its own
write. 加减分 and 一票否决 are written under the half's scoring lease (one editor for
the whole half: a change moves every department's rank); 委员会裁定 is the reviewer's
act, which cannot take an editing lease, and is guarded by its version instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.adjustment_rules import AdjustmentDraft, VetoDraft
from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import HalfYearScoring
from kaohe_desktop.domain.leases import scoring_scope
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.quarterly_rules import RulesError
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.access.leases import Lease, acquire_lease, this_workstation
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.scoring import entries
from kaohe_desktop.services.scoring.decisions import decision_grades, write_decision
from kaohe_desktop.services.scoring.scheme import store_rules
from kaohe_desktop.services.scoring.sheet import load_sheet
from kaohe_desktop.services.scoring.views import HalfYearSheet, YearScores
from kaohe_desktop.services.scoring.year import build_year
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


class HalfYearScoringService:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock
        self.workstation = this_workstation()

    def _today(self) -> date:
        return self._clock().date()

    # --- reading ------------------------------------------------------------------------

    @requires(Action.VIEW)
    def sheet(self, half: HalfYear) -> HalfYearSheet:
        """The half's results with what was entered (the tab's one read)."""
        return load_sheet(self._uow, half, self._today())

    @requires(Action.VIEW)
    def scoring(self, half: HalfYear) -> HalfYearScoring:
        """The half's results (of a closed half: what its close stored)."""
        return self.sheet(half).scoring

    @requires(Action.VIEW)
    def year(self, year: int) -> YearScores:
        """年底算账: both halves per department, the year's total and rank."""
        with self._uow.read() as session:
            return build_year(session, year, self._today())

    # --- the half's lease -----------------------------------------------------------------

    @requires(Action.ENTER_DATA)
    def acquire_lease(self, half: HalfYear) -> Lease:
        """The half's scoring lease (LeaseHeldError naming who holds it); keep it alive
        with LeaseService.heartbeat and give it back with LeaseService.release."""
        return acquire_lease(
            self._uow, self.guard.actor, self.workstation, scoring_scope(str(half)),
            entries.lease_label(half), self._clock,
        )  # fmt: skip

    # --- 加减分 and 一票否决 ---------------------------------------------------------------

    def _write_in(self, half: HalfYear, work: Callable[[Session], object]) -> HalfYearSheet:
        """Run `work` in one write; the fresh sheet of `half`."""
        self._uow.write(work)
        return self.sheet(half)

    def _write_found(self, work: Callable[[Session], HalfYear]) -> HalfYearSheet:
        """Run `work` in one write; the fresh sheet of the half of the row it changed."""
        return self.sheet(self._uow.write(work))

    @requires(Action.ENTER_DATA)
    def add_adjustment(
        self, half: HalfYear, draft: AdjustmentDraft, leases: Sequence[Lease]
    ) -> HalfYearSheet:
        """A 扣分 or a 表彰加分 (rules: domain/adjustment_rules.adjustment_problems)."""
        now = self._clock()
        return self._write_in(
            half, lambda session: entries.add_adjustment(session, half, draft, leases, now)
        )

    @requires(Action.ENTER_DATA)
    def update_adjustment(
        self,
        adjustment_id: int,
        expected_version: int,
        draft: AdjustmentDraft,
        leases: Sequence[Lease],
    ) -> HalfYearSheet:
        """Change a 加减分 of the clerk's (a 督办单's changes only through its notice)."""
        now = self._clock()
        return self._write_found(
            lambda session: entries.update_adjustment(
                session, adjustment_id, expected_version, draft, leases, now
            ),
        )

    @requires(Action.ENTER_DATA)
    def delete_adjustment(
        self, adjustment_id: int, expected_version: int, leases: Sequence[Lease]
    ) -> HalfYearSheet:
        return self._write_found(
            lambda session: entries.delete_adjustment(
                session, adjustment_id, expected_version, leases
            ),
        )

    @requires(Action.ENTER_DATA)
    def add_veto(self, half: HalfYear, draft: VetoDraft, leases: Sequence[Lease]) -> HalfYearSheet:
        now = self._clock()
        return self._write_in(
            half, lambda session: entries.add_veto(session, half, draft, leases, now)
        )

    @requires(Action.ENTER_DATA)
    def update_veto(
        self, veto_id: int, expected_version: int, draft: VetoDraft, leases: Sequence[Lease]
    ) -> HalfYearSheet:
        now = self._clock()
        return self._write_found(
            lambda session: entries.update_veto(
                session, veto_id, expected_version, draft, leases, now
            ),
        )

    @requires(Action.ENTER_DATA)
    def delete_veto(
        self, veto_id: int, expected_version: int, leases: Sequence[Lease]
    ) -> HalfYearSheet:
        return self._write_found(
            lambda session: entries.delete_veto(session, veto_id, expected_version, leases),
        )

    # --- 委员会裁定 and the scheme ---------------------------------------------------------

    @requires(Action.REVIEW)
    def decide(
        self,
        half: HalfYear,
        department_id: int,
        grade: DepartmentGrade | None,
        reason: str,
        expected_version: int | None,
    ) -> HalfYearSheet:
        """The committee's grade for a flagged department, with its reason (None
        withdraws a decision); `expected_version` is the decision's the reviewer saw
        (None: there was none)."""
        now, who = self._clock(), self.guard.actor.display_name
        return self._write_in(
            half,
            lambda session: write_decision(
                session, half, department_id, grade, reason, expected_version, who, now
            ),
        )

    @requires(Action.VIEW)
    def decision_grades(self, half: HalfYear, department_id: int) -> list[DepartmentGrade]:
        """The grades the committee can give the department now (empty: not in a tie)."""
        with self._uow.read() as session:
            return decision_grades(session, half, department_id, self._today())

    @requires(Action.EDIT_SCHEME)
    def set_rules(
        self, half: HalfYear, rules: HalfYearRules, expected_version: int | None = None
    ) -> HalfYearSheet:
        """The half's own rules, set ahead or changed until its first entry freezes them
        (then refused in words; scheme_rows.SchemeRows.store)."""
        try:
            rules.check()
        except RulesError as error:
            raise InputError(f"考核方案有误：{error}") from None
        return self._write_in(
            half, lambda session: store_rules(session, half, rules, expected_version)
        )
