"""Importing an exchange book: all or nothing, idempotent, round-trips through a workbook."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from tests.factories import DEMO_AS_OF, with_demo_categories
from tests.services.on_backend import NewBureau, new_bureau

from kaohe_desktop.domain import text_rules as rules
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME
from kaohe_desktop.domain.exchange_sheets import PEOPLE_CODEC
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook, PersonRecord
from kaohe_desktop.domain.text_rules import CodeCase
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.errors import Cancelled, InputError
from kaohe_desktop.services.org.departments import name_problem
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.services.workspace import DEFAULT_BUREAU_NAME, Workspace
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    AuditRow,
    CheckRow,
    CommendationRow,
    DepartmentRow,
    DisciplineRow,
    PersonRow,
    QuarterlyAssessmentRow,
    StaffCategoryRow,
    TalkRow,
    TaskRow,
    VetoRow,
)


@pytest.fixture(scope="module")
def demo_book() -> ExchangeBook:
    return generate_demo_book(as_of=DEMO_AS_OF)


@pytest.fixture
def new(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewBureau:
    return new_bureau(backend, tmp_path, request)


def _count(ws: Workspace, model) -> int:
    with ws.opened.unit_of_work("x").read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_book_imports_everything(new: NewBureau, demo_book: ExchangeBook) -> None:
    ws = new()
    result = ws.importer.apply(demo_book)
    assert result.counts["人员"].added == len(demo_book.people)
    assert result.counts["平时考核"].added == len(demo_book.assessments)
    assert _count(ws, PersonRow) == len(demo_book.people)
    assert _count(ws, QuarterlyAssessmentRow) == len(demo_book.assessments)
    ws.close()


def test_importing_twice_changes_nothing(new: NewBureau, demo_book: ExchangeBook) -> None:
    ws = new()
    ws.importer.apply(demo_book)
    audit_rows = _count(ws, AuditRow)
    again = ws.importer.apply(demo_book)
    assert again.changed == 0
    assert _count(ws, AuditRow) == audit_rows
    ws.close()


def test_dry_run_writes_nothing(new: NewBureau, demo_book: ExchangeBook) -> None:
    ws = new()
    audit_rows = _count(ws, AuditRow)
    result = ws.importer.apply(demo_book, dry_run=True)
    assert result.dry_run and result.counts["人员"].added == len(demo_book.people)
    assert _count(ws, PersonRow) == 0 and _count(ws, AuditRow) == audit_rows
    ws.close()


def test_unknown_reference_rejects_the_whole_book(new: NewBureau, demo_book: ExchangeBook) -> None:
    ws = new()
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


def test_cancel_rolls_everything_back(new: NewBureau, demo_book: ExchangeBook) -> None:
    ws = new()
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


def test_changed_person_is_updated_and_moved(new: NewBureau, demo_book: ExchangeBook) -> None:
    ws = new()
    ws.importer.apply(demo_book)
    person: PersonRecord = demo_book.people[0]
    other = next(d.name for d in demo_book.departments if d.name != person.department)
    moved = ExchangeBook(people=[dataclasses.replace(person, department=other, position="科长")])
    result = ws.importer.apply(moved)
    assert (result.counts["人员"].updated, result.counts["人员"].added) == (1, 0)
    view = next(p for p in ws.people.listing() if p.code == person.code)
    assert (view.department, view.position) == (other, "科长")
    ws.close()


def test_export_then_import_reproduces_the_data(
    new: NewBureau, tmp_path: Path, demo_book: ExchangeBook
) -> None:
    source = new("甲.kaohe")
    source.importer.apply(demo_book)
    workbook = tmp_path / "交换.xlsx"
    source.exporter.export_workbook(workbook)
    exported = source.exporter.book()
    target = with_demo_categories(new("乙.kaohe", bureau_name=DEFAULT_BUREAU_NAME))
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


# -- 编号 and names are normalised before they are compared (issue 12) -------------------


def _people_sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "人员"
    ws.append(SHEETS_BY_NAME["人员"].headers)
    for row in rows:
        ws.append(row)
    path = tmp_path / "人员.xlsx"
    workbook.save(path)
    return path


def _person_row(code: str, person: PersonRecord, department: str | None = None) -> list[object]:
    """The person's row as the export writes it, with another spelling of 编号 / 科室."""
    cells = PEOPLE_CODEC.cells(person) | {"编号": code}
    if department is not None:
        cells["科室"] = department
    return [cells[name] for name in SHEETS_BY_NAME["人员"].headers]


