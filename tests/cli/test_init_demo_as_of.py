"""`kaohe init --demo --as-of 日期`: the demo as it stands on that day (issue 18)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kaohe_desktop.cli import main


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAOHE_PASSWORD", "test-pass-1")


def _init(path: Path, *options: str) -> int:
    return main(["--db", str(path), "--user", "tester", "init", *options])


def test_the_demo_stands_on_the_day_given(tmp_path: Path) -> None:
    path = tmp_path / "演示.kaohe"
    assert _init(path, "--demo", "--as-of", "2026-04-01") == 0
    with sqlite3.connect(path) as db:
        (latest,) = db.execute("SELECT max(commented_on) FROM comment").fetchone()
        closed = {p for (p,) in db.execute("SELECT period FROM period_lock")}
        (logged,) = db.execute("SELECT max(at) FROM audit_log").fetchone()
    assert latest <= "2026-04-01" and logged < "2026-04-02"
    assert {"2025", "2025H2", "2026Q1"} <= closed and "2026Q2" not in closed


def test_as_of_without_demo_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _init(tmp_path / "空.kaohe", "--as-of", "2026-04-01") == 2
    assert "--as-of 只用于演示数据" in capsys.readouterr().err
    assert not (tmp_path / "空.kaohe").exists()


def test_a_date_not_written_as_one_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        _init(tmp_path / "演示.kaohe", "--demo", "--as-of", "12月7日")
    assert "日期应写成 2027-01-05 的样子" in capsys.readouterr().err
