"""Backups of a server database are data files (issue 17 §4): the daily backup and 备份
write a verified .kaohe through the copy, named, listed and rotated as a file's are,
with the 佐证材料 the database refers to copied into the backup folder's store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.factories import ADMIN, DEMO_ROLES, Clock, CopyMaster
from tests.storage.conftest import attach_raw

from kaohe_desktop.services.workspace import open_workspace
from kaohe_desktop.storage.backup import AUTOMATIC, verify_backup
from kaohe_desktop.storage.copy import copy_to_server
from kaohe_desktop.storage.database import check_data_file, open_data_file
from kaohe_desktop.storage.engine import make_engine
from kaohe_desktop.storage.evidence_store import BACKUP_STORE_NAME, EvidenceStore, store_dir
from kaohe_desktop.storage.identity import identity_of_file
from kaohe_desktop.storage.server_engine import make_server_engine
from kaohe_desktop.storage.source import parse_server_url


def on_server(source: Path, url: str, evidence: Path) -> None:
    engine = make_engine(source, read_only=True)
    server = make_server_engine(parse_server_url(url))
    try:
        copy_to_server(engine, server, evidence_dir=str(evidence))
    finally:
        engine.dispose()
        server.dispose()


def test_backups_of_a_server_are_data_files_named_listed_and_rotated(
    copy_master: CopyMaster, tmp_path: Path, pg_url: str
) -> None:
    source = copy_master(DEMO_ROLES, tmp_path / "源")
    stored = EvidenceStore(store_dir(source)).put_bytes("佐证".encode())
    attach_raw(source, stored.sha256)
    on_server(source, pg_url, store_dir(source).absolute())
    clock = Clock(datetime(2026, 5, 6, 9, 30))
    folder = tmp_path / "服务器备份"
    workspace = open_workspace(pg_url, ADMIN, daily_backup=False, clock=clock)
    try:
        workspace.backups.set_folder(folder)
        manual = workspace.backups.backup_now()
        daily = workspace.backups.daily()
        assert daily is not None
        assert workspace.backups.daily() is None  # once a day
        clock.advance(days=1)
        assert workspace.backups.daily() is not None
        listed = workspace.backups.backups()
        server_id = workspace.backups.identity.file_id  # type: ignore[union-attr]
    finally:
        workspace.close()
    assert manual.suffix == ".kaohe" and "@" in manual.name
    assert sorted(b.reason for b in listed) == sorted([AUTOMATIC, AUTOMATIC, "手动"])
    assert {b.path for b in listed} >= {manual, daily}
    for backup in (b.path for b in listed):
        assert verify_backup(backup).ok
        assert identity_of_file(backup).file_id == server_id
    assert not [p for p in folder.iterdir() if ".partial" in p.name]
    # The attachment went into the backup folder's store, checked by its hash.
    assert EvidenceStore(folder / BACKUP_STORE_NAME).verify(stored.sha256).value == "ok"
    opened = open_data_file(manual, force_read_only=True)  # opens on any workstation
    try:
        report = check_data_file(opened)
        assert report.ok, report
    finally:
        opened.close()
