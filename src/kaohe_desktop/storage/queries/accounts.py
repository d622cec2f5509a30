"""The accounts aggregate: the sign-in rows of the data file."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.storage.models import AccountRow


def account_named(session: Session, username: str) -> AccountRow | None:
    return session.scalars(select(AccountRow).where(AccountRow.username == username)).first()


def account_total(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AccountRow)) or 0
