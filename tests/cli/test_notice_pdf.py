"""`kaohe notice-pdf` and `kaohe notices`: a 督办单 printed by its number through the same
service as the screen; refusals exit 2 with nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.factories import CopyMaster, sign_in
from tests.services.checks.notice_bureau import NOTICE_BUREAU, Q2, department_ids, task_id

from kaohe_desktop.cli import main
from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.views import NoticeDraft
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT


@pytest.fixture
def copy_master(copy_master_on: CopyMaster) -> CopyMaster:
    """The bureau on both backends: a data file, or a server database of its own
    (tests/conftest.py copy_master_on); `--db` takes the path or the URL."""
    return copy_master_on


@pytest.fixture
def db(copy_master: CopyMaster) -> Path:
    """The notice bureau with two notices: 第1号 (red, 5 points) and 第2号 (blue)."""
    path = copy_master(NOTICE_BUREAU)
    ws = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        for color, deduction in ((NoticeColor.RED, Decimal(5)), (NoticeColor.BLUE, None)):
            ws.notices.issue(
                NoticeDraft(
                    color=color,
                    department_id=department_ids(ws)["市场科"],
                    period=Q2,
                    task_ids=(task_id(ws, 2),),
                    content=f"双随机检查{color.label}色督办",
                    deadline=date(2026, 7, 25),
                    issued_on=date(2026, 7, 10),
                    deduction=deduction,
                )
            )
    finally:
        ws.close()
    return path


@pytest.fixture(autouse=True)
def _system_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_ENVIRONMENT, raising=False)


def _run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--user", "admin", "--quiet", *args])


def test_the_notice_is_printed_by_its_number_however_the_brackets_are_typed(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "督办单.pdf"
    assert _run(db, "notice-pdf", "--number", "督办[2026]第1号", "--out", str(out)) == 0
    assert f"已写出督办单 督办〔2026〕第1号：{out}" in capsys.readouterr().out
    text = "".join(PdfReader(out).pages[0].extract_text().split())
    for expected in ("督办〔2026〕第1号", "红色督办", "市场科", "双随机检查红色督办", "5分"):
        assert expected in text, expected


def test_an_unknown_or_malformed_number_exits_2_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "输出"
    folder.mkdir()
    out = folder / "督办单.pdf"
    assert _run(db, "notice-pdf", "--number", "督办〔2026〕第9号", "--out", str(out)) == 2
    assert "没有编号为 督办〔2026〕第9号 的督办单" in capsys.readouterr().err
    assert _run(db, "notice-pdf", "--number", "第1号", "--out", str(out)) == 2
    assert "应写作 督办〔2026〕第3号" in capsys.readouterr().err
    missing = folder / "没有的文件夹" / "督办单.pdf"
    assert _run(db, "notice-pdf", "--number", "督办〔2026〕第1号", "--out", str(missing)) == 2
    assert "不存在，未写入任何文件" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_the_notices_are_listed_by_number(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db, "notices", "--year", "2026") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "督办〔2026〕第1号\t红色督办\t市场科\t2026Q2\t整改时限 2026-07-25\t整改中",
        "督办〔2026〕第2号\t蓝色提醒\t市场科\t2026Q2\t整改时限 2026-07-25\t整改中",
        "共 2 张督办单",
    ]
    assert _run(db, "notices", "--year", "2027") == 0
    assert capsys.readouterr().out.splitlines() == ["共 0 张督办单"]
