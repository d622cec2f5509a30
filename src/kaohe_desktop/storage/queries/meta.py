"""app_meta: the data file's own key → text settings and counters.

Several service packages keep a value there (查账设置, 编号大小写, the per-year serials of
督办单 and 通报); they write it the same way, here."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kaohe_desktop.storage.models import MetaRow


def store_meta(session: Session, key: str, value: str) -> None:
    """Set app_meta `key` to `value` (made when absent), inside the caller's write."""
    row = session.get(MetaRow, key)
    if row is None:
        session.add(MetaRow(key=key, value=value))
    else:
        row.value = value
    session.flush()
