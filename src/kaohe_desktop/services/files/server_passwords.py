"""A server account's password kept in the OS keyring (Windows 凭据管理器, macOS 钥匙串,
GNOME 密钥环 / KWallet), only when the clerk ticks 在本机钥匙串中记住密码.

One entry per server and port (ServerAddress.keyring_service), under the server
account's name. The password never goes into the settings file, the URL or a log.
A keyring that fails is never the clerk's problem: reading gives nothing (the window
asks), storing or deleting says why in a sentence the window shows.

Also re-exports the two refusals the window answers by asking for the password
again, so the UI never imports storage.
"""

from __future__ import annotations

import logging

from kaohe_desktop.storage.server_database import PasswordNeededError, WrongPasswordError
from kaohe_desktop.storage.source import ServerAddress

log = logging.getLogger(__name__)

__all__ = [
    "PasswordNeededError",
    "WrongPasswordError",
    "forget_password",
    "keyring_unavailable_reason",
    "remember_password",
    "remembered_password",
]

NO_KEYRING = (
    "本机没有可用的钥匙串（如 Windows 凭据管理器、macOS 钥匙串、GNOME 密钥环），"
    "无法记住密码；每次打开时输入即可。"
)


def keyring_unavailable_reason() -> str | None:
    """None when passwords can be kept on this machine, else why not (in Chinese)."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:  # pragma: no cover - keyring is a dependency
        return NO_KEYRING
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration
        log.warning("keyring backend could not be loaded", exc_info=True)
        return NO_KEYRING
    if isinstance(backend, fail.Keyring):
        return NO_KEYRING
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return NO_KEYRING
    return None


def remembered_password(address: ServerAddress) -> str | None:
    """The password kept for this account on this server, or None."""
    if keyring_unavailable_reason() is not None:
        return None
    import keyring

    try:
        return keyring.get_password(address.keyring_service, address.user)
    except Exception:  # locked, refused, or the backend went away: just ask
        log.warning("keyring read failed for %s", address.display, exc_info=True)
        return None


def remember_password(address: ServerAddress, password: str) -> str | None:
    """Keep `password`; None when kept, else why not (in Chinese)."""
    reason = keyring_unavailable_reason()
    if reason is not None:
        return reason
    import keyring

    try:
        keyring.set_password(address.keyring_service, address.user, password)
    except Exception as error:
        log.warning("keyring write failed for %s", address.display, exc_info=True)
        detail = str(error)[:120] or type(error).__name__
        return f"未能在本机钥匙串中记住密码（{detail}）；下次打开时需重新输入。"
    return None


def forget_password(address: ServerAddress) -> None:
    """Remove the kept password, if any (a refused one, or the clerk unticked the box)."""
    if keyring_unavailable_reason() is not None:
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(address.keyring_service, address.user)
    except PasswordDeleteError:
        pass  # nothing was kept
    except Exception:
        log.warning("keyring delete failed for %s", address.display, exc_info=True)
