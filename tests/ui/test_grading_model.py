"""The 个人平时考核 grid's parts on sheets built by hand: the model (Qt's contract, colours,
in-place updates, what may be typed), the paste check, the filters and the quota bar."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from kaohe_desktop.domain.enums import NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Candidate, Flag, grade_quarter
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope
from kaohe_desktop.services.quarterly.views import (
    GradingRow,
    GradingSheet,
    RosterMove,
    ScoreChange,
    ScoreField,
)
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly.grading_filters import GradeChoice, grading_filter
from kaohe_desktop.ui.quarterly.grading_model import (
    FLAG_COLOR,
    NOT_GRADED_COLOR,
    UNSCORED_BACKGROUND,
    GradingTableModel,
)
from kaohe_desktop.ui.quarterly.grading_paste import (
    PasteCell,
    PasteRefused,
    changes_for,
    parse_block,
)
from kaohe_desktop.ui.quarterly.quota_bar import ALERT_COLOR, QuotaBar

Q2 = Quarter(2026, 2)
OFFICE, FINANCE = 1, 2
GENERAL = "一般公务员"


@dataclass(frozen=True)
class Person:
    code: str
    performance: str | None
    leader: str | None
    department: int = OFFICE
    no_grade: NoGradeReason | None = None
    override: QuarterGrade | None = None
    moved: bool = False


def make_sheet(people: list[Person], rules: QuarterlyRules | None = None) -> GradingSheet:
    """A sheet as the service builds it: the engine's outcome on each row."""
    rules = rules or QuarterlyRules()
    number = {p.code: n for n, p in enumerate(people, start=1)}

    def score(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    candidates = [
        Candidate(
            number[p.code],
            p.department,
            GENERAL,
            score(p.performance),
            score(p.leader),
            override=p.override,
            no_grade_reason=p.no_grade.value if p.no_grade else None,
        )
        for p in people
    ]
    grading = grade_quarter(candidates, rules)
    names = {OFFICE: "办公室", FINANCE: "财务科"}
    rows = tuple(
        GradingRow(
            person_id=number[p.code],
            code=p.code,
            name=f"人员{p.code}",
            position=None,
            department_id=p.department,
            department=names[p.department],
            category=GENERAL,
            moves=(RosterMove(Q2.start.replace(month=5), "财务科", "办公室"),) if p.moved else (),
            assessment_id=number[p.code] if p.performance or p.leader else None,
            version=1 if p.performance or p.leader else None,
            performance=score(p.performance),
            leader=score(p.leader),
            row_comment_points=None,
            comment_points=Decimal(0),
            comment_count=0,
            override=p.override,
            override_reason="测试" if p.override else None,
            no_grade_reason=p.no_grade,
            outcome=grading.outcomes[number[p.code]],
        )
        for p in people
    )
    departments = tuple((d, names[d]) for d in sorted({p.department for p in people}))
    return GradingSheet(Q2, "测试局", rules, True, rows, grading, False, departments, (GENERAL,))


FIVE = [
    Person("A1", "95", "95"),
    Person("A2", "91", "92", moved=True),
    Person("A3", "85", None),
    Person("B1", "50", "55", department=FINANCE),
    Person("B2", None, None, department=FINANCE, no_grade=NoGradeReason.PROBATION),
]


@pytest.fixture
def model(qtbot: Any) -> GradingTableModel:
    model = GradingTableModel()
    model.set_sheet(make_sheet(FIVE))
    return model


def cell(model: GradingTableModel, code: str, column: int, role: int) -> Any:
    row = next(n for n, r in enumerate(model.rows()) if r.code == code)
    return model.index(row, column).data(role)


DISPLAY = Qt.ItemDataRole.DisplayRole


def test_the_model_and_its_proxy_keep_the_qt_contract(qtmodeltester: Any, model: Any) -> None:
    model.set_edit_state(True, {FINANCE: "财务科正由他人编辑"})
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(RowFilterProxy(model, (cols.CODE, cols.NAME)), force_py=True)
    empty = GradingTableModel()
    qtmodeltester.check(empty, force_py=True)


def test_the_columns_show_the_engines_outcome(model: GradingTableModel) -> None:
    assert cell(model, "A1", cols.COMPOSITE, DISPLAY) == "95.00"
    assert cell(model, "A1", cols.GRADE, DISPLAY) == "好"  # quota floor(4 × 40%) = 1
    assert cell(model, "A2", cols.GRADE, DISPLAY) == "较好"  # ≥ 90 but the slot is taken
    assert cell(model, "A1", cols.RANK, DISPLAY) == "1"
    assert cell(model, "B1", cols.GRADE, DISPLAY) == "较差"
    assert cell(model, "B2", cols.GRADE, DISPLAY) == "不定等次"
    assert cell(model, "B2", cols.REMARK, DISPLAY) == "不定等次（试用期）"
    assert cell(model, "A3", cols.COMPOSITE, DISPLAY) == ""
    assert "Waiting" in cell(model, "A3", cols.COMPOSITE, Qt.ItemDataRole.ToolTipRole)
    # A move inside the quarter is marked, and the tooltip says which.
    assert cell(model, "A2", cols.DEPARTMENT, DISPLAY) == "办公室 ↔"
    assert "5月1日由财务科调入" in cell(model, "A2", cols.DEPARTMENT, Qt.ItemDataRole.ToolTipRole)
    assert "95 × 0.5 + 95 × 0.5" in cell(model, "A1", cols.COMPOSITE, Qt.ItemDataRole.ToolTipRole)


def test_unscored_rows_are_highlighted_and_flags_are_red(model: GradingTableModel) -> None:
    background = cell(model, "A3", cols.NAME, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color().name() == UNSCORED_BACKGROUND
    assert cell(model, "A1", cols.NAME, Qt.ItemDataRole.BackgroundRole) is None
    assert cell(model, "B2", cols.NAME, Qt.ItemDataRole.BackgroundRole) is None  # 不定等次

    # Three equal at 95 for one slot: all 较好 and flagged, in red.
    tie = [Person(f"T{n}", "95", "95") for n in range(3)]
    tie += [Person("X1", "70", "70"), Person("X2", "70", "71")]
    model.set_sheet(make_sheet(tie))  # five participants: quota 2, three tied for them
    for code in ("T0", "T1", "T2"):
        assert cell(model, code, cols.GRADE, DISPLAY) == "较好"
        assert cell(model, code, cols.REMARK, DISPLAY) == Flag.TIE_OVER_QUOTA.label
        for column in (cols.GRADE, cols.REMARK):
            brush = cell(model, code, column, Qt.ItemDataRole.ForegroundRole)
            assert brush.color().name() == FLAG_COLOR
    assert cell(model, "X1", cols.GRADE, Qt.ItemDataRole.ForegroundRole) is None


def test_only_the_two_score_cells_are_editable_and_only_when_allowed(
    model: GradingTableModel,
) -> None:
    def editable(code: str, column: int) -> bool:
        row = next(n for n, r in enumerate(model.rows()) if r.code == code)
        return bool(model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable)

    assert not editable("A1", cols.PERFORMANCE)  # nothing is editable until the tab says so
    model.set_edit_state(True, {})
    assert editable("A1", cols.PERFORMANCE) and editable("A1", cols.LEADER)
    assert not any(
        editable("A1", c) for c in range(model.columnCount()) if c not in cols.SCORE_COLUMNS
    )
    model.set_edit_state(True, {FINANCE: "财务科正由王五编辑"})
    assert editable("A1", cols.LEADER) and not editable("B1", cols.LEADER)
    assert cell(model, "B1", cols.LEADER, Qt.ItemDataRole.ToolTipRole) == "财务科正由王五编辑"
    grey = cell(model, "B1", cols.LEADER, Qt.ItemDataRole.ForegroundRole)
    assert grey.color().name() == NOT_GRADED_COLOR
    assert cell(model, "A1", cols.LEADER, Qt.ItemDataRole.ForegroundRole) is None


def test_set_data_asks_for_a_save_and_writes_nothing(qtbot: Any, model: GradingTableModel) -> None:
    model.set_edit_state(True, {})
    index = model.index(0, cols.LEADER)
    assert index.data(Qt.ItemDataRole.EditRole) == "95"
    with qtbot.waitSignal(model.score_entered) as entered:
        assert model.setData(index, "９３.５") is False  # full-width digits from a Chinese IME
    assert entered.args == [ScoreChange(1, ScoreField.LEADER, Decimal("93.5"), 1)]
    assert index.data() == "95.0"  # unchanged until the service's sheet comes back
    with qtbot.assertNotEmitted(model.score_entered):
        assert model.setData(index, "101") is False
        assert model.setData(index, "abc") is False
        assert model.setData(index, "95.0") is False  # the same value: no save


def test_a_new_sheet_of_the_same_roster_updates_in_place(
    qtbot: Any, model: GradingTableModel
) -> None:
    current = QPersistentModelIndex(model.index(2, cols.LEADER))
    changed = [replace(p, leader="90") if p.code == "A3" else p for p in FIVE]
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_sheet(make_sheet(changed))
    assert current.isValid() and current.row() == 2
    assert cell(model, "A3", cols.COMPOSITE, DISPLAY) == "87.50"
    with qtbot.waitSignal(model.modelReset):
        model.set_sheet(make_sheet(changed[:4]))  # someone left the roster
    assert model.rowCount() == 4


def test_a_paste_is_checked_whole_and_names_every_bad_value(model: GradingTableModel) -> None:
    assert parse_block("88\r\n91.5\r\n") == [["88"], ["91.5"]]
    assert parse_block("88\t90\n91\t\n") == [["88", "90"], ["91", ""]]
    rows = model.rows()
    cells = [
        PasteCell(rows[0], ScoreField.PERFORMANCE, "95"),  # unchanged: not sent
        PasteCell(rows[1], ScoreField.PERFORMANCE, "88"),
        PasteCell(rows[2], ScoreField.LEADER, ""),  # empty stays empty: not sent
        PasteCell(rows[3], ScoreField.LEADER, ""),  # clears
    ]
    assert changes_for(cells) == [
        ScoreChange(2, ScoreField.PERFORMANCE, Decimal("88"), 1),
        ScoreChange(4, ScoreField.LEADER, None, 1),
    ]
    bad = [
        *cells,
        PasteCell(rows[1], ScoreField.LEADER, "101"),
        PasteCell(rows[2], ScoreField.PERFORMANCE, "八十"),
    ]
    with pytest.raises(PasteRefused) as refused:
        changes_for(bad)
    text = str(refused.value)
    assert "Nothing was pasted: 2 of the 6 values" in text
    assert "A2 人员A2：领导测评分 101 超出范围" in text
    assert "A3 人员A3：实绩分“八十”不是数字" in text


def test_filters_by_grade_include_unscored_and_not_graded(model: GradingTableModel) -> None:
    rows = model.rows()

    def codes(**chosen: Any) -> list[str]:
        accepts = grading_filter(
            chosen.get("department"),
            chosen.get("category"),
            chosen.get("grade"),
            chosen.get("only"),
        )
        return [r.code for r in rows if accepts is None or accepts(r)]

    assert codes() == ["A1", "A2", "A3", "B1", "B2"]
    assert codes(grade=GradeChoice.UNSCORED) == ["A3"]
    assert codes(grade=GradeChoice.NOT_GRADED) == ["B2"]
    assert codes(grade=QuarterGrade.GOOD) == ["A1"]
    assert codes(grade=QuarterGrade.POOR) == ["B1"]
    assert codes(department="财务科") == ["B1", "B2"]
    assert codes(department="办公室", only={2, 4}) == ["A2"]
    assert codes(category="其他") == []


def test_the_quota_bar_counts_each_scope_and_turns_red_where_a_tie_has_no_slot(
    qtbot: Any,
) -> None:
    bar = QuotaBar()
    qtbot.addWidget(bar)
    bar.set_sheet(make_sheet(FIVE))
    assert bar.lines() == ["全局 quota 1 / used 1 / left 0  (4 assessed)"]
    assert bar.flags.isHidden() and bar.resolve.isHidden()

    tie = [
        Person("A1", "95", "95"),
        Person("A2", "95", "95"),
        Person("A3", "70", "70"),
        Person("B1", "95", "95", department=FINANCE),
        Person("B2", "80", "80", department=FINANCE),
        Person("B3", "70", "70", department=FINANCE),
    ]
    per_department = QuarterlyRules(quota_scope=QuotaScope.DEPARTMENT)
    bar.set_sheet(make_sheet(tie, per_department))
    # 办公室: 3 assessed → 1 slot, two tied for it; 财务科: 3 → 1 slot, B1 takes it.
    assert bar.lines() == ["办公室 1/0/1", "财务科 1/1/0"]
    assert "per department" in bar.caption.text()
    assert not bar.flags.isHidden() and not bar.resolve.isHidden()
    assert bar.flags.text() == "并列超出名额: 2 people"
    # The department with the tie is red (its slot stays unused until the clerk decides).
    office, finance = bar.counts.text().split("&nbsp;&nbsp; ")
    assert ALERT_COLOR in office and ALERT_COLOR not in finance
    with qtbot.waitSignal(bar.resolve_requested):
        bar.resolve.click()

    bar.set_sheet(make_sheet(tie))  # bureau-wide: 6 assessed → 2 slots, three tied
    assert bar.lines() == ["全局 quota 2 / used 0 / left 2  (6 assessed)"]
    assert bar.flags.text() == "并列超出名额: 3 people"
    assert ALERT_COLOR in bar.counts.text()
