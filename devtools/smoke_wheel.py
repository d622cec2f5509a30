"""Build the sdist and the wheel, install the wheel into a clean venv away from the
source tree, and smoke-test it (CI: .ci/run).

    python -m devtools.smoke_wheel --out /tmp/smoke-wheel

The wheel must carry its package data: the translations, the icons, the CJK font with
its licence and the migrations. Without them the installed program would start in
English, without an icon, print PDFs in a font that is not embedded, or fail to open a
file; an editable install hides all four, which is why this runs from a clean venv.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path

from devtools.smoke_program import SmokeFailure, run, smoke

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = (
    "kaohe_desktop/resources/i18n/kaohe_zh_CN.qm",
    "kaohe_desktop/resources/icons/kaohe-256.png",
    "kaohe_desktop/resources/icons/kaohe.ico",
    "kaohe_desktop/resources/fonts/wqy-microhei.ttc",
    "kaohe_desktop/resources/fonts/LICENSE-Apache-2.0.txt",
    "kaohe_desktop/storage/migrations/env.py",
)


def build(out: Path) -> Path:
    """`python -m build`: the sdist, then the wheel built from it (so the sdist is
    checked to carry the package data too)."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    wheels = sorted(out.glob("kaohe_desktop-*.whl"))
    built = ", ".join(p.name for p in out.iterdir())
    print(f"已生成 {built}（{time.monotonic() - started:.0f} 秒）")
    if len(wheels) != 1:
        raise SmokeFailure(f"应生成一个 wheel，实际：{wheels}")
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise SmokeFailure(f"wheel 缺少包数据：{', '.join(missing)}")
    shown = ", ".join(Path(n).name for n in REQUIRED)
    print(f"wheel 含 {len(names)} 个文件，包数据齐全（{shown}）")
    return wheels[0]


def install(wheel: Path, where: Path) -> Path:
    """A fresh venv with the wheel and its dependencies; returns its scripts folder."""
    started = time.monotonic()
    venv.create(where, with_pip=True)
    scripts = where / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(scripts / "python"), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", str(wheel)], check=True)  # fmt: skip
    print(f"已安装到干净的虚拟环境 {where}（{time.monotonic() - started:.0f} 秒）")
    return scripts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建 wheel，装进干净的虚拟环境并做冒烟测试")
    parser.add_argument("--out", type=Path, required=True, help="wheel、截图和 PDF 首页写到这里")
    arguments = parser.parse_args(argv)
    out = arguments.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        wheel = build(out / "dist")
        with tempfile.TemporaryDirectory(prefix="kaohe-wheel-") as scratch:
            scripts = install(wheel, Path(scratch) / "venv")
            # Run from outside the source tree: only the installed package can be imported.
            code = "import kaohe_desktop.app as a; print(a.resources_dir())"
            where = run([str(scripts / "python"), "-c", code], Path(scratch), {})
            resources = Path(where.strip())
            if ROOT in resources.parents:
                raise SmokeFailure(f"导入的是源码树中的程序：{resources}")
            smoke(scripts / "kaohe", scripts / "kaohe-desktop", resources, out, portable=False)
    except (SmokeFailure, subprocess.CalledProcessError, subprocess.TimeoutExpired) as failure:
        print(f"wheel 冒烟测试失败：{failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
