"""Figures the reliability tests measure (cycles, conflicts, kill trials, seconds).

Each test records its figures here; they are printed at once (visible with
`pytest -s`), summed up at the end of the run, and written to a JSON file, so that
docs/RELIABILITY.md can quote what this machine actually did.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# Multiplies the cycles and kill trials, for a longer soak than CI runs.
SCALE = max(1, int(os.environ.get("KAOHE_RELIABILITY_SCALE", "1")))
FIGURES: dict[str, dict[str, Any]] = {}


def record(name: str, **values: Any) -> None:
    FIGURES[name] = values
    print(f"\n[reliability] {name}: " + ", ".join(f"{k}={v}" for k, v in values.items()))


def summary_lines() -> list[str]:
    return [
        f"{name:<34} " + ", ".join(f"{k}={v}" for k, v in values.items())
        for name, values in FIGURES.items()
    ]


def write_json(path: Path) -> None:
    path.write_text(json.dumps(FIGURES, ensure_ascii=False, indent=2), encoding="utf-8")
