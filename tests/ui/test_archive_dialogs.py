"""The 奖惩 and 谈话 dialogs of the 人员档案 tab, on a copy of the demo bureau with the
clock on 2026-12-07: typed from the keyboard, checked as the clerk types, saved
under the person's lease, a refusal kept inside the dialog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from tests.factories import DEMO_ROLES, Clock, CopyMaster, sign_in
from tests.ui.checks_fixture import send_text
from tests.ui.helpers import Dialogs

from kaohe_desktop.domain.archive_records import RecordField, TalkDraft
from kaohe_desktop.domain.enums import DisciplineType, TalkKind
from kaohe_desktop.domain.leases import archive_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.archive.views import PersonFindRow, TalkView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.archive import archive_view
from kaohe_desktop.ui.archive.archive_tab import ArchiveTab
from kaohe_desktop.ui.archive.reward_dialog import RewardDialog
from kaohe_desktop.ui.archive.talk_dialog import TalkDialog
from kaohe_desktop.ui.common.data_tab import Guidance

TODAY = datetime(2026, 12, 7, 9, 0, 0)


class Opened:
    """Workspaces of the test on one copy of the demo, closed at its end."""

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


def make_tab(qtbot: Any, workspace: Workspace) -> ArchiveTab:
    # The tab inside a window of its own: closing that window gives the lease back.
    window = QWidget()
    tab = ArchiveTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    tab.set_workspace(workspace, 2026)
    return tab


def person_with_talks(workspace: Workspace) -> PersonFindRow:
    return next(r for r in workspace.archive.people() if workspace.archive.archive(r.id).talks)


def show(tab: ArchiveTab, person: PersonFindRow) -> None:
    assert tab.select_person(person.code)
    view = tab.session.view
    assert view is not None and view.person.id == person.id


def focus(qtbot: Any, widget: QWidget) -> None:
    """Shortcuts fire only in the active window: make the tab's active, focus `widget`."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def type_date(qtbot: Any, widget: QWidget, text: str) -> None:
    """A date typed over the field as a clerk does: select it all, type the digits."""
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_a_talk_is_added_entirely_from_the_keyboard(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    person = person_with_talks(workspace)
    show(tab, person)
    before = len(tab.sections.talks.rows())
    focus(qtbot, tab.people_panel.table)
    qtbot.keyClick(tab.people_panel.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.commands.dialog
    assert isinstance(dialog, TalkDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.focusWidget() is dialog.day  # the date first, today by default
    assert dialog.day.date() == QDate(2026, 12, 7)
    assert not dialog.ok_button.isEnabled()  # no talker yet: the line beside 保存 says so
    assert "Talker" in dialog.summary.text()

    type_date(qtbot, dialog.focusWidget(), "2026-11-03")
    assert dialog.day.date() == QDate(2026, 11, 3)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.talker  # its line edit takes the keys
    send_text(dialog.focusWidget(), "孙书记")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.kind
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.summary_edit
    send_text(dialog.focusWidget(), "年底谈心，听取意见")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == dialog.DialogCode.Accepted
    talks = tab.sections.talks.rows()
    assert len(talks) == before + 1
    added = next(t for t in talks if t.talker == "孙书记")
    assert (added.on, added.kind, added.summary) == (
        date(2026, 11, 3),
        "谈心谈话",
        "年底谈心，听取意见",
    )
    stored = workspace.archive.archive(person.id).talks
    assert [t.id for t in stored] == [t.id for t in talks]  # shown as saved, newest first
    assert tab.session.leases.holds()  # the person's lease, until the clerk leaves them
    assert tab.sections.currentIndex() == archive_view.TALKS
    assert tab.sections.chosen_record() == added


def test_enter_saves_from_a_one_line_field_and_escape_cancels(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    show(tab, person_with_talks(workspace))
    tab.toolbar_actions.add_talk.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, TalkDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected

    count = len(tab.sections.talks.rows())
    tab.toolbar_actions.add_talk.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, TalkDialog)
    line = dialog.talker.lineEdit()
    assert line is not None
    line.setFocus()
    send_text(line, "王局长")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(tab.sections.talks.rows()) == count + 1


def test_the_impact_end_follows_the_type_until_set_by_hand(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    person = person_with_talks(workspace)
    show(tab, person)
    tab.toolbar_actions.add_reward.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, RewardDialog)
    assert not dialog.impact_cell.isEnabled()  # a commendation has no impact period
    assert "does not limit" in dialog.effects.text()

    dialog.kind.setCurrentIndex(1)  # 处分·组织处理
    dialog.day.setDate(QDate(2026, 3, 10))
    dialog.type.setCurrentIndex(dialog.type.findData(DisciplineType.WARNING.value))
    # 警告: 6 months from 2026-03-10, the last day 2026-09-09; bars 优秀 in 2026 only.
    assert dialog.impact_until() == date(2026, 9, 9)
    assert dialog.effects.text() == "2026年度不得评为优秀"
    dialog.type.setCurrentIndex(dialog.type.findData(DisciplineType.MAJOR_DEMERIT.value))
    # 记大过: 18 months, to 2027-09-09; 不定等次 in 2026 and 2027.
    assert dialog.impact_until() == date(2027, 9, 9)
    assert dialog.effects.text() == "2026年度不定等次；2027年度不定等次"
    dialog.type.setCurrentIndex(dialog.type.findData(DisciplineType.CRITICISM_EDUCATION.value))
    assert dialog.impact_until() is None and dialog.no_impact.isChecked()

    dialog.type.setCurrentIndex(dialog.type.findData(DisciplineType.DEMERIT.value))
    assert dialog.impact_until() == date(2027, 3, 9)  # 记过: 12 months
    dialog.impact.setDate(QDate(2027, 1, 31))  # the decision says otherwise
    dialog.type.setCurrentIndex(dialog.type.findData(DisciplineType.DEMOTION.value))
    assert dialog.impact_until() == date(2027, 1, 31)  # kept: set by hand
    assert "2028-03-09" in dialog.impact_hint.text()  # the type's own period, for reference

    dialog.impact.setDate(QDate(2026, 3, 1))  # before the decision
    assert not dialog.ok_button.isEnabled()
    problem = dialog.problem_labels[RecordField.IMPACT_UNTIL]
    assert problem.isVisibleTo(dialog) and "早于" in problem.text()
    dialog.impact.setDate(QDate(2027, 1, 31))
    send_text(dialog.doc_no, "夏食药监发〔2026〕9号")
    send_text(dialog.reason, "违规办理许可")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()

    assert dialog.result() == dialog.DialogCode.Accepted
    (shown,) = [r for r in tab.sections.rewards.rows() if r.reason == "违规办理许可"]
    assert (shown.discipline, shown.type, shown.on) == (True, "降级", date(2026, 3, 10))
    assert shown.impact_until == date(2027, 1, 31)
    assert shown.effects == "2026年度不定等次；2027年度不定等次"
    # The new record is shown on its page, chosen (修改… and 删除… apply to it).
    assert tab.sections.currentIndex() == archive_view.REWARDS
    assert tab.sections.chosen_record() == shown


def test_a_future_date_is_marked_and_save_stays_disabled(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    show(tab, person_with_talks(workspace))
    tab.toolbar_actions.add_reward.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, RewardDialog)
    dialog.day.setDate(QDate(2026, 12, 8))  # tomorrow
    problem = dialog.problem_labels[RecordField.DATE]
    assert not dialog.ok_button.isEnabled()
    assert problem.isVisibleTo(dialog) and "晚于今天" in problem.text()
    dialog.day.setDate(QDate(2026, 12, 7))
    assert dialog.ok_button.isEnabled() and not problem.isVisibleTo(dialog)


def test_a_refused_save_keeps_the_dialog_open_with_the_clerks_text(
    qtbot: Any, opened: Opened
) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    person = person_with_talks(workspace)
    show(tab, person)
    tab.sections.setCurrentIndex(archive_view.TALKS)
    tab.sections.talk_table.selectRow(0)
    talk = tab.sections.chosen_record()
    assert isinstance(talk, TalkView)
    tab.toolbar_actions.edit_record.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, TalkDialog)
    assert dialog.talker.currentText() == talk.talker

    # Meanwhile the same talk is changed through the service (another window of this
    # workstation, under the same lease): the dialog's version is stale now.
    lease = tab.session.ensure_lease()
    workspace.archive_records.update_talk(
        talk.id, talk.version, TalkDraft(talk.on, "另一位谈话人", summary="先改了"), lease
    )
    dialog.summary_edit.setPlainText("我写的摘要")
    dialog.ok_button.click()

    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.banner.shown() and "修改" in dialog.banner.text()  # the service's words
    assert dialog.summary_edit.toPlainText() == "我写的摘要"  # nothing typed is lost
    # The tab read the person again: the other change is on screen.
    assert any(t.talker == "另一位谈话人" for t in tab.sections.talks.rows())
    dialog.reject()


def test_someone_elses_lease_refuses_the_dialog_and_names_them(qtbot: Any, opened: Opened) -> None:
    clerk = opened(Role.CLERK)
    person = person_with_talks(clerk)
    held = clerk.archive_records.acquire_lease(person.id)
    tab = make_tab(qtbot, opened())
    show(tab, person)
    tab.toolbar_actions.add_talk.trigger()
    assert tab.commands.dialog is None
    assert tab.lease_banner.shown() and clerk.actor.display_name in tab.lease_banner.text()
    assert not tab.toolbar_actions.add_talk.isEnabled()
    clerk.leases.release(held)
    tab.lease_banner.buttons["retryArchiveLease"].click()
    assert tab.toolbar_actions.add_talk.isEnabled()
    assert tab.commands.add_talk() is not None
    assert workspace_holder(opened, person.id) == "admin"


def workspace_holder(opened: Opened, person_id: int) -> str | None:
    info = opened.all[-1].leases.holder(archive_scope(person_id))
    return info.holder if info else None


def test_turning_to_another_person_gives_the_lease_back(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    first, second = workspace.archive.people()[:2]
    show(tab, first)
    dialog = tab.commands.add_talk()
    assert dialog is not None
    dialog.reject()
    assert workspace.leases.holder(archive_scope(first.id)) is not None
    show(tab, second)
    assert workspace.leases.holder(archive_scope(first.id)) is None


def test_a_talk_is_deleted_after_the_clerk_confirms(
    qtbot: Any, opened: Opened, dialogs: Dialogs
) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    person = person_with_talks(workspace)
    show(tab, person)
    tab.sections.setCurrentIndex(archive_view.TALKS)
    tab.sections.talk_table.selectRow(0)
    talk = tab.sections.chosen_record()
    assert isinstance(talk, TalkView)
    dialogs.answer = False
    tab.toolbar_actions.delete_record.trigger()
    assert talk in tab.sections.talks.rows()
    dialogs.answer = True
    tab.toolbar_actions.delete_record.trigger()
    question, _detail = dialogs.last("ask")
    assert talk.talker in question and talk.on.isoformat() in question
    assert talk.id not in [t.id for t in tab.sections.talks.rows()]
    assert talk.id not in [t.id for t in workspace.archive.archive(person.id).talks]


def test_a_special_talk_row_opens_the_dialog_with_its_kind(qtbot: Any, opened: Opened) -> None:
    workspace = opened()
    tab = make_tab(qtbot, workspace)
    person = person_with_talks(workspace)
    show(tab, person)
    # A 警告 decided this year calls for a 提醒谈话 within the setting's days.
    dialog = tab.commands.add_reward(discipline=True)
    assert isinstance(dialog, RewardDialog)
    dialog.type.setCurrentIndex(dialog.type.findData(DisciplineType.WARNING.value))
    dialog.day.setDate(QDate(2026, 12, 1))
    dialog.ok_button.click()
    tab.show_due_lists()
    special = tab.due.special.rows()
    row = next(n for n, r in enumerate(special) if r.person_id == person.id)
    assert special[row].kind == TalkKind.REMINDER.label
    assert special[row].arose_on == date(2026, 12, 1)
    proxy_row = next(
        n for n in range(tab.due.special_table.model().rowCount())
        if tab.due.special_table.model().index(n, 0).data() == person.name
    )  # fmt: skip
    tab.due.select(tab.due.special_table, proxy_row)
    tab.due.talk_button.click()
    talk = tab.commands.dialog
    assert isinstance(talk, TalkDialog)
    assert talk.chosen_kind() is TalkKind.REMINDER
    line = talk.talker.lineEdit()
    assert line is not None
    send_text(line, "王局长")
    talk.ok_button.click()
    # Answered: the row leaves the list, read again while it is shown.
    assert person.id not in [r.person_id for r in tab.due.special.rows()]
