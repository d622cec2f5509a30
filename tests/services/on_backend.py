"""Module-scoped fixtures on both backends (issue 17): a test module that builds its
office once (Argon2 makes sign-in slow) parametrizes that fixture by BACKENDS and
gets its data through master_on, a data file or a PostgreSQL database holding it.

    @pytest.fixture(scope="module", params=BACKENDS)
    def office(request, master_files, tmp_path_factory): ...
        path = master_on(request, master_files, KIND, tmp_path_factory.mktemp("x"))
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pytest
from tests.factories import ADMIN, Master, MasterFiles
from tests.pg_support import PgPlace

from kaohe_desktop.services.workspace import Workspace, create_workspace

BACKENDS = ("sqlite", "postgresql")


def master_on(
    request: pytest.FixtureRequest, master_files: MasterFiles, kind: Master, folder: Path
) -> Path:
    """A copy of master `kind` on the backend `request.param` names: a file in `folder`,
    or the URL of a database of its own (the clerks' account; 佐证材料 in `folder`).
    Like copy_master's, the URL goes where a path goes: sign_in takes both."""
    if request.param == "sqlite":
        return master_files.copy(kind, folder)
    place: PgPlace = request.getfixturevalue("pg_place")
    return place.clone(master_files[kind], folder / "佐证材料")  # type: ignore[return-value]


def copies_on(
    request: pytest.FixtureRequest,
    master_files: MasterFiles,
    kind: Master,
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[], Path]:
    """For a module-scoped fixture parametrized by BACKENDS: a maker of fresh copies of
    master `kind` on that backend (a test that must not change the module's office)."""
    place: PgPlace | None = None
    if request.param != "sqlite":
        place = request.getfixturevalue("pg_place")

    def copy() -> Path:
        folder = tmp_path_factory.mktemp(kind.label)
        if place is None:
            return master_files.copy(kind, folder)
        return place.clone(master_files[kind], folder / "佐证材料")  # type: ignore[return-value]

    return copy


class NewBureau(Protocol):
    def __call__(self, name: str = ..., *, bureau_name: str = ...) -> Workspace: ...


def new_bureau(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewBureau:
    """For a module's function-scoped fixture on `backend`: new, empty bureaus signed in
    as their administrator (ADMIN), each a data file `name` in tmp_path or (postgresql)
    an empty server database of its own, as its owner, 佐证材料 in tmp_path / name."""

    def make(name: str = "新文件.kaohe", *, bureau_name: str = "测试局") -> Workspace:
        if backend == "sqlite":
            return create_workspace(tmp_path / name, admin=ADMIN, bureau_name=bureau_name)
        place: PgPlace = request.getfixturevalue("pg_place")
        evidence = tmp_path / name / "佐证材料"
        evidence.mkdir(parents=True)
        return create_workspace(
            place.empty(), admin=ADMIN, bureau_name=bureau_name, evidence_dir=evidence
        )

    return make
