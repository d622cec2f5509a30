"""The fixtures of the 考核方案 dialog's tests: the small grading bureau on 2026-05-06
(2026Q2 in progress, 2026Q3 the next), opened as any role (`open_as`). A module imports
them by name and lists them in `__all__`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.grading_bureau import GRADING_BUREAU

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.workspace import Workspace

T0 = datetime(2026, 5, 6, 9, 30, 0)


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(GRADING_BUREAU)


@pytest.fixture
def open_as(path: Path) -> Iterator[Callable[[Role], Workspace]]:
    opened: list[Workspace] = []

    def open_(role: Role) -> Workspace:
        opened.append(sign_in(path, role, daily_backup=False, clock=Clock(T0)))
        return opened[-1]

    yield open_
    for workspace in opened:
        workspace.close()
