"""The services a Workspace carries, each built (and its module imported) at first use.

Start-up pays only for what the first screen asks: the program's window shows the
visible tab's data without importing the exchange workbook, the PDF writers or the
services of the tabs not yet shown (openpyxl alone takes ~0.17 s to import). Each
attribute stays what it was, `workspace.ledger` and so on, built once per Workspace.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from kaohe_desktop.services.access.accounts import AccountService
    from kaohe_desktop.services.access.audit_log import AuditLogService
    from kaohe_desktop.services.access.guard import Guard
    from kaohe_desktop.services.access.leases import LeaseService
    from kaohe_desktop.services.archive.annual import AnnualService
    from kaohe_desktop.services.archive.annual_export import AnnualExport
    from kaohe_desktop.services.archive.archive_print import ArchivePrint
    from kaohe_desktop.services.archive.due_lists import DueListService
    from kaohe_desktop.services.archive.person_archive import PersonArchive
    from kaohe_desktop.services.archive.records import ArchiveRecords
    from kaohe_desktop.services.checks.bulletins import BulletinService
    from kaohe_desktop.services.checks.entry import CheckService
    from kaohe_desktop.services.checks.evidence import EvidenceService
    from kaohe_desktop.services.checks.notices import NoticeService
    from kaohe_desktop.services.exchange.export import ExchangeExport
    from kaohe_desktop.services.exchange.importing import ExchangeImport
    from kaohe_desktop.services.files.backups import BackupService
    from kaohe_desktop.services.files.copying import CopyService
    from kaohe_desktop.services.files.periods import PeriodService
    from kaohe_desktop.services.ledger.task_editor import TaskEditor
    from kaohe_desktop.services.ledger.tasks import LedgerService
    from kaohe_desktop.services.ledger.wall_charts import WallChartService
    from kaohe_desktop.services.org.categories import CategoryService
    from kaohe_desktop.services.org.departments import DepartmentService
    from kaohe_desktop.services.org.people import PersonService
    from kaohe_desktop.services.org.summary import BureauService
    from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
    from kaohe_desktop.services.quarterly.ranking_export import RankingExport
    from kaohe_desktop.services.quarterly.sheet_cache import QuarterSheets
    from kaohe_desktop.services.schemes.editor import SchemeEditor
    from kaohe_desktop.services.scoring.half_year_scoring import HalfYearScoringService
    from kaohe_desktop.services.scoring.score_export import ScoreExport
    from kaohe_desktop.storage.database import OpenedFile
    from kaohe_desktop.storage.unit_of_work import UnitOfWork


S = TypeVar("S")
# Held while a service is built: a worker and the GUI asking at once get the same one
# (two ArchiveRecords could otherwise keep two caches of the same outcomes).
# functools.cached_property had such a lock until Python 3.12 removed it.
_BUILDING = threading.RLock()
_MISSING = object()


class service(Generic[S]):  # lower case: a decorator, like functools.cached_property
    """A service built at first use, once per Workspace, then kept in its __dict__
    (where later lookups find it without the lock)."""

    def __init__(self, make: Callable[[Any], S]) -> None:
        self._make = make
        self._name = make.__name__
        self.__doc__ = make.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> service[S]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> S: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> S | service[S]:
        if instance is None:
            return self
        with _BUILDING:
            built = instance.__dict__.get(self._name, _MISSING)
            if built is _MISSING:
                built = instance.__dict__[self._name] = self._make(instance)
        return built  # type: ignore[no-any-return]


class WorkspaceServices:
    """Workspace's services, each built at first use; the import inside each is what
    keeps a service's modules off the start-up path."""

    guard: Guard
    _uow: UnitOfWork
    clock: Callable[[], datetime]
    opened: OpenedFile

    @property
    def path(self) -> Path:
        raise NotImplementedError

    @property
    def evidence_dir(self) -> Path:
        raise NotImplementedError

    # --- access ---------------------------------------------------------------------
    @service
    def accounts(self) -> AccountService:
        from kaohe_desktop.services.access.accounts import AccountService

        return AccountService(self.guard, self._uow)

    @service
    def audit_log(self) -> AuditLogService:
        from kaohe_desktop.services.access.audit_log import AuditLogService

        return AuditLogService(self.guard, self._uow)

    @service
    def leases(self) -> LeaseService:
        from kaohe_desktop.services.access.leases import LeaseService

        return LeaseService(self.guard, self._uow, clock=self.clock)

    # --- files ----------------------------------------------------------------------
    @service
    def backups(self) -> BackupService:
        from kaohe_desktop.services.files.backups import BackupService

        return BackupService(
            self.guard,
            self._uow,
            self.path,
            clock=self.clock,
            evidence_dir=self.evidence_dir,
            location=self.opened.location,
        )

    @service
    def copying(self) -> CopyService:
        """The whole database copied into a new file or an empty server database."""
        from kaohe_desktop.services.files.copying import CopyService

        return CopyService(self.guard, self._uow, self.opened)

    @service
    def periods(self) -> PeriodService:
        from kaohe_desktop.services.files.periods import PeriodService

        return PeriodService(self.guard, self._uow, clock=self.clock)

    @service
    def schemes(self) -> SchemeEditor:
        from kaohe_desktop.services.schemes.editor import SchemeEditor

        return SchemeEditor(self.guard, self._uow, clock=self.clock)

    # --- org ------------------------------------------------------------------------
    @service
    def bureau(self) -> BureauService:
        from kaohe_desktop.services.org.summary import BureauService

        return BureauService(self.guard, self._uow)

    @service
    def departments(self) -> DepartmentService:
        from kaohe_desktop.services.org.departments import DepartmentService

        return DepartmentService(self.guard, self._uow)

    @service
    def categories(self) -> CategoryService:
        from kaohe_desktop.services.org.categories import CategoryService

        return CategoryService(self.guard, self._uow, clock=self.clock)

    @service
    def people(self) -> PersonService:
        from kaohe_desktop.services.org.people import PersonService

        return PersonService(self.guard, self._uow)

    # --- ledger ---------------------------------------------------------------------
    @service
    def ledger(self) -> LedgerService:
        from kaohe_desktop.services.ledger.tasks import LedgerService

        return LedgerService(self.guard, self._uow)

    @service
    def tasks(self) -> TaskEditor:
        from kaohe_desktop.services.ledger.task_editor import TaskEditor

        return TaskEditor(self.guard, self._uow)

    @service
    def wall_charts(self) -> WallChartService:
        from kaohe_desktop.services.ledger.wall_charts import WallChartService

        return WallChartService(self.guard, self._uow)

    # --- quarterly and scoring ------------------------------------------------------
    @service
    def quarter_sheets(self) -> QuarterSheets:
        """The quarters' graded sheets, one cache for 平时考核, 年度考核 and 人员档案."""
        from kaohe_desktop.services.quarterly.sheet_cache import QuarterSheets

        return QuarterSheets()

    @service
    def grading(self) -> QuarterlyGrading:
        from kaohe_desktop.services.quarterly.grading import QuarterlyGrading

        return QuarterlyGrading(self.guard, self._uow, clock=self.clock, sheets=self.quarter_sheets)

    @service
    def ranking(self) -> RankingExport:
        from kaohe_desktop.services.quarterly.ranking_export import RankingExport

        return RankingExport(self.guard, self._uow)

    @service
    def scoring(self) -> HalfYearScoringService:
        from kaohe_desktop.services.scoring.half_year_scoring import HalfYearScoringService

        return HalfYearScoringService(self.guard, self._uow, clock=self.clock)

    @service
    def score_export(self) -> ScoreExport:
        from kaohe_desktop.services.scoring.score_export import ScoreExport

        return ScoreExport(self.guard, self._uow, clock=self.clock)

    # --- checks ---------------------------------------------------------------------
    @service
    def checks(self) -> CheckService:
        from kaohe_desktop.services.checks.entry import CheckService

        return CheckService(self.guard, self._uow, clock=self.clock)

    @service
    def evidence(self) -> EvidenceService:
        from kaohe_desktop.services.checks.evidence import EvidenceService

        return EvidenceService(self.guard, self._uow, self.evidence_dir, clock=self.clock)

    @service
    def bulletins(self) -> BulletinService:
        from kaohe_desktop.services.checks.bulletins import BulletinService

        return BulletinService(self.guard, self._uow, clock=self.clock)

    @service
    def notices(self) -> NoticeService:
        """The 督办单 service."""
        from kaohe_desktop.services.checks.notices import NoticeService

        return NoticeService(self.guard, self._uow, clock=self.clock)

    # --- archive and annual ---------------------------------------------------------
    @service
    def archive(self) -> PersonArchive:
        from kaohe_desktop.services.archive.person_archive import PersonArchive

        return PersonArchive(self.guard, self._uow, sheets=self.quarter_sheets)

    @service
    def archive_records(self) -> ArchiveRecords:
        from kaohe_desktop.services.archive.records import ArchiveRecords

        # The open quarters' outcomes are shared with the archive, so a record's write
        # drops what the archive (and the annual sheet) kept.
        return ArchiveRecords(
            self.guard, self._uow, clock=self.clock, outcomes=self.archive.outcomes
        )

    @service
    def archive_print(self) -> ArchivePrint:
        from kaohe_desktop.services.archive.archive_print import ArchivePrint

        return ArchivePrint(self.guard, self._uow, clock=self.clock)

    @service
    def annual(self) -> AnnualService:
        from kaohe_desktop.services.archive.annual import AnnualService

        return AnnualService(
            self.guard, self._uow, clock=self.clock, outcomes=self.archive.outcomes
        )

    @service
    def annual_export(self) -> AnnualExport:
        from kaohe_desktop.services.archive.annual_export import AnnualExport

        return AnnualExport(self.guard, self._uow, clock=self.clock)

    @service
    def due_lists(self) -> DueListService:
        from kaohe_desktop.services.archive.due_lists import DueListService

        return DueListService(self.guard, self._uow, clock=self.clock)

    # --- the exchange workbook ------------------------------------------------------
    @service
    def importer(self) -> ExchangeImport:
        from kaohe_desktop.services.exchange.importing import ExchangeImport

        return ExchangeImport(self.guard, self._uow, clock=self.clock)

    @service
    def exporter(self) -> ExchangeExport:
        from kaohe_desktop.services.exchange.export import ExchangeExport

        return ExchangeExport(self.guard, self._uow)


SERVICE_NAMES = tuple(
    name for name, value in vars(WorkspaceServices).items() if isinstance(value, service)
)
