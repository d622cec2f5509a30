"""Shared by every test package: Qt never needs a display, data files live in tmp_path."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any test module imports Qt: the GUI tests run headless everywhere (CI, servers).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Before any test module imports the accounts service, and inherited by every child
# process and `kaohe` subprocess: argon2's CHEAPEST profile instead of ~80 ms a password
# (services/access/accounts.py says why that is safe).
os.environ["KAOHE_TEST_CHEAPEST_HASH"] = "1"

# Imported after the variable is set: factories imports the accounts service.
from tests.factories import CopyMaster, Master, MasterFiles
from tests.pg_support import REQUIRE, PgPlace, start_cluster, stop_cluster


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A path for a new data file in this test's own folder (the file does not exist yet)."""
    return tmp_path / "考核台账.kaohe"


@pytest.fixture(autouse=True)
def _local_backup_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups made by a test (default folder: ~/考核台账备份) stay in its own folder."""
    monkeypatch.setenv("KAOHE_BACKUP_DIR", str(tmp_path / "备份"))


@pytest.fixture(scope="session")
def master_files(tmp_path_factory: pytest.TempPathFactory) -> MasterFiles:
    """Every kind of master data file the run asks for, each built once (tests/factories)."""
    return MasterFiles(tmp_path_factory)


@pytest.fixture
def copy_master(master_files: MasterFiles, tmp_path: Path) -> CopyMaster:
    """This test's own copy of a master file: copy_master(DEMO_ROLES) is in tmp_path,
    copy_master(DEMO_ROLES, tmp_path / "共享盘") in that folder. (tests/services has
    its own, on both backends.)"""

    def copy(kind: Master, folder: Path | None = None) -> Path:
        return master_files.copy(kind, tmp_path if folder is None else folder)

    return copy


@pytest.fixture
def copy_master_on(
    master_files: MasterFiles, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> CopyMaster:
    """copy_master on the test's backend: a file path, or (postgresql) the URL of a
    database of its own holding the same master, signed in as the clerks' account."""
    if backend == "sqlite":
        return request.getfixturevalue("copy_master")  # type: ignore[no-any-return]
    place: PgPlace = request.getfixturevalue("pg_place")

    made: list[str] = []

    def clone(kind: Master, folder: Path | None = None) -> Path:
        evidence = (tmp_path if folder is None else folder) / "佐证材料"
        made.append(place.clone(master_files[kind], evidence))
        # A URL where the file tests have a path: sign_in and open_workspace take both.
        return made[-1]  # type: ignore[return-value]

    # Dropped after the test (connections still open are ended): the cluster stays small.
    request.addfinalizer(lambda: [place.drop(url) for url in made])
    return clone


# --- PostgreSQL (issue 17): the server half of the suite ----------------------------

BACKENDS = ("sqlite", "postgresql")
# The system's temporary folder as the run starts: a test that points tempfile at its own
# folder must not become the home of the run's cluster.
_TMP = tempfile.gettempdir()


@pytest.fixture(scope="session")
def pg_place() -> Iterator[PgPlace]:
    """The run's throwaway PostgreSQL cluster (tests/pg_support.py); skipped loudly,
    or failed under KAOHE_REQUIRE_POSTGRESQL=1, when there is no PostgreSQL."""
    # Not under pytest's basetemp: a second pytest run prunes old basetemps, and
    # with them a cluster still running.
    cluster, started = start_cluster(Path(tempfile.mkdtemp(prefix="kaohe-pg-test-", dir=_TMP)))
    # libpq reads it, in this process and in every `kaohe` child the tests start.
    os.environ["PGPASSWORD"] = cluster.password
    place = PgPlace(cluster)
    try:
        yield place
    finally:
        stop_cluster(cluster, started, place)


@pytest.fixture
def pg_url(pg_place: PgPlace) -> Iterator[str]:
    """A new, empty database on the run's cluster (the owner's URL, no password),
    dropped after the test."""
    url = pg_place.empty()
    yield url
    pg_place.drop(url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Run the test on a data file and on a PostgreSQL server. A test marked
    `file_only` (it looks at the file's bytes, sidecars or SQLite itself) runs on
    the file only: its server variant is deselected at collection, not skipped."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_place")
    return str(request.param)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "file_only(reason): runs on a data file only, never on a server"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_server = callspec is not None and callspec.params.get("backend") == "postgresql"
        (dropped if on_server and item.get_closest_marker("file_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under KAOHE_REQUIRE_POSTGRESQL=1 (CI) a run that ran no test on the server
    fails, whatever else passed: a skipped server half must not look green."""
    if os.environ.get(REQUIRE) != "1" or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = reporter.stats if reporter is not None else {}
    on_server = [r for r in stats.get("passed", []) if "postgresql" in r.nodeid]
    # A skip naming PostgreSQL anywhere (its reason or the test) hides part of the server half.
    hidden = [
        r for r in stats.get("skipped", []) if "postgresql" in f"{r.nodeid} {r.longrepr}".lower()
    ]
    if (not on_server and session.testscollected) or hidden:
        if reporter is not None:
            reporter.write_line(
                "!!! KAOHE_REQUIRE_POSTGRESQL=1，但服务器部分的测试没有全部运行"
                f"（在 PostgreSQL 上通过 {len(on_server)} 个，跳过 {len(hidden)} 个）：判为失败。",
                red=True,
            )
        session.exitstatus = 1
