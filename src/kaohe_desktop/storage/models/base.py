"""Declarative base, shared column types and the versioned-row mixin."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    Date,
    DateTime,
    Dialect,
    FromClause,
    Integer,
    MetaData,
    String,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Explicit constraint names keep Alembic batch migrations on SQLite deterministic.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Hundredths(TypeDecorator[Decimal]):
    """A score or point value stored exactly as an integer number of hundredths.

    SQLite has no decimal type; floats would turn 86.5 + 0.1 into 86.6000000001
    and break half-up rounding. Integers keep values exact and sortable in SQL.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        hundredths = (Decimal(value) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(hundredths)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        # A whole number comes back as one (70, not 70.00 nor normalize()'s 7E+1).
        return Decimal(value // 100) if value % 100 == 0 else Decimal(value) / 100


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: String(),
        Decimal: Hundredths(),
        date: Date(),
        datetime: DateTime(),
    }

    # Rows of audited classes get an audit row for every insert, update and delete.
    __audited__: ClassVar[bool] = True
    # The attribute that names the row for a clerk reading the audit log.
    __label_attr__: ClassVar[str | None] = None
    # Columns whose values the audit log records only as "changed" (secrets).
    __audit_redacted__: ClassVar[frozenset[str]] = frozenset()
    # Large frozen texts the log records by their SHA-256 (still provable, not copied).
    __audit_digested__: ClassVar[frozenset[str]] = frozenset()


class Versioned:
    """Every editable row carries a version; a stale save raises instead of overwriting."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    if TYPE_CHECKING:
        # A mixin: the mapped class it is mixed into (a Base subclass) has the table.
        __table__: ClassVar[FromClause]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}
