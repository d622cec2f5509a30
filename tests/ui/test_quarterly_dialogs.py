"""The 季度考核 dialogs through GradingActions: 点评, 等次调整, 不定等次, closing and
reopening the quarter, the ranking outputs and the grade chart, on a small roster
built by hand so every number can be worked out on paper.

Roster (one staff category, bureau-wide quota): 办公室 A1 A2 A3, 财务科 B1 B2.
Five participants → 好 quota floor(5 × 40%) = 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from tests.factories import CopyMaster, sign_in
from tests.ui.helpers import SMALL_ROSTER, Dialogs, wait_job

from kaohe_desktop.domain.enums import CommentKind, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import LeaseLostError
from kaohe_desktop.services.quarterly.views import GradingSheet, ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.periods import periods_dialog
from kaohe_desktop.ui.quarterly.close_quarter import BlockersDialog, CloseQuarterDialog
from kaohe_desktop.ui.quarterly.comments_dialog import CommentsDialog, clamp_to_quarter
from kaohe_desktop.ui.quarterly.grade_chart import GradeChart
from kaohe_desktop.ui.quarterly.grade_dialog import TIE_REASON, GradeDialog, NotGradedDialog
from kaohe_desktop.ui.quarterly.grading_actions import GradingActions
from kaohe_desktop.ui.quarterly.grading_editing import GradingEditing
from kaohe_desktop.ui.quarterly.grading_grid import GradingGrid, GridNote
from kaohe_desktop.ui.quarterly.grading_toolbar import QuarterlyActions
from kaohe_desktop.ui.quarterly.quarter_session import QuarterSession

QUARTER = Quarter(2026, 2)


class Office:
    """One copy of the roster, signed in, with the grading leases of both departments."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.opened: list[Workspace] = []
        self.ws = self.open(Role.ADMIN)
        self.leases = self.leases_of(self.ws)

    def open(self, role: Role) -> Workspace:
        workspace = sign_in(self.path, role, daily_backup=False)
        self.opened.append(workspace)
        return workspace

    def leases_of(self, workspace: Workspace) -> list[Lease]:
        sheet = workspace.grading.sheet(QUARTER)
        return [
            workspace.leases.acquire(grading_scope(str(QUARTER), department_id), name)
            for department_id, name in sheet.departments
        ]

    def sheet(self) -> GradingSheet:
        return self.ws.grading.sheet(QUARTER)

    def pid(self, code: str) -> int:
        return next(r.person_id for r in self.sheet().rows if r.code == code)

    def score(self, **scores: tuple[str, str] | None) -> GradingSheet:
        """score(A1=("95", "94"), B2=None): 实绩分 and 领导测评分 per person (None clears)."""
        sheet = self.sheet()
        changes = []
        for code, pair in scores.items():
            row = next(r for r in sheet.rows if r.code == code)
            for field, value in zip(ScoreField, pair or (None, None), strict=True):
                number = None if value is None else Decimal(value)
                changes.append(ScoreChange(row.person_id, field, number, row.version))
        return self.ws.grading.set_scores(QUARTER, changes, self.leases)

    def close(self) -> None:
        for workspace in self.opened:
            workspace.close()


@pytest.fixture
def office(copy_master: CopyMaster) -> Iterator[Office]:
    opened = Office(copy_master(SMALL_ROSTER))
    yield opened
    opened.close()


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def actions(parent: QWidget) -> GradingActions:
    # The tab's commands without the tab: no quarter on screen, each call names its own.
    session, grid = QuarterSession(parent), GradingGrid(parent)
    editing = GradingEditing(session, grid, GridNote(), parent)
    return GradingActions(session, grid, editing, QuarterlyActions(parent), parent)


class Emitted:
    """What a signal carried, in order."""

    def __init__(self) -> None:
        self.values: list[Any] = []

    def __call__(self, value: Any) -> None:
        self.values.append(value)


@pytest.fixture
def changed(actions: GradingActions) -> Emitted:
    record = Emitted()
    actions.changed.connect(record)
    return record


