"""Role checks inside the services, so a screen that forgot one cannot skip it.

Every public method of a service is decorated with `requires(Action)`; the guard
checks the signed-in actor's role before the method runs and logs each refusal in
the audit chain (or, when the file cannot be written, in the program's log).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from kaohe_desktop.domain.roles import Action, Actor
from kaohe_desktop.services.errors import PermissionDeniedError
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.errors import StorageError
from kaohe_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class Guard:
    def __init__(self, actor: Actor, uow: UnitOfWork) -> None:
        self.actor = actor
        self._uow = uow

    def require(self, action: Action) -> None:
        if self.actor.may(action):
            return
        message = (
            f"账号“{self.actor.username}”的角色是{self.actor.role.label}，无权{action.label}。"
            "如需此权限，请联系管理员。"
        )
        self._log_refusal(action)
        raise PermissionDeniedError(message, action=action)

    def _log_refusal(self, action: Action) -> None:
        detail = {"role": self.actor.role.value, "action": action.value}
        try:
            self._uow.write(
                lambda session: record_event(
                    session.connection(),
                    self.actor.username,
                    "refused",
                    "permission",
                    action.value,
                    f"无权{action.label}",
                    detail,
                )
            )
        except StorageError:
            # A read-only or unreachable file cannot take the entry; keep it locally.
            log.warning("refused %s for %s (not logged in the file)", action, self.actor)


def requires(action: Action) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Check `action` against the service's guard before the method runs."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            service: Any = args[0]
            service.guard.require(action)
            return method(*args, **kwargs)

        checked.__required_action__ = action  # type: ignore[attr-defined]
        return checked

    return decorate


def required_action(method: Callable[..., Any]) -> Action | None:
    return getattr(method, "__required_action__", None)
