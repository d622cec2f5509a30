"""What counts as a recorded check, for every reader of 查账 records.

A draft (a check copied forward for the clerk to confirm) is shown on the 查账 page
but never stands: the wall chart, the task list, the 通报 and the half-year scoring
read only the checks CONFIRMED selects, then domain/checks.standing_checks picks the
highest level of each task × department × period.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement

from kaohe_desktop.storage.models import CheckRow

CONFIRMED: ColumnElement[bool] = CheckRow.draft.is_(False)
