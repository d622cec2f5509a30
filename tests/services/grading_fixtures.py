"""The fixtures of a test that grades GRADING_BUREAU as its administrator: the copied file
(`path`), the administrator signed in on the module's own `clock` (`admin`) and the
grading leases taken (`leases`). A module imports them by name (and lists them in
`__all__`) and defines `clock`, the day its story happens on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.grading_bureau import GRADING_BUREAU, take_leases

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.workspace import Workspace

# Every roster member scored: 实绩分 and 领导测评分 as typed.
ALL = {"P01": ("95", "95"), "P02": ("93", "93"), "P03": ("91", "91"), "P04": ("85", "85"),
       "P05": ("70", "70")}  # fmt: skip


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(GRADING_BUREAU)


@pytest.fixture
def admin(path: Path, clock: Clock) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def leases(admin: Workspace) -> list[Lease]:
    return take_leases(admin)
