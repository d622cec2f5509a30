"""The dialogs hold text to the exchange workbook's own limits (domain/text_rules), so
whatever a clerk saves can be exported, printed and imported again."""

# The fixtures of the dialogs' own test modules are imported and used as arguments.
# ruff: noqa: F401, F811

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from tests.ui.helpers import Dialogs
from tests.ui.test_editing_ui import Desk, button, desk, first_person, set_text
from tests.ui.test_quarterly_dialogs import (
    ALL_GRADED,
    Office,
    actions,
    office,
    open_comments,
    open_grade,
    parent,
)
from tests.ui.test_task_dialog import (
    fill_task_form,
    new_dialog,
    valid_values,
    workspace,
)

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.domain.text_rules import (
    COMMENT_TEXT,
    OVERRIDE_REASON,
    PERSON_NAME,
    TASK_TARGET,
)
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.quarterly.grading_actions import GradingActions


def test_a_person_name_too_long_or_a_formula_is_refused(desk: Desk, dialogs: Dialogs) -> None:
    clerk = desk.open(Role.CLERK)
    person = first_person(clerk)
    before = clerk.people.load(person).values["name"]
    for typed, said in (
        ("张" * (PERSON_NAME.limit + 1), f"最多 {PERSON_NAME.limit} 个字"),
        ('="FQ"&TEXT(ROW()-1,"0000")', "不能是公式"),
    ):
        dialog = desk.editor(clerk, "person", person)
        set_text(dialog, "name", typed)
        button(dialog, "saveRecord").click()
        error = dialogs.last("error")
        assert isinstance(error, InputError) and said in str(error)
        assert dialog.draft.changes == {"name": typed}  # the edit stays on screen
        dialog.done(0)
    assert clerk.people.load(person).values["name"] == before
    dialog = desk.editor(clerk, "person", person)
    set_text(dialog, "name", "张" * PERSON_NAME.limit)
    button(dialog, "saveRecord").click()
    assert clerk.people.load(person).values["name"] == "张" * PERSON_NAME.limit


def test_a_comment_too_long_is_said_under_the_form(
    office: Office, actions: GradingActions, parent: QWidget, dialogs: Dialogs
) -> None:
    dialog = open_comments(actions, parent, office, "A1")
    dialog.text.setText("好" * (COMMENT_TEXT.limit + 1))
    assert not dialog.add()
    assert f"最多 {COMMENT_TEXT.limit} 个字" in dialog.problem.text()
    assert dialog.comments() == [] and dialogs.shown == []
    dialog.text.setText("好" * COMMENT_TEXT.limit)
    assert dialog.add() and len(dialog.comments()) == 1


def test_a_grade_reason_too_long_keeps_save_off(
    office: Office, actions: GradingActions, parent: QWidget
) -> None:
    sheet = office.score(**ALL_GRADED)
    dialog = open_grade(actions, parent, office, sheet, "A1")
    dialog.poor.setChecked(True)
    dialog.reason.setText("理" * (OVERRIDE_REASON.limit + 1))
    assert f"最多 {OVERRIDE_REASON.limit} 个字" in dialog.problem.text()
    assert not dialog.save_button.isEnabled() and not dialog.save()
    dialog.reason.setText("理" * OVERRIDE_REASON.limit)
    assert dialog.problem.text() == "" and dialog.save()
    assert office.sheet().row(office.pid("A1")).override is QuarterGrade.POOR


def test_a_task_target_too_long_is_a_problem_of_its_field(qtbot: Any, workspace: Workspace) -> None:
    dialog = new_dialog(qtbot, workspace)
    fill_task_form(dialog, **valid_values(workspace))
    assert dialog.problems() == []
    fill_task_form(dialog, target="要" * (TASK_TARGET.limit + 1))
    problems = dialog.problems()
    assert [p.field for p in problems] == ["target"]
    assert f"最多 {TASK_TARGET.limit} 个字" in problems[0].message
    assert not dialog.ok_button.isEnabled()
