"""An import and a quarter's close are audited compactly (issue 16), and stay provable.

The big sheets are written in bulk: the log holds a few entries per table — the ids,
the changed rows' before and after, each row's digest — instead of a row each. These
tests hold what that must still give: the entries are in the one hash chain, `check`
proves every row they wrote is unchanged (and names the one changed behind the
program's back), a workbook imported again unchanged writes nothing at all, and a
close's entry names every grade it stored.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from tests.factories import (
    ADMIN,
    DEMO_AS_OF,
    fingerprint,
    new_workspace,
    source_of,
    with_demo_categories,
)
from tests.services.on_backend import new_bureau

from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.models import AuditRow, QuarterlyAssessmentRow, TalkRow
from kaohe_desktop.storage.row_digests import (
    BULK_ADD,
    BULK_EDIT,
    DIGEST_CHARS,
    decode_ids,
    row_digest,
)
from kaohe_desktop.storage.source import is_server_url


@pytest.fixture(scope="module")
def demo_book() -> ExchangeBook:
    return generate_demo_book(as_of=DEMO_AS_OF)


@pytest.fixture(scope="module")
def book_file(tmp_path_factory: pytest.TempPathFactory, demo_book: ExchangeBook) -> Path:
    path = tmp_path_factory.mktemp("book") / "交换.xlsx"
    write_workbook(demo_book, path)
    return path


@pytest.fixture
def imported(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, book_file: Path
) -> Iterator[Workspace]:
    workspace = with_demo_categories(new_bureau(backend, tmp_path, request)("导入.kaohe"))
    workspace.importer.import_workbook(book_file)
    yield workspace
    workspace.close()


def _entries(ws: Workspace, *actions: str) -> list[AuditRow]:
    with ws.opened.unit_of_work("x").read() as session:
        statement = select(AuditRow).where(AuditRow.action.in_(actions)).order_by(AuditRow.id)
        rows = list(session.scalars(statement))
        session.expunge_all()
        return rows


def _audit_count(ws: Workspace) -> int:
    with ws.opened.unit_of_work("x").read() as session:
        return session.scalar(select(func.count()).select_from(AuditRow)) or 0


def _raw(path: Path, *statements: str) -> None:
    """Write past the program: the file through sqlite3, the server database as its owner."""
    engine = create_engine(str(path) if is_server_url(path) else f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def test_an_import_is_a_few_entries_in_the_one_chain(imported: Workspace, book_file: Path) -> None:
    added = _entries(imported, BULK_ADD)
    tables = {entry.entity for entry in added}
    assert {"person", "quarterly_assessment", "comment", "talk", "check_record"} <= tables
    assert len(added) < 20  # 一千多行, not an entry each
    (event,) = _entries(imported, "import")
    detail = json.loads(event.after_json or "{}")
    assert detail["file"] == book_file.name and len(detail["sha256"]) == 64
    assert ["平时考核", len(generate_demo_book(as_of=DEMO_AS_OF).assessments), 0, 0] in detail[
        "sheets"
    ]
    with imported.opened.engine.connect() as connection:
        assert verify_chain(connection).ok
    report = imported.check()
    assert report.ok and report.records_ok, report.records_problems
    assert (
        "批量写入的" in report.records_text and "与操作日志记下的校验值一致" in report.records_text
    )


# The digests of the rows as SQLite's own driver reads them back (the server's rows are
# proven by `check`, test_an_import_is_a_few_entries_in_the_one_chain).
@pytest.mark.file_only
def test_each_digest_is_the_row_as_the_file_holds_it(imported: Workspace) -> None:
    entry = next(e for e in _entries(imported, BULK_ADD) if e.entity == "quarterly_assessment")
    after = json.loads(entry.after_json or "{}")
    first, last = after["ids"]
    columns = ", ".join(after["columns"])
    connection = sqlite3.connect(imported.path)
    try:
        rows = connection.execute(
            f"SELECT {columns} FROM quarterly_assessment WHERE id BETWEEN ? AND ? ORDER BY id",
            (first, last),
        ).fetchall()
    finally:
        connection.close()
    digests = after["digests"]
    assert len(digests) == len(rows) * DIGEST_CHARS == after["rows"] * DIGEST_CHARS
    assert all(
        row_digest(row) == digests[i * DIGEST_CHARS : (i + 1) * DIGEST_CHARS]
        for i, row in enumerate(rows)
    )


def test_a_row_edited_behind_the_program_is_named_by_check(imported: Workspace) -> None:
    path = source_of(imported)
    imported.close()
    # A talk is no period's row: no trigger stands in the way of raw SQL.
    _raw(path, "UPDATE talk SET summary = '改过' WHERE id = 3", "DELETE FROM talk WHERE id = 4")
    workspace = open_workspace(path, ADMIN, daily_backup=False)
    try:
        report = workspace.check()
    finally:
        workspace.close()
    assert report.chain_ok and not report.ok and not report.records_ok
    changed = [p for p in report.records_problems if p.startswith("谈心谈话 #3 ")]
    deleted = [p for p in report.records_problems if p.startswith("谈心谈话 #4 ")]
    assert changed and changed[0].endswith("被绕过程序改动")
    assert deleted and deleted[0].endswith("被绕过程序删除")
    assert len(report.records_problems) == 2


def test_a_row_changed_through_the_program_later_is_not_a_problem(
    imported: Workspace, demo_book: ExchangeBook
) -> None:
    record = demo_book.assessments[-1]  # the last quarter: still open
    person = next(p for p in imported.people.listing() if p.code == record.code)
    changed = ExchangeBook(
        assessments=[
            type(record)(record.quarter, record.code, Decimal("61"), record.leader),
        ]
    )
    result = imported.importer.apply(changed)
    assert result.counts["平时考核"].updated == 1
    edit = _entries(imported, BULK_EDIT)[-1]
    before = json.loads(edit.before_json or "{}")["before"]
    after = json.loads(edit.after_json or "{}")
    assert after["changed"] == ["performance"] and after["after"]["performance"] == ["61"]
    assert before["performance"] == [str(record.performance)]
    assert person.id is not None
    report = imported.check()
    assert report.ok, report.records_problems


def _resaved(book_file: Path, folder: Path) -> Path:
    """The same workbook with other bytes (as Excel saving it again would give)."""
    copy = folder / "又存了一次.xlsx"
    copy.write_bytes(book_file.read_bytes())
    with zipfile.ZipFile(copy, "a") as archive:
        archive.comment = b"saved again"
    return copy


@pytest.mark.parametrize("same_bytes", [True, False], ids=["same file", "saved again"])
def test_an_unchanged_workbook_imported_again_writes_nothing(
    imported: Workspace, book_file: Path, tmp_path: Path, same_bytes: bool
) -> None:
    workbook = book_file if same_bytes else _resaved(book_file, tmp_path)
    audit = _audit_count(imported)
    before = fingerprint(source_of(imported))  # a file's header counts every commit
    result = imported.importer.import_workbook(workbook)
    assert fingerprint(source_of(imported)) == before  # no commit changed anything
    assert result.changed == 0 and result.same_as_last is same_bytes
    assert result.counts["平时考核"].unchanged == len(
        generate_demo_book(as_of=DEMO_AS_OF).assessments
    )
    assert _audit_count(imported) == audit


def test_a_change_since_the_last_import_sends_the_same_workbook_through_the_full_import(
    imported: Workspace, book_file: Path, demo_book: ExchangeBook
) -> None:
    record = demo_book.assessments[-1]
    imported.importer.apply(
        ExchangeBook(
            assessments=[type(record)(record.quarter, record.code, Decimal("61"), record.leader)]
        )
    )
    result = imported.importer.import_workbook(book_file)
    assert not result.same_as_last
    assert result.counts["平时考核"].updated == 1  # the workbook's value is back


def _column(values: Any, count: int) -> list[Any]:
    """A compact entry's column: a list, or {"all": value} for one value in every row."""
    return [values["all"]] * count if isinstance(values, dict) else list(values)


