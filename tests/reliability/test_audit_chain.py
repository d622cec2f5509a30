"""The audit log: one row per committed change, and tampering with it is detected.

The attacker here has the file and sqlite3: the append-only triggers are dropped
first, as they would be, and then one row is edited, deleted or slipped in. The hash
chain cannot prevent that (see docs/RELIABILITY.md) but must show it, naming the row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.factories import sign_in
from tests.reliability.conftest import Masters, Place

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.storage.audit import row_hash, verify_chain
from kaohe_desktop.storage.database import open_data_file

TARGET = 500  # an audit row in the middle of the demo bureau's log


def test_one_audit_row_per_committed_change(tmp_path: Path, masters: Masters, place: Place) -> None:
    """On a data file and on a server alike."""
    path = place(masters.demo, tmp_path)
    admin = sign_in(path, Role.ADMIN, daily_backup=False)  # type: ignore[arg-type]
    first, second = masters.departments[:2]
    start = admin.audit_log.verify().rows

    one = admin.departments.load(first)
    admin.departments.save(
        one.draft().with_value("group_name", "综合组").with_value("sort_order", 41)
    )
    two = admin.departments.load(second)
    admin.departments.save(two.draft().with_value("retired", True))
    admin.departments.save(admin.departments.load(second).draft())  # nothing changed
    lease = admin.leases.acquire(person_scope(masters.person), "人员")
    person = admin.people.load(masters.person)
    admin.people.save(person.draft().with_value("position", "三级主任科员"), lease)
    admin.leases.release(lease)  # leases are coordination, not data: not logged

    status = admin.audit_log.verify()
    assert status.ok
    entries = sorted(admin.audit_log.entries(), key=lambda e: e.id)[start:]
    assert [(e.action, e.entity, e.entity_id) for e in entries] == [
        ("update", "department", str(first)),
        ("update", "department", str(second)),
        ("update", "person", str(masters.person)),
    ]
    assert '"group_name": "综合组"' in (entries[0].after_json or "")
    assert '"sort_order": 41' in (entries[0].after_json or "")
    admin.close()


def _edit(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE audit_log SET account = 'someone' WHERE id = ?", (TARGET,))


def _delete(connection: sqlite3.Connection) -> None:
    connection.execute("DELETE FROM audit_log WHERE id = ?", (TARGET,))


def _insert(connection: sqlite3.Connection) -> None:
    """Slip a row in after TARGET: later rows move up one id, the forged row links to
    TARGET's hash, and its own hash is the attacker's guess."""
    connection.execute("UPDATE audit_log SET id = -id WHERE id > ?", (TARGET,))
    connection.execute("UPDATE audit_log SET id = 1 - id WHERE id < 0")
    (prev_hash,) = connection.execute(
        "SELECT hash FROM audit_log WHERE id = ?", (TARGET,)
    ).fetchone()
    connection.execute(
        "INSERT INTO audit_log (id, at, account, action, entity, entity_id, label, "
        "before_json, after_json, prev_hash, hash) VALUES (?, '2026-05-01 09:00:00', "
        "'admin', 'update', 'quarterly_assessment', '1', '2026Q2', NULL, '{}', ?, ?)",
        (TARGET + 1, prev_hash, row_hash(prev_hash, {"forged": True})),
    )


@pytest.mark.parametrize(
    ("tamper", "named", "broken_at"),
    [
        (_edit, f"第 {TARGET} 条", TARGET),  # its content no longer matches its hash
        (_delete, f"缺少第 {TARGET} 条", TARGET + 1),  # found where the gap is
        (_insert, f"第 {TARGET + 1} 条", TARGET + 1),  # the forged row itself
    ],
    ids=["edited", "deleted", "inserted"],
)
def test_tampering_is_detected_and_the_row_named(
    tmp_path: Path,
    masters: Masters,
    tamper: Callable[[sqlite3.Connection], None],
    named: str,
    broken_at: int,
) -> None:
    path = masters.copy(masters.demo, tmp_path)
    connection = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError):  # the triggers stop the casual attempt
        _edit(connection)
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")
    tamper(connection)
    connection.close()

    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    status = admin.audit_log.verify()
    assert not status.ok
    assert named in status.text
    admin.close()
    opened = open_data_file(path, force_read_only=True)
    with opened.engine.connect() as raw:
        assert verify_chain(raw).first_broken_id == broken_at
    opened.close()