def test_variant_codes_and_names_are_the_existing_people(
    new: NewBureau, tmp_path: Path, demo_book: ExchangeBook
) -> None:
    ws = new()
    ws.importer.apply(demo_book)
    people = {p.code: p for p in demo_book.people}
    first = people["XJ0001"]
    spaced = first.department[:1] + " " + first.department[1:] + "\u200b"
    path = _people_sheet(
        tmp_path,
        [
            _person_row("xj0001", first, spaced),
            _person_row("XJ０００３", people["XJ0003"]),
            _person_row("XJ0005\u200b", people["XJ0005"]),
        ],
    )
    result = ws.importer.import_workbook(path)
    assert result.counts["人员"].added == 0 and result.counts["人员"].unchanged == 3
    assert _count(ws, PersonRow) == len(demo_book.people)
    ws.close()


def test_the_bureau_chooses_the_case_and_stored_codes_are_still_found(
    new: NewBureau, tmp_path: Path
) -> None:
    ws = new()
    assert ws.importer.code_case() is CodeCase.UPPER
    base = ExchangeBook(departments=[DepartmentRecord("办公室")])
    ws.importer.apply(base)
    person = PersonRecord("ＸＪ0009", "张三", "办公室", "一般公务员")
    ws.importer.set_code_case(CodeCase.LOWER)
    assert ws.importer.code_case() is CodeCase.LOWER
    ws.importer.apply(ExchangeBook(people=[person]))
    assert [p.code for p in ws.people.listing()] == ["xj0009"]
    # Back to upper case: the person stored as xj0009 is still the one meant.
    ws.importer.set_code_case(CodeCase.UPPER)
    path = _people_sheet(tmp_path, [_person_row("XJ0009", person), _person_row("xj0010", person)])
    result = ws.importer.import_workbook(path)
    assert (result.counts["人员"].unchanged, result.counts["人员"].added) == (1, 1)
    assert sorted(p.code for p in ws.people.listing()) == ["XJ0010", "xj0009"]
    with ws.opened.unit_of_work("x").read() as session:
        events = session.scalars(select(AuditRow).where(AuditRow.entity_id == "code_case")).all()
    assert [e.action for e in events] == ["setting", "setting"]
    ws.close()


def test_every_text_limit_fits_its_column_in_the_data_file() -> None:
    """The limits of domain/text_rules are the declared lengths (or less): a value the
    import or a dialog takes is never cut or refused by the data file."""
    columns = {
        rules.CODE: PersonRow.code, rules.PERSON_NAME: PersonRow.name,
        rules.POSITION: PersonRow.position, rules.DEPARTMENT_NAME: DepartmentRow.name,
        rules.GROUP_NAME: DepartmentRow.group_name, rules.CATEGORY_NAME: StaffCategoryRow.name,
        rules.TASK_TITLE: TaskRow.title, rules.DEADLINE: TaskRow.deadline,
        rules.TASK_SOURCE: TaskRow.source, rules.DOC_NO: CommendationRow.doc_no,
        rules.PERSON_REF: TalkRow.talker,
    }  # fmt: skip
    for rule, column in columns.items():
        assert rule.limit <= column.type.length, column  # type: ignore[attr-defined]
    for column in (DisciplineRow.doc_no, AdjustmentRow.doc_no, VetoRow.doc_no):
        assert rules.DOC_NO.limit <= column.type.length  # type: ignore[attr-defined]
    assert rules.PERSON_REF.limit <= CheckRow.checker.type.length  # type: ignore[attr-defined]


def test_a_name_too_long_to_print_is_refused_and_nothing_written(
    new: NewBureau, tmp_path: Path, demo_book: ExchangeBook
) -> None:
    ws = new()
    ws.importer.apply(ExchangeBook(departments=demo_book.departments))
    person = dataclasses.replace(demo_book.people[0], name="张" * 100_000)
    formula = dataclasses.replace(demo_book.people[1], code="=cmd|' /C calc'!A0")
    path = _people_sheet(tmp_path, [_person_row(p.code, p) for p in (person, formula)])
    with pytest.raises(InputError) as info:
        ws.importer.import_workbook(path)
    located = [(e.sheet, e.row, e.column) for e in info.value.errors]
    assert located == [("人员", 2, "姓名"), ("人员", 3, "编号")]
    assert "最多 40 个字" in str(info.value)  # (openpyxl keeps 32,767 of the 100,000)
    assert _count(ws, PersonRow) == 0
    ws.close()


def test_the_departments_dialog_compares_names_as_the_import_does() -> None:
    taken = {"执法1队", "办公室"}
    assert name_problem("执法１队", taken) == "已有名为“执法1队”的科室，科室名称不能重复。"
    assert name_problem(" 办公 室\u200b", taken) == "已有名为“办公室”的科室，科室名称不能重复。"
    assert name_problem("=A1", taken) == "科室名称不能是公式（=A1），请填写实际内容。"
    assert name_problem("稽查 二队", taken) is None
