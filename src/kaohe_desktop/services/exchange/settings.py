"""The bureau's choice of case for 编号, kept in the data file.

It lives in app_meta (key/value facts about the file, like the backup folder), not
in a new column of `bureau`: one value needs no migration, and a file without the
key reads as the default, so files made before this setting behave as before.
Changing it is logged as a setting event.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from kaohe_desktop.domain.text_rules import DEFAULT_CODE_CASE, CodeCase
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.models import MetaRow
from kaohe_desktop.storage.queries.meta import store_meta

CODE_CASE_KEY = "code_case"


def read_code_case(session: Session) -> CodeCase:
    row = session.get(MetaRow, CODE_CASE_KEY)
    try:
        return DEFAULT_CODE_CASE if row is None else CodeCase(row.value)
    except ValueError:  # written by a newer version: the default rather than a stop
        return DEFAULT_CODE_CASE


def write_code_case(session: Session, account: str, case: CodeCase) -> None:
    """From now on 编号 is compared and stored in `case`. Codes already stored keep
    their letters; they are matched whatever their case."""
    old = read_code_case(session)
    if old is case:
        return
    store_meta(session, CODE_CASE_KEY, case.value)
    record_event(
        session.connection(),
        account,
        "setting",
        "app_meta",
        CODE_CASE_KEY,
        "编号字母大小写",
        {"from": old.label, "to": case.label},
    )
