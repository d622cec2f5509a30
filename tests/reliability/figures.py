"""Figures the reliability tests measure (cycles, conflicts, kill trials, seconds).

Each test records its figures here; they are printed at once (visible with
`pytest -s`), summed up at the end of the run, and written to a JSON file, so that
docs/RELIABILITY.md can quote what this machine actually did. The concurrency table
of docs/RELIABILITY.md §4 (both backends, the kill -9 trials beside them) is written
as Markdown too (`concurrency_table`), next to the JSON and in the run's summary.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# Multiplies the cycles and kill trials, for a longer soak than CI runs.
SCALE = max(1, int(os.environ.get("KAOHE_RELIABILITY_SCALE", "1")))
FIGURES: dict[str, dict[str, Any]] = {}

BACKEND_NAMES = {"sqlite": "data file (SQLite)", "postgresql": "PostgreSQL server"}
ACCOUNTS = {2: "admin, clerk", 5: "admin, clerk, clerk2–4"}
# The kill -9 trials of each backend (test_kill9.py): backend, work killed, figure name.
KILL_FIGURES = (
    ("sqlite", "save loop", "kill -9 during saves"),
    ("postgresql", "save loop", "kill -9 during saves postgresql"),
    ("sqlite", "whole-book import", "kill -9 during import"),
    ("postgresql", "whole-book import", "kill -9 during import postgresql"),
)


def record(name: str, **values: Any) -> None:
    FIGURES[name] = values
    print(f"\n[reliability] {name}: " + ", ".join(f"{k}={v}" for k, v in values.items()))


def summary_lines() -> list[str]:
    return [
        f"{name:<34} " + ", ".join(f"{k}={v}" for k, v in values.items())
        for name, values in FIGURES.items()
    ]


def concurrency_table(figures: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """docs/RELIABILITY.md's concurrency table: one row per backend and N, then the
    kill -9 save trials of each backend. Empty when the run measured none of it."""
    found = FIGURES if figures is None else figures
    rows = sorted(
        (values for values in found.values() if "processes" in values and "backend" in values),
        key=lambda v: (list(BACKEND_NAMES).index(v["backend"]), v["processes"]),
    )
    lines: list[str] = []
    if rows:
        lines += [
            "| backend | processes | accounts | cycles | committed | conflicts surfaced | busy "
            "| lost | overwritten | other outcomes | seconds |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {BACKEND_NAMES[v['backend']]} | {v['processes']} | "
            f"{ACCOUNTS.get(v['processes'], '')} | {v['cycles']} | {v['commits']} | "
            f"{v['conflicts']} | {v['busy']} | {v['lost']} | {v['overwritten']} | "
            f"{v['other']} | {v['seconds']} |"
            for v in rows
        ]
    kills = [(backend, work, found[name]) for backend, work, name in KILL_FIGURES if name in found]
    if kills:
        # Every figure here is of trials that passed: an acknowledged write missing, a
        # half import or a broken chain fails the test before it records anything.
        lines += [
            "",
            "| backend | work killed | kill -9 trials | still running at the kill | "
            "acknowledged before the kill | acknowledged lost | outcome | seconds |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for backend, work, v in kills:
            if "committed_not_acked" in v:
                outcome = f"{v['committed_not_acked']} committed, not acknowledged"
            else:
                outcome = (
                    f"{v['ended_before']} found as before, {v['ended_after']} as after, "
                    "none between"
                )
            lines.append(
                f"| {BACKEND_NAMES[backend]} | {work} | {v['trials']} | {v['killed_running']} "
                f"| {v['acked']} | 0 | {outcome} | {v['seconds']} |"
            )
    return lines


def write_json(path: Path) -> None:
    path.write_text(json.dumps(FIGURES, ensure_ascii=False, indent=2), encoding="utf-8")
    table = concurrency_table()
    if table:
        path.with_suffix(".md").write_text("\n".join(table) + "\n", encoding="utf-8")
