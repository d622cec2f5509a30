"""期间关闭 through its dialog: who may close and reopen, and what the table says (on the
demo bureau before any of its periods was closed: DEMO_ROLES_UNCLOSED)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from tests.factories import DEMO_ROLES_UNCLOSED, CopyMaster, sign_in
from tests.services.scoring.score_helpers import settle_ties
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.files.periods import PeriodState
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.periods import periods_dialog
from kaohe_desktop.ui.periods.period_rows import status_text
from kaohe_desktop.ui.periods.periods_dialog import PeriodsDialog

YEAR = 2026


@pytest.fixture
def open_as(copy_master: CopyMaster) -> Iterator[Callable[..., Workspace]]:
    path = copy_master(DEMO_ROLES_UNCLOSED)
    opened: list[Workspace] = []

    def open_(role: Role, **options: Any) -> Workspace:
        workspace = sign_in(path, role, daily_backup=False, **options)
        opened.append(workspace)
        return workspace

    yield open_
    for workspace in opened:
        workspace.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Replies to the note / reason prompts, in order."""
    queue: list[str | None] = []
    monkeypatch.setattr(periods_dialog, "ask_text", lambda _p, _t, _l: queue.pop(0))
    return queue


def dialog_for(qtbot: Any, workspace: Workspace) -> PeriodsDialog:
    dialog = PeriodsDialog(workspace, workspace.periods, YEAR)
    qtbot.addWidget(dialog)
    return dialog


def state(dialog: PeriodsDialog, period: str) -> PeriodState:
    return next(row.state for row in dialog.model.rows() if row.period == period)


def test_rows_for_every_closable_period_of_the_year(qtbot: Any, open_as: Any) -> None:
    dialog = dialog_for(qtbot, open_as(Role.VIEWER))
    periods = [row.period for row in dialog.model.rows()]
    assert periods == ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026H1", "2026H2", "2026"]
    assert {row.state for row in dialog.model.rows()} == {PeriodState.OPEN}
    dialog.select_period("2026Q1")
    assert not dialog.close_button.isEnabled() and not dialog.reopen_button.isEnabled()
    assert dialog.rights.text()


def test_reviewer_closes_a_quarter_but_cannot_reopen_it(
    qtbot: Any, open_as: Any, answers: list[str | None], dialogs: Dialogs
) -> None:
    reviewer = open_as(Role.REVIEWER)
    dialog = dialog_for(qtbot, reviewer)
    assert not dialog.close_button.isEnabled()  # nothing selected yet
    dialog.select_period("2026Q1")
    assert dialog.close_button.isEnabled() and not dialog.reopen_button.isEnabled()

    answers.append("一季度数据已核对")
    with qtbot.waitSignal(dialog.periods_changed, timeout=60_000):
        wait_job(qtbot, dialog.close_selected())
    assert "ask" in dialogs.kinds()  # it said the rows become read-only first
    assert reviewer.periods.closed_periods() == ["2026Q1"]
    row = next(r for r in dialog.model.rows() if r.period == "2026Q1")
    who = "审核人reviewer（reviewer）"  # the account's display name, then the account
    assert (row.state, row.who, row.text) == (PeriodState.CLOSED, who, "一季度数据已核对")
    assert dialog.history_model.rowCount() == 1
    assert not dialog.close_button.isEnabled() and not dialog.reopen_button.isEnabled()


def test_declining_closes_nothing(
    qtbot: Any, open_as: Any, answers: list[str | None], dialogs: Dialogs
) -> None:
    admin = open_as(Role.ADMIN)
    dialog = dialog_for(qtbot, admin)
    dialog.select_period("2026Q2")
    answers.append(None)  # cancelled at the note
    assert dialog.close_selected() is None
    answers.append("")
    dialogs.answer = False  # no at the confirmation
    assert dialog.close_selected() is None
    assert admin.periods.closed_periods() == []


def test_admin_reopens_only_with_a_reason(
    qtbot: Any, open_as: Any, answers: list[str | None], dialogs: Dialogs
) -> None:
    admin = open_as(Role.ADMIN)
    admin.periods.close("2026Q1", "")
    dialog = dialog_for(qtbot, admin)
    dialog.select_period("2026Q1")
    assert dialog.reopen_button.isEnabled() and not dialog.close_button.isEnabled()

    answers.append("   ")
    assert not dialog.reopen_selected()
    assert dialogs.kinds()[-1] == "warn"
    assert admin.periods.closed_periods() == ["2026Q1"]

    answers.append("补录一条加分")
    with qtbot.waitSignal(dialog.periods_changed):
        assert dialog.reopen_selected()
    assert admin.periods.closed_periods() == []
    row = next(r for r in dialog.model.rows() if r.period == "2026Q1")
    assert (row.state, row.who, row.text) == (PeriodState.REOPENED, "admin", "补录一条加分")
    assert dialog.close_button.isEnabled()  # it can be closed again


def test_a_closed_half_year_shows_its_quarters_locked(qtbot: Any, open_as: Any) -> None:
    admin = open_as(Role.ADMIN)
    settle_ties(admin)  # the demo's half has a tie for the committee
    admin.periods.close("2026H1", "上半年结账")
    dialog = dialog_for(qtbot, admin)
    assert state(dialog, "2026H1") is PeriodState.CLOSED
    assert state(dialog, "2026Q1") is PeriodState.COVERED
    assert state(dialog, "2026Q2") is PeriodState.COVERED
    assert state(dialog, "2026Q3") is PeriodState.OPEN
    assert state(dialog, "2026") is PeriodState.OPEN  # closing a half leaves the year open
    row = next(r for r in dialog.model.rows() if r.period == "2026Q1")
    assert "2026年上半年" in status_text(row)


def test_another_year_has_its_own_rows(qtbot: Any, open_as: Any) -> None:
    admin = open_as(Role.ADMIN)
    admin.periods.close("2026Q1", "")
    dialog = dialog_for(qtbot, admin)
    dialog.year.setValue(2025)
    assert dialog.model.row_at(0).period == "2025Q1"
    assert {r.state for r in dialog.model.rows()} == {PeriodState.OPEN}
    assert dialog.history_model.rowCount() == 1  # the history is the whole file's
