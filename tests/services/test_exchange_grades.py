"""等次调整 in the 平时考核 sheet: what the export writes for a grade set by hand imports
back, and the import holds it to the grid's own quota and tie checks.

Five people graded in 2026Q2, so the bureau-wide 好 quota is floor(5 × 40%) = 2."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from tests.services.on_backend import NewBureau, new_bureau

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import (
    AssessmentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
)
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import DEFAULT_BUREAU_NAME, Workspace

Q2 = Quarter(2026, 2)
REASON = "经考核委员会研究决定"
BASE = ExchangeBook(
    departments=[DepartmentRecord("综合科")],
    people=[PersonRecord(f"P0{n}", f"人{n}", "综合科", "一般公务员") for n in range(1, 6)],
)
# 95 好; 93 and 93 tie for the last slot (both 较好, flagged); then 85, 70.
TIED = {"P01": "95", "P02": "93", "P03": "93", "P04": "85", "P05": "70"}
# 95, 93 好 by the quota; 91 较好.
RANKED = {"P01": "95", "P02": "93", "P03": "91", "P04": "85", "P05": "70"}


def _scores(scores: dict[str, str], **overrides: QuarterGrade) -> list[AssessmentRecord]:
    return [
        AssessmentRecord(
            str(Q2),
            code,
            Decimal(value),
            Decimal(value),
            override=overrides.get(code),
            override_reason=REASON if code in overrides else None,
        )
        for code, value in scores.items()
    ]


@pytest.fixture
def new(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewBureau:
    return new_bureau(backend, tmp_path, request)


def _file(new: NewBureau, name: str = "甲.kaohe") -> Workspace:
    ws = new(name)
    ws.importer.apply(BASE)
    return ws


def _grades(ws: Workspace) -> dict[str, tuple[QuarterGrade | None, Flag | None]]:
    return {r.code: (r.outcome.grade, r.outcome.flag) for r in ws.grading.sheet(Q2).rows}


def _refusal(ws: Workspace, book: ExchangeBook) -> tuple[int | None, str | None, str]:
    book.source_rows = {"平时考核": list(range(2, 2 + len(book.assessments)))}
    with pytest.raises(InputError) as info:
        ws.importer.apply(book)
    ((error),) = info.value.errors
    return error.row, error.column, error.reason


def test_tie_settled_with_a_manual_fairly_good_imports(new: NewBureau) -> None:
    ws = _file(new)
    ws.importer.apply(ExchangeBook(assessments=_scores(TIED)))
    assert _grades(ws)["P02"] == (QuarterGrade.FAIRLY_GOOD, Flag.TIE_OVER_QUOTA)
    result = ws.importer.apply(
        ExchangeBook(assessments=_scores(TIED, P03=QuarterGrade.FAIRLY_GOOD))
    )
    assert (result.counts["平时考核"].updated, result.counts["平时考核"].unchanged) == (1, 4)
    grades = _grades(ws)
    assert grades["P02"] == (QuarterGrade.GOOD, None)
    assert grades["P03"] == (QuarterGrade.FAIRLY_GOOD, None)
    ws.close()


def test_manual_grades_round_trip_through_the_export(new: NewBureau, tmp_path: Path) -> None:
    """A quarter with a hand-set 较好 (a settled tie) and a hand-set 好: exported, then
    imported into a new file and into the same one."""
    source = _file(new)
    book = ExchangeBook(
        assessments=_scores(TIED, P03=QuarterGrade.FAIRLY_GOOD, P01=QuarterGrade.GOOD)
    )
    source.importer.apply(book)
    workbook = tmp_path / "交换.xlsx"
    source.exporter.export_workbook(workbook)
    exported = source.exporter.book()
    assert {a.code: a.override for a in exported.assessments if a.override} == {
        "P01": QuarterGrade.GOOD,
        "P03": QuarterGrade.FAIRLY_GOOD,
    }
    again = source.importer.import_workbook(workbook)
    assert again.changed == 0
    target = new("乙.kaohe", bureau_name=DEFAULT_BUREAU_NAME)
    target.importer.import_workbook(workbook)
    reimported = dataclasses.replace(target.exporter.book(), bureau_name=exported.bureau_name)
    assert reimported == exported
    assert _grades(target) == _grades(source)
    source.close()
    target.close()


def test_manual_good_over_the_quota_is_refused_source_of(new: NewBureau) -> None:
    ws = _file(new)
    book = ExchangeBook(assessments=_scores(RANKED, P03=QuarterGrade.GOOD))
    row, column, reason = _refusal(ws, book)
    assert (row, column) == (4, "等次调整")
    assert reason.startswith("好等次名额已满（全局名额 2 人，已用 2 人）")
    assert ws.grading.assessments(Q2) == []  # nothing written
    ws.close()


def test_manual_good_with_room_left_by_a_tie_is_taken(new: NewBureau) -> None:
    ws = _file(new)
    ws.importer.apply(ExchangeBook(assessments=_scores(TIED, P02=QuarterGrade.GOOD)))
    grades = _grades(ws)
    assert grades["P02"] == (QuarterGrade.GOOD, None)
    assert grades["P03"] == (QuarterGrade.FAIRLY_GOOD, None)
    ws.close()


@pytest.mark.parametrize(
    ("grade", "begins"),
    [
        (QuarterGrade.FAIRLY_GOOD, "较好只用于与好等次最后一个名额并列、超出名额的人员"),
        (QuarterGrade.AVERAGE, "不能人工定为一般"),
    ],
)
def test_grades_the_grid_refuses_are_refused(
    new: NewBureau, grade: QuarterGrade, begins: str
) -> None:
    ws = _file(new)
    row, column, reason = _refusal(ws, ExchangeBook(assessments=_scores(RANKED, P03=grade)))
    assert (row, column) == (4, "等次调整") and reason.startswith(begins)
    ws.close()
