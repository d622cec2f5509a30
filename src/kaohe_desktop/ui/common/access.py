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
