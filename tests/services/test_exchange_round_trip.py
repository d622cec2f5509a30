"""What is imported can always be exported, printed and imported again (issue 12).

The demo with every kind of value the screens can produce (services/demo/every_kind:
texts at their limits, formula-like and multi-line free text, full-width names, empty
optional cells, 好 and 较差 set by hand), plus a tie over the 好 quota settled with a
较好 through the grid, goes through export → import into the same file (nothing
changes) and into a new file (the same data), and every report prints it."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from tests.factories import with_demo_categories
from tests.services.on_backend import NewBureau, new_bureau

from kaohe_desktop.domain import text_rules as rules
from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField
from kaohe_desktop.services.workspace import DEFAULT_BUREAU_NAME, Workspace

YEAR = 2026


@pytest.fixture(scope="module")
def every_kind() -> ExchangeBook:
    return generate_demo_book(as_of=date(YEAR, 12, 20), every_kind=True)


def settle_a_tie(ws: Workspace, quarter: Quarter) -> tuple[str, str]:
    """As a clerk does it in the grid: scores that leave two people tied over the last
    好 slot, then the committee's 较好 for one of them. Returns their 编号."""
    sheet = ws.grading.sheet(quarter)
    leases = [
        ws.leases.acquire(grading_scope(str(quarter), department_id), name)
        for department_id, name in sheet.departments
    ]
    quota = sheet.grading.quotas[0].quota
    graded = [r for r in sheet.rows if r.outcome.graded and r.override is None]
    steady = [r for r in graded if r.comment_points == 0][: quota + 1]
    # Distinct scores from 99.9 down for the quota's worth; the next one equals the last.
    values = [Decimal("99.9") - Decimal("0.1") * i for i in range(quota)]
    values.append(values[-1])
    scores = {r.person_id: v for r, v in zip(steady, values, strict=True)}
    changes = [
        ScoreChange(r.person_id, field, scores.get(r.person_id, Decimal(50)), r.version)
        for r in graded
        for field in (ScoreField.PERFORMANCE, ScoreField.LEADER)
    ]
    sheet = ws.grading.set_scores(quarter, changes, leases)
    last, over = (sheet.row(steady[-2].person_id), sheet.row(steady[-1].person_id))
    assert last.flag is over.flag is Flag.TIE_OVER_QUOTA
    sheet = ws.grading.set_override(
        quarter, over.person_id, QuarterGrade.FAIRLY_GOOD, "经考核委员会研究", over.version, leases
    )
    assert sheet.row(last.person_id).grade is QuarterGrade.GOOD
    for lease in leases:
        ws.leases.release(lease)
    return last.code, over.code


@pytest.fixture
def new(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewBureau:
    return new_bureau(backend, tmp_path, request)


def test_every_kind_of_value_exports_prints_and_imports_again(
    new: NewBureau, tmp_path: Path, every_kind: ExchangeBook
) -> None:
    source = new("甲.kaohe")
    source.importer.apply(every_kind)
    _good, settled = settle_a_tie(source, Quarter(YEAR, 3))

    workbook = tmp_path / "交换.xlsx"
    source.exporter.export_workbook(workbook)
    exported = source.exporter.book()
    overrides = {(a.quarter, a.override) for a in exported.assessments if a.override}
    assert {(f"{YEAR}Q2", QuarterGrade.GOOD), (f"{YEAR}Q3", QuarterGrade.FAIRLY_GOOD)} <= overrides
    assert (f"{YEAR}Q2", QuarterGrade.POOR) in overrides
    longest = {
        rules.PERSON_NAME: max(len(p.name) for p in exported.people),
        rules.CODE: max(len(p.code) for p in exported.people),
        rules.DEPARTMENT_NAME: max(len(d.name) for d in exported.departments),
        rules.TASK_TARGET: max(len(t.target or "") for t in exported.tasks),
        rules.CHECK_ACTUAL: max(len(c.actual or "") for c in exported.checks),
        rules.TALK_SUMMARY: max(len(t.summary or "") for t in exported.talks),
        rules.OVERRIDE_REASON: max(len(a.override_reason or "") for a in exported.assessments),
    }
    assert all(length == rule.limit for rule, length in longest.items())

    # Into the same file: nothing changes.
    assert source.importer.import_workbook(workbook).changed == 0
    # Into a new file: the same data, the same grades.
    target = with_demo_categories(new("乙.kaohe", bureau_name=DEFAULT_BUREAU_NAME))
    target.importer.import_workbook(workbook)
    reimported = dataclasses.replace(target.exporter.book(), bureau_name=exported.bureau_name)
    assert reimported == exported
    for quarter in Quarter(YEAR, 2), Quarter(YEAR, 3):
        theirs = {r.code: (r.grade, r.flag) for r in target.grading.sheet(quarter).rows}
        assert theirs == {r.code: (r.grade, r.flag) for r in source.grading.sheet(quarter).rows}
    assert (
        target.grading.sheet(Quarter(YEAR, 3))
        .row(
            next(
                r.person_id
                for r in target.grading.sheet(Quarter(YEAR, 3)).rows
                if r.code == settled
            )
        )
        .override
        is QuarterGrade.FAIRLY_GOOD
    )

    # Printed: the ranking workbook and PDF of every quarter, the wall charts.
    for quarter in Quarter(YEAR, 2), Quarter(YEAR, 3):
        ranking = source.ranking.write_workbook(quarter, tmp_path / f"排名{quarter}.xlsx")
        names = {c.value for ws in openpyxl.load_workbook(ranking) for row in ws.iter_rows()
                 for c in row}  # fmt: skip
        assert max(every_kind.people, key=lambda p: len(p.name)).name in names
        assert source.ranking.write_pdf(quarter, tmp_path / f"汇总{quarter}.pdf").stat().st_size
    charts = source.wall_charts.write(YEAR, tmp_path / "台账.pdf")
    assert all(chart.stat().st_size for chart in charts)
    source.close()
    target.close()
