"""编号, 科室 and 人员类别 of a book as the data file spells them.

Before a book is checked against the file or written, each of its codes and names
is normalised (domain/text_rules) and, where it names something already in the
file, replaced by the file's own spelling: `xj0001`, `XJ０００３` and `XJ0005`+U+200B
are the people XJ0001, XJ0003 and XJ0005, not new ones, and a 编号 or a name stored
before normalisation existed (`xj0001` in a file whose bureau chose upper case) is
found and left as it is. A new name is stored as typed, less spaces and invisible
characters; later rows that name it width-folded (执法１队 / 执法1队) get its spelling.
After this step the rest of the import compares exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.domain.text_rules import CodeCase, clean_name, name_key, normalize_code
from kaohe_desktop.services.exchange.settings import read_code_case
from kaohe_desktop.storage.models import DepartmentRow, PersonRow, StaffCategoryRow

R = TypeVar("R")


class _Spelling:
    """Each text as the file spells what it names: a stored spelling if its key is
    known, otherwise `new(text)`, which then stands for that key in the rest of the book."""

    def __init__(
        self, key: Callable[[str], str], new: Callable[[str], str], stored: Iterable[str]
    ) -> None:
        self.key = lru_cache(maxsize=None)(key)  # a county book repeats each code often
        self.new = new
        self.known: dict[str, str] = {}
        for text in stored:
            folded = self.key(text)
            # Two stored spellings with one key (made before folding): the exact one wins.
            if folded not in self.known or text == folded:
                self.known[folded] = text

    def __call__(self, text: str) -> str:
        folded = self.key(text)
        spelled = self.known.get(folded)
        if spelled is None:
            spelled = self.known[folded] = self.new(text)
        return spelled


def _each(records: list[R], change: Callable[[R], R]) -> list[R]:
    return [change(record) for record in records]


def _spelled(record: R, **fields: object) -> R:
    """`record` with `fields`, or `record` itself when it spells them so already (the
    usual case: a county book's 155,000 rows are not copied for nothing)."""
    if all(getattr(record, name) == value for name, value in fields.items()):
        return record
    return dataclasses.replace(record, **fields)  # type: ignore[type-var]


def canonical_book(session: Session, book: ExchangeBook) -> ExchangeBook:
    """`book` with every code and name as the file spells it (see the module doc)."""
    case: CodeCase = read_code_case(session)
    codes = session.scalars(select(PersonRow.code))
    fold = partial(normalize_code, case=case)
    code = _Spelling(fold, fold, codes)  # a new 编号 is stored as normalised
    dept = _Spelling(name_key, clean_name, session.scalars(select(DepartmentRow.name)))
    category = _Spelling(name_key, clean_name, session.scalars(select(StaffCategoryRow.name)))
    replace = _spelled
    return replace(
        book,
        departments=_each(book.departments, lambda r: replace(r, name=dept(r.name))),
        people=_each(
            book.people,
            lambda r: replace(
                r, code=code(r.code), department=dept(r.department), category=category(r.category)
            ),
        ),
        tasks=_each(
            book.tasks,
            lambda r: replace(
                r,
                lead_department=dept(r.lead_department),
                responsible_departments=tuple(
                    dict.fromkeys(dept(name) for name in r.responsible_departments)
                ),
            ),
        ),
        checks=_each(book.checks, lambda r: replace(r, department=dept(r.department))),
        adjustments=_each(book.adjustments, lambda r: replace(r, department=dept(r.department))),
        notices=_each(book.notices, lambda r: replace(r, department=dept(r.department))),
        assessments=_each(book.assessments, lambda r: replace(r, code=code(r.code))),
        comments=_each(book.comments, lambda r: replace(r, code=code(r.code))),
        rewards=_each(book.rewards, lambda r: replace(r, code=code(r.code))),
        talks=_each(book.talks, lambda r: replace(r, code=code(r.code))),
        staff_categories=list(dict.fromkeys(category(name) for name in book.staff_categories)),
    )
