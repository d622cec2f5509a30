"""The bureau, its departments, staff categories, people and accounts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kaohe_desktop.storage.models.base import Base, Versioned


class BureauRow(Versioned, Base):
    """单位: exactly one per data file."""

    __tablename__ = "bureau"
    __label_attr__ = "name"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class DepartmentRow(Versioned, Base):
    """科室/队. Retired departments stay for history; they are never deleted while used."""

    __tablename__ = "department"
    __label_attr__ = "name"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    group_name: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str | None] = mapped_column(String(20))
    sort_order: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class StaffCategoryRow(Versioned, Base):
    """人员类别: ranking groups for individual assessment."""

    __tablename__ = "staff_category"
    __label_attr__ = "name"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class PersonRow(Versioned, Base):
    """人员. 编号 is the natural key used by every workbook."""

    __tablename__ = "person"
    __label_attr__ = "code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[date | None]
    political_status: Mapped[str | None] = mapped_column(String(20))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(40))
    category_id: Mapped[int] = mapped_column(ForeignKey("staff_category.id"), index=True)
    key_post: Mapped[bool] = mapped_column(Boolean, default=False)
    work_start: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="active")

    department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)
    category: Mapped[StaffCategoryRow] = relationship(lazy="joined", innerjoin=True)


class PersonDepartmentRow(Base):
    """任职科室历史: one row per stint; the open stint has no end date."""

    __tablename__ = "person_department"
    __table_args__ = (Index("ix_person_department_person_start", "person_id", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    start_date: Mapped[date]
    end_date: Mapped[date | None]


class AccountRow(Versioned, Base):
    """A local account. Passwords are stored only as a slow hash (see the accounts issue)."""

    __tablename__ = "account"
    __label_attr__ = "username"
    __audit_redacted__ = frozenset({"password_hash"})
    __table_args__ = (UniqueConstraint("username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40))
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
