"""The multi-user screens for docs/make_screenshots.py: sign-in, a record whose edit
lock another clerk holds, a save conflict, and the 操作日志 (all on the demo data)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD
from kaohe_desktop.services.errors import EditConflictError
from kaohe_desktop.services.workspace import begin_open, open_workspace
from kaohe_desktop.ui.accounts.login_dialog import LoginDialog
from kaohe_desktop.ui.audit.audit_log_dialog import AuditLogDialog
from kaohe_desktop.ui.editing.conflict_dialog import ConflictDialog
from kaohe_desktop.ui.editing.record_dialog import RecordDialog
from kaohe_desktop.ui.main_window import MainWindow


def _settle(app: QApplication, until: Callable[[], bool] = lambda: True) -> None:
    deadline = time.monotonic() + 30
    while True:
        for _ in range(5):
            app.processEvents()
        if until() or time.monotonic() > deadline:
            return
        time.sleep(0.05)


def _save(app: QApplication, widget: QWidget, path: Path) -> Path:
    widget.show()
    _settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    return path


def grab_multiuser_screens(
    app: QApplication, window: MainWindow, demo: Path, out_dir: Path
) -> list[Path]:
    workspace = window.workspace
    assert workspace is not None
    written = []

    pending = begin_open(demo)
    login = LoginDialog(pending, window, demo_hint=True, last_username="luru")
    written.append(_save(app, login, out_dir / "login.png"))
    login.close()
    pending.close()

    # 录入员 李娜 edits a person; the administrator's window sees the lock.
    clerk = open_workspace(demo, Credentials("luru", DEMO_PASSWORD), daily_backup=False)
    person = clerk.people.listing()[2]
    lease = clerk.leases.acquire(person_scope(person.id), person.name)
    leased = RecordDialog(
        workspace, workspace.people, person.id, window, lease_scope=person_scope(person.id)
    )
    written.append(_save(app, leased, out_dir / "record_leased.png"))
    leased.close()

    # Both change the same person: the clerk saves first, the administrator's save
    # then meets her version.
    clerk_draft = clerk.people.load(person.id).draft()
    clerk.people.save(clerk_draft.with_value("position", "一级科员"), lease)
    clerk.leases.release(lease)
    clerk.close()
    mine = clerk_draft.with_value("position", "二级主任科员").with_value("key_post", True)
    try:
        workspace.people.save(mine, workspace.leases.acquire(person_scope(person.id), person.name))
    except EditConflictError as conflict_error:
        snapshot = workspace.people.load(person.id)
        dialog = ConflictDialog(conflict_error.conflict, window, fields=snapshot.fields)
        written.append(_save(app, dialog, out_dir / "conflict.png"))
        dialog.close()

    log = AuditLogDialog(workspace.audit_log, window)
    log.resize(1200, 640)
    log.show()
    _settle(app, lambda: not log.is_loading())
    written.append(_save(app, log, out_dir / "audit_log.png"))
    log.close()
    return written
