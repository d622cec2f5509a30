"""The command signs in like a clerk: the tests' account and password come from the
environment, as a batch script's would. Its log file is the run's own, not the home
folder's."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.factories import PASSWORD, copy_to, fingerprint
from tests.pg_contents import server_contents
from tests.pg_support import PgPlace

from kaohe_desktop.cli import main
from kaohe_desktop.services.common.technical_log import LOG_ENVIRONMENT
from kaohe_desktop.storage.source import parse_server_url


@pytest.fixture(scope="session")
def log_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("log") / "kaohe.log"


@pytest.fixture(scope="session", autouse=True)
def _signed_in_environment(log_file: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAOHE_USER", "tester")
        patch.setenv("KAOHE_PASSWORD", PASSWORD)
        patch.setenv(LOG_ENVIRONMENT, str(log_file))
        yield


def kaohe_process(
    *args: str, user: str = "tester", **environment: str
) -> subprocess.CompletedProcess[str]:
    """`kaohe …` in a child process, signed in as `user` with the tests' password
    (`environment` adds to or overrides the variables); stdin is not a terminal, so
    the command must not prompt."""
    env = {**os.environ, "KAOHE_USER": user, "KAOHE_PASSWORD": PASSWORD, **environment}
    return subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


# --- Both backends (issue 17): `--db` takes a data file's path or a server's URL -------


@pytest.fixture
def db_state(request: pytest.FixtureRequest) -> Callable[[Path | str], str]:
    """What a data source holds now, to prove a command wrote nothing: a file's bytes,
    a server database's objects and rows (read as the cluster's superuser)."""

    def state(db: Path | str) -> str:
        if isinstance(db, Path):
            return fingerprint(db)
        place: PgPlace = request.getfixturevalue("pg_place")
        return server_contents(place.cluster, parse_server_url(db).database)

    return state


@pytest.fixture
def fresh_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> FreshDb:
    """Where `kaohe init` makes a new bureau, and the options it needs there: a new
    file's path; on a server an empty database (its owner's URL: making the tables
    takes the owner's rights) and the shared 佐证材料 folder."""
    if backend == "sqlite":
        return FreshDb(tmp_path / "新.kaohe", [])
    place: PgPlace = request.getfixturevalue("pg_place")
    return FreshDb(place.empty(), ["--evidence-dir", str(tmp_path / "佐证材料")])


@dataclass
class FreshDb:
    db: Path | str
    init_options: list[str]

    def init(self, *options: str) -> list[str]:
        """The arguments of `kaohe --db … init`, before any more options."""
        return ["--db", str(self.db), "init", *self.init_options, *options]


def on_backend(
    master: Path, backend: str, folder: Path, request: pytest.FixtureRequest
) -> Path | str:
    """A private copy of the master data file `master` on `backend`: a file in
    `folder`, or a database of its own (the clerks' account's URL)."""
    if backend == "sqlite":
        return copy_to(master, folder)
    place: PgPlace = request.getfixturevalue("pg_place")
    return place.clone(master, folder / "佐证材料")


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as of 2026-12-20, made once per module by `kaohe init --demo` (a module
    wanting another bureau defines its own)."""
    path = tmp_path_factory.mktemp("demo") / "演示.kaohe"
    assert (
        main(["--db", str(path), "--user", "tester", "init", "--demo", "--as-of", "2026-12-20"])
        == 0
    )
    return path


@pytest.fixture
def demo_db(
    demo_master: Path, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Path | str:
    """On a file the module's own (the tests that change it take a copy); on a server
    a database of its own holding the same (the clerks' account's URL: `--db` and
    open_workspace take both)."""
    if backend == "sqlite":
        return demo_master
    return on_backend(demo_master, backend, tmp_path, request)
