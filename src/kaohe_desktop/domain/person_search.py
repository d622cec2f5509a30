"""Finding a person in the 人员档案 list: one rule for the search box and its tests.

What the clerk types is split at spaces; every word must match the person somewhere
(so "综合 zs" finds 张三 of 综合科). A word matches when it is part of the 编号 or the
姓名, the start of the name's pinyin initials ("zs" finds 张三丰, "zsf" too), part of
the 科室, or part of the status label (退休, 调出 …). Letters match either case.
"""

from __future__ import annotations

from typing import Protocol


class Findable(Protocol):
    """What a row of the list offers the search (services/archive/views.PersonFindRow)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def initials(self) -> str: ...  # lower case
    @property
    def department(self) -> str: ...
    @property
    def status(self) -> str: ...


def _word_matches(row: Findable, word: str) -> bool:
    return (
        word in row.code.casefold()
        or word in row.name.casefold()
        or row.initials.startswith(word)
        or word in row.department.casefold()
        or word in row.status
    )


def matches(row: Findable, text: str) -> bool:
    """Whether `row` answers the search `text` (an empty search matches everyone)."""
    return all(_word_matches(row, word) for word in text.casefold().split())
