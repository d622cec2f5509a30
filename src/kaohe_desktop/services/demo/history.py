"""Writes the demo's department history (services/demo/moves) into the file.

No screen records a move on a chosen past day (a department changed by hand or by a
later import is a move on the day it is made), so the demo, which plays years of a
bureau in a few seconds, rewrites the one stint the import opened for each mover: the
department left, from 参加工作时间 to the day before the move, then the current one
from the move. One write, before anything is graded or closed, so every quarter's
roster (department at quarter end, moves inside it) reads the history as a clerk's
file would have it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.services.demo.moves import PlannedMove
from kaohe_desktop.storage.database import OpenedFile
from kaohe_desktop.storage.models import DepartmentRow, PersonDepartmentRow, PersonRow


class FileDesk(Protocol):
    opened: OpenedFile

    @property
    def account(self) -> str: ...


def write_history(desk: FileDesk, moves: Sequence[PlannedMove]) -> None:
    codes = sorted({move.code for move in moves})
    if not codes:
        return

    def work(session: Session) -> None:
        people = {
            row.code: row
            for row in session.scalars(select(PersonRow).where(PersonRow.code.in_(codes)))
        }
        departments = {row.name: row for row in session.scalars(select(DepartmentRow))}
        stints = {
            row.person_id: row
            for row in session.scalars(
                select(PersonDepartmentRow).where(
                    PersonDepartmentRow.person_id.in_([p.id for p in people.values()]),
                    PersonDepartmentRow.end_date.is_(None),
                )
            )
        }
        for move in moves:
            current = stints[people[move.code].id]
            if not current.start_date < move.day:
                continue  # joined after the planned day: nothing to split
            session.add(
                PersonDepartmentRow(
                    person_id=current.person_id,
                    department_id=departments[move.before].id,
                    start_date=current.start_date,
                    end_date=move.day - timedelta(days=1),
                )
            )
            current.start_date = move.day

    desk.opened.unit_of_work(desk.account).write(work)
