"""`kaohe bulletin-pdf`: the period's 通报 from the same service as the screen. The first
run generates the first edition; later runs print the latest, unchanged; --new makes the
next edition under the same number. Refusals exit 2 with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.cli.conftest import on_backend
from tests.factories import PASSWORD
from tests.services.checks.bulletin_bureau import fill_bulletin_bureau

from kaohe_desktop.cli import main
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT
from kaohe_desktop.services.workspace import open_workspace

QUARTER = Quarter(2026, 2)


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new file holding the small bureau of the service tests (no bulletin yet)."""
    path = tmp_path_factory.mktemp("bulletin") / "通报.kaohe"
    assert main(["--db", str(path), "--user", "tester", "init"]) == 0
    workspace = open_workspace(path, Credentials("tester", PASSWORD), daily_backup=False)
    try:
        fill_bulletin_bureau(workspace)
    finally:
        workspace.close()
    return path


@pytest.fixture
def demo_db(
    demo_master: Path, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Path | str:
    """The test's own copy (its bulletins are its own): a file, or on a server a
    database of its own (the clerks' account's URL: `--db` and open_workspace take both)."""
    return on_backend(demo_master, backend, tmp_path / "副本", request)


@pytest.fixture(autouse=True)
def _system_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_ENVIRONMENT, raising=False)


def _run(db: Path | str, *args: str) -> int:
    return main(["--db", str(db), "--quiet", "bulletin-pdf", *args])


def _editions(db: Path | str, period: Quarter = QUARTER) -> list[tuple[int, str]]:
    workspace = open_workspace(db, Credentials("tester", PASSWORD), daily_backup=False)
    try:
        return [(v.edition, v.doc_no) for v in workspace.bulletins.editions(period)]
    finally:
        workspace.close()


def _flat_text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_first_run_generates_later_runs_reprint_and_new_makes_the_next_edition(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, again, second = tmp_path / "一.pdf", tmp_path / "二.pdf", tmp_path / "三.pdf"
    assert _run(demo_db, "--period", "2026Q2", "--out", str(first)) == 0
    out = capsys.readouterr().out
    assert "已生成通报〔2026〕第1期：2026年第二季度查账通报" in out
    assert str(first) in out
    assert _editions(demo_db) == [(1, "通报〔2026〕第1期")]
    text = _flat_text(first)
    assert "查账通报" in text and "通报〔2026〕第1期" in text and "一、各科室完成情况" in text

    assert _run(demo_db, "--period", "2026Q2", "--out", str(again)) == 0
    assert "已生成" not in capsys.readouterr().out
    assert again.read_bytes() == first.read_bytes()
    assert _editions(demo_db) == [(1, "通报〔2026〕第1期")]

    assert _run(demo_db, "--period", "2026Q2", "--out", str(second), "--new") == 0
    assert "已生成通报〔2026〕第1期（第2版）" in capsys.readouterr().out
    assert _editions(demo_db) == [(1, "通报〔2026〕第1期"), (2, "通报〔2026〕第1期")]
    assert "通报〔2026〕第1期（第2版）" in _flat_text(second)

    earlier = tmp_path / "第一版.pdf"
    assert _run(demo_db, "--period", "2026Q2", "--out", str(earlier), "--edition", "1") == 0
    assert earlier.read_bytes() == first.read_bytes()


@pytest.mark.parametrize(
    ("period", "message"),
    [("2026H1", "查账期间“2026H1”应为季度"), ("2026Q5", "2026Q5")],
    ids=["a-half-year", "no-such-quarter"],
)
def test_a_bad_period_is_refused_before_signing_in(
    demo_db: Path | str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    period: str,
    message: str,
) -> None:
    out = tmp_path / "通报.pdf"
    assert _run(demo_db, "--period", period, "--out", str(out)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("period", ["2026Q5", "2026-5-1", "二季度"])
def test_a_period_it_cannot_read_is_explained_as_a_check_period(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str
) -> None:
    # Not "应写作 2026、2026H1、2026Q2、2026-05": a 通报 is never of a year or a half.
    out = tmp_path / "通报.pdf"
    assert _run(demo_db, "--period", period, "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert f"查账期间“{period}”应为季度（2026Q2）或月份（2026-05）；未写入任何文件。" in err
    assert "2026H1" not in err
    assert not out.exists()


def test_a_missing_folder_uses_up_no_number(
    demo_db: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "无此文件夹" / "通报.pdf"
    assert _run(demo_db, "--period", "2026Q3", "--out", str(out)) == 2
    assert "不存在" in capsys.readouterr().err
    assert _editions(demo_db, Quarter(2026, 3)) == []
