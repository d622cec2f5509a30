"""Child program for the 督办单 numbering test: issue notices as fast as the file allows.

Each child signs in as its own account and issues `count` notices by hand to one
department, logging "ACK number serial" after each issue has committed. A write that
found the file busy past the unit of work's bound is logged as BUSY and tried again:
the clerk would press 下达 once more.
"""

from __future__ import annotations

import os
import time
from datetime import date

from tests.reliability.child_crash import Log, child

from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.checks.views import NoticeDraft
from kaohe_desktop.services.errors import BusyError
from kaohe_desktop.services.workspace import open_workspace

CONTENT_PREFIX = "并发下达"


@child
def issue_notices(
    path: str,
    account: tuple[str, str],
    department_id: int,
    count: int,
    go_file: str,
    log_path: str,
) -> None:
    workspace = open_workspace(path, Credentials(*account), daily_backup=False)
    log = Log(log_path)
    log.line("READY")
    while not os.path.exists(go_file):  # start together, so the issues overlap
        time.sleep(0.001)
    for n in range(1, count + 1):
        draft = NoticeDraft(
            color=NoticeColor.YELLOW,
            department_id=department_id,
            period=Quarter(2026, 2),
            task_ids=(),
            content=f"{CONTENT_PREFIX}：{account[0]} 第{n}张",
            deadline=date(2026, 7, 25),
            issued_on=date(2026, 7, 10),
        )
        while True:
            try:
                issued = workspace.notices.issue(draft)
                break
            except BusyError:
                log.line("BUSY")
        log.line("ACK", issued.number, issued.serial)
    log.line("DONE")
    workspace.close()
