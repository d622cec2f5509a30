"""SQLite's and the operating system's English, in the words a clerk reads.

Driver and OS error texts get formatted into messages in many places ("备份失败：{error}",
"数据文件无法访问（{detail}）"). Rather than trust every such place, the messages pass
through `clerk_text` (StorageError does it for all of its subclasses, the command line
for everything it prints): the texts SQLite's result codes produce and Python's
"[Errno N] …: 'path'" rendering are replaced by Chinese. The original stays on the
exception's cause, for the log.
"""

from __future__ import annotations

import errno
import re

# sqlite3_errstr() for the result codes a data file on a share can meet, plus the few
# sqlite3_errmsg() texts that say more. Longer phrases first: "database table is
# locked" must not be caught by a shorter one.
_SQLITE_TEXTS: dict[str, str] = {
    "attempt to write a readonly database": "数据文件只读，不能写入",
    "database disk image is malformed": "数据文件已损坏",
    "unable to open database file": "无法打开数据文件",
    "database or disk is full": "磁盘已满",
    "file is not a database": "文件不是数据文件",
    "database table is locked": "数据表正被占用",
    "database is locked": "数据文件正被其他同事写入",
    "database is busy": "数据文件正被其他同事写入",
    "disk I/O error": "磁盘读写出错",
    "access permission denied": "没有访问权限",
    "locking protocol": "共享盘的文件锁出错",
    "out of memory": "内存不足",
    "query aborted": "操作被中止",
    "string or blob too big": "内容太大",
    "large file support is disabled": "不支持大文件",
    "database schema has changed": "数据结构在操作期间被修改",
    "SQL logic error": "数据库内部错误",
    "constraint failed": "违反数据约束",
    "datatype mismatch": "数据类型不符",
    "authorization denied": "没有授权",
    "bad parameter or other API misuse": "程序调用出错",
    "Cannot operate on a closed database.": "数据文件已关闭",
}
_SQLITE = re.compile(
    "|".join(re.escape(text) for text in sorted(_SQLITE_TEXTS, key=len, reverse=True)),
    re.IGNORECASE,
)
_SQLITE_LOWER = {key.lower(): value for key, value in _SQLITE_TEXTS.items()}


def _errno_texts() -> dict[int, str]:
    named = {
        "ENOSPC": "磁盘已满",
        "EDQUOT": "超出磁盘配额",
        "EACCES": "没有权限",
        "EPERM": "没有权限",
        "EROFS": "磁盘或共享盘只读",
        "ENOENT": "找不到文件或文件夹",
        "EEXIST": "文件已存在",
        "ENOTDIR": "路径中有一段不是文件夹",
        "EISDIR": "这是文件夹，不是文件",
        "ENAMETOOLONG": "文件名太长",
        "EIO": "磁盘读写出错",
        "EFBIG": "文件太大",
        "EBUSY": "文件正被占用",
        "ETXTBSY": "文件正被占用",
        "ENOTEMPTY": "文件夹不是空的",
        "EXDEV": "不能跨磁盘移动",
        "EMFILE": "打开的文件太多",
        "ENFILE": "打开的文件太多",
        "ETIMEDOUT": "网络超时",
        "EHOSTUNREACH": "网络不通",
        "ENETUNREACH": "网络不通",
        "ENETDOWN": "网络不通",
        "EHOSTDOWN": "共享盘所在的电脑不可用",
        "ESTALE": "共享盘上的文件已失效，请重新连接共享盘",
        "ECONNRESET": "网络连接中断",
        "EINVAL": "文件名或参数无效",
        "ELOOP": "快捷方式（链接）循环",
    }
    # Not every platform has every code (Windows lacks ESTALE, EDQUOT …).
    return {getattr(errno, name): text for name, text in named.items() if hasattr(errno, name)}


_ERRNO_TEXTS = _errno_texts()
# Python's rendering of an OSError: "[Errno 28] No space left on device: '/x'", with an
# optional " -> '/y'" for two paths. strerror never holds a colon or a quote.
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_ERRNO = re.compile(
    rf"\[Errno (?P<code>\d+)\] [^:'\"\n]*?(?=: |$|[，。；）)\n])"
    rf"(?:: (?P<first>{_QUOTED})(?: -> (?P<second>{_QUOTED}))?)?"
)


def os_error_text(code: int | None) -> str:
    """What an errno means, in Chinese."""
    if code is None:
        return "系统错误"
    return _ERRNO_TEXTS.get(code, f"系统错误（代码 {code}）")


def describe_os_error(error: OSError) -> str:
    """An OSError as a clerk reads it: what happened, and to which file."""
    if error.errno is None:
        return clerk_text(str(error))
    paths = [str(p) for p in (error.filename, error.filename2) if p is not None]
    what = os_error_text(error.errno)
    return f"{what}：{' → '.join(paths)}" if paths else what


def _unquote(quoted: str) -> str:
    return quoted[1:-1].replace("\\'", "'").replace('\\"', '"').replace("\\\\", "\\")


def _errno_replacement(match: re.Match[str]) -> str:
    what = os_error_text(int(match.group("code")))
    paths = [_unquote(p) for p in (match.group("first"), match.group("second")) if p]
    return f"{what}：{' → '.join(paths)}" if paths else what


def clerk_text(text: str) -> str:
    """`text` with SQLite's and the OS's English error texts put into Chinese; text that
    holds none is returned unchanged."""
    text = _ERRNO.sub(_errno_replacement, text)
    return _SQLITE.sub(lambda match: _SQLITE_LOWER[match.group(0).lower()], text)
