"""`GLOB` on both databases: SQLite's operator, a regular expression on PostgreSQL.

The scheme rows of one kind are told apart by the shape of their period text
("2026Q1", "2026H1", "2026"): GLOB is exact and case-sensitive, where LIKE is neither
on SQLite. PostgreSQL has no GLOB; its `~` with the same pattern turned into an
anchored regular expression matches the same texts.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Boolean, ColumnElement
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.expression import FunctionElement


class glob_match(FunctionElement[bool]):
    """glob_match(column, "[0-9][0-9][0-9][0-9]Q[1-4]"): the pattern is a constant of
    the code, written into the SQL (a regular expression on PostgreSQL is made from
    it at compile time, so it cannot be a bound parameter the statement cache would
    reuse with another value). Statements holding it are not cached."""

    type = Boolean()
    inherit_cache = False
    name = "glob_match"

    def __init__(self, column: ColumnElement[Any] | QueryableAttribute[Any], pattern: str) -> None:
        super().__init__(column)
        self.pattern = pattern


def glob_to_regex(pattern: str) -> str:
    """A GLOB pattern of literal characters, [..] classes, ? and * as an anchored regex."""
    parts = re.findall(r"\[[^\]]*\]|\?|\*|.", pattern)
    converted = "".join(
        part if part.startswith("[") and len(part) > 1
        else "." if part == "?"
        else ".*" if part == "*"
        else re.escape(part)
        for part in parts
    )  # fmt: skip
    return f"^{converted}$"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@compiles(glob_match, "sqlite")
def _sqlite(element: glob_match, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"({compiler.process(column, **kw)} GLOB {_quoted(element.pattern)})"


@compiles(glob_match, "postgresql")
def _postgresql(element: glob_match, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"({compiler.process(column, **kw)} ~ {_quoted(glob_to_regex(element.pattern))})"
