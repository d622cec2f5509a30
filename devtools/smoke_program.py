"""Smoke-test an installed or packaged program as a clerk would use it (CI: .ci/run).

    python -m devtools.smoke_program --bundle dist/kaohe-desktop --out /tmp/smoke
    python -m devtools.smoke_program --bin /tmp/venv/bin --out /tmp/smoke

Runs `kaohe init --demo`, `check`, `ledger-pdf` and `ranking` (with the 汇总表 PDF) in a
fresh folder, checks that both PDFs embed the font the program ships (pypdf: a
FontFile2 of WenQuanYi Micro Hei, read from the program's own resources), then starts the
GUI offscreen with `--smoke` (the demo opened, signed in, the window grabbed) — in
portable mode for a bundle (a portable.ini beside the executable, removed afterwards),
so nothing is written to the home folder, which is a fresh one and is checked.
Prints what each step printed; exits 1 at the first failure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD

BUNDLED_FAMILY = "WenQuanYi"
RANKING_QUARTER = "2026Q3"


class SmokeFailure(Exception):
    pass


def run(command: list[str], cwd: Path, env: dict[str, str], *, timeout: int = 600) -> str:
    started = time.monotonic()
    finished = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    shown = " ".join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command))
    print(f"$ {shown}   ({time.monotonic() - started:.1f} s, 退出码 {finished.returncode})")
    output = (finished.stdout + finished.stderr).strip()
    noise = "This plugin does not support propagateSizeHints()"
    for line in output.splitlines():
        if line.strip() != noise:
            print(f"    {line}")
    if finished.returncode != 0:
        raise SmokeFailure(f"{shown} 失败（退出码 {finished.returncode}）")
    return finished.stdout


# The PDF standard fonts every reader has (reportlab's default Helvetica): never embedded.
STANDARD_FONTS = frozenset(
    f"/{name}"
    for family in ("Helvetica", "Courier", "Times")
    for name in (family, f"{family}-Bold", f"{family}-Oblique", f"{family}-BoldOblique",
                 f"{family}-Roman", f"{family}-Italic", f"{family}-BoldItalic")
) | {"/Symbol", "/ZapfDingbats"}  # fmt: skip


def pdf_fonts(pdf: Path) -> tuple[set[str], set[str]]:
    """BaseFont names of the fonts that carry their TrueType program (FontFile2), and of
    those that carry none (a CID font such as STSong-Light: the reader must have it)."""
    embedded: set[str] = set()
    missing: set[str] = set()
    for page in PdfReader(pdf).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                held = descriptor.get_object() if descriptor is not None else {}
                if "/FontFile2" in held:
                    embedded.add(name)
                elif name not in STANDARD_FONTS and not any(
                    key in held for key in ("/FontFile", "/FontFile3")
                ):
                    missing.add(name)
    return embedded, missing


def check_pdf(pdf: Path, shots: Path) -> None:
    fonts, missing = pdf_fonts(pdf)
    print(f"    {pdf.name}：{len(PdfReader(pdf).pages)} 页，嵌入字体 {', '.join(sorted(fonts))}")
    if not fonts or not all(BUNDLED_FAMILY in name for name in fonts):
        raise SmokeFailure(f"{pdf.name} 未嵌入程序自带的字体（{BUNDLED_FAMILY}）：{fonts}")
    if missing:  # some text in a font the reader must have: not "embedded on any machine"
        raise SmokeFailure(f"{pdf.name} 有未嵌入的字体：{', '.join(sorted(missing))}")
    if shutil.which("pdftoppm"):  # a look at page 1 for whoever reads the CI artefacts
        stem = shots / pdf.stem
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(stem)],
                       check=False)  # fmt: skip


def commands(
    kaohe: Path, desktop: Path, resources: Path, work: Path, out: Path, env: dict[str, str]
) -> None:
    base = [str(kaohe), "--db", "演示.kaohe", "--user", "admin"]
    run([str(kaohe), "--version"], work, env)
    run([*base, "init", "--demo"], work, env)
    run([*base, "check"], work, env)
    printed = run([*base, "ledger-pdf", "--year", "2026", "--out", "墙上台账.pdf"], work, env)
    if str(resources / "fonts") not in printed:
        raise SmokeFailure(f"ledger-pdf 未使用程序自带的字体（应在 {resources / 'fonts'}）")
    run([*base, "ranking", "--quarter", RANKING_QUARTER, "--out", "排名.xlsx",
         "--pdf", "平时考核结果汇总表.pdf"], work, env)  # fmt: skip
    for pdf in ("墙上台账.pdf", "平时考核结果汇总表.pdf"):
        check_pdf(work / pdf, out)
    shown = run([str(desktop), "--smoke", str(out / "主窗口.png")], work, env)
    if "自检通过" not in shown or "考核台账" not in shown:
        raise SmokeFailure("图形界面未以中文显示演示数据")


def smoke(kaohe: Path, desktop: Path, resources: Path, out: Path, *, portable: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kaohe-smoke-"))
    home = work / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAOHE_")}
    env |= {"HOME": str(home), "USERPROFILE": str(home), "QT_QPA_PLATFORM": "offscreen",
            "KAOHE_PASSWORD": DEMO_PASSWORD, "PYTHONDONTWRITEBYTECODE": "1"}  # fmt: skip
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    marker = desktop.parent / "portable.ini"
    data = desktop.parent / "数据"
    if portable:
        if marker.exists() or data.exists():
            raise SmokeFailure(f"{desktop.parent} 已有 portable.ini 或 数据，未改动")
        marker.write_text("; 有此文件时程序以便携模式运行（自检时临时放置）\n", encoding="utf-8")
    try:
        commands(kaohe, desktop, resources, work, out, env)
        if portable and not (data / "演示数据.kaohe").is_file():
            raise SmokeFailure("便携模式下演示数据不在程序旁的“数据”文件夹")
        if portable and not list((data / "备份").glob("*.kaohe")):
            raise SmokeFailure("便携模式下自动备份不在程序旁的“数据\\备份”文件夹")
    finally:
        if portable:
            marker.unlink(missing_ok=True)
            shutil.rmtree(data, ignore_errors=True)
    if portable:
        left = [p for p in home.rglob("*") if "kaohe" in str(p) or "考核" in str(p)]
        if left:
            raise SmokeFailure(f"便携模式仍在用户文件夹写了文件：{left[:3]}")
    shutil.rmtree(work, ignore_errors=True)
    print(f"冒烟测试通过；截图和 PDF 首页在 {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="对安装后的程序或打包的程序做冒烟测试")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--bundle", type=Path, help="PyInstaller 生成的文件夹（dist/kaohe-desktop）")
    where.add_argument("--bin", type=Path, help="装了 wheel 的虚拟环境的 bin（或 Scripts）文件夹")
    parser.add_argument("--resources", type=Path, help="程序自带 resources 文件夹（--bin 时必填）")
    parser.add_argument("--out", type=Path, required=True, help="截图和 PDF 首页写到这里")
    arguments = parser.parse_args(argv)
    exe = ".exe" if sys.platform == "win32" else ""
    if arguments.bundle is not None:
        folder = arguments.bundle.resolve()
        kaohe, desktop = folder / f"kaohe{exe}", folder / f"kaohe-desktop{exe}"
        resources = folder / "_internal" / "kaohe_desktop" / "resources"
    else:
        folder = arguments.bin.resolve()
        kaohe, desktop = folder / f"kaohe{exe}", folder / f"kaohe-desktop{exe}"
        if arguments.resources is None:
            parser.error("--bin 需要 --resources")
        resources = arguments.resources.resolve()
    try:
        smoke(kaohe, desktop, resources, arguments.out, portable=arguments.bundle is not None)
    except (SmokeFailure, subprocess.TimeoutExpired) as failure:
        print(f"冒烟测试失败：{failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
