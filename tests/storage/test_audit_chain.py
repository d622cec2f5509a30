"""A hand-edited, deleted or inserted audit row breaks the chain at that row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.factories import new_data_file

from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.database import open_data_file
from kaohe_desktop.storage.models import DepartmentRow


def _file_with_changes(tmp_path: Path) -> Path:
    opened = new_data_file(tmp_path)
    uow = opened.unit_of_work("tester")
    for name in ("办公室", "稽查大队", "城区监管所"):
        uow.write(lambda s, name=name: s.add(DepartmentRow(name=name)))
    opened.close()
    return opened.path


def _tamper(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    # The triggers make the log append-only; a tamperer would drop them first.
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def _report(path: Path):
    opened = open_data_file(path)
    with opened.engine.connect() as connection:
        report = verify_chain(connection)
    opened.close()
    return report


def test_intact_chain_verifies(tmp_path: Path) -> None:
    report = _report(_file_with_changes(tmp_path))
    assert report.ok and report.rows > 3


def test_audit_log_refuses_updates_and_deletes(tmp_path: Path) -> None:
    path = _file_with_changes(tmp_path)
    connection = sqlite3.connect(path)
    for statement in ("UPDATE audit_log SET account = 'x'", "DELETE FROM audit_log"):
        try:
            connection.execute(statement)
            raise AssertionError("the trigger should have refused")
        except sqlite3.IntegrityError as error:
            assert "操作日志不可" in str(error)
    connection.close()


def test_edited_row_breaks_the_chain_at_that_row(tmp_path: Path) -> None:
    path = _file_with_changes(tmp_path)
    _tamper(
        path,
        "UPDATE audit_log SET after_json = replace(after_json, '稽查大队', '稽查一队') "
        "WHERE label = '稽查大队'",
    )
    report = _report(path)
    assert not report.ok
    connection = sqlite3.connect(path)
    edited = connection.execute("SELECT id FROM audit_log WHERE label = '稽查大队'").fetchone()[0]
    connection.close()
    assert report.first_broken_id == edited
    assert f"第 {edited} 条" in str(report)


def test_deleted_middle_row_is_named(tmp_path: Path) -> None:
    path = _file_with_changes(tmp_path)
    _tamper(path, "DELETE FROM audit_log WHERE id = 3")
    report = _report(path)
    assert not report.ok and report.first_broken_id == 4


def test_deleted_last_row_is_detected(tmp_path: Path) -> None:
    path = _file_with_changes(tmp_path)
    _tamper(path, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    report = _report(path)
    assert not report.ok and "实有" in str(report)


def test_inserted_row_is_detected(tmp_path: Path) -> None:
    path = _file_with_changes(tmp_path)
    _tamper(
        path,
        "INSERT INTO audit_log(id, at, account, action, entity, entity_id, label, before_json, "
        "after_json, prev_hash, hash) SELECT max(id) + 1, at, account, action, entity, entity_id, "
        "label, before_json, after_json, hash, hash FROM audit_log",
    )
    report = _report(path)
    assert not report.ok
