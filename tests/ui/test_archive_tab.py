"""The 人员档案 tab: finding a person, their archive as the services give it, who may
change it, printing, and the 待办清单 with the status bar's count."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from tests.factories import DEMO_ROLES, Clock, CopyMaster, sign_in
from tests.ui.helpers import open_in, wait_job

from kaohe_desktop.domain.person_search import matches
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.archive.views import PersonFindRow
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.archive import archive_commands, archive_view, due_lists_session
from kaohe_desktop.ui.archive.archive_tab import ArchiveTab
from kaohe_desktop.ui.archive.people_panel import PeoplePanel
from kaohe_desktop.ui.archive.person_list_model import NAME, OUT_OF_SERVICE_COLOR
from kaohe_desktop.ui.common.data_tab import Guidance
from kaohe_desktop.ui.main_window import MainWindow

TODAY = datetime(2026, 12, 7, 9, 0, 0)


class Opened:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.all: list[Workspace] = []

    def __call__(self, role: Role = Role.ADMIN) -> Workspace:
        workspace = sign_in(self.path, role, daily_backup=False, clock=Clock(TODAY))
        self.all.append(workspace)
        return workspace


@pytest.fixture
def opened(copy_master: CopyMaster) -> Iterator[Opened]:
    workspaces = Opened(copy_master(DEMO_ROLES))
    yield workspaces
    for workspace in workspaces.all:
        workspace.close()


def make_tab(qtbot: Any, workspace: Workspace | None) -> ArchiveTab:
    window = QWidget()
    tab = ArchiveTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    tab.set_workspace(workspace, 2026 if workspace else None)
    return tab


def row(number: int, name: str, initials: str, status: str = "在职") -> PersonFindRow:
    in_service = status in ("在职", "试用期", "借调")
    found = PersonFindRow(
        number, f"A{number}", name, "办公室", "科员", "机关", status, in_service, False
    )
    assert found.initials == initials  # worked out from the name when asked
    return found


# --- finding a person ------------------------------------------------------------------
def test_pinyin_initials_find_and_select_a_person(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    tab = window.archive_tab
    window.tabs.setCurrentWidget(tab)
    people = workspace.archive.people()
    # Someone further down the list whose initials no one else's begin with.
    person = next(
        p
        for p in reversed(people)
        if [q.id for q in people if matches(q, p.initials)] == [p.id] and len(p.initials) >= 2
    )
    assert tab.selected_person() != person
    qtbot.keyClicks(tab.search, person.initials)
    qtbot.waitUntil(lambda: tab.selected_person() == person)  # after the short pause
    assert tab.people_proxy.rowCount() == 1
    assert tab.people_panel.count.text() == f"1 of {len(people)} people shown"
    view = tab.session.view
    assert view is not None and view.person.code == person.code
    assert tab.header.title.text() == f"{person.name}（{person.code}）"


def test_people_out_of_service_are_marked_and_can_be_left_out(qtbot: Any) -> None:
    panel = PeoplePanel()
    qtbot.addWidget(panel)
    panel.set_people(
        [row(1, "张三", "zs"), row(2, "李四", "ls", "退休"), row(3, "王五", "ww", "调出")]
    )
    model = panel.model
    assert model.index(1, NAME).data() == "李四（退休）"
    assert model.index(1, NAME).data(Qt.ItemDataRole.ForegroundRole).color().name() == (
        OUT_OF_SERVICE_COLOR
    )
    assert model.index(0, NAME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert panel.count.text() == "3 of 3 people shown (2 out of service)"
    panel.search.setText("退休")
    panel.apply_search()  # what the pause after typing does
    assert [panel.proxy.row_object(panel.proxy.index(0, 0)).name] == ["李四"]
    chosen = panel.selected()
    assert chosen is not None and chosen.name == "李四"
    panel.search.setText("")
    panel.apply_search()
    panel.out_of_service.setChecked(False)
    assert panel.proxy.rowCount() == 1
    assert panel.count.text() == "1 of 3 people shown (2 out of service)"
    assert panel.select(2)  # chosen from elsewhere (a due list): shown again
    assert panel.out_of_service.isChecked() and panel.selected() == model.row_at(1)


# --- the archive -----------------------------------------------------------------------
def test_the_archive_shows_what_the_service_gives(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    person = next(
        p for p in workspace.archive.people() if len(workspace.archive.archive(p.id).quarters) >= 2
    )
    assert tab.select_person(person.code)
    view = workspace.archive.archive(person.id)
    sections = tab.sections
    assert sections.quarters.rows() == list(view.quarters)
    for number, quarter in enumerate(view.quarters):
        shown = "Not graded" if quarter.no_grade_reason is not None else (quarter.grade or "")
        assert sections.quarters.index(number, 6).data() == shown
    assert [p.score for p in sections.chart.points] == [c for _q, c in view.chart_points()]
    assert sections.chart.empty_text() is None  # two scored quarters draw a line
    assert sections.annual.rows() == list(view.annual)
    assert sections.talks.rows() == list(view.talks)
    assert len(sections.rewards.rows()) == len(view.commendations) + len(view.disciplines)
    assert sections.stints.rows() == list(view.stints)
    assert sections.tabText(archive_view.TALKS) == f"Talks ({len(view.talks)})"
    assert sections.details.fields["code"].text() == person.code


def test_a_viewer_reads_but_is_offered_no_change(qtbot: Any, opened: Opened) -> None:
    viewer = opened(Role.VIEWER)
    tab = make_tab(qtbot, viewer)
    tab.set_editable(False)
    actions = tab.toolbar_actions
    assert tab.session.view is not None
    for action in (
        actions.add_reward,
        actions.add_talk,
        actions.edit_record,
        actions.delete_record,
    ):
        assert not action.isEnabled()
        assert Role.VIEWER.label in action.toolTip()
    assert actions.edit_person.text() == "View person…" and actions.edit_person.isEnabled()
    assert actions.print_person.isEnabled()  # leaders print
    assert tab.commands.add_talk() is None


# --- printing --------------------------------------------------------------------------
def test_the_persons_archive_is_printed_to_pdf(
    qtbot: Any, opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "档案.pdf"
    monkeypatch.setattr(archive_commands, "ask_save_path", lambda *_args: target)
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    view = tab.session.view
    assert view is not None
    tab.toolbar_actions.print_person.trigger()
    wait_job(qtbot, tab.commands.job)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert view.person.name in text and view.person.code in text


# --- the due lists ---------------------------------------------------------------------
def test_the_due_lists_name_a_demo_person_and_lead_to_the_archive(
    qtbot: Any, opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    due = tab.due
    assert due.view is None  # read only when shown
    tab.show_due_lists()
    expected = workspace.due_lists.lists(2026)
    assert due.routine.rows() == list(expected.routine) and expected.routine
    assert due.rotations.rows() == list(expected.rotations)
    first = expected.routine[-1]
    table = due.routine_table
    proxy_row = next(
        n for n in range(table.model().rowCount()) if table.model().index(n, 0).data() == first.code
    )
    assert table.model().index(proxy_row, 4).data() == f"{first.held} / {first.required}"
    due.select(table, proxy_row)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # as a double-click: the person's archive
    assert tab.archive_button.isChecked() and tab.pages.currentWidget() is tab.archive_stack
    view = tab.session.view
    assert view is not None and view.person.id == first.person_id

    target = tmp_path / "待办.xlsx"
    monkeypatch.setattr(due_lists_session, "ask_save_path", lambda *_args: target)
    tab.show_due_lists()
    due.export_button.click()
    wait_job(qtbot, tab.due_session.job)
    assert openpyxl.load_workbook(target, read_only=True).sheetnames


def test_the_overdue_count_is_announced_even_while_hidden(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = ArchiveTab(Guidance())
    qtbot.addWidget(tab)
    counts: list[int] = []
    tab.overdue_changed.connect(counts.append)
    tab.set_workspace(workspace, 2026)  # never shown
    assert tab.people.rowCount() == 0  # nothing read but the count
    assert counts == [workspace.due_lists.overdue_count()] and counts[0] > 0
    assert tab.overdue_count() == counts[0]
    tab.show()
    assert tab.people.rowCount() == len(workspace.archive.people())
    assert tab.due_button.text() == f"Due lists ({counts[0]} overdue)"
    tab.set_workspace(None, None)
    assert counts[-1] == 0


# --- the Qt contract -------------------------------------------------------------------
def test_models_keep_the_qt_contract(qtbot: Any, qtmodeltester: Any, opened: Opened) -> None:
    def models(tab: ArchiveTab) -> list[Any]:
        sections, due = tab.sections, tab.due
        return [
            tab.people, tab.people_proxy, sections.stints, sections.quarters, sections.annual,
            sections.rewards, sections.talks, sections.comments, due.routine, due.special,
            due.rotations, *(t.model() for t in due.tables()),
        ]  # fmt: skip

    def check(tab: ArchiveTab) -> None:
        for model in models(tab):
            qtmodeltester.check(model)  # Qt's own QAbstractItemModelTester
            qtmodeltester.check(model, force_py=True)  # pytest-qt's stricter type checks

    check(make_tab(qtbot, None))
    # A model tester stays attached: the tab is checked once it shows what it will show.
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    tab.show_due_lists()
    person = next(
        p
        for p in workspace.archive.people()
        # quarters too: the demo's 局领导 come first and are graded in none
        if (archive := workspace.archive.archive(p.id)).talks and archive.quarters
    )
    tab.select_person(person.code)
    filled = [tab.people, tab.people_proxy, tab.sections.quarters, tab.sections.talks]
    assert all(model.rowCount() > 0 for model in [*filled, tab.due.routine])
    check(tab)
