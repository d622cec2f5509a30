"""A hand-edited, deleted or inserted audit row breaks the chain at that row, on a file
and on a server. The triggers make the log append-only for the application's own
accounts; a tamperer drops them first (on a file: anyone who can write it; on a
server: only a superuser, which the clerks' account is not)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError
from tests.pg_support import PgPlace
from tests.storage.conftest import Bare

from kaohe_desktop.storage.audit import ChainReport, verify_chain
from kaohe_desktop.storage.engine import write_engine
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.source import ServerAddress

Place = Path | ServerAddress


def _with_changes(bare: Bare) -> Place:
    opened = bare.new()
    uow = opened.unit_of_work("tester")
    for name in ("办公室", "稽查大队", "城区监管所"):
        uow.write(lambda s, name=name: s.add(DepartmentRow(name=name)))
    opened.close()
    return bare.source(opened)


def _tamper(bare: Bare, place: Place, *statements: str) -> None:
    if isinstance(place, ServerAddress):
        # Only the server's superuser may switch a table's triggers off.
        bare.superuser(
            place,
            "BEGIN; ALTER TABLE audit_log DISABLE TRIGGER USER; "
            + "; ".join(statements)
            + "; ALTER TABLE audit_log ENABLE TRIGGER USER; COMMIT;",
        )
        return
    connection = sqlite3.connect(place)
    # The triggers make the log append-only; a tamperer would drop them first.
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def _report(bare: Bare, place: Place) -> ChainReport:
    opened = bare.open(place)
    with opened.engine.connect() as connection:
        report = verify_chain(connection)
    opened.close()
    return report


def _id_of_label(bare: Bare, place: Place, label: str) -> int:
    opened = bare.open(place)
    with opened.engine.connect() as connection:
        found = connection.exec_driver_sql(
            f"SELECT id FROM audit_log WHERE label = '{label}'"
        ).scalar_one()
    opened.close()
    return int(found)


def test_intact_chain_verifies(bare: Bare) -> None:
    report = _report(bare, _with_changes(bare))
    assert report.ok and report.rows > 3


def test_audit_log_refuses_updates_and_deletes(bare: Bare) -> None:
    place = _with_changes(bare)
    opened = bare.open(place)  # on a server: the clerks' account, kaohe_app
    for statement in ("UPDATE audit_log SET account = 'x'", "DELETE FROM audit_log"):
        with write_engine(opened.engine).connect() as connection:
            with pytest.raises(DBAPIError) as info:
                connection.exec_driver_sql(statement)
            connection.rollback()
        assert "操作日志不可" in str(info.value.orig)
    opened.close()
    assert _report(bare, place).ok


def test_the_clerks_account_cannot_switch_the_triggers_off(
    pg_place: PgPlace, tmp_path: Path
) -> None:
    """(server only: a file has no accounts, whoever can write it can drop its triggers)"""
    bare = Bare("postgresql", tmp_path, pg_place)
    place = _with_changes(bare)
    opened = bare.open(place)
    assert opened.server is not None and opened.server.user == "kaohe_app"
    for statement in (
        "ALTER TABLE audit_log DISABLE TRIGGER USER",
        "DROP TRIGGER audit_log_no_update ON audit_log",
        "DROP TABLE audit_log",
    ):
        with write_engine(opened.engine).connect() as connection:
            with pytest.raises(DBAPIError) as info:
                connection.exec_driver_sql(statement)
            connection.rollback()
        assert info.value.orig is not None
        assert getattr(info.value.orig, "sqlstate", None) == "42501"  # insufficient_privilege
    opened.close()


def test_edited_row_breaks_the_chain_at_that_row(bare: Bare) -> None:
    place = _with_changes(bare)
    _tamper(
        bare,
        place,
        "UPDATE audit_log SET after_json = replace(after_json, '稽查大队', '稽查一队') "
        "WHERE label = '稽查大队'",
    )
    report = _report(bare, place)
    assert not report.ok
    edited = _id_of_label(bare, place, "稽查大队")
    assert report.first_broken_id == edited
    assert f"第 {edited} 条" in str(report)


def test_deleted_middle_row_is_named(bare: Bare) -> None:
    place = _with_changes(bare)
    _tamper(bare, place, "DELETE FROM audit_log WHERE id = 3")
    report = _report(bare, place)
    assert not report.ok and report.first_broken_id == 4


def test_deleted_last_row_is_detected(bare: Bare) -> None:
    place = _with_changes(bare)
    _tamper(bare, place, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    report = _report(bare, place)
    assert not report.ok and "实有" in str(report)


def test_inserted_row_is_detected(bare: Bare) -> None:
    place = _with_changes(bare)
    _tamper(
        bare,
        place,
        "INSERT INTO audit_log(id, at, account, action, entity, entity_id, label, before_json, "
        "after_json, prev_hash, hash) SELECT id + 1, at, account, action, entity, entity_id, "
        "label, before_json, after_json, hash, hash FROM audit_log "
        "WHERE id = (SELECT max(id) FROM audit_log)",
    )
    report = _report(bare, place)
    assert not report.ok
