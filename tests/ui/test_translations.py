"""Every interface string has a finished Chinese translation, and the .qm is current.

After changing interface strings (I=src/kaohe_desktop/resources/i18n):

    pyside6-lupdate $(find src/kaohe_desktop -name "*.py") -locations none -no-obsolete \
        -source-language en -target-language zh_CN -ts $I/kaohe_zh_CN.ts
    (translate the new entries, e.g. in pyside6-linguist)
    pyside6-lrelease $I/kaohe_zh_CN.ts -qm $I/kaohe_zh_CN.qm
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kaohe_desktop.app import resources_dir
from kaohe_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "src" / "kaohe_desktop"
TS = resources_dir() / "i18n" / "kaohe_zh_CN.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{\d+\}")


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6)")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) → (translation, finished)."""
    result = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            text = translation.text or ""
            finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            result[(name, message.findtext("source") or "")] = (text, finished and bool(text))
    return result


def test_every_source_string_has_a_finished_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for p in SOURCES.rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *files, "-locations", "none", "-ts", str(fresh)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    wanted = _messages(fresh)
    committed = _messages(TS)
    assert len(wanted) > 150  # lupdate really read the sources
    missing = [key for key in wanted if key not in committed]
    unfinished = [key for key in wanted if key in committed and not committed[key][1]]
    assert not missing, f"strings not in {TS.name}: {missing}"
    assert not unfinished, f"untranslated: {unfinished}"
    for (context, source), (text, _finished) in committed.items():
        # A dropped {0} would silently lose a file name or a count in Chinese.
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (
            context, source, text,
        )  # fmt: skip
        assert source.count("\n") <= text.count("\n") + 1, (context, source)


def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(rebuilt)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert QM.exists(), "run pyside6-lrelease on the .ts"
    assert QM.read_bytes() == rebuilt.read_bytes(), "the .qm is stale: rebuild it"


def test_chinese_is_what_the_clerk_sees(chinese: None, qtbot: Any, settings: Any) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["台账", "查账", "季度考核", "半年考核", "年度考核", "人员档案"]
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    model = window.ledger_tab.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["序号", "工作任务", "目标要求"]
    assert "尚未打开数据文件" in window.ledger_tab.stack.empty_page.message.text()
    window.close()
