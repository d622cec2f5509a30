"""The storage guarantees on both backends: `bare` makes a new bare database (storage
only, no accounts) on the test's backend, a data file or a PostgreSQL database, and
opens it again as another workstation would."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from devtools.throwaway_pg import APP, OWNER, SUPERUSER
from tests.factories import new_data_file
from tests.pg_support import PgPlace

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.storage.database import OpenedFile, open_data_file
from kaohe_desktop.storage.server_database import create_server_database, open_server_database
from kaohe_desktop.storage.source import ServerAddress, parse_server_url

BUREAU = "测试县市场监督管理局"


@dataclass
class Bare:
    """New bare databases on one backend, in (or, on a server, beside) `folder`."""

    backend: str
    folder: Path
    place: PgPlace | None = None

    @property
    def on_server(self) -> bool:
        return self.place is not None

    def new(self, name: str = "考核台账.kaohe") -> OpenedFile:
        """A new bare database, opened for writing. On a server it is made by the
        owner (tables, triggers) and opened as the clerks' account, kaohe_app."""
        if self.place is None:
            return new_data_file(self.folder, name)
        owner = parse_server_url(self.place.empty())
        create_server_database(
            owner,
            bureau_name=BUREAU,
            account="tester",
            staff_categories=DEFAULT_STAFF_CATEGORIES,
            evidence_dir=self.folder / "佐证材料",
        ).close()
        return open_server_database(replace(owner, user=APP))

    def source(self, opened: OpenedFile) -> Path | ServerAddress:
        """What another process opens `opened` by: the file's path or the address."""
        return opened.server if opened.server is not None else opened.path

    def open(self, source: Path | ServerAddress | str, **options: object) -> OpenedFile:
        """Open a database as another workstation would (open_data_file's options)."""
        if isinstance(source, ServerAddress):
            return open_server_database(source, **options)  # type: ignore[arg-type]
        return open_data_file(Path(source), **options)  # type: ignore[arg-type]

    def empty(self) -> ServerAddress:
        """(server only) A new empty database, the owner's address."""
        assert self.place is not None
        return parse_server_url(self.place.empty())

    def superuser(self, address: ServerAddress, sql: str) -> str:
        """(server only) Run `sql` as the cluster's superuser: what a tamperer with
        the server's administrator rights could do (the clerks' account cannot)."""
        assert self.place is not None
        return self.place.cluster.psql(sql, database=address.database, account=SUPERUSER)

    def owner(self, address: ServerAddress) -> ServerAddress:
        return replace(address, user=OWNER)


@pytest.fixture
def bare(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Bare:
    """New bare databases on the test's backend (tests/conftest.py `backend`)."""
    if backend == "sqlite":
        return Bare(backend, tmp_path)
    return Bare(backend, tmp_path, request.getfixturevalue("pg_place"))


def attach_raw(path: Path, sha: str, name: str = "扫描件.txt") -> None:
    """An evidence_file row referring to `sha`, on the first check it may be added to."""
    raw = sqlite3.connect(path)
    try:
        for (check_id,) in raw.execute("SELECT id FROM check_record ORDER BY id DESC").fetchall():
            try:
                raw.execute(
                    "INSERT INTO evidence_file (check_id, file_name, sha256, size_bytes, "
                    "media_type, added_by, added_at, version) "
                    "VALUES (?, ?, ?, 6, 'text/plain', 'admin', '2026-05-06 09:30:00.000000', 1)",
                    (check_id, name, sha),
                )
                raw.commit()
                return
            except sqlite3.IntegrityError:
                continue  # a check of a closed period
        raise AssertionError("no check takes an attachment")
    finally:
        raw.close()
