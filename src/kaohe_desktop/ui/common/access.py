"""What a screen asks of the open file before it offers a change: who is signed in, whether
the file can be written now, and whether their role may do an action.

A Workspace is one. Tab helpers and dialogs take this, beside the one or two services
they call, rather than the whole Workspace: what each of them can reach is then what
it uses, and none of them can start a use case of another tab by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from kaohe_desktop.domain.roles import Action, Actor


class Access(Protocol):
    @property
    def actor(self) -> Actor: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def read_only_reason(self) -> str | None: ...

    @property
    def clock(self) -> Callable[[], datetime]: ...  # the file's clock, for lease ages

    def may(self, action: Action) -> bool: ...

    def go_read_only(self, reason: str) -> None: ...


def action_refusal(
    access: Access | None, action: Action, role_text: Callable[[str], str]
) -> str | None:
    """Why the clerk may not do `action` now (None: they may): no file open, a file open
    read-only (with its reason), or a role without the right, said in `role_text`'s
    words for the screen (it receives the role's name)."""
    if access is None:
        return QCoreApplication.translate("ActionRefusal", "Open a data file first")
    if access.may(action):
        return None
    if access.read_only:
        return QCoreApplication.translate(
            "ActionRefusal", "The data file is open read-only: {0}"
        ).format(access.read_only_reason or "")
    return role_text(access.actor.role.label)


def offer(action: QAction, refusal: str | None, tooltip: str) -> None:
    """Enable `action` with its tooltip, or disable it with the refusal as the tooltip."""
    action.setEnabled(refusal is None)
    action.setToolTip(tooltip if refusal is None else refusal)
