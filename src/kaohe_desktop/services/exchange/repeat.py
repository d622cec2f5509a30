"""Importing again a workbook already imported, with nothing changed since.

An import that changed something ends with one audit event naming the workbook's
SHA-256, the program's version and what each sheet added, updated and left
(importing._log_import). When the newest import event names the same bytes, read by
the same version, and the log holds no entry since that could change what an import
compares with, importing the workbook again would compare every row with itself and
write nothing: the import says so without reading the workbook.

What does not count as such an entry: sign-ins refused or failed, a lease taken over
and an account's own bookkeeping (a failed sign-in counts on the account row). Any
other entry — a score typed in, a quarter closed, a setting changed, another import —
sends the workbook through the full import, which compares each row with the file.
The chain (storage/audit) vouches for the log; `check` for the rows it wrote in bulk.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop import __version__
from kaohe_desktop.services.exchange.upsert import SheetCounts
from kaohe_desktop.storage.models import AuditRow

IMPORT_ACTION, IMPORT_ENTITY = "import", "workbook"
NOT_DATA_ACTIONS = ("login", "login_fail", "refused", "takeover")
NOT_DATA_ENTITIES = ("account", "edit_lease")


def import_detail(
    name: str | None, sha256: str | None, size: int | None, counts: dict[str, SheetCounts]
) -> dict[str, object]:
    """What an import's event records (read back by `unchanged_since_import`)."""
    return {
        "file": name,
        "sha256": sha256,
        "bytes": size,
        "program": __version__,
        # [sheet, 新增, 更新, 未变] in the book's order
        "sheets": [[sheet, c.added, c.updated, c.unchanged] for sheet, c in counts.items()],
    }


def unchanged_since_import(session: Session, sha256: str) -> dict[str, SheetCounts] | None:
    """The counts an import of the workbook with `sha256` would give now (every row
    unchanged), if the log proves it would change nothing; else None."""
    if not sha256:
        return None
    last = session.execute(
        select(AuditRow.id, AuditRow.after_json)
        .where(AuditRow.entity == IMPORT_ENTITY, AuditRow.action == IMPORT_ACTION)
        .order_by(AuditRow.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return None
    detail = json.loads(last.after_json or "{}")
    if detail.get("sha256") != sha256 or detail.get("program") != __version__:
        return None
    since = session.scalar(
        select(AuditRow.id)
        .where(
            AuditRow.id > last.id,
            AuditRow.action.not_in(NOT_DATA_ACTIONS),
            AuditRow.entity.not_in(NOT_DATA_ENTITIES),
        )
        .limit(1)
    )
    if since is not None:
        return None
    return {
        str(sheet): SheetCounts(0, 0, int(added) + int(updated) + int(unchanged))
        for sheet, added, updated, unchanged in detail.get("sheets", [])
    }