ALL_GRADED = {
    "A1": ("96", "95"),  # 95.5 好
    "A2": ("92", "91"),  # 91.5 好
    "A3": ("91", "90"),  # 90.5 ≥ 90 but the quota is used: 较好
    "B1": ("85", "80"),  # 82.5 较好
    "B2": ("70", "60"),  # 65 一般
}


# --- 点评 ---------------------------------------------------------------------
def open_comments(
    actions: GradingActions, parent: QWidget, office: Office, code: str
) -> CommentsDialog:
    sheet = office.sheet()
    row = next(r for r in sheet.rows if r.code == code)
    actions.open_comments(office.ws, sheet, row, office.leases)
    assert isinstance(actions.dialog, CommentsDialog)
    return actions.dialog


def test_a_praise_adds_its_points_and_deleting_takes_them_off(
    qtbot: Any, office: Office, actions: GradingActions, parent: QWidget, changed: Emitted,
    dialogs: Dialogs,
) -> None:  # fmt: skip
    office.score(A1=("80", "90"))
    dialog = open_comments(actions, parent, office, "A1")
    assert QUARTER.start <= dialog.day.date().toPython() <= QUARTER.end
    assert dialog.chosen_kind() is CommentKind.PRAISE
    assert dialog.points.text().startswith("+2")  # from the quarter's rules, not typed
    dialog.kind.setCurrentIndex(dialog.kind.findData(CommentKind.CRITICISM.value))
    assert dialog.points.text().startswith("-2")
    dialog.kind.setCurrentIndex(dialog.kind.findData(CommentKind.PRAISE.value))

    dialog.text.setText("第二次双周讲评：窗口服务获群众来信表扬")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    new = changed.values[-1]
    row = new.row(office.pid("A1"))
    assert (row.comment_points, row.comment_count, row.performance_total) == (2, 1, 82)
    assert row.composite == Decimal("86.00")
    assert office.sheet().row(row.person_id).comment_points == 2  # it is in the file
    assert [c.kind for c in dialog.comments()] == [CommentKind.PRAISE]
    assert dialog.text.text() == ""  # ready for the next one
    assert "+2" in dialog.total.text()

    dialogs.answer = False  # asked first; No deletes nothing
    dialog.view.selectRow(0)
    assert dialog.delete_button.isEnabled()
    assert not dialog.delete_selected()
    assert dialogs.kinds()[-1] == "ask"
    assert len(dialog.comments()) == 1
    dialogs.answer = True
    assert dialog.delete_selected()
    assert changed.values[-1].row(row.person_id).comment_points == 0
    assert dialog.comments() == []


def test_a_refused_comment_keeps_the_text_and_locks_the_dialog(
    office: Office, actions: GradingActions, parent: QWidget, changed: Emitted, dialogs: Dialogs
) -> None:
    dialog = open_comments(actions, parent, office, "B1")
    assert dialog.add_box.isEnabled() and dialog.banner.isHidden()
    dialog.text.clear()
    assert not dialog.add()  # an empty text is said under the form, not sent
    assert dialog.problem.text() and dialogs.shown == []

    for lease in office.leases:  # the leases are gone (taken over) behind the dialog's back
        office.ws.leases.release(lease)
    dialog.text.setText("讲评中点名批评")
    assert not dialog.add()
    assert dialogs.kinds() == ["error"]
    assert isinstance(dialogs.last("error"), LeaseLostError)
    assert dialog.text.text() == "讲评中点名批评"  # kept, to be copied or saved later
    assert not dialog.add_box.isEnabled() and not dialog.banner.isHidden()
    assert office.sheet().row(office.pid("B1")).comment_count == 0
    assert changed.values == []


def test_a_department_edited_elsewhere_opens_to_look_only(
    office: Office, actions: GradingActions, parent: QWidget
) -> None:
    for lease in office.leases:
        office.ws.leases.release(lease)
    clerk = office.open(Role.CLERK)
    office.leases_of(clerk)  # the clerk's workstation holds both departments now
    office.leases = []  # so the tab passes none
    dialog = open_comments(actions, parent, office, "A1")
    assert not dialog.add_box.isEnabled()
    assert "clerk" in dialog.banner.label.text()  # who holds it, from the lease


