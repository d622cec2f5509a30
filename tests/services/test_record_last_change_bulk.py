"""A record's "last changed" (services/common/record_edit) names a bulk write too
(issue 16): an import writes people, talks, rewards without a per-row audit entry, so
the record dialog and its conflict message must read the compact entry that covers the
row, not an older row-by-row entry (or nothing)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.factories import DEMO_AS_OF, DEMO_ROLES, CopyMaster, sign_in

from kaohe_desktop.domain.records import ExchangeBook, PersonRecord
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.demo import generate_demo_book


def test_the_last_change_of_a_row_written_in_bulk_is_the_bulk_entry(
    copy_master: CopyMaster,
) -> None:
    path: Path = copy_master(DEMO_ROLES)
    person_record = generate_demo_book(as_of=DEMO_AS_OF).people[0]
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        person = next(p for p in admin.people.listing() if p.code == person_record.code)
        assert person.id is not None
        first = admin.people.load(person.id)
        assert first.changed_by is not None  # the import that added them
    finally:
        admin.close()
    clerk = sign_in(path, Role.CLERK, daily_backup=False)
    try:
        renamed: PersonRecord = dataclasses.replace(person_record, name="改名字")
        result = clerk.importer.apply(ExchangeBook(people=[renamed]))
        assert result.counts["人员"].updated == 1
        after = clerk.people.load(person.id)
        assert after.values["name"] == "改名字"
        assert after.changed_by == "clerk"
    finally:
        clerk.close()
