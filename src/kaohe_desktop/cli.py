"""The `kaohe` command (DESIGN.md §7): the same services as the GUI, for batch work.

Exit codes: 0 success; 1 `check` found a problem; 2 bad input or a refused file,
with a Chinese message naming what is wrong, and nothing written; 3 the program
itself failed (the message says where the log file with the details is).

Every message is Chinese, argparse's help and refusals too (cli_parser.py; the
arguments, their help and examples are in cli_arguments.py). SQLite's and the OS's English
texts are put into Chinese (services.errors.clerk_text); log lines, library warnings
and the like go to the log file (services/common/technical_log.py), never to the
clerk's screen.
"""

from __future__ import annotations

import argparse
import logging
import re
import sqlite3
import sys
from collections.abc import Sequence

# Only what the parser and the error messages need: the commands' modules (services,
# SQLAlchemy, openpyxl, reportlab) are imported by _run, so `kaohe --help` starts fast.
from kaohe_desktop.cli_arguments import build_parser
from kaohe_desktop.services.common.technical_log import technical_log
from kaohe_desktop.services.errors import (
    AuthenticationError,
    InputError,
    PermissionDeniedError,
    StorageError,
    clerk_text,
    describe_os_error,
    nothing_kept,
)

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C

log = logging.getLogger(__name__)


def _run(args: argparse.Namespace) -> int:
    """The command's work, imported only now: `--help` and a parse error need none of it."""
    from kaohe_desktop.cli_commands import run

    return run(args, _say)


def _say(message: str) -> None:
    """A line for the clerk, on stderr; any driver or OS English in it put into Chinese."""
    print(clerk_text(message), file=sys.stderr)


def _driver_errors() -> tuple[type[Exception], ...]:
    """SQLite's errors, bare or wrapped by SQLAlchemy. An except clause is evaluated only
    when an error reaches it, so SQLAlchemy is not imported for `--help`."""
    from sqlalchemy.exc import DBAPIError

    return (sqlite3.Error, DBAPIError)


def _driver_detail(error: Exception) -> str | None:
    """SQLite's own words in Chinese, or None where we have no translation for them."""
    from sqlalchemy.exc import DBAPIError

    text = clerk_text(str(error.orig if isinstance(error, DBAPIError) else error))
    return None if re.search(r"[A-Za-z]{2,}", text) else text


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db is None and args.command != "copy":
        parser.error("缺少 --db：请给出数据文件路径或数据库服务器地址。")
    with technical_log() as log_file:
        try:
            return _run(args)
        except InputError as error:
            _say(str(error))
            return EXIT_BAD_INPUT
        except (AuthenticationError, PermissionDeniedError) as error:
            _say(f"拒绝：{error}")
            return EXIT_BAD_INPUT
        except StorageError as error:
            # The command holds no edit on screen: "您的修改已保留，可导出" would be untrue.
            _say(f"错误：{nothing_kept(str(error))}")
            return EXIT_BAD_INPUT
        except OSError as error:
            log.warning("kaohe %s: %s", args.command, error)
            _say(f"错误：{describe_os_error(error)}")
            return EXIT_BAD_INPUT
        except _driver_errors() as error:
            log.warning("kaohe %s: driver error", args.command, exc_info=True)
            detail = _driver_detail(error)
            where = f"（{detail}）" if detail else f"，详细信息已写入日志文件 {log_file}"
            _say(f"错误：数据文件读写出错{where}；命令未完成。")
            return EXIT_BAD_INPUT
        except KeyboardInterrupt:
            _say("已中断，命令未完成。")
            return EXIT_INTERRUPTED
        except Exception:
            log.exception("kaohe %s: unexpected error", args.command)
            _say(
                f"错误：程序内部出错，命令未完成。详细信息已写入日志文件 {log_file}，"
                "请交给维护人员。"
            )
            return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