def test_the_day_defaults_to_today_inside_the_quarter() -> None:
    assert clamp_to_quarter(date(2026, 5, 6), QUARTER) == date(2026, 5, 6)
    assert clamp_to_quarter(date(2026, 11, 22), QUARTER) == QUARTER.end
    assert clamp_to_quarter(date(2026, 1, 2), QUARTER) == QUARTER.start


def test_a_viewer_reads_comments_but_cannot_add(
    office: Office, actions: GradingActions, parent: QWidget
) -> None:
    office.ws = office.open(Role.VIEWER)
    dialog = open_comments(actions, parent, office, "A1")
    assert not dialog.add_box.isEnabled()
    assert not dialog.banner.isHidden()


# --- 等次调整 -------------------------------------------------------------------
def open_grade(
    actions: GradingActions, parent: QWidget, office: Office, sheet: GradingSheet, code: str
) -> GradeDialog:
    row = next(r for r in sheet.rows if r.code == code)
    actions.open_grade(office.ws, sheet, row, office.leases)
    assert isinstance(actions.dialog, GradeDialog)
    return actions.dialog


def test_good_is_offered_only_while_the_quota_has_room(
    office: Office, actions: GradingActions, parent: QWidget
) -> None:
    sheet = office.score(**ALL_GRADED)
    quota = sheet.quota_for(sheet.row(office.pid("A3")))
    assert (quota.quota, quota.used, quota.remaining) == (2, 2, 0)

    full = open_grade(actions, parent, office, sheet, "A3")  # 90.5, left out of the quota
    assert not full.good.isEnabled()
    assert "2" in full.good.toolTip() and full.good.toolTip() == full.good_note.text()
    assert full.quota.text() == "全局：名额 2，已用 2，剩余 0"
    assert full.composite.text() == "90.50"  # as the grid shows it
    assert not full.fairly_good.isEnabled()  # no tie to settle
    assert full.poor.isEnabled()
    assert not full.clear.isEnabled()  # nothing set by hand yet
    full.reject()

    already = open_grade(actions, parent, office, sheet, "A1")
    assert already.good.isEnabled()  # 好 already: uses no further place
    already.reject()

    below = open_grade(actions, parent, office, sheet, "B1")  # 82.5: under the 好 line
    assert not below.good.isEnabled() and "90" in below.good.toolTip()


def test_poor_without_a_reason_is_refused_in_the_dialog(
    office: Office, actions: GradingActions, parent: QWidget, changed: Emitted, dialogs: Dialogs
) -> None:
    sheet = office.score(**ALL_GRADED)
    dialog = open_grade(actions, parent, office, sheet, "A1")
    assert not dialog.save_button.isEnabled() and dialog.problem.text() == ""
    dialog.poor.setChecked(True)
    assert dialog.problem.text()  # said at once, under the form
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    assert changed.values == [] and dialogs.shown == []
    assert office.sheet().row(office.pid("A1")).override is None

    dialog.reason.setText("本季度受到警告处分")
    assert dialog.problem.text() == "" and dialog.save_button.isEnabled()
    assert dialog.save()
    row = changed.values[-1].row(office.pid("A1"))
    assert (row.grade, row.override_reason) == (QuarterGrade.POOR, "本季度受到警告处分")
    # A1's 好 went to A3, the next ≥ 90 in order.
    assert changed.values[-1].row(office.pid("A3")).grade is QuarterGrade.GOOD


def test_fairly_good_settles_a_tie_with_the_reason_proposed(
    office: Office, actions: GradingActions, parent: QWidget, changed: Emitted
) -> None:
    sheet = office.score(
        A1=("95", "95"), A2=("95", "95"), A3=("95", "95"), B1=("80", "80"), B2=("70", "70")
    )
    assert {sheet.row(office.pid(c)).flag for c in ("A1", "A2", "A3")} == {Flag.TIE_OVER_QUOTA}
    dialog = open_grade(actions, parent, office, sheet, "A3")
    assert dialog.fairly_good.isEnabled() and dialog.good.isEnabled()  # 2 places left
    dialog.fairly_good.setChecked(True)
    assert dialog.reason.text() == TIE_REASON
    assert dialog.save()
    row = changed.values[-1].row(office.pid("A3"))
    assert (row.grade, row.flag, row.override) == (QuarterGrade.FAIRLY_GOOD, None, row.override)
    assert row.override is QuarterGrade.FAIRLY_GOOD


