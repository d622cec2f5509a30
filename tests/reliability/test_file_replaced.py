"""Another bureau's data file put where ours was, while a workstation writes to it.

Issue 12 item 3: an import started on A finished with "导入完成" after B was moved over A
mid-run, and its rows went into B; copying B over A in place ended in a FOREIGN KEY
traceback. A second process (this one) now replaces A while the child is stopped at a
chosen point of an import or a save — before its write began, or inside its write
transaction — and the write must end with "数据文件已被替换", B's bytes unchanged, nothing
added to A, the workspace read-only and the next write refused before touching any file.

B has the same file name and layout as A (a copy of the same master, so the same row
ids: a save that went astray would land), but its own id and bureau.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from tests.factories import fingerprint, sidecars
from tests.reliability import child_replace, processes
from tests.reliability.conftest import ADMIN_ACCOUNT, Masters
from tests.reliability.figures import record

REPLACED = "数据文件已被替换"
OTHER_BUREAU = "乙县市场监督管理局"


def _other_bureau(masters: Masters, master: Path, folder: Path) -> Path:
    path = masters.copy(master, folder)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT OR REPLACE INTO app_meta (key, value) VALUES ('file_id', ?)",
            (uuid.uuid4().hex,),
        )
        connection.execute("UPDATE bureau SET name = ?", (OTHER_BUREAU,))
    connection.close()
    return path


def _count(path: Path, sql: str) -> Any:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def _replace_while_waiting(
    target: Any, args: tuple[Any, ...], folder: Path, data_file: Path, other: Path, how: str
) -> dict[str, Any]:
    """Start the child, replace `data_file` by `other` once it waits, let it go on."""
    go, result, log = folder / "go", folder / "result.json", folder / "child.log"
    process = processes.start(target, *args, str(go), str(result), str(log))
    processes.wait_for(log, "WAITING", process)
    if how == "moved":
        os.replace(other, data_file)  # B moved over A
    else:
        shutil.copyfile(other, data_file)  # B copied over A in place: the same inode
    go.touch()
    processes.finish(process)
    outcome: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return outcome


def _assert_refused(outcome: dict[str, Any], bureau: str) -> None:
    assert outcome["error"] is not None, f"the write was acknowledged: {outcome['returned']}"
    kind, message = outcome["error"]
    assert kind == "FileReplacedError" and message.startswith(REPLACED), outcome["error"]
    assert f"（{bureau}）" in message  # whose file the clerk had open
    assert outcome["read_only"] and REPLACED in outcome["reason"]
    second_kind, second_message = outcome["second_error"]
    assert second_kind == "ReadOnlyError" and REPLACED in second_message


def _detail(outcome: dict[str, Any]) -> str:
    """Which check caught it, as the message says (stored id, or device and inode)."""
    return str(outcome["error"][1]).split("那个文件（", 1)[1].split("），", 1)[0]


CASES = [
    # when, how, untrusted inodes (a Windows network drive: only the stored id tells)
    ("before", "moved", False),
    ("before", "moved", True),
    ("before", "copied", False),
    ("in_transaction", "moved", False),
    ("in_transaction", "copied", False),
]
IDS = [f"{when}-{how}{'-stored-id-only' if untrusted else ''}" for when, how, untrusted in CASES]


@pytest.mark.parametrize(("when", "how", "untrusted"), CASES, ids=IDS)
def test_an_import_never_lands_in_the_file_put_in_its_place(
    tmp_path: Path, masters: Masters, when: str, how: str, untrusted: bool
) -> None:
    path = masters.copy(masters.base, tmp_path / "甲局")
    bureau = _count(path, "SELECT name FROM bureau")  # accounts, no bureau data yet
    other = _other_bureau(masters, masters.base, tmp_path / "乙局")
    theirs = fingerprint(other)
    kept = tmp_path / "甲局的原文件.kaohe"
    os.link(path, kept)  # A itself, still reachable after B is moved over its name

    outcome = _replace_while_waiting(
        child_replace.import_while_replaced,
        (str(path), ADMIN_ACCOUNT, when, untrusted),
        tmp_path,
        path,
        other,
        how,
    )
    _assert_refused(outcome, bureau)
    assert fingerprint(path) == theirs, "B was written to"
    assert sidecars(path) == []
    assert _count(path, "SELECT count(*) FROM person") == 0
    if how == "moved":
        assert _count(kept, "SELECT count(*) FROM person") == 0  # nor is A half-imported
    only_id = " (stored id only)" if untrusted else ""
    record(
        f"import: B {how} over A {when}{only_id}",
        caught_by=_detail(outcome),
        behind=outcome["cause"],
    )


@pytest.mark.parametrize(("when", "how", "untrusted"), CASES, ids=IDS)
def test_a_save_never_lands_in_the_file_put_in_its_place(
    tmp_path: Path, masters: Masters, when: str, how: str, untrusted: bool
) -> None:
    path = masters.copy(masters.demo, tmp_path / "甲局")
    bureau = _count(path, "SELECT name FROM bureau")
    other = _other_bureau(masters, masters.demo, tmp_path / "乙局")
    theirs = fingerprint(other)
    department = masters.departments[0]
    query = f"SELECT sort_order FROM department WHERE id = {department}"
    before = _count(path, query)
    kept = tmp_path / "甲局的原文件.kaohe"
    os.link(path, kept)

    outcome = _replace_while_waiting(
        child_replace.save_while_replaced,
        (str(path), ADMIN_ACCOUNT, department, when, untrusted),
        tmp_path,
        path,
        other,
        how,
    )
    _assert_refused(outcome, bureau)
    assert fingerprint(path) == theirs, "B was written to"
    assert sidecars(path) == []
    if how == "moved":
        assert _count(kept, query) == before  # and A has not changed either
    only_id = " (stored id only)" if untrusted else ""
    record(
        f"save: B {how} over A {when}{only_id}", caught_by=_detail(outcome), behind=outcome["cause"]
    )
