"""Try 考核台账 on a PostgreSQL server, on this machine, in one command:

    .venv/bin/python devtools/try_server.py [--no-gui]

starts a throwaway PostgreSQL cluster (devtools/throwaway_pg.py: a temporary folder,
127.0.0.1 only, the accounts kaohe_owner and kaohe_app), makes the demo bureau in a
data file and copies it onto the server with `kaohe copy` (as an office moving up
would), then opens the window on the server database as the clerks' account
kaohe_app. Closing the window stops the server and removes its folder, the demo
file with it: nothing is left behind. Needs PostgreSQL's server programs
(Debian/Ubuntu: `sudo apt-get install postgresql`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devtools.throwaway_pg import APP, OWNER, pg_bin_dir, start
from kaohe_desktop.services.demo.accounts import DEMO_ADMIN as DEMO_ACCOUNT
from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD

DATABASE = "kaohe"


def _kaohe(*arguments: str, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "kaohe_desktop.cli", *arguments]
    subprocess.run(command, check=True, env=env)


def main(argv: list[str]) -> int:
    if pg_bin_dir() is None:
        print("未找到 PostgreSQL 服务器程序（initdb）。")
        print("Debian/Ubuntu：sudo apt-get install postgresql")
        return 1
    work = Path(tempfile.mkdtemp(prefix="kaohe-try-server-"))
    print("正在启动临时 PostgreSQL 服务器…")
    cluster = start(work / "cluster")
    try:
        env = {
            **cluster.env(),
            "KAOHE_USER": DEMO_ACCOUNT,
            "KAOHE_PASSWORD": DEMO_PASSWORD,
            "KAOHE_BACKUP_DIR": str(work / "备份"),
        }
        demo = work / "演示数据.kaohe"
        print("正在生成演示数据文件…")
        _kaohe("--quiet", "--db", str(demo), "init", "--demo", env=env)
        cluster.create_database(DATABASE)
        print("正在把演示数据复制到服务器（kaohe copy）…")
        _kaohe("copy", "--from", str(demo), "--to", cluster.url(DATABASE, OWNER), env=env)
        url = cluster.url(DATABASE, APP)
        print(f"服务器数据库：{url}（服务器密码已放在 PGPASSWORD 中）")
        print(f"登录考核台账：账号 {DEMO_ACCOUNT}，密码 {DEMO_PASSWORD}")
        if "--no-gui" in argv:
            _kaohe("--db", url, "check", env=env)
            return 0
        gui = [sys.executable, "-m", "kaohe_desktop", url]
        return subprocess.run(gui, env=env).returncode
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
        print("临时服务器已停止并删除。")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main(sys.argv[1:]))
