"""操作日志 names its subject: a line written before labels named
their subject gets it looked up when shown. An update records only what changed, so
its subject is read from the row it names — but on a data file (SQLite) a deleted
row's id is given to the next row added, and the old line must not name the new
row's person."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session
from tests.factories import DEMO, CopyMaster, sign_in

import kaohe_desktop.storage.audit as audit
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.storage.audit_subjects import SEPARATOR, person_text
from kaohe_desktop.storage.models import (
    Base,
    CheckRow,
    CommentRow,
    NoticeTaskRow,
    PersonRow,
    TaskRow,
)


def _as_before_issue_18(connection: Connection, objects: Any) -> dict[int, Any]:
    """How a line was labelled before: the row's own label alone."""
    labels: dict[int, Any] = {}
    for obj in objects:
        attr = type(obj).__label_attr__
        labels[id(obj)] = None if attr is None else str(getattr(obj, attr, None))
    return labels


def test_an_old_update_of_a_row_deleted_since_names_its_own_person(
    copy_master: CopyMaster, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    try:
        uow = workspace.opened.unit_of_work("admin")
        with workspace._uow.read() as session:
            first, second = session.scalars(select(PersonRow).order_by(PersonRow.id).limit(2))
            texts = {p.id: person_text(p.name, p.code, p.department.name) for p in (first, second)}
            ids = [first.id, second.id]

        def add(person_id: int) -> int:
            def work(session: Session) -> int:
                comment = CommentRow(
                    person_id=person_id,
                    commented_on=date(2026, 12, 3),
                    kind="praise",
                    points=Decimal("0.5"),
                    text="主动加班",
                )
                session.add(comment)
                session.flush()
                return comment.id

            return uow.write(work)

        monkeypatch.setattr(audit, "label_rows", _as_before_issue_18)  # an old program
        comment_id = add(ids[0])

        def edit(session: Session) -> None:
            row = session.get(CommentRow, comment_id)
            assert row is not None
            row.text = "主动加班完成抽检"

        def delete(session: Session) -> None:
            row: Base | None = session.get(CommentRow, comment_id)
            session.delete(row)

        uow.write(edit)
        uow.write(delete)
        reused = add(ids[1])  # the next 点评 takes the freed id (SQLite)
        monkeypatch.undo()

        entries = workspace.audit_log.entries(AuditFilter(entity="comment"))
        update = next(e for e in entries if e.action == "update")
        assert update.entity_id == str(comment_id)
        if reused == comment_id:
            assert update.subject == texts[ids[0]], update.record
        assert update.record == f"{texts[ids[0]]}{SEPARATOR}主动加班完成抽检"
    finally:
        workspace.close()


def test_find_finds_an_old_line_that_shows_the_name(
    copy_master: CopyMaster, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    try:
        with workspace._uow.read() as session:
            person = session.scalars(select(PersonRow).order_by(PersonRow.id)).first()
            assert person is not None
            person_id, name = person.id, person.name

        def add(session: Session) -> None:
            session.add(
                CommentRow(
                    person_id=person_id,
                    commented_on=date(2026, 12, 3),
                    kind="praise",
                    points=Decimal("0.5"),
                    text="主动加班",
                )
            )

        monkeypatch.setattr(audit, "label_rows", _as_before_issue_18)  # an old program
        workspace.opened.unit_of_work("admin").write(add)
        monkeypatch.undo()
        shown = [
            e
            for e in workspace.audit_log.entries(AuditFilter(entity="comment"))
            if name in e.record
        ]
        assert shown  # the Record column names the person
        found = workspace.audit_log.entries(AuditFilter(entity="comment", text=name))
        assert [e.id for e in found] == [e.id for e in shown]
    finally:
        workspace.close()


def test_a_deleted_tasks_departments_name_the_task(copy_master: CopyMaster) -> None:
    """A task's 责任科室 rows go with it in the same save: their lines name the task,
    not "任务#80" (its row is gone by the time the lines are labelled)."""
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    try:
        with workspace._uow.read() as session:
            used = select(CheckRow.task_id).union(select(NoticeTaskRow.task_id))
            task = session.scalars(
                select(TaskRow)
                .where(TaskRow.id.not_in(used), TaskRow.responsible.any())
                .order_by(TaskRow.id)
            ).first()
            assert task is not None
            task_id, version, title = task.id, task.version, task.title
        workspace.ledger.delete(task_id, version)
        lines = [
            e
            for e in workspace.audit_log.entries(AuditFilter(entity="task_department"))
            if e.action == "delete" and e.entity_id.startswith(f"{task_id}/")
        ]
        assert lines
        for line in lines:
            assert title[:10] in line.record, line.record
            assert f"#{task_id}" not in line.record
    finally:
        workspace.close()
