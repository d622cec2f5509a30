"""A database of its own on the run's PostgreSQL cluster, for the schema and trigger
tests of issue 17 (tests/storage/test_postgresql_schema.py,
tests/reliability/test_period_locks_both.py): made empty, reached as any account,
dropped afterwards. The cluster is the `pg_place` fixture's (tests/conftest.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from devtools.throwaway_pg import APP, OWNER, SUPERUSER, Cluster
from sqlalchemy import Engine, create_engine
from tests.pg_support import PgPlace


@dataclass(frozen=True)
class ScratchDatabase:
    cluster: Cluster
    name: str

    def url(self, account: str = OWNER) -> str:
        return self.cluster.url(self.name, account)

    def engine(self, account: str = OWNER) -> Engine:
        return create_engine(self.url(account))

    def psql(self, sql: str, account: str = SUPERUSER) -> str:
        return self.cluster.psql(sql, self.name, account)


@contextmanager
def scratch_database(place: PgPlace) -> Iterator[ScratchDatabase]:
    """A new empty database owned by kaohe_owner with kaohe_app's least rights."""
    database = ScratchDatabase(place.cluster, f"scratch_{uuid.uuid4().hex[:12]}")
    place.cluster.create_database(database.name)
    try:
        yield database
    finally:
        place.cluster.drop_database(database.name)


__all__ = ["APP", "OWNER", "ScratchDatabase", "scratch_database"]
