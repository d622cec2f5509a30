"""A trial import (`dry_run=True`) on a file that cannot be written runs on a private
copy of it (storage/trial_copy.py): it counts what the import would do, and leaves
neither the file changed nor a copy behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from tests.factories import DEMO, CopyMaster, fingerprint, sidecars, sign_in

from kaohe_desktop.domain.records import ExchangeBook, PersonRecord
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.errors import InputError, ReadOnlyError

NEW_PERSON = ExchangeBook(people=[PersonRecord("T900", "赵六", "办公室", "一般公务员")])
UNKNOWN_DEPARTMENT = ExchangeBook(
    people=[PersonRecord("T901", "钱七", "不存在的科室", "一般公务员")]
)


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the trial's copy goes, so the test can see that it is gone afterwards."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_trial_on_a_file_opened_read_only_counts_and_writes_nothing(
    copy_master: CopyMaster, private_temp: Path
) -> None:
    path = copy_master(DEMO)
    before = fingerprint(path)
    workspace = sign_in(path, Role.ADMIN, read_only=True, daily_backup=False)
    try:
        result = workspace.importer.apply(NEW_PERSON, dry_run=True)
        assert result.dry_run and result.counts["人员"].added == 1
        assert result.read_only_reason and "正式导入需要可写的数据文件" in result.summary()
        with pytest.raises(ReadOnlyError):  # the real import is still refused
            workspace.importer.apply(NEW_PERSON)
    finally:
        workspace.close()
    assert fingerprint(path) == before and sidecars(path) == []
    assert list(private_temp.iterdir()) == []


def test_a_trial_reports_reference_errors_and_removes_its_copy(
    copy_master: CopyMaster, private_temp: Path
) -> None:
    path = copy_master(DEMO)
    before = fingerprint(path)
    workspace = sign_in(path, Role.ADMIN, read_only=True, daily_backup=False)
    try:
        with pytest.raises(InputError, match="不存在的科室"):
            workspace.importer.apply(UNKNOWN_DEPARTMENT, dry_run=True)
    finally:
        workspace.close()
    assert fingerprint(path) == before
    assert list(private_temp.iterdir()) == []
