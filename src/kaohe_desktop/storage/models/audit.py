"""操作日志 (hash-chained) and the file's own metadata."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kaohe_desktop.storage.models.base import Base


class AuditRow(Base):
    """One change: who, when, what, before → after; `hash` chains it to the previous row."""

    __tablename__ = "audit_log"
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    account: Mapped[str] = mapped_column(String(40))
    # insert / update / delete for row changes; login, refused, takeover … for events
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(String(200))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class MetaRow(Base):
    """Key/value facts about the file (created_by, chain head, last clean close …)."""

    __tablename__ = "app_meta"
    __audited__ = False

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
