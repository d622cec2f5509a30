"""The 年度考核 and 人员档案 commands (`annual`, `annual-notice`, `archive-pdf`,
`due-lists`) from the command line, on the small bureau of the annual service tests
(tests/services/archive/annual_bureau.py: 11 people on 2026's list, Q4 open, quota 1).
Bad input exits 2 with a Chinese message naming what is wrong, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.factories import CopyMaster
from tests.services.archive.annual_bureau import ANNUAL_BUREAU

from kaohe_desktop.cli import main


@pytest.fixture
def copy_master(copy_master_on: CopyMaster) -> CopyMaster:
    """The bureau on both backends: a data file, or a server database of its own
    (tests/conftest.py copy_master_on); `--db` takes the path or the URL."""
    return copy_master_on


@pytest.fixture
def db(copy_master: CopyMaster) -> Path:
    return copy_master(ANNUAL_BUREAU)


def _run(db: Path, *args: str) -> int:
    """The exit code, whether the services refused (2) or argparse did (SystemExit 2)."""
    try:
        return main(["--db", str(db), "--user", "admin", "--quiet", *args])
    except SystemExit as exit_:
        return int(exit_.code or 0)


def test_annual_writes_the_two_sheets_as_a_draft_naming_the_open_quarter(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "年度考核.xlsx"
    assert _run(db, "annual", "--year", "2026", "--out", str(out)) == 0
    captured = capsys.readouterr()
    assert "（11 人）" in captured.out
    assert "草稿：2026Q4 未关闭" in captured.err
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["年度考核", "名额"]
    quota = list(book["名额"].iter_rows(min_row=3, max_row=4, values_only=True))
    assert quota[0] == ("考核年度", "参加考核人数", "不定等次人数", "不参加人数", "优秀比例",
                        "优秀名额", "已推荐")  # fmt: skip
    assert quota[1] == (2026, 8, 2, 1, 0.2, 1, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("annual", "--year", "1999"), "年度 1999 超出范围（2000–2100）"),
        (("annual", "--year", "2101"), "年度 2101 超出范围（2000–2100）"),
        (("due-lists", "--year", "2101"), "年度 2101 超出范围（2000–2100）"),
        (("annual-notice", "--year", "2026", "--days", "五"), "公示天数应为 1–30 之间的整数"),
        (("annual-notice", "--year", "2026", "--days", "0"), "公示期应为 1–30 个工作日，而不是 0"),
        (("archive-pdf", "--person", "X99"), "没有编号为“X99”的人员"),
        (("archive-pdf", "--department", "无此科"), "没有名为“无此科”的科室"),
    ],
    ids=["year-1999", "year-2101", "due-2101", "days-not-a-number", "days-0", "person", "dept"],
)
def test_bad_input_is_refused_in_chinese_and_nothing_written(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    out = tmp_path / "out.file"
    assert _run(db, *args, "--out", str(out)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
