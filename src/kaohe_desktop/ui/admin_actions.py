"""The 管理 menu: departments, closing periods, the 考核方案, backups and restore, accounts, the
操作日志, moving the data file to a database server, and one's own password; plus
editing one person's record (with its lease).

Each action is offered only to roles that may use it (the services check again),
and a disabled action says why in its tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import InputError, StorageError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.widgets import make_action

# Each dialog's module (and the services behind it) is imported when the dialog first
# opens, not while the program starts.
if TYPE_CHECKING:
    from kaohe_desktop.ui.file_actions import FileActions


class AdminWindow(Protocol):
    """What AdminActions needs of the main window, declared here: the window module
    imports this one, so importing it back would close a circle."""

    @property
    def workspace(self) -> Workspace | None: ...

    @property
    def file_actions(self) -> FileActions: ...  # to open a file (switch account, restore)

    def refresh(self) -> None: ...  # read everything again, after a dialog closes

    def current_year(self) -> int | None: ...

    def window(self) -> QWidget: ...  # the main window itself, as the dialogs' parent


class AdminActions(QObject):
    def __init__(self, host: AdminWindow) -> None:
        super().__init__(host.window())
        self.host = host
        self.window = host.window()  # where the actions and dialogs sit
        self.departments = self._action(
            self.tr("&Basic data (departments)…"), self.show_departments, "departments"
        )
        self.categories = self._action(
            self.tr("Basic data (staff ca&tegories)…"), self.show_categories, "categories"
        )
        self.periods = self._action(self.tr("&Close periods…"), self.show_periods, "periods")
        self.schemes = self._action(self.tr("Assessment &schemes…"), self.show_schemes, "schemes")
        self.backups = self._action(self.tr("&Backups and restore…"), self.show_backups, "backups")
        self.accounts = self._action(self.tr("&Accounts…"), self.show_accounts, "accounts")
        self.audit_log = self._action(self.tr("Audit &log…"), self.show_audit_log, "audit_log")
        self.password = self._action(
            self.tr("Change my &password…"), self.change_password, "password"
        )
        self.switch_account = self._action(
            self.tr("S&witch account…"), self.switch, "switch_account"
        )
        self.migrate = self._action(
            self.tr("&Move to a database server…"), self.show_migrate, "migrate"
        )
        # What each action needs, for enabling it and for the tooltip of a disabled one.
        self._needs: dict[QAction, Action] = {
            self.departments: Action.VIEW,
            self.categories: Action.VIEW,  # everyone looks; the dialog changes for ENTER_DATA
            self.periods: Action.VIEW,
            self.schemes: Action.VIEW,  # everyone reads them; the dialog edits for EDIT_SCHEME
            self.backups: Action.VIEW,
            self.accounts: Action.MANAGE_ACCOUNTS,
            self.audit_log: Action.VIEW_AUDIT,
            self.password: Action.CHANGE_OWN_PASSWORD,
            self.switch_account: Action.VIEW,
            self.migrate: Action.COPY_DATABASE,
        }
        self.open_dialogs: list[QDialog] = []

    def _action(self, text: str, slot: Callable[[], object], name: str) -> QAction:
        return make_action(self.window, text, slot, name)

    def update_enabled(self, workspace: Workspace | None) -> None:
        for action, needed in self._needs.items():
            allowed = workspace is not None and workspace.actor.may(needed)
            if needed is Action.CHANGE_OWN_PASSWORD and workspace is not None:
                allowed = allowed and not workspace.read_only
            action.setEnabled(allowed)
            if workspace is not None and not workspace.actor.may(needed):
                action.setToolTip(
                    self.tr("Your role ({0}) may not: {1}").format(
                        workspace.actor.role.label, needed.label
                    )
                )
            else:
                action.setToolTip("")
        if workspace is not None and workspace.server is not None:
            self.migrate.setEnabled(False)  # a data file is what moves to a server
            self.migrate.setToolTip(self.tr("The data is already on a database server"))
        elif workspace is None:
            self.migrate.setToolTip(self.tr("Open the data file to move first"))

    # --- dialogs ----------------------------------------------------------------
    def _show(self, dialog: QDialog) -> QDialog:
        """Modeless, so the clerk can keep the main window in view; one refresh after."""
        self.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.show()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if dialog in self.open_dialogs:
            self.open_dialogs.remove(dialog)
        self.host.refresh()

    def _workspace(self) -> Workspace | None:
        return self.host.workspace

    def show_departments(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.editing.departments_dialog import DepartmentsDialog
        from kaohe_desktop.ui.editing.record_dialog import RecordDialog

        dialog = DepartmentsDialog(
            workspace,
            workspace.departments,
            self.window,
            open_record=partial(RecordDialog, workspace),
        )
        dialog.changed.connect(self.host.refresh)
        return self._show(dialog)

    def show_categories(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.editing.categories_dialog import CategoriesDialog
        from kaohe_desktop.ui.editing.record_dialog import RecordDialog

        dialog = CategoriesDialog(
            workspace,
            workspace.categories,
            self.window,
            open_record=partial(RecordDialog, workspace),
        )
        dialog.changed.connect(self.host.refresh)
        return self._show(dialog)

    def show_periods(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.periods.periods_dialog import PeriodsDialog

        year = self.host.current_year() or date.today().year
        dialog = PeriodsDialog(workspace, workspace.periods, year, self.window)
        dialog.periods_changed.connect(self.host.refresh)
        return self._show(dialog)

    def show_schemes(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.schemes.schemes_dialog import SchemesDialog

        return self._show(SchemesDialog(workspace, workspace.schemes, self.window))

    def show_backups(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.backups.backups_dialog import BackupsDialog

        dialog = BackupsDialog(
            workspace,
            workspace.backups,
            workspace.path,
            self.window,
            server_database=workspace.location if workspace.server is not None else None,
        )
        dialog.restored.connect(self._offer_restored)
        return self._show(dialog)

    def show_accounts(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.accounts.accounts_dialog import AccountsDialog

        return self._show(AccountsDialog(workspace, workspace.accounts, self.window))

    def show_audit_log(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.audit.audit_log_dialog import AuditLogDialog

        return self._show(AuditLogDialog(workspace.audit_log, self.window))

    def change_password(self) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.accounts.password_dialog import ChangePasswordDialog

        return self._show(ChangePasswordDialog(workspace, workspace.accounts, self.window))

    def edit_person(self, person_id: int) -> QDialog | None:
        workspace = self._workspace()
        if workspace is None:
            return None
        from kaohe_desktop.ui.editing.record_dialog import RecordDialog

        try:
            dialog = RecordDialog(
                workspace,
                workspace.people,
                person_id,
                self.window,
                lease_scope=person_scope(person_id),
            )
        except (InputError, StorageError) as error:  # deleted meanwhile, or the share dropped
            messages.show_error(self.window, self.tr("Edit person"), error)
            return None
        return self._show(dialog)

    def show_migrate(self) -> QDialog | None:
        """The data file copied to a server; on success, offer to open the copy."""
        workspace = self._workspace()
        if workspace is None or workspace.server is not None:
            return None
        from kaohe_desktop.ui.migrate_dialog import MigrateDialog

        dialog = MigrateDialog(workspace, self.window)
        dialog.accepted.connect(lambda: self._migrated(dialog))
        dialog.open()
        return dialog

    def _migrated(self, dialog: QDialog) -> None:
        from kaohe_desktop.ui.migrate_dialog import MigratedDialog, MigrateDialog

        assert isinstance(dialog, MigrateDialog)
        if dialog.address is None:
            return
        done = MigratedDialog(dialog.summary(), self.window)
        if done.exec() == QDialog.DialogCode.Accepted:
            self.host.file_actions.open_server(dialog.address, password=dialog.password, ask=True)

    def switch(self) -> None:
        workspace = self._workspace()
        if workspace is not None:
            self.host.file_actions.open_source(workspace.server or workspace.path)

    def _offer_restored(self, path: Path) -> None:
        if messages.ask(
            self.window,
            self.tr("Restore"),
            self.tr("The backup was restored into a new file:\n{0}\nOpen it now?").format(path),
        ):
            self.host.file_actions.open_path(path)
