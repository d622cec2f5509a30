"""Names the 操作日志 viewer looks up when an entry does not carry them itself.

Since issue 18 a row's entry stores its subject in its label ("2026Q4 · 张三（P0123，
办公室）", storage/audit_subjects). Two kinds of entries do not:

- entries written before, labelled by the row alone ("2026Q4"): their subject is looked
  up now, from the ids the entry records or, for an update (which records only what
  changed), from the row it names — or, deleted since, from its deletion's entry
  (its id may be another row's now). The name is today's; a person gone shows an id;
- the compact entry of a bulk write (a quarter's close): one entry for thousands of
  rows, which records each row's person by id ("of"). The rows its tooltip spells
  out are named here.

The stored entries are not touched (their hashes chain the log). All of it is read in
one query per table and kind of subject, whatever the number of entries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, or_, select

from kaohe_desktop.storage.audit_subjects import (
    NAMED_BY_WRITER,
    SEPARATOR,
    SUBJECTS,
    SubjectNames,
    wanted_ids,
)
from kaohe_desktop.storage.models import AuditRow, Base, PersonRow
from kaohe_desktop.storage.row_digests import BULK_EDIT, decode_ids

ROW_ACTIONS = frozenset({"insert", "update", "delete"})
SHOWN_ROWS = 20  # rows of a compact entry its tooltip names (ui/audit/compact_summary)
_IDS_PER_SELECT = 500


def _parse(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def needs_subject(row: AuditRow) -> bool:
    """An entry of a row with a subject whose label does not name it (written before)."""
    return (
        row.action in ROW_ACTIONS
        and bool(SUBJECTS.get(row.entity))
        and row.entity not in NAMED_BY_WRITER
        and SEPARATOR not in (row.label or "")
    )


def _models() -> dict[str, type[Base]]:
    return {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


def _stored_values(connection: Connection, table: str, ids: set[int]) -> dict[int, dict[str, Any]]:
    """The subject columns of rows `ids` of `table`, as the file holds them now."""
    model = _models().get(table)
    if model is None or not ids:
        return {}
    columns = model.__table__.c
    wanted = [columns[name] for name in SUBJECTS[table] if name in columns]
    ordered = sorted(ids)
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ordered), _IDS_PER_SELECT):
        part = ordered[start : start + _IDS_PER_SELECT]
        statement = select(columns["id"], *wanted).where(columns["id"].in_(part))
        for row in connection.execute(statement):
            found[row[0]] = {column.name: row[i + 1] for i, column in enumerate(wanted)}
    return found


def _old_entry_values(
    connection: Connection, rows: list[AuditRow]
) -> dict[int, tuple[str, dict[str, Any]]]:
    """(table, subject columns) of each old row entry, by audit entry id."""
    values: dict[int, tuple[str, dict[str, Any]]] = {}
    missing: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        recorded = _parse(row.after_json) or _parse(row.before_json)
        if row.action == "delete":
            recorded = _parse(row.before_json)
        if all(column in recorded for column in SUBJECTS[row.entity]):
            values[row.id] = (row.entity, recorded)
        elif row.entity_id.isdigit():  # an update records only what changed: read the row
            missing[row.entity][int(row.entity_id)].append(row.id)
    for table, by_row in missing.items():
        deleted = _deletions(connection, table, set(by_row))
        for row_id, stored in _stored_values(connection, table, set(by_row)).items():
            for entry_id in by_row[row_id]:
                values[entry_id] = (table, stored)
        # A row deleted after the entry: its own values, as its deletion recorded them
        # (a data file gives a deleted row's id to the next row added: the row there
        # now may be another person's).
        for row_id, entry_ids in by_row.items():
            for entry_id in entry_ids:
                later = [(at, gone) for at, gone in deleted.get(row_id, ()) if at > entry_id]
                if later:
                    values[entry_id] = (table, min(later)[1])
    return values


def _deletions(
    connection: Connection, table: str, ids: set[int]
) -> dict[int, list[tuple[int, dict[str, Any]]]]:
    """The delete entries of rows `ids` of `table`: row id → [(entry id, its values)].

    One read of the table's delete entries, filtered here: `entity_id` has no index, so
    an IN list per 500 ids read the table's every entry once per chunk (155,000 entries
    of 平时考核 × 20 chunks made the county's 操作日志 take seconds to open)."""
    found: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    wanted = {str(row_id) for row_id in ids}
    statement = select(AuditRow.id, AuditRow.entity_id, AuditRow.before_json).where(
        AuditRow.entity == table, AuditRow.action == "delete"
    )
    for entry_id, row_id, before in connection.execute(statement):
        if row_id not in wanted:
            continue
        recorded = _parse(before)
        if all(column in recorded for column in SUBJECTS[table]):
            found[int(row_id)].append((entry_id, recorded))
    return found


def _compact_people_ids(row: AuditRow) -> list[int]:
    """The people of the rows a close's compact entry wrote, in its order (it records
    each row's person by id, as runs: storage/row_digests)."""
    of = _parse(row.after_json).get("of") or {}
    runs = of.get("person_id") if isinstance(of, dict) else None
    return decode_ids(runs) if isinstance(runs, list) else []


def _compact_people(row: AuditRow) -> list[int]:
    """The people of the first rows a close's compact entry spells out."""
    return _compact_people_ids(row)[:SHOWN_ROWS]


def people_matching(connection: Connection, words: str) -> set[int]:
    """The people whose name or 编号 contains `words` (the Find box)."""
    statement = select(PersonRow.id).where(
        or_(
            PersonRow.name.icontains(words, autoescape=True),
            PersonRow.code.icontains(words, autoescape=True),
        )
    )
    return set(connection.scalars(statement))


def names_any(row: AuditRow, people: set[int]) -> bool:
    """Whether a compact entry (a close) wrote a row of one of `people`."""
    return not people.isdisjoint(_compact_people_ids(row))


def look_up_subjects(
    connection: Connection, rows: list[AuditRow]
) -> tuple[dict[int, str], dict[int, dict[int, str]]]:
    """For the entries `rows`: the subject of each old row entry (by entry id), and the
    names of the people each compact entry's tooltip shows (entry id → person id → name)."""
    old = _old_entry_values(connection, [row for row in rows if needs_subject(row)])
    compact = {
        row.id: people
        for row in rows
        if row.action == BULK_EDIT and (people := _compact_people(row))
    }
    wanted = wanted_ids(old.values())
    for people in compact.values():
        wanted["person"].update(people)
    names = SubjectNames(connection, wanted)
    subjects = {
        entry_id: SEPARATOR.join(found)
        for entry_id, (table, values) in old.items()
        if (found := names.of(table, values))
    }
    people_named = {
        entry_id: {person: names.name("person", person) for person in people}
        for entry_id, people in compact.items()
    }
    return subjects, people_named
