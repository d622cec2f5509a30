"""services/task_editor: one 台账任务 loaded in the editor's form, saved with the ledger
rules checked on the merged values, a stale save refused with both versions, and every
save audited. One demo bureau for the module; each test edits tasks of its own year."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from tests.factories import DEMO, MasterFiles, sign_in
from tests.services.on_backend import BACKENDS, copies_on

from kaohe_desktop.domain.ledger_rules import TASK_FIELDS
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import EditConflictError, TaskInputError
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.workspace import Workspace

_years = count(2040)


@pytest.fixture(scope="module", params=BACKENDS)
def copies(
    request: pytest.FixtureRequest,
    master_files: MasterFiles,
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[], Path]:
    """Fresh copies of the demo bureau: a data file, or a database on a server."""
    return copies_on(request, master_files, DEMO, tmp_path_factory)


@pytest.fixture(scope="module")
def office(copies: Callable[[], Path]) -> Iterator[Workspace]:
    workspace = sign_in(copies(), Role.ADMIN, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def task(office: Workspace) -> TaskView:
    """A task of a year of its own, next to a second task numbered 2."""
    year = next(_years)
    office.ledger.add(year, _values(seq=2, title="另一项任务"))
    return office.ledger.add(year, _values())


def _values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "seq": 1,
        "title": "农村集体聚餐备案指导",
        "target": "备案率 100%",
        "category": "常规工作",
        "lead_department": "餐饮服务监管科",
        "responsible": "城区监管所、乡镇监管所",
        "deadline": "每季度",
        "points": "8",
        "source": None,
        "note": None,
    }
    return {**values, **changes}


def test_the_editor_shows_a_task_in_its_form(office: Workspace, task: TaskView) -> None:
    snapshot = office.tasks.load(task.id)
    assert tuple(snapshot.values) == TASK_FIELDS
    assert snapshot.values["seq"] == 1
    assert snapshot.values["category"] == "常规工作"
    assert snapshot.values["responsible"] == "城区监管所、乡镇监管所"
    assert snapshot.values["points"] == "8"
    assert snapshot.version == task.version == 1
    assert snapshot.changed_by == "admin"
    fields = {spec.name: spec for spec in snapshot.fields}
    assert fields["seq"].kind == "int" and fields["seq"].label == "序号"
    assert fields["category"].choices == ("常规工作", "重点工作")
    assert fields["lead_department"].kind == "choice"
    assert "办公室" in fields["lead_department"].choices
    assert fields["deadline"].required and not fields["note"].required
    assert office.tasks.current_version(task.id) == 1


def test_an_edit_is_saved_audited_and_shown(office: Workspace, task: TaskView) -> None:
    draft = (
        office.tasks.load(task.id)
        .draft()
        .with_value("title", "农村集体聚餐备案与指导")
        .with_value("points", "9.5")
        .with_value("deadline", "6月底前")
    )
    saved = office.tasks.save(draft)
    assert saved.version == 2
    assert saved.values["points"] == "9.5"
    view = office.ledger.task(task.id)
    assert (view.title, view.points, view.deadline) == (
        "农村集体聚餐备案与指导",
        Decimal("9.5"),
        "6月底前",
    )
    assert view.due_periods == "第二季度"
    assert view.version == 2
    entries = office.audit_log.entries(AuditFilter(entity="ledger_task"))
    update = next(e for e in entries if e.action == "update" and e.entity_id == str(task.id))
    assert json.loads(update.after_json or "{}")["title"] == "农村集体聚餐备案与指导"


def test_changing_only_the_departments_moves_the_version(office: Workspace, task: TaskView) -> None:
    draft = office.tasks.load(task.id).draft()
    saved = office.tasks.save(
        draft.with_value("responsible", "乡镇监管所，稽查大队").with_value(
            "lead_department", "稽查大队"
        )
    )
    assert saved.version == 2
    view = office.ledger.task(task.id)
    assert view.lead_department == "稽查大队"
    assert view.responsible_departments == ("乡镇监管所", "稽查大队")

    # Links alone are rows of their own, yet an editor open elsewhere must see the move.
    draft = office.tasks.load(task.id).draft()
    saved = office.tasks.save(draft.with_value("responsible", "稽查大队"))
    assert saved.version == 3
    assert office.ledger.task(task.id).responsible_departments == ("稽查大队",)
    stale = draft.with_value("note", "旧版本上的修改")
    with pytest.raises(EditConflictError):
        office.tasks.save(stale)


def test_a_stale_edit_is_refused_with_both_versions(office: Workspace, task: TaskView) -> None:
    mine = office.tasks.load(task.id).draft().with_value("points", "10")
    theirs = office.tasks.load(task.id).draft().with_value("points", "6")
    office.tasks.save(theirs)
    with pytest.raises(EditConflictError) as caught:
        office.tasks.save(mine)
    conflict = caught.value.conflict
    (field,) = conflict.fields()
    assert (field.name, field.mine, field.theirs, field.clash) == ("points", "10", "6", True)
    assert office.ledger.task(task.id).points == Decimal(6)
    office.tasks.save(conflict.keep_mine())
    assert office.ledger.task(task.id).points == Decimal(10)


def test_the_merged_values_are_checked_and_nothing_is_written(
    office: Workspace, task: TaskView
) -> None:
    draft = (
        office.tasks.load(task.id)
        .draft()
        .with_value("seq", 2)
        .with_value("responsible", " ")
        .with_value("deadline", "下个月")
    )
    with pytest.raises(TaskInputError) as caught:
        office.tasks.save(draft)
    problems = caught.value.problems
    assert [p.field for p in problems] == ["seq", "responsible", "deadline"]
    assert "另一项任务" in problems[0].message and "建议用 3" in problems[0].message
    assert office.tasks.current_version(task.id) == 1
    assert office.ledger.task(task.id) == task


def test_the_tasks_own_number_is_not_taken(office: Workspace, task: TaskView) -> None:
    draft = office.tasks.load(task.id).draft().with_value("seq", "1").with_value("note", "备注")
    saved = office.tasks.save(draft)
    assert saved.values["seq"] == 1 and saved.values["note"] == "备注"
    moved = office.tasks.save(saved.draft().with_value("seq", 7))
    assert moved.values["seq"] == 7
    assert office.ledger.taken_seqs(task.year) == {2, 7}


def test_a_retired_department_may_stay_but_not_be_chosen(copies: Callable[[], Path]) -> None:
    # Retiring changes departments for everyone: work on a copy of the demo bureau.
    other = sign_in(copies(), Role.ADMIN, daily_backup=False)
    try:
        year = next(_years)
        other.ledger.add(year, _values(seq=2, title="另一项任务"))
        task = other.ledger.add(year, _values())
        department_id = next(d.id for d in other.departments.listing() if d.name == "乡镇监管所")
        retired = other.departments.load(department_id).draft().with_value("retired", True)
        other.departments.save(retired)

        snapshot = other.tasks.load(task.id)
        assert (
            "乡镇监管所"
            not in dict((f.name, f.choices) for f in snapshot.fields)["lead_department"]
        )
        kept = other.tasks.save(snapshot.draft().with_value("title", "改名后仍可保存"))
        assert kept.values["responsible"] == "城区监管所、乡镇监管所"

        with pytest.raises(TaskInputError, match="牵头科室“乡镇监管所”已撤销") as caught:
            other.tasks.save(kept.draft().with_value("lead_department", "乡镇监管所"))
        assert [p.field for p in caught.value.problems] == ["lead_department"]
        version = other.tasks.current_version(task.id)
        # Put back after being taken off, it would be newly chosen: refused as well.
        dropped = other.tasks.save(kept.draft().with_value("responsible", "城区监管所"))
        with pytest.raises(TaskInputError, match=r"责任科室“乡镇监管所”.*已撤销"):
            other.tasks.save(dropped.draft().with_value("responsible", "城区监管所、乡镇监管所"))
        assert other.tasks.current_version(task.id) == (version or 0) + 1
    finally:
        other.close()
