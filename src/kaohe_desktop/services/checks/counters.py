"""Per-year serials of 督办单 (督办〔2026〕第N号) and 通报 (通报〔2026〕第N期).

The last serial given is kept in app_meta (`notice_serial:2026`, `bulletin_serial:2026`)
and taken inside the write transaction that stores the numbered row: the unit of work's
BEGIN IMMEDIATE serialises writers, so two workstations never take the same number, and
a number once given is never given again, even when its notice is withdrawn. An import
of numbered notices raises the counter to at least the highest serial it brings.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from kaohe_desktop.storage.models import MetaRow
from kaohe_desktop.storage.queries.meta import store_meta

SerialKind = Literal["notice", "bulletin"]


def serial_key(kind: SerialKind, year: int) -> str:
    return f"{kind}_serial:{year}"


def last_serial(session: Session, kind: SerialKind, year: int) -> int:
    row = session.get(MetaRow, serial_key(kind, year))
    try:
        return 0 if row is None else int(row.value)
    except ValueError:
        return 0


def _store(session: Session, kind: SerialKind, year: int, value: int) -> None:
    store_meta(session, serial_key(kind, year), str(value))


def take_serial(session: Session, kind: SerialKind, year: int) -> int:
    """The next serial of `kind` in `year`, marked as given (call inside a write)."""
    serial = last_serial(session, kind, year) + 1
    _store(session, kind, year, serial)
    return serial


def bump_serial(session: Session, kind: SerialKind, year: int, at_least: int) -> None:
    """Make sure the next serial taken is above `at_least` (an imported number)."""
    if last_serial(session, kind, year) < at_least:
        _store(session, kind, year, at_least)
