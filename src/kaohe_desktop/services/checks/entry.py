"""季度查账 / 月度查账: the due list of a period, entering checks at the three levels,
copying the previous period forward as drafts, the 三级 draw and its printed list, and
the 查账 settings (DESIGN §1, issue 13).

Every write is one short transaction that reads what it needs again, refuses with
every problem named (nothing written), writes, and returns the fresh rows of what it
touched — the page replaces those rows and never reloads the whole period after its
own write. The audit rows come with the unit of work (each names the task, the
department and the level); a closed period is refused by the database's triggers
(PeriodClosedError).

Who records which level is domain/check_rules.entry_levels: 录入员 the clerk level
of the settings, 审核人 二级 and 三级, 管理员 any. A 三级 check is new only on a pair
of the period's latest draw, for 管理员 too: the leaders' spot check is of the drawn
pairs, and a 三级 anywhere else would let anyone choose what the leaders "checked".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod, CheckSettings, entry_levels
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.domain.leases import check_scope
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.text_rules import clean_name
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.access.leases import Lease, acquire_lease, beat_lease, this_workstation
from kaohe_desktop.services.checks.check_writes import Writer, write_checks
from kaohe_desktop.services.checks.copy_forward import copy_forward_drafts
from kaohe_desktop.services.checks.due_list import latest_sample, load_due_list
from kaohe_desktop.services.checks.samples import draw_and_record, sample_sheet
from kaohe_desktop.services.checks.settings import read_check_settings, write_check_settings
from kaohe_desktop.services.checks.views import CheckChange, DueCheckRow, DueList, SampleView
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_file
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.queries.org import active_department_names
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
SAMPLE_PDF = "局领导抽查清单（.pdf）"


class CheckService:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock
        self.workstation = this_workstation()

    def _today(self) -> date:
        return self._clock().date()

    # --- reading ------------------------------------------------------------------------

    @requires(Action.VIEW)
    def due_list(self, period: CheckPeriod) -> DueList:
        """Every task × responsible department due in `period`, with its checks per level."""
        with self._uow.read() as session:
            return load_due_list(session, period, self._today())

    @requires(Action.VIEW)
    def settings(self) -> CheckSettings:
        with self._uow.read() as session:
            return read_check_settings(session)

    @requires(Action.VIEW)
    def entry_levels(self) -> tuple[CheckLevel, ...]:
        """The levels this account records at, its default first (empty: none)."""
        return entry_levels(self.guard.actor.role, self.settings())

    @requires(Action.VIEW)
    def sample(self, period: CheckPeriod) -> SampleView | None:
        """The period's latest 三级 draw (None: not drawn yet)."""
        with self._uow.read() as session:
            return latest_sample(session, period)

    # --- settings -----------------------------------------------------------------------

    @requires(Action.EDIT_SCHEME)
    def save_settings(self, settings: CheckSettings) -> CheckSettings:
        """Store the settings (audited); the 督查科室 must be a department in use."""
        name = settings.supervision_department
        settings = replace(settings, supervision_department=clean_name(name or "") or None)
        if settings.clerk_level is CheckLevel.LEADERSHIP:
            raise InputError("未保存：录入员录入层级只能是一级或二级（三级是局领导抽查）。")

        def work(session: Session) -> CheckSettings:
            chosen = settings.supervision_department
            if chosen is not None and chosen not in active_department_names(session):
                raise InputError(f"未保存：督查科室“{chosen}”不是在用的科室，请从科室列表中选择。")
            write_check_settings(session, self.guard.actor.username, settings)
            return read_check_settings(session)

        return self._uow.write(work)

    # --- the department's lease ---------------------------------------------------------

    @requires(Action.RECORD_CHECKS)
    def acquire_lease(self, period: CheckPeriod, department_id: int) -> Lease:
        """The 查账 lease of one department in `period` (LeaseHeldError naming who holds
        it). Taken here, not through LeaseService.acquire, because 审核人 record checks
        without the right to enter other data; give it back with LeaseService.release."""
        with self._uow.read() as session:
            department = session.get(DepartmentRow, department_id)
            if department is None:
                raise InputError(f"科室（内部编号 {department_id}）不存在，可能已被删除。")
            label = f"{department.name}{period.label()}查账"
        scope = check_scope(str(period), department_id)
        actor = self.guard.actor
        return acquire_lease(self._uow, actor, self.workstation, scope, label, self._clock)

    @requires(Action.RECORD_CHECKS)
    def heartbeat_lease(self, lease: Lease) -> None:
        """Keep a 查账 lease alive (LeaseLostError once it was taken over)."""
        beat_lease(self._uow, lease, self._clock)

    # --- entering -----------------------------------------------------------------------

    @requires(Action.RECORD_CHECKS)
    def set_checks(
        self, period: CheckPeriod, changes: Sequence[CheckChange], leases: Sequence[Lease]
    ) -> list[DueCheckRow]:
        """Record, change or clear checks, all of them or none; returns the fresh rows of
        the pairs touched, in the due list's order.

        A field left None keeps what is stored and "" empties a text; a new check needs
        a status and takes today as 核查日期 and this account's name as 核查人 unless
        given. Editing any field of a draft confirms it, as does `confirm_draft`;
        `clear` deletes that level's check (refused while files or notices refer to it).
        """
        if not changes:
            return []
        writer = Writer(self.guard.actor, self._today())
        return self._uow.write(
            lambda session: write_checks(session, period, changes, leases, writer)
        )

    @requires(Action.RECORD_CHECKS)
    def set_status_for(
        self,
        period: CheckPeriod,
        keys: Sequence[tuple[int, int]],
        level: CheckLevel,
        status: CheckStatus,
        versions: Mapping[tuple[int, int], int | None],
        leases: Sequence[Lease],
    ) -> list[DueCheckRow]:
        """One status for the selected (task_id, department_id) rows at one level: the
        same write and the same rules as set_checks, one change per row. `versions`
        holds the version of each row's check at that level as the page saw it (a key
        left out: none seen)."""
        changes = [
            CheckChange(key[0], key[1], level, versions.get(key), status=status)
            for key in dict.fromkeys(keys)
        ]
        return self.set_checks(period, changes, leases)

    @requires(Action.RECORD_CHECKS)
    def copy_forward(
        self,
        period: CheckPeriod,
        leases: Sequence[Lease],
        *,
        department_ids: Collection[int] | None = None,
    ) -> int:
        """Copy the previous period's checks at this account's default level as drafts
        of `period`, where `period` has none at that level; returns how many (0 when
        there was nothing to copy: the page says 上期没有可复制的记录)."""
        levels = entry_levels(self.guard.actor.role, self.settings())
        level, today = levels[0], self._today()
        return self._uow.write(
            lambda session: copy_forward_drafts(
                session, period, level, leases, today, department_ids
            )
        )

    # --- the 三级 draw ------------------------------------------------------------------

    @requires(Action.REVIEW)
    def draw_sample(
        self, period: CheckPeriod, *, percent: int | None = None, count: int | None = None
    ) -> SampleView:
        """Draw the period's 局领导抽查 sample from its confirmed checks: `percent` of them
        or `count`, the settings' share when neither is given; the draw is recorded
        (seed, population, who, when) and becomes the period's sample."""
        now = self._clock()
        drawn_by = self.guard.actor.display_name
        return self._uow.write(
            lambda session: draw_and_record(
                session, period, now.date(), now, drawn_by, percent=percent, count=count
            )
        )

    @requires(Action.EXPORT)
    def sample_pdf(
        self,
        period: CheckPeriod,
        out: Path,
        font_path: Path | None = None,
        *,
        printed_on: date | None = None,
    ) -> Path:
        """The printable 局领导抽查清单 of the period's latest draw (A4 portrait)."""
        # reportlab (~150 ms to import) is loaded only when a PDF is written.
        from kaohe_desktop.reports.pdf_check_sample import write_check_sample

        out = output_file(out, SAMPLE_PDF)
        with self._uow.read() as session:
            sheet = sample_sheet(session, period, printed_on or self._today())
        write_check_sample(sheet, out, pdf_font(font_path))
        return out
