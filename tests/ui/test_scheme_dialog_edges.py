"""The scheme dialog (ui/schemes): what the form shows after a refused
save, and whether an unchanged scheme looks edited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.services.grading_bureau import score, take_leases
from tests.ui.scheme_fixtures import open_as, path

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.ui.schemes.schemes_dialog import SchemesDialog

__all__ = ["open_as", "path"]  # the fixtures, imported for pytest


def type_into(dialog: SchemesDialog, name: str, text: str) -> None:
    line = dialog.form.rows[name].line
    assert line is not None and line.isEnabled()
    line.setText(text)
    line.textEdited.emit(text)


@pytest.mark.usefixtures("chinese")
def test_a_period_frozen_while_typing_shows_its_frozen_scheme(qtbot: Any, open_as: Any) -> None:
    """The admin types 30% into 2026Q2 (still open); meanwhile a clerk's first entry
    freezes it at 40%. The save is refused — and the greyed form must not go on
    showing 30% as if it were the frozen scheme (nor be stuck: 撤销 disabled)."""
    admin = open_as(Role.ADMIN)
    dialog = SchemesDialog(admin, admin.schemes)
    qtbot.addWidget(dialog)
    dialog.select_period("2026Q2")
    type_into(dialog, "good_quota", "30")
    score(admin, {"P01": ("80", "90")}, take_leases(admin))  # the first entry, meanwhile
    assert not dialog.save()
    # Said as it is: frozen by an entry, not "changed by another administrator".
    assert "冻结" in dialog.message.text() and "他人修改" not in dialog.message.text()
    assert dialog.current is not None and dialog.current.rules.good_quota == Decimal("0.4")
    box = dialog.form.rows["good_quota"].line
    assert box is not None and not box.isEnabled()
    # A read-only box shows the scheme in force, or the clerk can still undo the edit.
    assert box.text() == "40" or dialog.revert.isEnabled()


def test_ungraded_categories_in_another_order_are_no_edit(qtbot: Any, open_as: Any) -> None:
    """A scheme naming two categories in another order than the boxes' (categories
    reordered since, or set by another path) is the same scheme: opening it must not
    look edited (保存 enabled, 'discard?' asked on leaving)."""
    from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
    from kaohe_desktop.services.schemes.editor import SchemeKind

    admin = open_as(Role.ADMIN)
    names = admin.schemes.categories()
    assert len(names) >= 2
    reversed_pair = (names[1], names[0])
    admin.schemes.save(
        SchemeKind.QUARTERLY, "2026Q3", QuarterlyRules(ungraded_categories=reversed_pair), 0
    )
    dialog = SchemesDialog(admin, admin.schemes)
    qtbot.addWidget(dialog)
    dialog.select_period("2026Q3")
    assert not dialog.form.has_edits()
    assert not dialog.save_button.isEnabled()
