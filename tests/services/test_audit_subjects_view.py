"""The 操作日志 viewer names the person of every line (issue 18), on both backends:
a new line carries the name itself; a line written before, and a close's compact entry
(which records people by id), get it looked up when shown; the Find box finds a name."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session
from tests.factories import DEMO, CopyMaster, sign_in

import kaohe_desktop.storage.audit as audit
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.audit_subjects import SEPARATOR, person_text
from kaohe_desktop.storage.models import Base, CommentRow, PersonRow
from kaohe_desktop.storage.row_digests import BULK_EDIT, decode_ids


@pytest.fixture
def demo(copy_master: CopyMaster) -> Iterator[Workspace]:
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    yield workspace
    workspace.close()


def _person(workspace: Workspace, person_id: int | None = None) -> tuple[int, str, str]:
    with workspace._uow.read() as session:
        statement = select(PersonRow).order_by(PersonRow.id)
        if person_id is not None:
            statement = statement.where(PersonRow.id == person_id)
        person = session.scalars(statement).first()
        assert person is not None
        return person.id, person.name, person_text(person.name, person.code, person.department.name)


def _comment_then_edit(workspace: Workspace, person_id: int) -> None:
    """A 点评 added in the open quarter, then its text changed: an insert and an update
    (which records only the text)."""
    uow = workspace.opened.unit_of_work("admin")

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

    def edit(session: Session) -> None:
        comment = session.scalars(select(CommentRow).where(CommentRow.text == "主动加班")).one()
        comment.text = "主动加班完成抽检"

    uow.write(add)
    uow.write(edit)


def _as_before_issue_18(connection: Connection, objects: Sequence[Base]) -> dict[int, Any]:
    """How a line was labelled before: the row's own label alone."""
    labels: dict[int, Any] = {}
    for obj in objects:
        attr = type(obj).__label_attr__
        labels[id(obj)] = None if attr is None else str(getattr(obj, attr, None))
    return labels


def test_a_new_line_names_the_person_and_the_find_box_finds_it(demo: Workspace) -> None:
    person_id, name, text = _person(demo)
    _comment_then_edit(demo, person_id)
    found = demo.audit_log.entries(AuditFilter(text=name))
    comments = [e for e in found if e.entity == "comment"]
    assert [e.action for e in comments] == ["update", "insert"]  # newest first
    assert comments[0].label == f"{text}{SEPARATOR}主动加班完成抽检"
    assert comments[0].subject is None  # named when written: nothing to look up
    assert all(name in e.record for e in found)
    # A code in lower case finds it too, on a server as in a file.
    code = text.split("（")[1].split("，")[0]
    assert comments[0] in demo.audit_log.entries(AuditFilter(text=code.lower()))
    assert demo.audit_log.entries(AuditFilter(text="没有这个人")) == []


def test_a_line_written_before_shows_its_person_looked_up(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id, _name, text = _person(demo)
    monkeypatch.setattr(audit, "label_rows", _as_before_issue_18)
    _comment_then_edit(demo, person_id)
    monkeypatch.undo()
    update, insert = [e for e in demo.audit_log.entries(AuditFilter(entity="comment")) if e.label][
        :2
    ]
    # Stored as written (the chain is untouched); the viewer adds whose it is.
    assert (update.label, insert.label) == ("主动加班完成抽检", "主动加班")
    assert update.subject == insert.subject == text
    assert update.record == f"{text}{SEPARATOR}主动加班完成抽检"
    assert demo.audit_log.verify().ok


def test_a_close_entry_names_the_people_its_tooltip_shows(demo: Workspace) -> None:
    entries = demo.audit_log.entries(AuditFilter(entity="quarterly_assessment"))
    close = next(e for e in entries if e.action == BULK_EDIT)
    people = decode_ids(json.loads(close.after_json or "{}")["of"]["person_id"])[:20]
    assert list(close.people) == people
    for person_id in people[:3]:
        assert close.people[person_id] == _person(demo, person_id)[2]


def test_the_find_box_finds_the_closes_that_stored_a_persons_grade(demo: Workspace) -> None:
    """A close records its people by id: a name or 编号 typed finds it all the same."""
    entries = demo.audit_log.entries(AuditFilter(entity="quarterly_assessment"))
    graded = next(iter(next(e for e in entries if e.action == BULK_EDIT).people))
    person_id, name, _text = _person(demo, graded)  # (局领导 are not graded: not in a close)
    closes = [
        e
        for e in demo.audit_log.entries(AuditFilter(text=name))
        if e.action == BULK_EDIT and e.entity == "quarterly_assessment"
    ]
    assert closes  # the demo closed 2025 and 2026Q1–Q3: each stored this person's grade
    for close in closes:
        assert person_id in decode_ids(json.loads(close.after_json or "{}")["of"]["person_id"])
    others = demo.audit_log.entries(AuditFilter(text=name, entity="person"))
    assert all(e.entity == "person" for e in others)  # the other filters still hold
