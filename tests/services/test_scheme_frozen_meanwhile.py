"""The scheme editor (services/schemes, services/common/scheme_rows):
a period frozen by a clerk's first entry after the administrator read it is refused as
frozen, not as "changed by another administrator, check and save again"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.grading_bureau import GRADING_BUREAU, score, take_leases

from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.schemes.editor import SchemeKind
from kaohe_desktop.services.workspace import Workspace

T0 = datetime(2026, 5, 6, 9, 30, 0)


@pytest.fixture
def admin(copy_master: CopyMaster) -> Iterator[Workspace]:
    path: Path = copy_master(GRADING_BUREAU)
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(T0))
    yield workspace
    workspace.close()


@pytest.mark.parametrize("set_ahead", [False, True])
def test_frozen_since_read_is_said_as_frozen(admin: Workspace, set_ahead: bool) -> None:
    if set_ahead:
        admin.schemes.save(SchemeKind.QUARTERLY, "2026Q2", QuarterlyRules(), 0)
    read = admin.schemes.period(SchemeKind.QUARTERLY, "2026Q2")
    assert read.frozen_at is None
    score(admin, {"P01": ("80", "90")}, take_leases(admin))  # the first entry freezes it
    with pytest.raises(InputError) as refused:
        admin.schemes.save(
            SchemeKind.QUARTERLY, "2026Q2", QuarterlyRules(good_quota=Decimal("0.3")), read.version
        )
    assert "冻结" in str(refused.value) and "他人修改" not in str(refused.value)
