"""Raw rows of an exchange workbook: what a file reader hands to `parse_book`.

These are plain values so that the domain never needs openpyxl: the reader in
`reports/` maps headers to schema column names and builds these; tests build them
by hand. Cell values are whatever the spreadsheet held (str, int, float, bool,
datetime, date, time or None); a formula arrives as its text ("=SUM(A1)").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kaohe_desktop.domain.records import CellError


@dataclass(frozen=True)
class RawRow:
    row_number: int  # the real 1-based Excel row number, for error messages
    cells: Mapping[str, object]  # schema column name → cell value


@dataclass(frozen=True)
class RawSheet:
    name: str  # the schema sheet name
    header_row: int
    columns: tuple[str, ...]  # schema columns present in the header, in file order
    rows: tuple[RawRow, ...] = ()


@dataclass
class RawWorkbook:
    sheets: dict[str, RawSheet] = field(default_factory=dict)  # by schema sheet name
    # Problems the reader found (headers, merges, error cells). `parse_book` reports
    # them with its own and does not report the same cell a second time.
    errors: list[CellError] = field(default_factory=list)
