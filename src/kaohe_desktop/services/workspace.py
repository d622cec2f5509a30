"""One open data file and the services acting on it as one account."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.services.archive_queries import ArchiveQueries
from kaohe_desktop.services.exchange_export import ExchangeExport
from kaohe_desktop.services.exchange_import import ExchangeImport
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.services.queries import Queries
from kaohe_desktop.services.views import DataFileCheck
from kaohe_desktop.storage.backup import backup_database
from kaohe_desktop.storage.database import (
    CheckReport,
    OpenedFile,
    check_data_file,
    create_data_file,
    default_backup_dir,
    open_data_file,
)

DEFAULT_BUREAU_NAME = "本单位"


def default_account() -> str:
    """Until accounts exist (see the multi-user issue) the audit names the OS login."""
    return os.environ.get("KAOHE_USER") or getpass.getuser() or "未知用户"


@dataclass
class Workspace:
    opened: OpenedFile
    account: str

    def __post_init__(self) -> None:
        uow = self.opened.unit_of_work(self.account)
        self.queries = Queries(uow)
        self.archive = ArchiveQueries(uow)
        self.importer = ExchangeImport(uow)
        self.exporter = ExchangeExport(uow)

    @property
    def path(self) -> Path:
        return self.opened.path

    @property
    def read_only(self) -> bool:
        return self.opened.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self.opened.read_only_reason

    @property
    def warnings(self) -> list[str]:
        return self.opened.warnings

    @property
    def schema_version(self) -> int:
        return self.opened.schema_version

    @property
    def default_backup_dir(self) -> Path:
        return default_backup_dir(self.path)

    def check(self) -> DataFileCheck:
        report: CheckReport = check_data_file(self.opened)
        return DataFileCheck(
            ok=report.ok,
            integrity=tuple(report.integrity),
            identity_ok=report.application_id_ok,
            schema_version=report.schema_version,
            chain_ok=report.chain.ok,
            chain_text=str(report.chain),
        )

    def backup(self, target_dir: Path | None = None) -> Path:
        """A verified copy in `target_dir` (default: the local backup folder)."""
        directory = target_dir or self.default_backup_dir
        return backup_database(self.opened.engine, self.path, directory, "手动")

    def close(self) -> None:
        self.opened.close()


def open_workspace(
    path: str | os.PathLike[str], account: str | None = None, *, read_only: bool = False
) -> Workspace:
    """Open a data file; `read_only` for leaders who only look (and for tests)."""
    return Workspace(open_data_file(path, force_read_only=read_only), account or default_account())


def create_workspace(
    path: str | os.PathLike[str],
    *,
    account: str | None = None,
    bureau_name: str = DEFAULT_BUREAU_NAME,
    demo: bool = False,
    progress: ProgressReporter = SILENT,
) -> Workspace:
    """A new data file; with `demo`, filled with the generated demo bureau."""
    account = account or default_account()
    if demo:
        from kaohe_desktop.services.demo import generate_demo_book

        book = generate_demo_book()
        bureau_name = book.bureau_name or bureau_name
        categories = tuple(book.staff_categories) or DEFAULT_STAFF_CATEGORIES
    else:
        categories = DEFAULT_STAFF_CATEGORIES
    opened = create_data_file(
        path, bureau_name=bureau_name, account=account, staff_categories=categories
    )
    workspace = Workspace(opened, account)
    if demo:
        try:
            workspace.importer.apply(book, progress=progress)
        except BaseException:
            workspace.close()
            Path(path).unlink(missing_ok=True)  # a half-made demo is worth nothing
            raise
    return workspace
