"""What an 操作日志 line is about: the person, task or department a changed row concerns.

A row's own label (`__label_attr__`: a quarter, a reason, a 点评's text) does not say
whose it is: a close of 2026Q4 read "平时考核 2026Q4：等次 (空) → 较好" for every person.
The label an entry stores is therefore the row's own label followed by its subject —
"2026Q4 · 张三（P0123，办公室）" — computed when the row is written. Written then, it
stays right after the person is renamed, moved or deleted, and an exported log reads
without the file. (Entries written before this carry the old label; the viewer looks
their subject up, services/access/audit_subject_lookup.)

A flush labels all its rows with one query per kind of subject (people, departments,
tasks, notices, checks), never one per row. `SUBJECTS` lists every audited table;
tests/storage/test_audit_subjects.py fails for an audited table missing from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, inspect, select

from kaohe_desktop.storage.models import (
    AccountRow,
    Base,
    CheckRow,
    DepartmentRow,
    NoticeRow,
    PersonRow,
    TaskRow,
)

SEPARATOR = " · "  # between a row's own label and its subjects
_OWN_CHARS = 60  # a long reason or 点评 text is cut so that the subject always fits
_LABEL_CHARS = 200  # audit_log.label
_IDS_PER_SELECT = 500

PERSON, DEPARTMENT, TASK, NOTICE, CHECK = "person", "department", "task", "notice", "check"
# The column naming a subject → the kind of subject it names.
_KIND_OF = {
    "person_id": PERSON,
    "department_id": DEPARTMENT,
    "lead_department_id": DEPARTMENT,
    "task_id": TASK,
    "notice_id": NOTICE,
    "check_id": CHECK,
}

# Every audited table: the columns naming what its row concerns, in the order a line
# names them. () for a row that is its own subject (a person, a department, an account,
# a period's scheme or lock: its own label names it).
SUBJECTS: dict[str, tuple[str, ...]] = {
    # a person's
    "quarterly_assessment": ("person_id",),
    "annual_assessment": ("person_id",),
    "comment": ("person_id",),
    "commendation": ("person_id",),
    "discipline": ("person_id",),
    "talk": ("person_id",),
    "person_department": ("person_id", "department_id"),
    # a department's
    "adjustment": ("department_id",),
    "veto": ("department_id",),
    "department_score": ("department_id",),
    "score_decision": ("department_id",),
    "notice": ("department_id",),
    "rectification": ("department_id",),
    # a task's
    "check_record": ("task_id", "department_id"),
    "task_department": ("task_id", "department_id"),
    "notice_task": ("notice_id", "task_id"),
    "evidence_file": ("check_id",),
    # their own subject
    "person": (),
    "account": (),
    "department": (),
    "bureau": (),
    "staff_category": (),
    "ledger_task": (),
    "scheme": (),
    "period_lock": (),
    "check_sample": (),
    "bulletin": (),
}
# Rows whose own label is free text (a reason, a 点评, a target): their subject comes
# first, so that a narrow column still shows whose it is.
SUBJECT_FIRST = frozenset({"comment", "adjustment", "veto", "score_decision", "rectification"})
# A stint in a department: the person without today's department (the stint names its own).
_PERSON_ALONE = frozenset({"person_department"})
# Rows whose writer may name them itself (name_for_audit: the person and the date of a
# reward, the task, department and level of a check); that label already names them.
NAMED_BY_WRITER = frozenset({"check_record", "commendation", "discipline", "talk"})


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def person_text(name: str, code: str, department: str | None) -> str:
    inside = f"{code}，{department}" if department else code
    return f"{name}（{inside}）"


def task_text(year: int, seq: int, title: str) -> str:
    return f"{year}年第{seq}项 {_cut(title, 40)}"


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _IDS_PER_SELECT):
        yield ids[start : start + _IDS_PER_SELECT]


def _departments(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in _chunks(ids):
        statement = select(DepartmentRow.id, DepartmentRow.name).where(DepartmentRow.id.in_(part))
        found.update((row.id, row.name) for row in connection.execute(statement))
    return found


def _people(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    """Each person as "张三（P0123，办公室）" by id, and as "张三（P0123）" by -id."""
    found: dict[int, str] = {}
    for part in _chunks(ids):
        statement = (
            select(PersonRow.id, PersonRow.name, PersonRow.code, DepartmentRow.name.label("dept"))
            .outerjoin(DepartmentRow, DepartmentRow.id == PersonRow.department_id)
            .where(PersonRow.id.in_(part))
        )
        for row in connection.execute(statement):
            found[row.id] = person_text(row.name, row.code, row.dept)
            found[-row.id] = person_text(row.name, row.code, None)
    return found


def _tasks(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in _chunks(ids):
        statement = select(TaskRow.id, TaskRow.year, TaskRow.seq, TaskRow.title).where(
            TaskRow.id.in_(part)
        )
        found.update(
            (row.id, task_text(row.year, row.seq, row.title))
            for row in connection.execute(statement)
        )
    return found


def _notices(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in _chunks(ids):
        statement = select(NoticeRow.id, NoticeRow.number).where(NoticeRow.id.in_(part))
        found.update((row.id, row.number) for row in connection.execute(statement))
    return found


def _checks(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in _chunks(ids):
        statement = (
            select(
                CheckRow.id,
                CheckRow.period,
                TaskRow.year,
                TaskRow.seq,
                TaskRow.title,
                DepartmentRow.name.label("dept"),
            )
            .join(TaskRow, TaskRow.id == CheckRow.task_id)
            .join(DepartmentRow, DepartmentRow.id == CheckRow.department_id)
            .where(CheckRow.id.in_(part))
        )
        found.update(
            (row.id, f"{row.period} {task_text(row.year, row.seq, row.title)}（{row.dept}）")
            for row in connection.execute(statement)
        )
    return found


_LOOKUPS = {
    PERSON: _people,
    DEPARTMENT: _departments,
    TASK: _tasks,
    NOTICE: _notices,
    CHECK: _checks,
}
_MISSING = {
    PERSON: "人员#{0}",
    DEPARTMENT: "科室#{0}",
    TASK: "任务#{0}",
    NOTICE: "督办单#{0}",
    CHECK: "查账记录#{0}",
}


class SubjectNames:
    """The names of the subjects of many rows, each kind read in one query."""

    def __init__(self, connection: Connection, wanted: dict[str, set[int]]) -> None:
        self._names = {
            kind: _LOOKUPS[kind](connection, sorted(ids)) if ids else {}
            for kind, ids in wanted.items()
        }

    def fill(self, objects: Iterable[Base]) -> None:
        """Name the subjects among `objects` themselves where the file no longer has
        them: a task deleted with its 责任科室 in one save is gone when they are labelled."""
        for obj in objects:
            loaded = inspect(obj).dict  # what the session holds: nothing is read again
            row_id = loaded.get("id")
            if row_id is None:
                continue
            if isinstance(obj, TaskRow) and {"year", "seq"} <= loaded.keys():
                found = (TASK, task_text(loaded["year"], loaded["seq"], loaded.get("title") or ""))
            elif isinstance(obj, DepartmentRow) and loaded.get("name"):
                found = (DEPARTMENT, str(loaded["name"]))
            elif isinstance(obj, NoticeRow) and loaded.get("number"):
                found = (NOTICE, str(loaded["number"]))
            else:
                continue
            self._names.setdefault(found[0], {}).setdefault(int(row_id), found[1])

    def name(self, kind: str, row_id: int) -> str:
        found = self._names.get(kind, {}).get(row_id)
        return found if found is not None else _MISSING[kind].format(row_id)

    def of(self, table: str, values: dict[str, Any]) -> list[str]:
        """The subjects of a row of `table` whose columns are `values` (None left out)."""
        named: list[str] = []
        for column in SUBJECTS.get(table, ()):
            value = values.get(column)
            if value is None:
                continue
            kind, row_id = _KIND_OF[column], int(value)
            alone = self._names.get(PERSON, {}).get(-row_id) if kind == PERSON else None
            named.append(alone if alone and table in _PERSON_ALONE else self.name(kind, row_id))
        return named


def wanted_ids(rows: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, set[int]]:
    """The subject ids, by kind, that rows (table, column values) name."""
    wanted: dict[str, set[int]] = {kind: set() for kind in _LOOKUPS}
    for table, values in rows:
        for column in SUBJECTS.get(table, ()):
            if values.get(column) is not None:
                wanted[_KIND_OF[column]].add(int(values[column]))
        if table == "person" and values.get("department_id") is not None:
            wanted[DEPARTMENT].add(int(values["department_id"]))
    return wanted


def _values(obj: Base) -> dict[str, Any]:
    table = type(obj).__tablename__
    columns = (*SUBJECTS.get(table, ()), *(("department_id",) if table == "person" else ()))
    return {column: getattr(obj, column, None) for column in columns}


def _own(obj: Base) -> str | None:
    """What the row itself says (its `__label_attr__`), or its own name for a row that
    is its own subject."""
    if isinstance(obj, TaskRow):
        return task_text(obj.year, obj.seq, obj.title or "")
    if isinstance(obj, AccountRow):
        shown = obj.display_name
        return f"{shown}（{obj.username}）" if shown and shown != obj.username else obj.username
    attr = type(obj).__label_attr__
    if attr is None:
        return None
    value = getattr(obj, attr, None)
    return None if value is None else str(value)


def label_rows(connection: Connection, objects: Sequence[Base]) -> dict[int, str | None]:
    """The label of each audited object of a flush, by id(obj): its own label and the
    names of its subjects, read with one query per kind of subject."""
    names = SubjectNames(
        connection, wanted_ids((type(obj).__tablename__, _values(obj)) for obj in objects)
    )
    names.fill(objects)
    labels: dict[int, str | None] = {}
    for obj in objects:
        table = type(obj).__tablename__
        own = _own(obj)
        if table in NAMED_BY_WRITER and getattr(obj, "_audit_label", None):
            labels[id(obj)] = _cut(own or "", _LABEL_CHARS)  # the writer named the subject
            continue
        if isinstance(obj, PersonRow):
            dept = obj.department_id
            department = None if dept is None else names.name(DEPARTMENT, int(dept))
            labels[id(obj)] = person_text(obj.name, obj.code, department)
            continue
        labels[id(obj)] = joined(table, own, names.of(table, _values(obj)))
    return labels


def joined(table: str, own: str | None, subjects: Sequence[str]) -> str | None:
    """A row's own label and its subjects as one line: "2026Q4 · 张三（P0123，办公室）",
    the subject first where the own label is free text ("办公室 · 迟报材料")."""
    parts = [_cut(own, _OWN_CHARS)] if own and subjects else [own] if own else []
    ordered = [*subjects, *parts] if table in SUBJECT_FIRST else [*parts, *subjects]
    text = SEPARATOR.join(ordered)
    return _cut(text, _LABEL_CHARS) if text else None
