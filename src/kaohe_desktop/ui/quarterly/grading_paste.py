"""Pasting scores from Excel: the clipboard's text as a block, every value checked first.

Excel and WPS put a copied range on the clipboard as text/plain, cells separated by
tabs and rows by newlines (with a trailing newline). A paste is all or nothing: every
value is checked before anything is written, and one bad value refuses the whole
block naming the person (编号, 姓名) and the value, so the clerk corrects the sheet
and pastes again rather than hunting for which half went in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.quarterly_rules import ScoreError, score_from_text
from kaohe_desktop.services.quarterly.views import GradingRow, ScoreChange, ScoreField
from kaohe_desktop.ui.quarterly.grading_model import score_of

MAX_LISTED = 10  # a whole wrong column lists its first ten, then "and N more"

translate = QCoreApplication.translate


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells; the trailing newline Excel adds does not make an empty row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


@dataclass(frozen=True)
class PasteCell:
    """One target cell and the text meant for it."""

    row: GradingRow
    field: ScoreField
    text: str


class PasteRefused(ValueError):
    """The block does not fit or holds a bad value; the message says which, in full."""


def changes_for(cells: Sequence[PasteCell]) -> list[ScoreChange]:
    """The changes the block makes (unchanged cells left out), or PasteRefused naming
    every bad value (the first MAX_LISTED of them)."""
    problems: list[str] = []
    changes: list[ScoreChange] = []
    for cell in cells:
        try:
            value = score_from_text(cell.text, cell.field.label)
        except ScoreError as error:
            who = f"{cell.row.code} {cell.row.name}"
            problems.append(f"{who}：{error}")
            continue
        if value != score_of(cell.row, cell.field):
            changes.append(ScoreChange(cell.row.person_id, cell.field, value, cell.row.version))
    if problems:
        shown = problems[:MAX_LISTED]
        if len(problems) > MAX_LISTED:
            shown.append(
                translate("GradingPaste", "… and {0} more").format(len(problems) - MAX_LISTED)
            )
        heading = translate(
            "GradingPaste",
            "Nothing was pasted: {0} of the {1} values are not scores (0–100, one decimal).",
        ).format(len(problems), len(cells))
        raise PasteRefused("\n".join([heading, *shown]))
    return changes
