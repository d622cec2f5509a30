"""services/archive/annual_cache: the year's 年度考核 kept between reads — the same sheet
as one built afresh, read again when another workstation changes a decision (only the
decisions), a score or a discipline (everything), and changed in place by a decision
made here (only that decision read back).

The bureau is tests/services/archive/annual_bureau.py (P02 is kept from 优秀 by Q4's 一般;
Q4 is open)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from tests.factories import CopyMaster, sign_in
from tests.services.archive.annual_bureau import ANNUAL_BUREAU, YEAR, ids, rows
from tests.services.grading_bureau import score, take_leases

from kaohe_desktop.domain.archive_records import RewardDraft
from kaohe_desktop.domain.enums import DisciplineType
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.archive.annual_sheet import build_annual_sheet
from kaohe_desktop.services.archive.views import AnnualSheetView
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace

Q4 = Quarter(YEAR, 4)


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(ANNUAL_BUREAU)


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def other(path: Path) -> Iterator[Workspace]:
    """Another workstation on the same file."""
    workspace = sign_in(path, daily_backup=False)
    yield workspace
    workspace.close()


def afresh(workspace: Workspace) -> AnnualSheetView:
    """The year built from nothing kept (the uncached path every report takes)."""
    with workspace.opened.unit_of_work("test").read() as session:
        return build_annual_sheet(session, YEAR)


def test_the_kept_year_is_the_year_built_afresh_and_read_once(admin: Workspace) -> None:
    sheet = admin.annual.sheet(YEAR)
    assert sheet == afresh(admin)
    assert admin.annual.sheet(YEAR) is sheet
    assert admin.annual.years.reads == 1


def test_a_decision_here_reads_back_only_itself(admin: Workspace) -> None:
    people = ids(admin)
    admin.annual.sheet(YEAR)
    lease = admin.annual.acquire_lease(YEAR)
    recommended = admin.annual.recommend(YEAR, people["P04"], [lease])
    assert rows(recommended)["P04"].grade == "优秀"
    assert recommended == afresh(admin)
    assert admin.annual.sheet(YEAR) is recommended  # kept as the write left it
    noted = admin.annual.set_note(YEAR, people["P01"], "借调半年", [lease])
    assert rows(noted)["P01"].note == "借调半年"
    assert noted == afresh(admin)
    assert admin.annual.years.reads == 1  # the year's inputs, read once for all of it


def test_a_refused_decision_leaves_the_kept_year(admin: Workspace) -> None:
    people = ids(admin)
    before = admin.annual.sheet(YEAR)
    lease = admin.annual.acquire_lease(YEAR)
    with pytest.raises(InputError, match="不符合优秀资格"):
        admin.annual.recommend(YEAR, people["P02"], [lease])
    assert admin.annual.sheet(YEAR) == before == afresh(admin)


def test_another_workstations_decision_is_read_again(admin: Workspace, other: Workspace) -> None:
    people = ids(admin)
    assert rows(admin.annual.sheet(YEAR))["P04"].grade == "称职"
    lease = other.annual.acquire_lease(YEAR)
    other.annual.recommend(YEAR, people["P04"], [lease])
    sheet = admin.annual.sheet(YEAR)
    assert rows(sheet)["P04"].grade == "优秀"
    assert sheet == afresh(admin)
    # The year's first decision froze its rules (a scheme row): everything read again.
    assert admin.annual.years.reads == 2
    other.annual.withdraw(YEAR, people["P04"], [lease])
    other.annual.recommend(YEAR, people["P01"], [lease])
    other.leases.release(lease)
    sheet = admin.annual.sheet(YEAR)
    assert (rows(sheet)["P04"].grade, rows(sheet)["P01"].grade) == ("称职", "优秀")
    assert sheet == afresh(admin)
    assert admin.annual.years.reads == 2  # only the decisions were read again
    # And a decision here checks against them: the quota (1) is taken.
    mine = admin.annual.acquire_lease(YEAR)
    with pytest.raises(InputError, match="优秀名额已满"):
        admin.annual.recommend(YEAR, people["P04"], [mine])


def test_another_workstations_score_is_read_again(admin: Workspace, other: Workspace) -> None:
    people = ids(admin)
    assert rows(admin.annual.sheet(YEAR))["P02"].recommend_refusal is not None
    # P02's 一般 of Q4 becomes 好: nothing keeps them from 优秀 any more.
    score(other, {"P02": ("95", "95")}, take_leases(other, Q4, ("综合科",)), Q4)
    sheet = admin.annual.sheet(YEAR)
    assert rows(sheet)["P02"].quarter_grades[3] == "好"
    assert rows(sheet)["P02"].recommend_refusal is None
    assert sheet == afresh(admin)
    assert admin.annual.years.reads == 2
    lease = admin.annual.acquire_lease(YEAR)
    assert rows(admin.annual.recommend(YEAR, people["P02"], [lease]))["P02"].grade == "优秀"


def test_another_workstations_discipline_is_read_again(admin: Workspace, other: Workspace) -> None:
    people = ids(admin)
    assert rows(admin.annual.sheet(YEAR))["P01"].recommend_refusal is None
    lease = other.archive_records.acquire_lease(people["P01"])
    warning = RewardDraft(DisciplineType.WARNING, date(2026, 11, 2), "迟报", "纪〔2026〕3号")
    other.archive_records.add_reward(people["P01"], warning, lease)
    sheet = admin.annual.sheet(YEAR)
    assert "警告" in rows(sheet)["P01"].limits
    assert rows(sheet)["P01"].recommend_refusal is not None
    assert sheet == afresh(admin)
    assert admin.annual.years.reads == 2
