"""管理 → 考核方案… (ui/schemes): values refused as typed beside their box with 保存
disabled, a frozen period read-only, a save that shows in the list at once, a
conflict that keeps the edit, a role that only reads, and the menu item. On the small
grading bureau on 2026-05-06 (2026Q2 in progress, 2026Q3 the next)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.services.grading_bureau import score, take_leases
from tests.ui.helpers import AdminHost, Dialogs
from tests.ui.scheme_fixtures import open_as, path

from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.schemes.editor import SchemeKind
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.schemes.schemes_dialog import SchemesDialog

WEIGHTED = QuarterlyRules(performance_weight=Decimal("0.6"), leader_weight=Decimal("0.4"))


__all__ = ["open_as", "path"]  # the fixtures, imported for pytest


def dialog_for(qtbot: Any, workspace: Workspace) -> SchemesDialog:
    dialog = SchemesDialog(workspace, workspace.schemes)
    qtbot.addWidget(dialog)
    return dialog


def type_into(dialog: SchemesDialog, name: str, text: str) -> None:
    line = dialog.form.rows[name].line
    assert line is not None and line.isEnabled()
    line.setText(text)
    line.textEdited.emit(text)


def error_beside(dialog: SchemesDialog, name: str) -> str:
    return dialog.form.rows[name].error.text()


def test_it_opens_on_the_current_quarter_in_words(qtbot: Any, open_as: Any) -> None:
    dialog = dialog_for(qtbot, open_as(Role.ADMIN))
    assert [v.period for v in dialog.model.rows()] == ["2026Q1", "2026Q2", "2026Q3"]
    assert dialog.current is not None and dialog.current.period == "2026Q2"
    assert "实绩分 × 50% + 领导测评分 × 50%" in dialog.words.text()
    assert dialog.model.index(1, 2).data() == "可修改"


@pytest.mark.usefixtures("chinese")
def test_a_bad_value_is_refused_as_typed_and_save_waits(qtbot: Any, open_as: Any) -> None:
    dialog = dialog_for(qtbot, open_as(Role.ADMIN))
    dialog.select_period("2026Q3")
    assert not dialog.save_button.isEnabled()  # nothing changed yet
    type_into(dialog, "good_quota", "140")
    assert error_beside(dialog, "good_quota") == "“好”等次比例应在 0%–100% 之间，而不是 140%"
    assert not dialog.save_button.isEnabled() and "红字" in dialog.message.text()
    type_into(dialog, "good_quota", "30")
    assert error_beside(dialog, "good_quota") == "" and dialog.save_button.isEnabled()
    type_into(dialog, "performance_weight", "60")  # 60% + 50%
    assert "权重之和应为 100%，现为 110%" in error_beside(dialog, "leader_weight")
    assert not dialog.save_button.isEnabled()
    type_into(dialog, "fairly_good_min", "95")  # above 好's 90
    assert "100 ≥ 好 > 较好 > 一般 ≥ 0" in error_beside(dialog, "average_min")


@pytest.mark.usefixtures("chinese")
def test_saving_shows_in_the_list_and_in_the_next_period(qtbot: Any, open_as: Any) -> None:
    dialog = dialog_for(qtbot, open_as(Role.ADMIN))
    dialog.select_period("2026Q2")
    type_into(dialog, "good_quota", "30")
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save()
    assert saved.args == ["2026Q2"]
    rows = {v.period: v for v in dialog.model.rows()}
    assert rows["2026Q2"].source_text == "本期方案" and rows["2026Q2"].version == 1
    assert rows["2026Q3"].source_text == "沿用2026年第二季度的方案"
    assert "30%" in rows["2026Q3"].describe()[3][1]
    assert dialog.current is not None and dialog.current.period == "2026Q2"
    assert "已保存" in dialog.message.text() and not dialog.save_button.isEnabled()


def test_a_frozen_quarter_is_read_only(qtbot: Any, open_as: Any) -> None:
    admin = open_as(Role.ADMIN)
    score(admin, {"P01": ("80", "90")}, take_leases(admin))  # Q2's first entry
    dialog = dialog_for(qtbot, admin)
    dialog.select_period("2026Q2")
    assert "已于 2026-05-06 09:30 冻结" in dialog.title.text()
    assert "方案不能再改" in dialog.note.text() and dialog.note.isVisibleTo(dialog)
    assert all(not row.line.isEnabled() for row in dialog.form.rows.values() if row.line)
    assert all(not box.isEnabled() for box in dialog.form.rows["ungraded_categories"].boxes)
    assert not dialog.save_button.isEnabled()


def test_a_conflict_keeps_the_edit(qtbot: Any, open_as: Any) -> None:
    admin, other = open_as(Role.ADMIN), open_as(Role.ADMIN)
    dialog = dialog_for(qtbot, admin)
    dialog.select_period("2026Q3")
    type_into(dialog, "good_quota", "30")
    other.schemes.save(SchemeKind.QUARTERLY, "2026Q3", WEIGHTED, 0)  # meanwhile
    assert not dialog.save()
    assert "已被他人修改" in dialog.message.text()
    assert dialog.form.rows["good_quota"].line.text() == "30"  # type: ignore[union-attr]
    assert dialog.current is not None and dialog.current.rules == WEIGHTED  # theirs, read again
    assert dialog.save()  # knowingly, over theirs
    assert other.schemes.period(SchemeKind.QUARTERLY, "2026Q3").rules.good_quota == Decimal("0.3")


def test_leaving_an_unsaved_edit_is_asked(qtbot: Any, open_as: Any, dialogs: Dialogs) -> None:
    dialog = dialog_for(qtbot, open_as(Role.ADMIN))
    dialog.select_period("2026Q3")
    type_into(dialog, "good_quota", "30")
    dialogs.answer = False
    dialog.select_period("2026Q1")
    qtbot.waitUntil(lambda: dialog.view.currentIndex().row() == 2)
    assert dialog.current is not None and dialog.current.period == "2026Q3"
    assert dialog.form.rows["good_quota"].line.text() == "30"  # type: ignore[union-attr]
    assert dialogs.kinds() == ["ask"]


@pytest.mark.usefixtures("chinese")
def test_another_role_reads_the_schemes_only(qtbot: Any, open_as: Any) -> None:
    dialog = dialog_for(qtbot, open_as(Role.CLERK))
    dialog.select_period("2026Q3")
    assert not dialog.save_button.isVisibleTo(dialog)
    assert "您的角色（录入员）可以查看考核方案；只有管理员可以修改" in dialog.note.text()
    assert all(not row.line.isEnabled() for row in dialog.form.rows.values() if row.line)
    dialog.select_kind(SchemeKind.ANNUAL)
    assert [v.period for v in dialog.model.rows()] == ["2026", "2027"]
    assert "优秀名额" in dialog.words.text()


def test_the_manage_menu_opens_it(qtbot: Any, open_as: Any) -> None:
    from kaohe_desktop.ui.admin_actions import AdminActions

    workspace = open_as(Role.VIEWER)

    actions = AdminActions(AdminHost(qtbot, workspace))  # type: ignore[arg-type]
    actions.update_enabled(workspace)
    assert actions.schemes.isEnabled()  # everyone may read the schemes
    dialog = actions.show_schemes()
    assert isinstance(dialog, SchemesDialog)
    dialog.close()
