""".ci/run starts from a bare Debian 12: the packages it installs must cover the
programs its own steps run (a bare image has no python3, no ensurepip, no objdump)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (ROOT / ".ci/run").read_text(encoding="utf-8")


def _apt_packages() -> set[str]:
    """Every package named on the script's `apt-get install` lines (with continuations)."""
    joined = SCRIPT.replace("\\\n", " ")
    words: set[str] = set()
    for line in joined.splitlines():
        if "apt-get install" in line:
            tail = line.split("apt-get install", 1)[1].split(">", 1)[0]
            words |= {w for w in tail.split() if not w.startswith("-")}
    return words


def test_the_packages_installed_cover_the_commands_run() -> None:
    packages = _apt_packages()
    # `python3 -m venv` stops at "ensurepip is not available" without python3-venv;
    # PyInstaller refuses to start on Linux without objdump (binutils).
    needs = {"python3 -m venv": {"python3", "python3-venv"}, "pyinstaller": {"binutils"}}
    for command, wanted in needs.items():
        assert re.search(re.escape(command), SCRIPT), command
        assert wanted <= packages, f"{command} needs {wanted - packages}"
