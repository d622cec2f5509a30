"""`kaohe ranking`: the quarter's ranking workbook (and 汇总表 PDF) from the same service as
the GUI; refusals exit 2 with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.factories import PASSWORD

from kaohe_desktop.cli import main
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT
from kaohe_desktop.services.workspace import open_workspace

QUARTER = Quarter(2026, 2)


@pytest.fixture(autouse=True)
def _system_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_ENVIRONMENT, raising=False)


def _run(db: Path | str, *args: str) -> int:
    return main(["--db", str(db), "--quiet", "ranking", "--quarter", str(QUARTER), *args])


def test_the_workbook_holds_every_graded_participant_once_as_the_service_grades_them(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, pdf = tmp_path / "排名.xlsx", tmp_path / "汇总表.pdf"
    assert _run(demo_db, "--out", str(out), "--pdf", str(pdf)) == 0
    assert str(out) in capsys.readouterr().out

    workspace = open_workspace(demo_db, Credentials("tester", PASSWORD), daily_backup=False)
    try:
        sheet = workspace.grading.sheet(QUARTER)
    finally:
        workspace.close()
    expected = {
        r.code: (r.rank, r.grade.label if r.grade else None)
        for r in sheet.rows
        if r.no_grade_reason is None
    }
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "汇总"
    assert set(book.sheetnames[1:]) <= set(DEFAULT_STAFF_CATEGORIES)
    seen: dict[str, tuple[int | None, str | None]] = {}
    for name in book.sheetnames[1:]:
        rows = list(book[name].iter_rows(values_only=True))
        header = next(i for i, row in enumerate(rows) if row and row[0] == "排名")
        for row in rows[header + 1 :]:
            if not row or row[1] is None:
                continue
            code = str(row[1])
            assert code not in seen, f"{code} listed twice"
            seen[code] = (row[0], row[8] or None)
    assert seen == expected

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "平时考核结果汇总表" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "2026Q5"], "2026Q5"),
        (["--quarter", "2026H1"], "不是季度"),
    ],
    ids=["no-such-quarter", "a-half-year"],
)
def test_a_bad_quarter_is_refused_before_signing_in(
    demo_db: Path | str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "排名.xlsx"
    code = main(["--db", str(demo_db), "--quiet", "ranking", *args, "--out", str(out)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_pdf_into_a_missing_folder_leaves_no_workbook_either(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "排名.xlsx"
    assert _run(demo_db, "--out", str(out), "--pdf", str(tmp_path / "无此文件夹" / "a.pdf")) == 2
    assert "不存在" in capsys.readouterr().err
    assert not out.exists()
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.partial*"))


def test_a_pdf_named_as_a_folder_leaves_no_workbook(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, folder = tmp_path / "排名.xlsx", tmp_path / "汇总"
    folder.mkdir()
    assert _run(demo_db, "--out", str(out), "--pdf", str(folder)) == 2
    assert "是一个文件夹" in capsys.readouterr().err
    assert not out.exists() and list(folder.iterdir()) == []


def test_a_quarter_with_nobody_assessed_is_refused(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "排名.xlsx"
    code = main(
        ["--db", str(demo_db), "--quiet", "ranking", "--quarter", "2031Q1", "--out", str(out)]
    )
    assert code == 2
    assert capsys.readouterr().err.strip()
    assert not out.exists()