def test_a_close_names_every_grade_it_stored(tmp_path: Path) -> None:
    workspace = new_workspace(tmp_path, demo=True)  # 2025 and 2026Q1–Q3 closed
    try:
        closes = [
            entry
            for entry in _entries(workspace, BULK_EDIT)
            if json.loads(entry.after_json or "{}").get("via") == "close"
        ]
        periods = [json.loads(entry.after_json or "{}")["period"] for entry in closes]
        assert periods == sorted(periods) and len(periods) == len(set(periods)) >= 7
        with workspace.opened.unit_of_work("x").read() as session:
            for entry in closes:
                after = json.loads(entry.after_json or "{}")
                ids = decode_ids(after["ids"])
                people = decode_ids(after["of"]["person_id"])
                grades = _column(after["after"]["grade"], len(people))
                ranks = _column(after["after"]["rank"], len(people))
                logged = {person: (grades[i], ranks[i]) for i, person in enumerate(people)}
                stored = {
                    row.person_id: (row.grade, row.rank)
                    for row in session.scalars(
                        select(QuarterlyAssessmentRow).where(
                            QuarterlyAssessmentRow.quarter == after["period"]
                        )
                    )
                    if row.grade is not None
                }
                assert stored and stored == {p: g for p, g in logged.items() if g[0] is not None}
                assert len(ids) == len(people) == after["rows"]
                assert entry.label is not None
                assert entry.label.startswith(f"关闭{parse_quarter(after['period']).label()}")
        report = workspace.check()
        assert report.ok, report.records_problems
    finally:
        workspace.close()


def test_a_key_met_twice_in_one_book_is_added_once_then_changed(
    imported: Workspace, demo_book: ExchangeBook
) -> None:
    talk = dataclasses.replace(demo_book.talks[0], date=date(2026, 12, 1), summary="初稿")
    again = dataclasses.replace(talk, summary="定稿")
    result = imported.importer.apply(ExchangeBook(talks=[talk, again]))
    counts = result.counts["谈心谈话"]
    assert (counts.added, counts.updated) == (1, 1)
    with imported.opened.unit_of_work("x").read() as session:
        summaries = session.scalars(
            select(TalkRow.summary).where(TalkRow.talked_on == date(2026, 12, 1))
        ).all()
    assert summaries == ["定稿"]
    report = imported.check()
    assert report.ok, report.records_problems
