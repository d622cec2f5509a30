"""The README and docs/ stand alone on a fresh machine: no pointer to a document outside
the repository, every linked file present, the system packages before the commands that
need them, and docs/WORKBOOK.md generated from the workbook's one declaration."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))


def test_no_reference_to_documents_outside_the_repository() -> None:
    for page in [README, *DOCS]:
        text = page.read_text(encoding="utf-8")
        for outside in ("DESIGN.md", "DESIGN §", "../shared"):
            assert outside not in text, f"{page.name} refers to {outside}"


def test_every_file_the_readme_links_to_exists() -> None:
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)\)", text)
    assert targets, "the README links to nothing"
    missing = [t for t in targets if "://" not in t and not (ROOT / t).exists()]
    assert missing == []


def test_system_packages_come_before_the_first_command() -> None:
    text = README.read_text(encoding="utf-8")
    install = text.find("apt-get install python3-venv")
    first_venv = text.find("python3 -m venv")
    assert 0 <= install < first_venv
    packages = text[install : text.find("```", install)]
    # python3-venv: Debian's python3 has no ensurepip without it. Qt's xcb platform links
    # libxcb-icccm4 and libxcb-keysyms1 too, though its message names only libxcb-cursor0.
    for package in (
        "python3-venv",
        "fonts-wqy-zenhei",
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxkbcommon-x11-0",
    ):
        assert package in packages, package


def test_workbook_page_is_generated_from_the_schema() -> None:
    spec = importlib.util.spec_from_file_location("workbook_doc", ROOT / "docs/workbook_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (ROOT / "docs/WORKBOOK.md").read_text(encoding="utf-8")
    assert page == module.render(), "run: .venv/bin/python docs/workbook_doc.py"
