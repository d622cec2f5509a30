"""What a text may hold, in one place: its length, whether it may be a formula, and
how 编号 and names are normalised before they are compared or stored.

The exchange import (domain/exchange_sheets) and every dialog that edits text use
these rules, so whatever a clerk can save can be exported, printed and imported
again, and whatever the import takes can be saved in a dialog. The limits are the
declared lengths of the data file's columns (storage/models; a test holds them
together) and, for free text, lengths that still print in a table cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from kaohe_desktop.domain.enums import LabeledEnum


class TextKind(Enum):
    CODE = "code"  # 编号: normalised, case folded as the bureau chooses
    NAME = "name"  # a name something is found by (科室, 人员类别): compared width-folded
    LABEL = "label"  # a person's or a document's name: never a formula
    FREE = "free"  # free text: a leading "=" is kept as text


@dataclass(frozen=True)
class TextRule:
    limit: int
    kind: TextKind = TextKind.FREE

    def problem(self, text: str, label: str = "") -> str | None:
        """What is wrong with `text` (already cleaned), in the clerk's words, or None.
        `label` names the field where no column does (a dialog)."""
        if self.kind is not TextKind.FREE and is_formula(text):
            return f"{label}不能是公式（{shorten(text)}），请填写实际内容"
        if len(text) > self.limit:
            return f"{label}最多 {self.limit} 个字，现在是 {len(text)} 个"
        return None


# -- the rules (storage column lengths in brackets) -----------------------------------
CODE = TextRule(30, TextKind.CODE)  # person.code String(30)
PERSON_NAME = TextRule(40, TextKind.LABEL)  # person.name String(40)
POSITION = TextRule(40, TextKind.LABEL)  # person.position String(40)
DEPARTMENT_NAME = TextRule(60, TextKind.NAME)  # department.name String(60)
GROUP_NAME = TextRule(40, TextKind.NAME)  # department.group_name String(40)
CATEGORY_NAME = TextRule(40, TextKind.NAME)  # staff_category.name String(40)
TASK_TITLE = TextRule(200)  # ledger_task.title String(200)
DEADLINE = TextRule(40)  # ledger_task.deadline String(40)
TASK_SOURCE = TextRule(100)  # ledger_task.source String(100)
DOC_NO = TextRule(60, TextKind.LABEL)  # 文号 String(60)
PERSON_REF = TextRule(40, TextKind.LABEL)  # 核查人, 谈话人 String(40)
# Free text is stored as Text; these lengths keep a cell of the wall chart, the
# ranking's 备注 or the archive printable on one page.
TASK_TARGET = TextRule(1000)  # 目标要求
TASK_NOTE = TextRule(500)  # 备注
CHECK_ACTUAL = TextRule(1000)  # 实际完成情况
EVIDENCE = TextRule(1000)  # 佐证材料 (the text; files are attached separately)
REASON = TextRule(500)  # 事由 of 加减分 and 奖惩
OVERRIDE_REASON = TextRule(200)  # 调整理由 of a grade set by hand
COMMENT_TEXT = TextRule(500)  # 点评 内容
TALK_SUMMARY = TextRule(1000)  # 内容摘要
NOTICE_PROBLEM = TextRule(1000)  # 督办单 问题
RECTIFICATION_TEXT = TextRule(1000)  # 整改目标、整改事项、整改措施、整改结果


def is_formula(text: str) -> bool:
    """Text a spreadsheet holds as a formula (or a clerk typed as one)."""
    return text.lstrip().startswith("=")


def shorten(text: str, keep: int = 20) -> str:
    """A long value as a message can quote it."""
    return text if len(text) <= keep else f"{text[:keep]}…"


# Zero-width characters a copy from a web page or a chat window leaves in a cell.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")


def without_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


class CodeCase(LabeledEnum):
    """How the bureau writes the letters of 编号 (a setting of the data file)."""

    UPPER = ("upper", "大写")
    LOWER = ("lower", "小写")


DEFAULT_CODE_CASE = CodeCase.UPPER


def code_key(text: str) -> str:
    """编号 without its case folded: full-width forms to half-width (ＸＪ０００３ is
    XJ0003), invisible characters and surrounding spaces removed."""
    return without_invisible(unicodedata.normalize("NFKC", text)).strip()


def normalize_code(text: str, case: CodeCase = DEFAULT_CODE_CASE) -> str:
    """编号 as it is compared and stored: xj0001, ＸＪ０００１ and XJ0001+U+200B are one."""
    key = code_key(text)
    return key.upper() if case is CodeCase.UPPER else key.lower()


def clean_name(text: str) -> str:
    """A 科室 or 人员类别 name as it is stored: invisible characters and every space
    removed ("执法 一队" is 执法一队; the workbook's 责任科室 list is split at spaces).
    Full-width forms stay as typed: a clerk's “城关所（一）” prints as typed."""
    return _SPACES.sub("", without_invisible(text))


def name_key(text: str) -> str:
    """A name as it is compared: also full-width letters, digits and brackets folded
    (NFKC), so "执法１队" and "执法1队" are one department, not two."""
    return clean_name(unicodedata.normalize("NFKC", text))


def clean_label(text: str) -> str:
    """A name or 文号 as typed, without invisible characters and surrounding spaces."""
    return without_invisible(text).strip()


def cleaned(rule: TextRule, text: str) -> str:
    """`text` as a value of `rule`'s kind is stored (before its limit is checked)."""
    if rule.kind is TextKind.CODE:
        return code_key(text)
    if rule.kind is TextKind.NAME:
        return clean_name(text)
    if rule.kind is TextKind.LABEL:
        return clean_label(text)
    return text.strip()