def test_a_not_graded_person_gets_no_grade_adjustment(
    office: Office, actions: GradingActions, parent: QWidget, changed: Emitted, dialogs: Dialogs
) -> None:
    office.score(**ALL_GRADED)
    sheet = office.sheet()
    row = sheet.row(office.pid("B2"))
    actions.open_not_graded(office.ws, sheet, row, office.leases)
    dialog = actions.dialog
    assert isinstance(dialog, NotGradedDialog)
    assert not dialog.clear.isEnabled() and not dialog.save_button.isEnabled()
    assert "好" in dialog.consequence.text()
    dialog.reasons[NoGradeReason.LEAVE].setChecked(True)
    assert dialog.save()
    new = changed.values[-1]
    assert new.row(row.person_id).no_grade_reason is NoGradeReason.LEAVE
    assert new.quota_for(row).participants == 4  # out of the quota base
    assert new.row(row.person_id).rank is None  # and out of the ranking

    actions.open_grade(office.ws, new, new.row(row.person_id), office.leases)
    assert dialogs.kinds()[-1] == "warn"
    actions.open_not_graded(office.ws, new, new.row(row.person_id), office.leases)
    again = actions.dialog
    assert isinstance(again, NotGradedDialog) and again.clear.isEnabled()
    again.clear.setChecked(True)
    assert again.save()
    assert changed.values[-1].quota_for(row).participants == 5


# --- closing and reopening ----------------------------------------------------
def test_closing_is_refused_while_someone_is_ungraded(
    qtbot: Any, office: Office, actions: GradingActions, parent: QWidget
) -> None:
    sheet = office.score(**{**ALL_GRADED, "B2": ("70", None)})  # type: ignore[dict-item]
    b2 = office.pid("B2")
    actions.close_sheet(office.ws, sheet)
    dialog = actions.dialog
    assert isinstance(dialog, BlockersDialog)
    assert dialog.list.count() == 1
    assert "人员B2" in dialog.list.item(0).text() and "领导测评分" in dialog.list.item(0).text()
    with qtbot.waitSignal(actions.show_only) as shown:
        qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert shown.args == [[b2]]
    assert office.ws.periods.closed_periods() == []


def test_closing_an_old_sheet_is_refused_by_the_file_with_the_list(
    qtbot: Any, office: Office, actions: GradingActions, parent: QWidget, changed: Emitted
) -> None:
    shown_sheet = office.score(**ALL_GRADED)
    office.score(A2=None)  # meanwhile, on another workstation, A2's scores were cleared
    actions.close_sheet(office.ws, shown_sheet)
    confirm = actions.dialog
    assert isinstance(confirm, CloseQuarterDialog)
    qtbot.mouseClick(confirm.close_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, actions.job)
    assert changed.values[-1].row(office.pid("A2")).awaiting_score  # the grid is told
    assert office.ws.periods.closed_periods() == []
    found = parent.findChildren(BlockersDialog)  # the refusal's list, from the file
    assert found and found[-1].person_ids == [office.pid("A2")]


def test_closing_a_graded_quarter_locks_it_and_an_admin_reopens_it(
    qtbot: Any,
    office: Office,
    actions: GradingActions,
    parent: QWidget,
    changed: Emitted,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sheet = office.score(**ALL_GRADED)
    actions.close_sheet(office.ws, sheet)
    dialog = actions.dialog
    assert isinstance(dialog, CloseQuarterDialog)
    dialog.note.setText("考核委员会已审定")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, actions.job)
    assert office.ws.periods.closed_periods() == [str(QUARTER)]
    closed = changed.values[-1]
    assert closed.closed
    assert dialogs.kinds()[-1] == "info"
    history = office.ws.periods.history()[0]
    assert (history.period, history.close_note) == (str(QUARTER), "考核委员会已审定")

    # Locked for everyone: the dialogs say so instead of opening.
    actions.open_grade(office.ws, closed, closed.rows[0], office.leases)
    assert dialogs.kinds()[-1] == "warn"

    reviewer = office.open(Role.REVIEWER)
    actions.reopen_sheet(reviewer, reviewer.grading.sheet(QUARTER))
    assert dialogs.kinds()[-1] == "warn"  # 管理员 only
    assert office.ws.periods.closed_periods() == [str(QUARTER)]

    reasons = ["  ", "补录一条表扬"]
    monkeypatch.setattr(periods_dialog, "ask_text", lambda _p, _t, _l: reasons.pop(0))
    actions.reopen_sheet(office.ws, closed)
    assert dialogs.kinds()[-1] == "warn"  # a blank reason is no reason
    assert office.ws.periods.closed_periods() == [str(QUARTER)]
    actions.reopen_sheet(office.ws, closed)
    assert office.ws.periods.closed_periods() == []
    assert not changed.values[-1].closed


