"""PySide6 6.12.0 drops a reference to True/False each time a bool travels through a
signal into Python (a Signal(object), a check box's toggled); after a few hundred
Python aborts with "bool_dealloc". pyproject.toml keeps PySide6 below 6.12 for that;
these tests fail on a PySide6 that has the bug, so they guard the cap."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from kaohe_desktop.services.common.record_edit import FieldSpec
from kaohe_desktop.ui.editing.record_form import RecordForm
from kaohe_desktop.ui.workers import run_job

ROUNDS = 60


def test_jobs_returning_a_bool_leave_true_intact(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[bool] = []
    before = sys.getrefcount(True)
    for _ in range(ROUNDS):
        job = run_job(parent, "布尔", lambda _progress: True, on_success=results.append)
        with qtbot.waitSignal(job.done, timeout=10_000):
            pass
    assert results == [True] * ROUNDS
    # The list holds ROUNDS references; the bug would have taken two per job away.
    assert sys.getrefcount(True) >= before + ROUNDS - 10


def test_a_ticked_box_in_the_record_form_leaves_true_intact(qtbot: Any) -> None:
    form = RecordForm([FieldSpec("key_post", "关键岗位", "bool")])
    qtbot.addWidget(form)
    seen: list[str] = []
    form.value_changed.connect(seen.append)
    box = form.widget_for("key_post")
    assert isinstance(box, QCheckBox)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(ROUNDS):
        box.setChecked(not box.isChecked())
    assert len(seen) == ROUNDS and form.value("key_post") is False
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 10 and after[1] >= before[1] - 10
