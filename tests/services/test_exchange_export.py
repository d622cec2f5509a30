"""The export streams: no ORM row is loaded, and the file it streams is the file the
book it reads would give."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from tests.factories import DEMO, CopyMaster, sign_in

from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import Base


@pytest.fixture
def demo(copy_master: CopyMaster) -> Iterator[Workspace]:
    workspace = sign_in(copy_master(DEMO))
    try:
        yield workspace
    finally:
        workspace.close()


def _sheets(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def test_the_export_loads_no_orm_row(demo: Workspace, tmp_path: Path) -> None:
    loaded: list[str] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(type(target).__name__)

    event.listen(Base, "load", on_load, propagate=True)
    try:
        demo.exporter.export_workbook(tmp_path / "导出.xlsx")
    finally:
        event.remove(Base, "load", on_load)
    # A county file's 155,000 scores as ORM rows took 600 MB: the rows are streamed
    # as plain columns (services/exchange/export_records).
    assert loaded == []


def test_the_streamed_file_is_the_file_of_the_book(demo: Workspace, tmp_path: Path) -> None:
    seen: list[Progress] = []
    demo.exporter.export_workbook(tmp_path / "导出.xlsx", progress=ProgressReporter(seen.append))
    write_workbook(demo.exporter.book(), tmp_path / "整本.xlsx")
    streamed, whole = _sheets(tmp_path / "导出.xlsx"), _sheets(tmp_path / "整本.xlsx")
    assert streamed == whole
    assert b'<row r="80">' in streamed["xl/worksheets/sheet3.xml"]  # 人员: the 80 people
    assert seen[-1].done == seen[-1].total


def test_each_filter_ends_at_the_last_row_streamed(demo: Workspace, tmp_path: Path) -> None:
    # The rows are counted as they stream: the filter, set after them, must cover
    # the header and every row, and no more.
    demo.exporter.export_workbook(tmp_path / "导出.xlsx")
    sheets = _sheets(tmp_path / "导出.xlsx")
    filtered = 0
    for name, xml in sheets.items():
        found = re.search(rb'<autoFilter ref="A1:[A-Z]+(\d+)"', xml)
        if not name.startswith("xl/worksheets/") or found is None:
            continue  # 填写说明 has no filter
        rows = re.findall(rb'<row r="(\d+)"', xml)
        assert int(found.group(1)) == int(rows[-1]) == len(rows), name
        filtered += 1
    assert filtered >= 11  # every data sheet
