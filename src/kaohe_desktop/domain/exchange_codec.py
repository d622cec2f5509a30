"""What a sheet of the exchange workbook is, for parsing and writing: its `SheetCodec`.

The codecs themselves are in `exchange_sheets` (and, for 督办单 and 整改,
`exchange_notice_sheets`); they share this shape and its helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kaohe_desktop.domain.enums import LabeledEnum
from kaohe_desktop.domain.exchange_fields import Field
from kaohe_desktop.domain.exchange_schema import SheetSpec

Fail = Callable[[str, str], None]  # (column, reason): report a problem in this row


@dataclass(frozen=True)
class SheetCodec:
    spec: SheetSpec
    attr: str  # the ExchangeBook list this sheet fills
    fields: Mapping[str, Field]
    build: Callable[[Mapping[str, Any]], Any]  # converted values of a clean row → record
    cells: Callable[[Any], dict[str, object]]  # record → column values for the writer
    # checks across cells of one row; they may normalise a value in place
    check: Callable[[dict[str, Any], Fail], None] | None = None

    @property
    def name(self) -> str:
        return self.spec.name


def label(member: LabeledEnum | None) -> str | None:
    return None if member is None else member.label