def test_a_clerk_may_not_close(
    office: Office, actions: GradingActions, parent: QWidget, dialogs: Dialogs
) -> None:
    office.score(**ALL_GRADED)
    clerk = office.open(Role.CLERK)
    actions.close_sheet(clerk, clerk.grading.sheet(QUARTER))
    assert actions.dialog is None
    assert dialogs.kinds() == ["warn"]


# --- outputs ------------------------------------------------------------------
def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    suggested: list[str] = []

    def get_save_file_name(_parent: Any, _title: str, start: str, _filter: str) -> Any:
        suggested.append(Path(start).name)
        return str(path), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    return suggested


def test_the_ranking_workbook_is_written_where_the_clerk_says(
    qtbot: Any,
    office: Office,
    actions: GradingActions,
    parent: QWidget,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office.score(**ALL_GRADED)
    suggested = answer_save_dialog(monkeypatch, tmp_path / "二季度排名")  # no suffix typed
    actions.write_ranking(office.ws.ranking, QUARTER)
    job = wait_job(qtbot, actions.job)
    assert job.error is None, job.error
    assert suggested == ["2026年第二季度平时考核排名.xlsx"]
    out = tmp_path / "二季度排名.xlsx"
    assert out.exists()
    book = openpyxl.load_workbook(out)
    assert "汇总" in book.sheetnames and len(book.sheetnames) >= 2
    assert dialogs.kinds() == ["info"] and str(out) in dialogs.last("info")


def test_the_summary_pdf_is_written(
    qtbot: Any,
    office: Office,
    actions: GradingActions,
    parent: QWidget,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office.score(**ALL_GRADED)
    suggested = answer_save_dialog(monkeypatch, tmp_path / "汇总表.pdf")
    actions.write_summary_pdf(office.ws.ranking, QUARTER)
    job = wait_job(qtbot, actions.job)
    assert job.error is None, job.error
    assert suggested == ["2026年第二季度平时考核结果汇总表.pdf"]
    assert (tmp_path / "汇总表.pdf").read_bytes().startswith(b"%PDF")
    assert dialogs.kinds() == ["info"]


def test_cancelling_the_save_dialog_writes_nothing(
    office: Office, actions: GradingActions, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    actions.write_ranking(office.ws.ranking, QUARTER)
    assert actions.job is None


# --- the chart ----------------------------------------------------------------
def test_the_chart_counts_grades_per_department(qtbot: Any, office: Office) -> None:
    chart = GradeChart()
    qtbot.addWidget(chart)
    chart.set_sheet(office.sheet())
    assert chart._stack.currentWidget() is chart.empty  # nobody graded yet
    assert chart.empty.text()

    chart.set_sheet(office.score(**ALL_GRADED))
    assert chart._stack.currentWidget() is chart.view
    counts = {name: {g.label: n for g, n in count.items()} for name, count in chart.counts}
    assert counts == {
        "办公室": {"好": 2, "较好": 1, "一般": 0, "较差": 0},
        "财务科": {"好": 0, "较好": 1, "一般": 1, "较差": 0},
    }
    (series,) = chart.chart.series()
    assert [bar.label() for bar in series.barSets()] == ["好", "较好", "一般", "较差"]
    # Drawn bottom-up: the first department is the last category.
    assert [series.barSets()[0].at(i) for i in range(2)] == [0, 2]
