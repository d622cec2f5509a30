"""Small builders shared by tests: new data files and the bytes of files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.storage.database import OpenedFile, create_data_file


def new_data_file(directory: Path, name: str = "考核台账.kaohe") -> OpenedFile:
    return create_data_file(
        directory / name,
        bureau_name="测试县市场监督管理局",
        account="tester",
        staff_categories=DEFAULT_STAFF_CATEGORIES,
    )


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path]
