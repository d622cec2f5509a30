"""`kaohe scores`: the half's score workbook (and 汇总表 PDF) and the year's, from the same
service as the 半年考核 tab, on the small bureau of tests/services/checks/check_bureau.py
(four departments, one group; H1: 综合科 and 市场科 owe 食品安全抽检 each quarter, 市场科
双随机检查 in Q2, 质量科 质量提升行动 each month). Refusals exit 2 with nothing written."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.factories import CopyMaster, sign_in
from tests.services.checks.check_bureau import CHECK_BUREAU
from tests.services.scoring.score_helpers import H1, add, deduction, record_all_h1

from kaohe_desktop.cli import main
from kaohe_desktop.domain.enums import AdjustmentCategory, CheckStatus
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES
from kaohe_desktop.domain.half_year_scoring import HalfYearScoring
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT


@pytest.fixture
def copy_master(copy_master_on: CopyMaster) -> CopyMaster:
    """The bureau on both backends: a data file, or a server database of its own
    (tests/conftest.py copy_master_on); `--db` takes the path or the URL."""
    return copy_master_on


@pytest.fixture(autouse=True)
def _system_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_ENVIRONMENT, raising=False)


def _bureau(
    copy_master: CopyMaster, *, checked: CheckStatus | None
) -> tuple[Path, HalfYearScoring]:
    """The bureau with a 考勤 deduction of 督查室 in H1 and, unless `checked` is None,
    every H1 due period recorded with that status; and the half as the service scores
    it (the command's clock is the real one, and so is this workspace's)."""
    path = copy_master(CHECK_BUREAU)
    workspace = sign_in(path, daily_backup=False)
    try:
        add(workspace, deduction(workspace, "督查室", "-2", on=date(2026, 3, 2)))
        if checked is not None:
            record_all_h1(workspace, checked)
        scoring = workspace.scoring.scoring(H1)
    finally:
        workspace.close()
    return path, scoring


def _scores(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--user", "admin", "--quiet", "scores", *args])


def _table(rows: list[tuple[Any, ...]], first: str) -> list[tuple[Any, ...]]:
    header = next(i for i, row in enumerate(rows) if row and row[0] == first)
    data = []
    for row in rows[header + 1 :]:
        if not row or all(value is None for value in row):
            break
        data.append(row)
    return data


def test_the_half_workbook_holds_the_service_scores_and_a_detail_that_adds_up(
    copy_master: CopyMaster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, scoring = _bureau(copy_master, checked=CheckStatus.LATE)
    out, pdf = tmp_path / "得分.xlsx", tmp_path / "汇总表.pdf"
    assert _scores(db, "--half", "2026H1", "--out", str(out), "--pdf", str(pdf)) == 0
    said = capsys.readouterr()
    assert str(out) in said.out and str(pdf) in said.out
    assert scoring.closable and "草稿" not in said.err  # every period checked, no tie

    book = load_workbook(out, read_only=True)
    scores = _table(list(book["科室得分"].iter_rows(values_only=True)), "排名")
    expected = {
        r.name: (r.rank_overall, *(r.category(c) for c in SCORED_CATEGORIES), r.bonus,
                 r.deductions_total, r.total, r.grade.label)
        for r in scoring.results
    }  # fmt: skip
    seen = {
        row[1]: tuple(Decimal(str(v)) if isinstance(v, int | float) else v
                      for v in (row[0], *row[3:9], row[10], row[11]))
        for row in scores
    }  # fmt: skip
    assert len(scores) == len(seen) == 4
    assert seen == expected
    # By hand: 逾期完成 deducts 30% of each due period's 分值.
    totals = {row[1]: Decimal(str(row[10])) for row in scores}
    assert totals == {
        "综合科": Decimal("994"),  # 1000 − 2 × 3
        "市场科": Decimal("992.5"),  # 1000 − 2 × 3 − 1.5
        "质量科": Decimal("985.6"),  # 1000 − 6 × 2.4
        "督查室": Decimal("998"),  # 1000 − 2 (考勤)
    }
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for line in _table(list(book["明细"].iter_rows(values_only=True)), "科室"):
        sums[line[0]] += Decimal(str(line[6]))
    assert sums == totals

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "科室半年考核得分汇总表" in text and "草稿" not in text
    assert all(name in text for name in totals)


def test_a_half_with_missing_checks_is_written_as_a_draft_that_says_why(
    copy_master: CopyMaster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, scoring = _bureau(copy_master, checked=None)
    out = tmp_path / "得分.xlsx"
    assert _scores(db, "--half", "2026H1", "--out", str(out)) == 0
    missing = len(scoring.missing())
    assert missing > 0
    err = capsys.readouterr().err
    assert f"草稿（尚有 {missing} 个应查期间未录入查账结果" in err
    ws = load_workbook(out)["科室得分"]
    assert str(ws["A1"].value).endswith("半年科室考核得分（草稿）")
    assert f"尚有 {missing} 个应查期间未录入查账结果" in str(ws["A2"].value)


def test_the_year_workbook_puts_the_halves_side_by_side(
    copy_master: CopyMaster, tmp_path: Path
) -> None:
    db, scoring = _bureau(copy_master, checked=CheckStatus.DONE)
    out, pdf = tmp_path / "年度.xlsx", tmp_path / "年度.pdf"
    assert _scores(db, "--year", "2026", "--out", str(out), "--pdf", str(pdf)) == 0
    rows = _table(list(load_workbook(out)["年度得分"].iter_rows(values_only=True)), "排名")
    first = {row[1]: Decimal(str(row[3])) for row in rows}
    assert first == {r.name: r.total for r in scoring.results}
    assert "科室年度考核得分汇总表" in "".join(p.extract_text() for p in PdfReader(pdf).pages)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--half", "2026H3"], "2026H3"),
        (["--half", "2026Q1"], "不是半年期间"),
        (["--year", "2031"], "2031年的两个半年既没有应查的台账任务"),
        (["--year", "12"], "12"),
    ],
)
def test_a_bad_period_exits_2_and_writes_nothing(
    copy_master: CopyMaster, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    args: list[str], message: str,
) -> None:  # fmt: skip
    db = copy_master(CHECK_BUREAU)
    out, pdf = tmp_path / "得分.xlsx", tmp_path / "汇总表.pdf"
    assert _scores(db, *args, "--out", str(out), "--pdf", str(pdf)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists() and not pdf.exists()


def test_a_pdf_into_a_missing_folder_is_refused_before_the_workbook_is_written(
    copy_master: CopyMaster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _scoring = _bureau(copy_master, checked=CheckStatus.DONE)
    out = tmp_path / "得分.xlsx"
    assert (
        _scores(db, "--half", "2026H1", "--out", str(out), "--pdf", str(tmp_path / "无" / "a.pdf"))
        == 2
    )
    assert "不存在" in capsys.readouterr().err
    assert not out.exists()


def test_half_or_year_must_be_given_and_not_both(tmp_path: Path) -> None:
    db = tmp_path / "无.kaohe"
    for args in ([], ["--half", "2026H1", "--year", "2026"]):
        with pytest.raises(SystemExit) as exited:
            _scores(db, *args, "--out", str(tmp_path / "a.xlsx"))
        assert exited.value.code == 2


def test_a_deduction_moves_the_exported_total(copy_master: CopyMaster, tmp_path: Path) -> None:
    """What is printed is what the tab shows: a new 党风廉政 deduction is in the next export."""
    db, scoring = _bureau(copy_master, checked=CheckStatus.DONE)
    workspace = sign_in(db, daily_backup=False)
    try:
        add(workspace, deduction(workspace, "质量科", "-7.5", AdjustmentCategory.INTEGRITY,
                                 "廉政风险点排查不到位", on=date(2026, 4, 1)))  # fmt: skip
    finally:
        workspace.close()
    out = tmp_path / "得分.xlsx"
    assert _scores(db, "--half", "2026H1", "--out", str(out)) == 0
    rows = _table(list(load_workbook(out)["科室得分"].iter_rows(values_only=True)), "排名")
    quality = next(row for row in rows if row[1] == "质量科")
    before = scoring.results[[r.name for r in scoring.results].index("质量科")]
    assert Decimal(str(quality[4])) == before.category(AdjustmentCategory.INTEGRITY) - Decimal(
        "7.5"
    )
    assert Decimal(str(quality[10])) == before.total - Decimal("7.5")


def test_a_closed_half_prints_what_its_close_stored(
    copy_master: CopyMaster, tmp_path: Path
) -> None:
    db, scoring = _bureau(copy_master, checked=CheckStatus.LATE)
    workspace = sign_in(db, daily_backup=False)
    try:
        workspace.periods.close("2026H1", "半年考核结束")
    finally:
        workspace.close()
    out = tmp_path / "得分.xlsx"
    assert _scores(db, "--half", "2026H1", "--out", str(out)) == 0
    ws = load_workbook(out)["科室得分"]
    assert "草稿" not in ws["A1"].value
    assert "2026年上半年已关闭，以下为关闭时保存的结果。" in ws["A2"].value
    rows = _table(list(ws.iter_rows(values_only=True)), "排名")
    assert {row[1]: Decimal(str(row[10])) for row in rows} == {
        r.name: r.total for r in scoring.results
    }
