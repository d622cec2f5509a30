"""操作日志 shows an import's and a close's compact entries as one line each (issue 16).

The source strings are English (the zh_CN catalogue is not installed here): an entry of
10,000 rows reads as one line — what was written, which ids — and its tooltip spells
out the first rows instead of a wall of JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.factories import new_workspace

from kaohe_desktop.services.access.audit_log import AuditEntryView, AuditFilter
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.audit.audit_model import (
    ACTION,
    CHANGE,
    RECORD,
    AuditEntryTableModel,
    full_change,
    summarize,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = new_workspace(tmp_path_factory.mktemp("demo"), demo=True)
    yield workspace
    workspace.close()


def _first(demo: Workspace, action: str, entity: str) -> AuditEntryView:
    entries = demo.audit_log.entries(AuditFilter(entity=entity))
    return next(entry for entry in reversed(entries) if entry.action == action)


def test_an_imported_table_is_one_line(qtbot: Any, demo: Workspace) -> None:
    entry = _first(demo, "bulk_add", "quarterly_assessment")
    model = AuditEntryTableModel()
    model.set_rows([entry])
    assert model.index(0, ACTION).data() == "批量新增"
    assert model.index(0, RECORD).data().startswith("ids 1–")
    line = model.index(0, CHANGE).data()
    assert line.startswith("Imported 平时考核 ") and "rows (ids 1–" in line
    assert "digest" in line and "{" not in line
    assert len(summarize(entry)) < 200


def test_a_close_reads_as_what_it_stored_with_the_first_rows_in_the_tooltip(
    demo: Workspace,
) -> None:
    entry = _first(demo, "bulk_edit", "quarterly_assessment")
    line = summarize(entry)
    assert line.startswith("Close of 20") and "综合得分" in line and "people" in line
    tooltip = full_change(entry)
    assert tooltip is not None
    lines = tooltip.splitlines()
    assert lines[0] == line
    assert lines[1].startswith("#") and "→" in lines[1]
    # Each row names its person (looked up when shown: the entry records the id).
    first_person = next(iter(entry.people.values()))
    assert lines[1].startswith(f"#1 {first_person} ") and "人员ID" not in lines[1]
    assert len(entry.people) == 20 and all("（XJ" in name for name in entry.people.values())
    model = AuditEntryTableModel()
    model.set_rows([entry])
    assert model.index(0, RECORD).data().startswith(f"{first_person} and others, ")
    assert lines[-1].startswith("… and ") and lines[-1].endswith(" more rows")
    assert len(lines) == 1 + 20 + 1


def test_the_import_event_names_its_sheets(demo: Workspace) -> None:
    entry = _first(demo, "import", "workbook")
    line = summarize(entry)
    assert line.startswith("No workbook recorded")  # the demo is generated, not read
    assert "点评: added " in line  # (the 平时考核 come after each quarter: services/demo)
