"""Importing an exchange book: all or nothing, idempotent, round-trips through a workbook."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.factories import ADMIN

from kaohe_desktop.domain.records import ExchangeBook, PersonRecord
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.errors import Cancelled, InputError
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.services.workspace import Workspace, create_workspace
from kaohe_desktop.storage.models import AuditRow, PersonRow, QuarterlyAssessmentRow


@pytest.fixture(scope="module")
def demo_book() -> ExchangeBook:
    return generate_demo_book()


def _new(tmp_path: Path, name: str = "新文件.kaohe") -> Workspace:
    return create_workspace(tmp_path / name, admin=ADMIN, bureau_name="测试局")


def _count(ws: Workspace, model) -> int:
    with ws.opened.unit_of_work("x").read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_book_imports_everything(tmp_path: Path, demo_book: ExchangeBook) -> None:
    ws = _new(tmp_path)
    result = ws.importer.apply(demo_book)
    assert result.counts["人员"].added == len(demo_book.people)
    assert result.counts["平时考核"].added == len(demo_book.assessments)
    assert _count(ws, PersonRow) == len(demo_book.people)
    assert _count(ws, QuarterlyAssessmentRow) == len(demo_book.assessments)
    ws.close()


def test_importing_twice_changes_nothing(tmp_path: Path, demo_book: ExchangeBook) -> None:
    ws = _new(tmp_path)
    ws.importer.apply(demo_book)
    audit_rows = _count(ws, AuditRow)
    again = ws.importer.apply(demo_book)
    assert again.changed == 0
    assert _count(ws, AuditRow) == audit_rows
    ws.close()


def test_dry_run_writes_nothing(tmp_path: Path, demo_book: ExchangeBook) -> None:
    ws = _new(tmp_path)
    audit_rows = _count(ws, AuditRow)
    result = ws.importer.apply(demo_book, dry_run=True)
    assert result.dry_run and result.counts["人员"].added == len(demo_book.people)
    assert _count(ws, PersonRow) == 0 and _count(ws, AuditRow) == audit_rows
    ws.close()


def test_unknown_reference_rejects_the_whole_book(tmp_path: Path, demo_book: ExchangeBook) -> None:
    ws = _new(tmp_path)
    bad = dataclasses.replace(demo_book, people=list(demo_book.people))
    bad.people[5] = dataclasses.replace(bad.people[5], department="不存在的科室")
    bad.source_rows = {"人员": list(range(2, 2 + len(bad.people)))}
    with pytest.raises(InputError) as info:
        ws.importer.apply(bad)
    errors = [e for e in info.value.errors if e.sheet == "人员"]
    assert [(e.row, e.column) for e in errors] == [(7, "科室")]
    assert "不存在的科室" in str(info.value)
    assert _count(ws, PersonRow) == 0
    ws.close()


def test_cancel_rolls_everything_back(tmp_path: Path, demo_book: ExchangeBook) -> None:
    ws = _new(tmp_path)
    reporter = ProgressReporter()
    calls = []

    def cancel_midway(progress) -> None:
        calls.append(progress)
        if progress.done >= 500:
            reporter.cancel()

    reporter = ProgressReporter(cancel_midway)
    with pytest.raises(Cancelled):
        ws.importer.apply(demo_book, progress=reporter)
    assert calls and _count(ws, PersonRow) == 0
    ws.close()


def test_changed_person_is_updated_and_moved(tmp_path: Path, demo_book: ExchangeBook) -> None:
    ws = _new(tmp_path)
    ws.importer.apply(demo_book)
    person: PersonRecord = demo_book.people[0]
    other = next(d.name for d in demo_book.departments if d.name != person.department)
    moved = ExchangeBook(people=[dataclasses.replace(person, department=other, position="科长")])
    result = ws.importer.apply(moved)
    assert (result.counts["人员"].updated, result.counts["人员"].added) == (1, 0)
    view = next(p for p in ws.people.listing() if p.code == person.code)
    assert (view.department, view.position) == (other, "科长")
    ws.close()


def test_export_then_import_reproduces_the_data(tmp_path: Path, demo_book: ExchangeBook) -> None:
    source = _new(tmp_path, "甲.kaohe")
    source.importer.apply(demo_book)
    workbook = tmp_path / "交换.xlsx"
    source.exporter.export_workbook(workbook)
    exported = source.exporter.book()
    target = create_workspace(tmp_path / "乙.kaohe", admin=ADMIN)
    target.importer.import_workbook(workbook)
    # The workbook has no sheet for the bureau's name: each file keeps its own.
    reimported = dataclasses.replace(target.exporter.book(), bureau_name=exported.bureau_name)
    assert reimported == exported
    assert {p.code for p in exported.people} == {p.code for p in demo_book.people}
    assert sum(a.performance for a in exported.assessments) == sum(
        (a.performance for a in demo_book.assessments), Decimal(0)
    )
    source.close()
    target.close()
