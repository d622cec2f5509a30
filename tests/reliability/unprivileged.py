"""Running a child program as an account that file modes apply to.

Root ignores file modes, so as root the read-only tests run their child as `nobody`.
That child is a fresh interpreter started as `nobody` (not a fork that drops its
privileges half-way), so it meets the file exactly as a colleague with read-only
rights would — and it must be able to read its own Python: the interpreter, the
standard library, site-packages and the program. A checkout and venv in root's home
(0700, as a new user running as root gets) are not readable by `nobody`, and neither
is a pyenv interpreter there.

So at test time: if `nobody` can already import the program with this interpreter,
it is used as it is; otherwise a copy `nobody` can read is put together in a public
temporary folder — hard links where the file system allows (instant, no space), else
copies — and removed after the tests. Not as root, the child simply runs as the
current user with this interpreter.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NOBODY = 65534
AS_ROOT = os.geteuid() == 0
REPOSITORY = Path(__file__).resolve().parents[2]
# What a child imports first; if `nobody` can import these, it can run the children.
PROBE = "import tests.reliability.child_env, kaohe_desktop.cli, sqlalchemy.dialects.sqlite"
# Not needed by any child and large (the GUI toolkit).
SKIPPED_PACKAGES = {"PySide6", "shiboken6"}
SKIPPED_STDLIB = {"site-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip"}


@dataclass(frozen=True)
class Unprivileged:
    """How to start a Python child that file modes apply to."""

    executable: str
    environment: dict[str, str] = field(default_factory=dict)
    user: int | None = None  # None: the current (non-root) user

    def run(
        self, *argv: str, cwd: Path, environment: dict[str, str] | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.executable, *argv],
            cwd=cwd,
            env={**os.environ, **self.environment, **(environment or {})},
            user=self.user,
            group=self.user,
            extra_groups=[] if self.user is not None else None,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def call(self, function: Callable[..., None], *args: Any, result: Path) -> Any:
        """Run a child program of child_env (args as JSON) and return the JSON it wrote."""
        arguments = json.dumps([*args, str(result)], ensure_ascii=False)
        module = function.__module__
        completed = self.run("-m", module, function.__name__, arguments, cwd=result.parent)
        text = result.read_text(encoding="utf-8") if result.exists() else ""
        if completed.returncode != 0:
            raise AssertionError(
                f"child exited with {completed.returncode}: {text[:2000]}\n{completed.stderr}"
            )
        return json.loads(text)


def _public(path: Path) -> bool:
    """Whether others may read `path` and pass through every folder above it."""
    path = path.resolve()
    for folder in [*path.parents, path]:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH or (folder == path and not mode & stat.S_IROTH):
            return False
    return True


def _public_temp() -> Path:
    for candidate in (tempfile.gettempdir(), "/tmp", "/var/tmp"):
        if Path(candidate).is_dir() and _public(Path(candidate)):
            return Path(candidate)
    raise RuntimeError("no temporary folder that nobody can read")


def _place(source: Path, target: Path) -> None:
    """A hard link (same file, same mode) if others may read it, else a readable copy."""
    mode = source.stat().st_mode
    if mode & stat.S_IROTH:
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    shutil.copy2(source, target)
    target.chmod(mode | stat.S_IROTH | (stat.S_IXOTH if mode & stat.S_IXUSR else 0))


def _mirror(source: Path, target: Path, skip: Collection[str] = ()) -> None:
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o755)
    for entry in os.scandir(source):
        if entry.name in skip:
            continue
        if entry.is_dir(follow_symlinks=True):
            _mirror(Path(entry.path), target / entry.name)
        elif entry.is_file(follow_symlinks=True):
            _place(Path(entry.path).resolve(), target / entry.name)


def _readable_python(root: Path) -> Unprivileged:
    """This interpreter, its library, site-packages and the program, copied under `root`."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    python = root / "python"
    (python / "bin").mkdir(parents=True)
    for folder in (root, python, python / "bin"):
        folder.chmod(0o755)
    executable = python / "bin" / version
    _place(Path(os.path.realpath(sys.executable)), executable)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    config = {p.name for p in stdlib.glob("config-*")}
    # The interpreter finds its library next to itself (bin/../lib/pythonX.Y/os.py).
    _mirror(stdlib, python / "lib" / version, SKIPPED_STDLIB | config)
    _mirror(
        Path(sysconfig.get_paths()["purelib"]),
        python / "lib" / version / "site-packages",
        SKIPPED_PACKAGES,
    )
    environment = {"PYTHONPATH": f"{root / 'code' / 'src'}{os.pathsep}{root / 'code'}"}
    library = sysconfig.get_config_var("LDLIBRARY")
    if sysconfig.get_config_var("Py_ENABLE_SHARED") and library:
        for shared in Path(sysconfig.get_config_var("LIBDIR")).glob(f"{library}*"):
            _place(shared.resolve(), python / "lib" / shared.name)
        environment["LD_LIBRARY_PATH"] = str(python / "lib")
    _mirror(REPOSITORY / "src", root / "code" / "src")
    _mirror(REPOSITORY / "tests", root / "code" / "tests")
    return Unprivileged(str(executable), _quiet(environment), NOBODY)


def _quiet(environment: dict[str, str]) -> dict[str, str]:
    # No bytecode written beside sources nobody may write; no user site-packages.
    return {**environment, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1"}


@contextmanager
def unprivileged_python() -> Iterator[Unprivileged]:
    """A way to run a child as `nobody` (as root) or as oneself, decided here and now."""
    here = f"{REPOSITORY / 'src'}{os.pathsep}{REPOSITORY}"
    as_is = Unprivileged(sys.executable, _quiet({"PYTHONPATH": here}), NOBODY if AS_ROOT else None)
    if not AS_ROOT:
        yield as_is
        return
    probe = _public_temp()
    try:
        usable = as_is.run("-c", PROBE, cwd=probe, timeout=120).returncode == 0
    except (OSError, subprocess.SubprocessError):
        usable = False
    if usable:
        yield as_is
        return
    root = Path(tempfile.mkdtemp(prefix="kaohe-python-", dir=probe))
    try:
        yield _readable_python(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
