"""Edits that never overwrite: a clerk's draft, and the three-way view of a conflict.

A draft remembers the values it was read at (base) and the version; the save is
refused if the row moved on. The conflict then shows, field by field, the base,
the clerk's value and the other's value, and yields a new draft on top of the
other's version for whichever way the clerk chooses. There is deliberately no way
to save over the other version without it being the base of the new draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Side(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


@dataclass(frozen=True)
class Draft:
    entity: str
    entity_id: int
    label: str
    base_version: int
    base: Mapping[str, Any]
    changes: Mapping[str, Any] = field(default_factory=dict)

    def with_value(self, name: str, value: Any) -> Draft:
        changes = dict(self.changes)
        if self.base.get(name) == value:
            changes.pop(name, None)
        else:
            changes[name] = value
        return Draft(self.entity, self.entity_id, self.label, self.base_version, self.base, changes)

    def value(self, name: str) -> Any:
        return self.changes[name] if name in self.changes else self.base.get(name)

    @property
    def dirty(self) -> bool:
        return bool(self.changes)


@dataclass(frozen=True)
class ConflictField:
    name: str
    base: Any
    mine: Any
    theirs: Any

    @property
    def i_changed(self) -> bool:
        return bool(self.mine != self.base)

    @property
    def they_changed(self) -> bool:
        return bool(self.theirs != self.base)

    @property
    def clash(self) -> bool:
        """Both sides changed it, to different values: the clerk must choose."""
        return self.i_changed and self.they_changed and self.mine != self.theirs


@dataclass(frozen=True)
class Conflict:
    draft: Draft
    their_version: int
    theirs: Mapping[str, Any] | None  # None: the row was deleted meanwhile
    their_account: str | None = None
    their_at: datetime | None = None

    @property
    def deleted(self) -> bool:
        return self.theirs is None

    def fields(self) -> list[ConflictField]:
        """Every field either side changed, in the draft's base order."""
        theirs = self.theirs or {}
        result = []
        for name in self.draft.base:
            item = ConflictField(
                name, self.draft.base[name], self.draft.value(name), theirs.get(name)
            )
            if item.i_changed or item.they_changed:
                result.append(item)
        return result

    def _rebased(self, changes: Mapping[str, Any]) -> Draft:
        assert self.theirs is not None
        kept = {k: v for k, v in changes.items() if self.theirs.get(k) != v}
        d = self.draft
        return Draft(d.entity, d.entity_id, d.label, self.their_version, dict(self.theirs), kept)

    def keep_mine(self) -> Draft:
        """My changed fields re-applied on top of their version; their other changes stay."""
        return self._rebased(self.draft.changes)

    def take_theirs(self) -> Draft:
        """Nothing of mine is saved; the editor shows their version."""
        return self._rebased({})

    def merge(self, choices: Mapping[str, Side]) -> Draft:
        """Field by field: each field I changed takes my value only where chosen."""
        changes = {
            name: value
            for name, value in self.draft.changes.items()
            if choices.get(name, Side.MINE) is Side.MINE
        }
        return self._rebased(changes)
