"""`kaohe ledger-pdf`: the same wall charts as the GUI's service, refusals with exit 2.

The command runs in-process (main()), so the printing date can be pinned for both
the command and the service call it is compared with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.factories import PASSWORD

from kaohe_desktop.cli import main
from kaohe_desktop.reports.wall_chart_content import Paper
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT
from kaohe_desktop.services.ledger import wall_charts
from kaohe_desktop.services.ledger.wall_charts import chart_file_name
from kaohe_desktop.services.workspace import open_workspace

PRINTED = date(2026, 3, 9)


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wall_charts, "_today", lambda: PRINTED)
    monkeypatch.delenv(FONT_ENVIRONMENT, raising=False)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.parametrize(
    ("options", "service_options"),
    [
        (
            ["--department", "稽查大队", "--paper", "a4"],
            {"department": "稽查大队", "paper": Paper.A4},
        ),
        (["--blank"], {"blank": True}),
    ],
    ids=["one-department-filled-A4", "all-blank-A3"],
)
def test_the_command_writes_the_same_pdf_as_the_service(
    demo_db: Path | str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    service_options: dict[str, object],
) -> None:
    by_command = tmp_path / "命令.pdf"
    code = main(
        ["--db", str(demo_db), "ledger-pdf", "--year", "2026", *options, "--out", str(by_command)]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert f"已写出墙上台账 {by_command}" in out
    assert "字体：" in out

    workspace = open_workspace(demo_db, Credentials("tester", PASSWORD), daily_backup=False)
    try:
        by_service = tmp_path / "服务.pdf"
        workspace.wall_charts.write(2026, by_service, **service_options)  # type: ignore[arg-type]
    finally:
        workspace.close()
    command_pages, service_pages = _pages(by_command), _pages(by_service)
    assert len(command_pages) == len(service_pages) > 0
    assert command_pages == service_pages
    assert "2026-03-09" in command_pages[0] or "2026年3月9日" in command_pages[0]


def test_per_department_writes_a_file_per_department_into_the_folder(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "按科室"
    args = ["--db", str(demo_db), "ledger-pdf", "--year", "2026", "--blank", "--per-department"]
    assert main([*args, "--out", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 9
    assert chart_file_name(2026, "稽查大队") in names
    assert capsys.readouterr().out.count("已写出墙上台账") == 9


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--department", "不存在科"], "没有名为“不存在科”的科室"),
        (["--paper", "B5"], "纸张应为 A3 或 A4"),
        (["--year", "2031"], "2031年度没有台账任务"),
    ],
    ids=["unknown-department", "bad-paper", "year-without-tasks"],
)
def test_bad_input_exits_2_with_a_chinese_message_and_writes_nothing(
    demo_db: Path | str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    message: str,
) -> None:
    folder = tmp_path / "输出"
    folder.mkdir()
    target = folder / "台账.pdf"
    args = ["--db", str(demo_db), "ledger-pdf", "--year", "2026", *options, "--out", str(target)]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_a_missing_output_folder_exits_2(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "没有这个文件夹" / "台账.pdf"
    assert main(["--db", str(demo_db), "ledger-pdf", "--year", "2026", "--out", str(target)]) == 2
    assert "不存在" in capsys.readouterr().err
    assert not target.parent.exists()
