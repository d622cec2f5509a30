"""Codes stored in the data file shown as the Chinese words of the glossary."""

from __future__ import annotations

from kaohe_desktop.domain.enums import LabeledEnum


def label_or_none(enum: type[LabeledEnum], code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return enum(code).label
    except ValueError:
        return code  # an unknown code from a newer program version is shown as is
