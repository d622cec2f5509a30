"""PostgreSQL for the tests: one throwaway cluster per run, a database per test.

The cluster (devtools/throwaway_pg.py) is started once per run, or attached from
KAOHE_TEST_PG_FOLDER (a cluster someone started by hand, left running). Each master
data file (tests/factories.Master) is copied once onto the server as a template
database by the application's own copy (storage/copy.py); each test then gets
`CREATE DATABASE … TEMPLATE` of it, which costs a few tens of milliseconds. The tests
sign in as `kaohe_app`, the clerks' least-privileged account, so the suite proves the
application needs no more than docs/RELIABILITY.md §8 grants.

Without PostgreSQL binaries the server half of the suite is skipped with a loud
reason; with KAOHE_REQUIRE_POSTGRESQL=1 (CI sets it) it fails instead.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from devtools.throwaway_pg import APP, OWNER, Cluster, attach, pg_bin_dir, start

from kaohe_desktop.storage.copy import copy_to_server
from kaohe_desktop.storage.engine import make_engine
from kaohe_desktop.storage.server_engine import make_server_engine
from kaohe_desktop.storage.source import parse_server_url

REQUIRE = "KAOHE_REQUIRE_POSTGRESQL"
ATTACH = "KAOHE_TEST_PG_FOLDER"
NO_SERVER = (
    "!!! 未找到 PostgreSQL 程序（initdb/pg_ctl）：数据库服务器后端的测试全部跳过。"
    "安装 postgresql（Debian: apt-get install postgresql）后重跑；"
    "CI 设 KAOHE_REQUIRE_POSTGRESQL=1，此时缺少 PostgreSQL 会失败而不是跳过。"
)


def unavailable() -> None:
    """Skip (loudly) or fail when there is no PostgreSQL to test against."""
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(NO_SERVER.replace("全部跳过", "不能跳过（KAOHE_REQUIRE_POSTGRESQL=1）"))
    pytest.skip(NO_SERVER)


class PgPlace:
    """Databases on the run's cluster: empty ones, and clones of master files."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self._templates: dict[Path, str] = {}
        self._numbers = itertools.count(1)
        self._made: list[str] = []

    def _name(self, prefix: str) -> str:
        return f"{prefix}_{os.getpid()}_{next(self._numbers)}"

    def empty(self, account: str = OWNER) -> str:
        """A new empty database (with the least-privilege grants); its URL."""
        name = self._name("t")
        self.cluster.create_database(name)
        self._made.append(name)
        return self.cluster.url(name, account)

    def template_of(self, master: Path) -> str:
        """The template database holding a copy of the master file `master`."""
        if master not in self._templates:
            name = self._name("tpl")
            self.cluster.create_database(name)
            source = make_engine(master, read_only=True)
            target = make_server_engine(parse_server_url(self.cluster.url(name, OWNER)))
            try:
                copy_to_server(source, target, evidence_dir=None)
            finally:
                source.dispose()
                target.dispose()
            self._templates[master] = name
            self._made.append(name)
        return self._templates[master]

    def clone(self, master: Path, evidence_dir: Path, account: str = APP) -> str:
        """A database of its own holding what `master` holds; the test's 佐证材料 go
        to `evidence_dir`. Returns the URL of `account` (default: the clerks')."""
        name = self._name("t")
        self.cluster.create_database(name, template=self.template_of(master))
        self._made.append(name)
        evidence_dir.mkdir(parents=True, exist_ok=True)
        self.cluster.psql(
            "INSERT INTO app_meta (key, value) VALUES ('evidence_dir', "
            f"'{evidence_dir.absolute()}') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            database=name,
        )
        return self.cluster.url(name, account)

    def made(self) -> list[str]:
        """Every database this run made (dropped ones included: dropping is idempotent)."""
        return list(self._made)

    def drop(self, url: str) -> None:
        name = parse_server_url(url).database
        self.cluster.drop_database(name)


def start_cluster(folder: Path) -> tuple[Cluster, bool]:
    """The run's cluster and whether this run started it (and so stops it)."""
    attached = os.environ.get(ATTACH)
    if attached:
        return attach(Path(attached)), False
    if pg_bin_dir() is None:
        unavailable()
    return start(folder, durable=False), True


def stop_cluster(cluster: Cluster, started: bool, place: PgPlace | None = None) -> None:
    """Stop and remove a cluster this run started; on one it was lent (attached), drop
    the databases the run made instead."""
    if not started and place is not None:
        for name in place.made():
            cluster.drop_database(name)
    if started:
        cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)
