"""Child programs for the replaced-file tests: a workstation imports or saves while
another process puts another bureau's file where its data file was.

The child stops at a chosen point, logs WAITING and waits for the parent's go-ahead
file, so the replacement lands exactly there without any timing:
- "before": the workbook was read (the record loaded), the write has not begun;
- "in_transaction": inside the write transaction — for an import after its first 500
  rows were written, for a save just before BEGIN IMMEDIATE, its connection already
  open on the original file.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from tests.factories import DEMO_AS_OF
from tests.reliability.child_crash import Log, _as_admin, child

from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage import engine as engine_module

GO_POLL_S = 0.002


def _wait(log: Log, go_file: str) -> None:
    log.line("WAITING")
    while not os.path.exists(go_file):
        time.sleep(GO_POLL_S)


def _untrusted_inodes() -> None:
    """A Windows network drive: device and inode are not trusted, only the stored id."""
    from kaohe_desktop.storage import identity

    identity.inode_trusted = lambda path: False  # type: ignore[assignment]


def _outcome(workspace: Workspace, call: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"error": None}
    try:
        result["returned"] = str(call())
    except StorageError as error:
        result["error"] = [type(error).__name__, str(error)]
        # Noticed by a check of its own (no cause), or behind a driver error it explains.
        result["cause"] = type(error.__cause__).__name__ if error.__cause__ else None
    result["read_only"] = workspace.read_only
    result["reason"] = workspace.read_only_reason
    return result


def _second_try(call: Any) -> list[str] | None:
    """The same write again after the first was refused: refused before touching any file."""
    try:
        call()
    except StorageError as error:
        return [type(error).__name__, str(error)]
    return None


@child
def import_while_replaced(
    path: str,
    account: tuple[str, str],
    when: str,
    untrusted: bool,
    go_file: str,
    result_path: str,
    log_path: str,
) -> None:
    if untrusted:
        _untrusted_inodes()
    workspace = _as_admin(path, account)
    log = Log(log_path)
    book = generate_demo_book(as_of=DEMO_AS_OF)  # what reading the workbook gives
    if when == "before":
        _wait(log, go_file)

    def stop_mid_write(progress: Progress) -> None:
        if when == "in_transaction" and progress.done >= 500 and not waited:
            waited.append(True)
            _wait(log, go_file)

    waited: list[bool] = []
    reporter = ProgressReporter(stop_mid_write)
    result = _outcome(workspace, lambda: workspace.importer.apply(book, progress=reporter))
    result["second_error"] = _second_try(lambda: workspace.importer.apply(book))
    workspace.close()
    Path(result_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    log.line("DONE")


@child
def save_while_replaced(
    path: str,
    account: tuple[str, str],
    department: int,
    when: str,
    untrusted: bool,
    go_file: str,
    result_path: str,
    log_path: str,
) -> None:
    if untrusted:
        _untrusted_inodes()
    workspace = _as_admin(path, account)
    log = Log(log_path)
    snapshot = workspace.departments.load(department)
    draft = snapshot.draft().with_value("sort_order", snapshot.values["sort_order"] + 1)
    if when == "before":
        _wait(log, go_file)

    def stop_at_begin(statement: str) -> None:
        if statement == "BEGIN IMMEDIATE" and not waited:
            waited.append(True)
            _wait(log, go_file)

    waited: list[bool] = []
    if when == "in_transaction":
        engine_module.begin_observers.append(stop_at_begin)
    result = _outcome(workspace, lambda: workspace.departments.save(draft).version)
    result["second_error"] = _second_try(lambda: workspace.departments.save(draft))
    workspace.close()
    Path(result_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    log.line("DONE")
