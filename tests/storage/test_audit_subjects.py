"""Every 操作日志 line names the person, task or department its row concerns (issue 18):
"平时考核 2026Q4 · 张三（P0123，审计科）", not "平时考核 2026Q4". The walk covers every
audited model, so a table added later without a subject fails here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session
from tests.storage.conftest import Bare

from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.audit_subjects import SEPARATOR, SUBJECTS
from kaohe_desktop.storage.database import OpenedFile
from kaohe_desktop.storage.models import (
    AccountRow,
    AdjustmentRow,
    AnnualAssessmentRow,
    AuditRow,
    Base,
    BulletinRow,
    BureauRow,
    CheckRow,
    CheckSampleRow,
    CommendationRow,
    CommentRow,
    DepartmentRow,
    DepartmentScoreRow,
    DisciplineRow,
    EvidenceFileRow,
    NoticeRow,
    NoticeTaskRow,
    PeriodLockRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    RectificationRow,
    SchemeRow,
    ScoreDecisionRow,
    StaffCategoryRow,
    TalkRow,
    TaskDepartmentRow,
    TaskRow,
    VetoRow,
)

PERSON, CODE, DEPARTMENT = "张三", "P0123", "审计科"
TASK, NOTICE = "食品安全抽检", "督办〔2026〕第1号"
NOW = datetime(2026, 12, 7, 9, 30)
# What the line of each kind of subject must contain.
NAMES = {
    "person_id": f"{PERSON}（{CODE}，{DEPARTMENT}）",
    "department_id": DEPARTMENT,
    "task_id": f"2026年第1项 {TASK}",
    "notice_id": NOTICE,
    "check_id": TASK,
}
# A row that is its own subject: what its line must say.
OWN = {
    "person": f"{PERSON}（{CODE}，{DEPARTMENT}）",
    "account": "张三丰（zhangsf）",
    "department": DEPARTMENT,
    "bureau": "测试县审计局",
    "staff_category": "测试类别",
    "ledger_task": f"2026年第1项 {TASK}",
    "scheme": "2026Q4",
    "period_lock": "2025Q1",
    "check_sample": "2026Q4",
    "bulletin": "通报〔2026〕第1期",
}


def _audited() -> list[type[Base]]:
    return sorted(
        (m.class_ for m in Base.registry.mappers if m.class_.__audited__),
        key=lambda model: model.__tablename__,
    )


def _every_row(session: Session) -> None:
    """One row of every audited table, each naming the same person, department, task."""
    category = session.scalars(select(StaffCategoryRow)).first()
    assert category is not None
    bureau = session.scalars(select(BureauRow)).one()
    bureau.name = "测试县审计局"
    session.add(StaffCategoryRow(name="测试类别", sort_order=9))
    department = DepartmentRow(name=DEPARTMENT)
    session.add(department)
    session.flush()
    person = PersonRow(code=CODE, name=PERSON, department_id=department.id, category=category)
    task = TaskRow(
        year=2026,
        seq=1,
        title=TASK,
        category="routine",
        lead_department_id=department.id,
        deadline="年底",
        points=Decimal(5),
    )
    session.add_all(
        [person, task, AccountRow(username="zhangsf", display_name="张三丰", role="clerk")]
    )
    session.flush()
    check = CheckRow(task_id=task.id, department_id=department.id, period="2026Q4", status="done")
    notice = NoticeRow(
        number=NOTICE,
        year=2026,
        serial=1,
        color="red",
        department_id=department.id,
        period="2026Q4",
        issued_on=date(2026, 12, 1),
        deadline=date(2026, 12, 20),
        content="限期整改",
        issued_by="tester",
    )
    session.add_all([check, notice])
    session.flush()
    who, where, on, half = person.id, department.id, date(2026, 12, 1), "2026H2"
    session.add_all(
        [
            PersonDepartmentRow(person_id=who, department_id=where, start_date=on),
            QuarterlyAssessmentRow(quarter="2026Q4", person_id=who, performance=Decimal(90)),
            AnnualAssessmentRow(year=2026, person_id=who),
            CommentRow(person_id=who, commented_on=on, kind="praise", points=Decimal(1), text="好"),
            CommendationRow(person_id=who, awarded_on=on, type="commendation"),
            DisciplineRow(person_id=who, decided_on=on, type="warning"),
            TalkRow(person_id=who, talked_on=on, talker="李四"),
            TaskDepartmentRow(task_id=task.id, department_id=where),
            NoticeTaskRow(notice_id=notice.id, task_id=task.id, check_id=check.id),
            EvidenceFileRow(
                check_id=check.id,
                file_name="抽检报告.pdf",
                sha256="0" * 64,
                size_bytes=1,
                media_type="application/pdf",
                added_by="tester",
                added_at=NOW,
            ),
            RectificationRow(
                department_id=where, target="整改目标", items="一", deadline=on, measures="二"
            ),
            AdjustmentRow(
                half=half,
                department_id=where,
                category="business",
                points=Decimal(-1),
                reason="迟报",
            ),
            VetoRow(half=half, department_id=where, reason="越级上访"),
            DepartmentScoreRow(
                half=half,
                department_id=where,
                business=Decimal(50),
                integrity=Decimal(20),
                civility=Decimal(20),
                attendance=Decimal(10),
                bonus=Decimal(0),
                total=Decimal(100),
            ),
            ScoreDecisionRow(
                half=half,
                department_id=where,
                grade="good",
                reason="委员会裁定",
                decided_by="tester",
                decided_at=NOW,
            ),
            SchemeRow(period="2026Q4", rules_json="{}"),
            CheckSampleRow(
                period="2026Q4", seed="1", population=1, drawn_json="[]", drawn_by="t", drawn_at=NOW
            ),
            BulletinRow(
                period="2026Q4",
                year=2026,
                serial=1,
                title="通报",
                doc_no="通报〔2026〕第1期",
                issued_on=on,
                content_json="{}",
                created_by="tester",
                created_at=NOW,
            ),
            PeriodLockRow(
                period="2025Q1",
                first_month="2025-01",
                last_month="2025-03",
                closed_at=NOW,
                closed_by="tester",
            ),
        ]
    )


def _labels(opened: OpenedFile, action: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with opened.engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.entity, AuditRow.label).where(AuditRow.action == action)
        )
        for entity, label in rows:
            found.setdefault(entity, []).append(label or "")
    return found


def test_every_audited_table_says_what_names_its_row() -> None:
    for model in _audited():
        table = model.__tablename__
        assert table in SUBJECTS, f"{table}: add it to storage/audit_subjects.SUBJECTS"
        columns = set(model.__table__.columns.keys())
        assert set(SUBJECTS[table]) <= columns, table
        # A row of a person's is named by the person, a department's by the department.
        if "person_id" in columns:
            assert "person_id" in SUBJECTS[table], table
        elif "department_id" in columns and table != "person":
            assert {"department_id", "task_id"} & set(SUBJECTS[table]), table


def test_every_line_names_its_person_task_or_department(bare: Bare) -> None:
    opened = bare.new()
    try:
        opened.unit_of_work("tester").write(_every_row)
        inserted = _labels(opened, "insert")
        updated = _labels(opened, "update")
        for model in _audited():
            table = model.__tablename__
            lines = inserted.get(table, []) + updated.get(table, [])
            assert lines, f"{table}: no row written; add one to _every_row"
            wanted = [NAMES[c] for c in SUBJECTS[table]] if SUBJECTS[table] else [OWN[table]]
            for name in wanted:
                name = name.replace(f"，{DEPARTMENT}", "") if table == "person_department" else name
                assert any(name in line for line in lines), (table, name, lines)
        # The period first, then whose: what the issue asked for.
        assert inserted["quarterly_assessment"] == [f"2026Q4{SEPARATOR}{NAMES['person_id']}"]
        # A stint names the person without today's department: it names its own.
        assert inserted["person_department"] == [f"{PERSON}（{CODE}）{SEPARATOR}{DEPARTMENT}"]
        with opened.engine.connect() as connection:
            assert verify_chain(connection).ok
    finally:
        opened.close()


def test_an_update_and_a_delete_name_the_person_too(bare: Bare) -> None:
    opened = bare.new()
    try:
        uow = opened.unit_of_work("tester")
        uow.write(_every_row)

        def grade(session: Session) -> None:
            row = session.scalars(select(QuarterlyAssessmentRow)).one()
            row.grade = "good"
            session.delete(session.scalars(select(CommentRow)).one())

        uow.write(grade)
        assert _labels(opened, "update")["quarterly_assessment"] == [
            f"2026Q4{SEPARATOR}{NAMES['person_id']}"
        ]
        # A 点评's text is free: whose it is comes first, where a narrow column shows it.
        assert _labels(opened, "delete")["comment"] == [f"{NAMES['person_id']}{SEPARATOR}好"]
    finally:
        opened.close()


@contextmanager
def _selects(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _add_people(count: int, first: int) -> Callable[[Session], None]:
    def work(session: Session) -> None:
        department = session.scalars(select(DepartmentRow)).first()
        category = session.scalars(select(StaffCategoryRow)).first()
        assert department is not None and category is not None
        people = [
            PersonRow(
                code=f"Q{first + i}", name=f"人员{i}", department=department, category=category
            )
            for i in range(count)
        ]
        session.add_all(people)
        session.flush()
        session.add_all(
            QuarterlyAssessmentRow(quarter="2026Q3", person_id=p.id, performance=Decimal(88))
            for p in people
        )

    return work


def test_labelling_reads_the_names_once_per_write_not_once_per_row(bare: Bare) -> None:
    opened = bare.new()
    try:
        uow = opened.unit_of_work("tester")
        uow.write(lambda s: s.add(DepartmentRow(name=DEPARTMENT)))
        with _selects(opened.engine) as few:
            uow.write(_add_people(3, 0))
        with _selects(opened.engine) as many:
            uow.write(_add_people(120, 100))
        assert len(many) == len(few), many
        labels = _labels(opened, "insert")["quarterly_assessment"]
        assert f"2026Q3{SEPARATOR}人员119（Q219，{DEPARTMENT}）" in labels
    finally:
        opened.close()


@pytest.mark.parametrize("renamed", ["张三改"])
def test_a_line_keeps_the_name_the_person_had(bare: Bare, renamed: str) -> None:
    """Written with the line: a later rename does not rewrite history (nor the chain)."""
    opened = bare.new()
    try:
        uow = opened.unit_of_work("tester")
        uow.write(_every_row)

        def rename(session: Session) -> None:
            session.scalars(select(PersonRow)).one().name = renamed

        uow.write(rename)
        assert _labels(opened, "insert")["quarterly_assessment"] == [
            f"2026Q4{SEPARATOR}{NAMES['person_id']}"
        ]
        assert _labels(opened, "update")["person"] == [f"{renamed}（{CODE}，{DEPARTMENT}）"]
    finally:
        opened.close()
