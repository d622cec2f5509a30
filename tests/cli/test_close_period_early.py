"""`kaohe close-period` before the period's last day (issue 18): it closes, as asked,
and says what the dialogs ask about — the period ends later than today — with the close
note recording it. 2100Q4 (the last year a period may have) is always still to come."""

from __future__ import annotations

import pytest
from tests.cli.conftest import FreshDb
from tests.factories import PASSWORD

from kaohe_desktop.cli import main


def test_an_early_close_prints_the_warning(
    fresh_db: FreshDb, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KAOHE_USER", "tester")
    monkeypatch.setenv("KAOHE_PASSWORD", PASSWORD)
    assert main(fresh_db.init()) == 0
    capsys.readouterr()
    assert main(["--db", str(fresh_db.db), "close-period", "2100Q4"]) == 0
    out = capsys.readouterr().out
    assert "已关闭期间 2100Q4" in out
    assert "注意：本季度到 2100-12-31 结束，今天是" in out
    assert "提前关闭后本季度的分数、点评和等次不能再修改（管理员可重新开启）" in out
