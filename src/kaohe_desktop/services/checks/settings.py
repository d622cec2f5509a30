"""The bureau's 查账 settings, kept in the data file (app_meta `check_settings`).

One JSON value rather than a table: the settings are few, read together, and a file
without the key reads as the defaults of domain/check_rules.CheckSettings, so files
made before this behave as before. A value written by a newer version that this one
does not know is ignored field by field, not a stop. Changes are audited as settings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckSettings
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.models import MetaRow
from kaohe_desktop.storage.queries.meta import store_meta

CHECK_SETTINGS_KEY = "check_settings"

_LABELS = {
    "supervision_department": "督查科室",
    "clerk_level": "录入员录入层级",
    "max_file_mb": "单个附件上限（MB）",
    "max_period_mb": "每期附件总量上限（MB）",
    "photo_max_px": "照片缩小到（像素）",
    "red_overdue_days": "红色督办逾期天数",
    "sample_percent": "局领导抽查比例（%）",
    "rectify_days": "督办单整改期限（天）",
}


def _plain(settings: CheckSettings) -> dict[str, Any]:
    values = asdict(settings)
    values["clerk_level"] = settings.clerk_level.value
    return values


def read_check_settings(session: Session) -> CheckSettings:
    row = session.get(MetaRow, CHECK_SETTINGS_KEY)
    if row is None:
        return CheckSettings()
    try:
        stored = json.loads(row.value)
    except ValueError:
        return CheckSettings()
    settings = CheckSettings()
    known = {f.name for f in fields(CheckSettings)}
    for name, value in stored.items() if isinstance(stored, dict) else ():
        if name not in known:
            continue
        try:
            if name == "clerk_level":
                value = CheckLevel(value)
            elif name != "supervision_department":
                value = int(value)
            settings = replace(settings, **{name: value})
        except (TypeError, ValueError):
            continue
    return settings


def write_check_settings(session: Session, account: str, settings: CheckSettings) -> None:
    """Store `settings` (refused with every problem named when a value is out of range)."""
    problems = settings.problems()
    if problems:
        raise InputError("未保存：" + "；".join(problems) + "。", problems)
    old = read_check_settings(session)
    if old == settings:
        return
    value = json.dumps(_plain(settings), ensure_ascii=False, sort_keys=True)
    store_meta(session, CHECK_SETTINGS_KEY, value)
    before, after = _plain(old), _plain(settings)
    changed = {
        _LABELS[name]: {"from": before[name], "to": after[name]}
        for name in after
        if before[name] != after[name]
    }
    record_event(
        session.connection(),
        account,
        "setting",
        "app_meta",
        CHECK_SETTINGS_KEY,
        "查账设置",
        changed,
    )
