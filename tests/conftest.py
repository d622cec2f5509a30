"""Shared by every test package: Qt never needs a display, data files live in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before any test module imports Qt: the GUI tests run headless everywhere (CI, servers).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Before any test module imports the accounts service, and inherited by every child
# process and `kaohe` subprocess: argon2's CHEAPEST profile instead of ~80 ms a password
# (services/access/accounts.py says why that is safe).
os.environ["KAOHE_TEST_CHEAPEST_HASH"] = "1"

# Imported after the variable is set: factories imports the accounts service.
from tests.factories import CopyMaster, Master, MasterFiles


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A path for a new data file in this test's own folder (the file does not exist yet)."""
    return tmp_path / "考核台账.kaohe"


@pytest.fixture(autouse=True)
def _local_backup_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups made by a test (default folder: ~/考核台账备份) stay in its own folder."""
    monkeypatch.setenv("KAOHE_BACKUP_DIR", str(tmp_path / "备份"))


@pytest.fixture(scope="session")
def master_files(tmp_path_factory: pytest.TempPathFactory) -> MasterFiles:
    """Every kind of master data file the run asks for, each built once (tests/factories)."""
    return MasterFiles(tmp_path_factory)


@pytest.fixture
def copy_master(master_files: MasterFiles, tmp_path: Path) -> CopyMaster:
    """This test's own copy of a master file: copy_master(DEMO_ROLES) is in tmp_path,
    copy_master(DEMO_ROLES, tmp_path / "共享盘") in that folder."""

    def copy(kind: Master, folder: Path | None = None) -> Path:
        return master_files.copy(kind, tmp_path if folder is None else folder)

    return copy
