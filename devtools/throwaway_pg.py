"""A throwaway PostgreSQL cluster for tests, benchmarks and trying the server locally.

    python devtools/throwaway_pg.py start [FOLDER]   # prints the URLs, leaves it running
    python devtools/throwaway_pg.py stop FOLDER

initdb runs in a temporary folder as a non-root user (PostgreSQL refuses root; as
root the cluster belongs to the `postgres` system user, or `nobody`), it listens on
127.0.0.1 only, on a free port, with its socket in its own folder, and every account
signs in with a password (scram-sha-256), as on a real server. Two accounts are made,
the ones docs/RELIABILITY.md §8 tells an office's administrator to make:

- `kaohe_owner` owns the databases and runs the migrations (creates tables, triggers);
- `kaohe_app` is what the clerks' workstations use: rows only, no DROP, no TRIGGER,
  so a clerk's account cannot remove the closed-period locks.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

OWNER = "kaohe_owner"
APP = "kaohe_app"
SUPERUSER = "kaohe_super"
INFO_FILE = "cluster.txt"


def pg_bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: PATH first, then Debian's versioned folders."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        versions = sorted((p for p in root.iterdir() if (p / "bin" / "initdb").exists()),
                          key=lambda p: int(p.name) if p.name.isdigit() else 0)
        if versions:
            return versions[-1] / "bin"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> str | None:
    """The user the server runs as when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("以 root 运行时需要 postgres 或 nobody 用户来运行 PostgreSQL。")


@dataclass(frozen=True)
class Cluster:
    folder: Path
    port: int
    password: str  # the same for the three accounts: a throwaway cluster
    user: str | None  # the OS user it runs as (None: us)
    durable: bool = True  # fsync on (a benchmark, a trial) or off (the test suite)

    def restart(self) -> None:
        """Start the server (again, after stop): 127.0.0.1 only, its socket in its folder."""
        durability = "on" if self.durable else "off"
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} "
            f"-c fsync={durability} -c full_page_writes={durability} "
            "-c max_connections=100 -c shared_buffers=128MB"
        )
        _pg_ctl(self, "start", "-l", str(self.folder / "server.log"), "-o", options)

    def url(self, database: str = "postgres", account: str = OWNER) -> str:
        """A SQLAlchemy URL without the password (it comes from PGPASSWORD)."""
        return f"postgresql+psycopg://{account}@127.0.0.1:{self.port}/{database}"

    def env(self) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": self.password}

    def psql(self, sql: str, database: str = "postgres", account: str = SUPERUSER) -> str:
        command = [str(_bin("psql")), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At",
                   "-h", "127.0.0.1", "-p", str(self.port), "-U", account, "-d", database,
                   "-c", sql]
        done = subprocess.run(command, env=self.env(), capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(done.stderr.strip())
        return done.stdout

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database owned by kaohe_owner, with the rights of docs §8 for
        kaohe_app on what the owner creates in it; returns the owner's URL."""
        clause = f" TEMPLATE {template}" if template else ""
        self.psql(f"CREATE DATABASE {name} OWNER {OWNER}{clause}")
        self.psql(grants_sql(), database=name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        # A test cluster (fsync off) is thrown away: no shutdown checkpoint to wait for.
        _pg_ctl(self, "stop", "-m", "fast" if self.durable else "immediate")


def grants_sql() -> str:
    """The least rights of the clerks' account, as docs/RELIABILITY.md §8 gives them."""
    return (
        "REVOKE ALL ON SCHEMA public FROM PUBLIC; "
        f"GRANT USAGE ON SCHEMA public TO {APP}; "
        f"GRANT USAGE, CREATE ON SCHEMA public TO {OWNER}; "
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {OWNER} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {APP}; "
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {OWNER} IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {APP}; "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP}; "
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {APP};"
    )


def _bin(name: str) -> Path:
    folder = pg_bin_dir()
    if folder is None:
        raise RuntimeError("找不到 PostgreSQL 程序（initdb）：请安装 postgresql。")
    candidate = folder / name
    return candidate if candidate.exists() else Path(shutil.which(name) or name)


def _as_user(user: str | None, command: list[str]) -> list[str]:
    return command if user is None else ["runuser", "-u", user, "--", *command]


def _pg_ctl(cluster: Cluster, *arguments: str) -> None:
    data = cluster.folder / "data"
    command = [str(_bin("pg_ctl")), "-D", str(data), "-w", *arguments]
    done = subprocess.run(_as_user(cluster.user, command), capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"pg_ctl {arguments[0]}: {done.stderr.strip() or done.stdout.strip()}")


def start(folder: Path | None = None, *, durable: bool = True) -> Cluster:
    """initdb and start; the caller stops it (Cluster.stop) and removes the folder.

    `durable=False` (the test suite's cluster) turns fsync off: nothing in the tests
    survives the machine, and a CREATE DATABASE per test is then ten times faster.
    Benchmarks keep it on, as a real server has it."""
    folder = Path(folder or tempfile.mkdtemp(prefix="kaohe-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    user = _run_as()
    password = secrets.token_hex(12)
    port = _free_port()
    password_file = folder / "pw"
    password_file.write_text(password + "\n")
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chmod(folder, 0o755)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        os.chown(password_file, entry.pw_uid, entry.pw_gid)
        # runuser needs every folder above to be passable by that user.
        for parent in folder.parents:
            if parent.stat().st_mode & 0o001 == 0:
                os.chmod(parent, parent.stat().st_mode | 0o001)
    data = folder / "data"
    initdb = [str(_bin("initdb")), "-D", str(data), "-U", SUPERUSER, "--pwfile", str(password_file),
              "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8",
              "--locale=C", "--no-sync"]
    subprocess.run(_as_user(user, initdb), check=True, capture_output=True)
    password_file.unlink()
    cluster = Cluster(folder, port, password, user, durable)
    cluster.restart()
    for _ in range(50):
        try:
            cluster.psql("SELECT 1")
            break
        except RuntimeError:
            time.sleep(0.1)
    cluster.psql(f"CREATE ROLE {OWNER} LOGIN CREATEDB PASSWORD '{password}'")
    cluster.psql(f"CREATE ROLE {APP} LOGIN PASSWORD '{password}'")
    (folder / INFO_FILE).write_text(f"{port}\n{password}\n{user or ''}\n{int(durable)}\n")
    return cluster


def attach(folder: Path) -> Cluster:
    port, password, user, durable = [*(folder / INFO_FILE).read_text().split("\n"), "1"][:4]
    return Cluster(folder, int(port), password, user or None, durable != "0")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("start", "stop"):
        print(__doc__)
        return 2
    if argv[0] == "start":
        cluster = start(Path(argv[1]) if len(argv) > 1 else None)
        print(f"folder   {cluster.folder}")
        print(f"owner    {cluster.url('kaohe')}")
        print(f"PGPASSWORD={cluster.password}")
        return 0
    cluster = attach(Path(argv[1]))
    cluster.stop()
    shutil.rmtree(cluster.folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
