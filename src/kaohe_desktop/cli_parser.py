"""argparse in Chinese, for `kaohe` and `kaohe-desktop`: the frame of every help text
(用法 / 位置参数 / 选项), every refusal (错误：…, exit 2) and the examples of a command.

argparse (3.11–3.13) builds its words through `_()` and `ngettext()`, names it imports
from gettext into its own module. A gettext catalogue would have to be installed for
the process's default domain and chosen by LANG/LANGUAGE, which a Windows clerk's
machine does not set, and it would translate every other library too. So the parser
puts its own catalogue (_MESSAGES, keyed by argparse's English msgids) in place of
argparse's two names while it builds, parses and formats, and puts them back after:
nothing outside these parsers changes. The frame does not depend on it (group titles,
-h, the usage prefix and `error` are set here directly); a message a later Python adds
stays English until it is added below (tests/cli/test_cli_frame.py shows which).

Chinese characters take two columns in a terminal; argparse counts one. The formatter
wraps help by display width and aligns the help column by it.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn, TypeAlias

USAGE_PREFIX = "用法："

# argparse's msgid -> ours. Placeholders keep argparse's names; %(value)r becomes
# “%(value)s” (a repr's quotes and escapes mean nothing to a clerk).
_MESSAGES: dict[str, str] = {
    "usage: ": USAGE_PREFIX,
    "%(heading)s:": "%(heading)s：",  # 3.13's section headings
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示程序版本并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不带值，“%s”无处可用",
    "expected one argument": "后面须跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少跟一个值",
    "expected %s argument": "后面须跟 %s 个值",
    "expected %s arguments": "后面须跟 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "unexpected option string: %s": "多余的选项：%s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "“%(value)s”不是可选的值（可选：%(choices)s）"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "“%(value)s”不是可选的值，是否想写“%(closest)s”？（可选：%(choices)s）"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有“%(parser_name)s”这个命令",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "option '%(option)s' is deprecated": "选项 %(option)s 已不再使用",
    "command '%(parser_name)s' is deprecated": "命令 %(parser_name)s 已不再使用",
    "argument '%(argument_name)s' is deprecated": "参数 %(argument_name)s 已不再使用",
}

# An ASCII run is one token, and so are the Chinese words of an address between its
# separators (postgresql+psycopg://账号@服务器:端口/数据库); else one character each.
_TOKEN = re.compile(r"[!-~]+(?:(?<=[/:@])[\u4e00-\u9fff]+[!-~]*)*| +|.")
_CLOSING = set("，。；：、）」』”’！？》")  # never begins a line


def translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextmanager
def chinese_messages() -> Iterator[None]:
    """argparse's `_` and `ngettext` are ours until the block ends (nested blocks fine)."""
    saved = {name: getattr(argparse, name, None) for name in ("_", "ngettext")}
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                delattr(argparse, name)
            else:
                setattr(argparse, name, value)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns: breaks between Chinese characters or at spaces,
    never inside an ASCII word (a path, an option) nor before closing punctuation."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        token_width = display_width(token)
        if line and used + token_width > width and token not in _CLOSING:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + token_width
    if line:
        lines.append(line.rstrip())
    return lines


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Examples as written; help and descriptions wrapped, and aligned, by display width."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        # argparse wraps the usage by len(); narrower until it fits by display width.
        width = self._width
        try:
            for _ in range(5):
                text = super()._format_usage(usage, actions, groups, prefix)
                # Continuation lines are indented by len(prefix), narrower than it shows.
                extra = " " * (display_width(prefix or "") - len(prefix or ""))
                text = text.replace("\n ", "\n" + extra + " ") if extra else text
                over = max(map(display_width, text.splitlines())) - width
                if over <= 0 or self._width - over < 40:
                    break
                self._width -= over
        finally:
            self._width = width
        return text

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        invocation = self._format_action_invocation
        widths = [display_width(invocation(action)) + self._current_indent]
        for subaction in self._iter_indented_subactions(action):
            widths.append(display_width(invocation(subaction)) + self._current_indent)
        self._action_max_length = max(self._action_max_length, *widths)

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        lead = " " * self._current_indent + self._format_action_invocation(action)
        extra = display_width(lead) - len(lead)
        first, newline, rest = text.partition("\n")
        if not extra or not action.help or not first.startswith(lead) or not first[len(lead) :]:
            return text
        gap = len(first) - len(lead) - len(first[len(lead) :].lstrip(" "))
        help_text = first[len(lead) + gap :]
        if gap - extra >= 2:
            return lead + " " * (gap - extra) + help_text + newline + rest
        help_position = min(self._action_max_length + 2, self._max_help_position)
        return lead + "\n" + " " * help_position + help_text + newline + rest

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Descriptions and notes: a line that starts at the margin is wrapped to the
        terminal; an indented one (an example to type, a list) is kept as written."""
        lines: list[str] = []
        for line in text.splitlines():
            if not line.strip() or line[0].isspace():
                lines.append(indent + line if line.strip() else "")
            else:
                lines.extend(indent + part for part in wrap(line, width - len(indent)))
        return "\n".join(lines)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every word is Chinese; its subcommands are the same kind."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # ours, below, in Chinese
        with chinese_messages():
            super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示此帮助并退出"
            )

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with chinese_messages():
            return super().parse_known_args(args, namespace)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> argparse.Namespace:
        with chinese_messages():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with chinese_messages():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese_messages():
            text = super().format_help()
        for group in self._action_groups:  # 3.11 and 3.12 add the ASCII colon untranslated
            if group.title:
                text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """A wrong command or choice, said in Chinese with the choices as a clerk types them."""
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        close = difflib.get_close_matches(str(value), names, n=1)
        guess = f"，是否想写“{close[0]}”？" if close else ""
        if isinstance(action, argparse._SubParsersAction):
            raise argparse.ArgumentError(None, f"没有“{value}”这个命令{guess}")
        allowed = "、".join(names)
        raise argparse.ArgumentError(action, f"“{value}”不是可选的值{guess}（可选：{allowed}）")

    def error(self, message: str) -> NoReturn:
        """Usage, then 错误：…, then where the help is; exit 2 as README documents."""
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{message}\n（运行 {self.prog} --help 查看说明和示例）\n")


# The subcommands of a ChineseArgumentParser (cli_arguments, cli_archive, cli_copy add to it).
Commands: TypeAlias = "argparse._SubParsersAction[ChineseArgumentParser]"


def examples(*pairs: tuple[str, str]) -> str:
    """A subcommand's epilog: what each example does, then the line a clerk types."""
    lines = ["示例："]
    for what, command in pairs:
        lines += [f"  {what}：", f"    {command}"]
    return "\n".join(lines)


def add_command(
    commands: Commands,
    name: str,
    summary: str,
    *,
    description: str | None = None,
    example: Sequence[tuple[str, str]],
) -> ChineseArgumentParser:
    """A subcommand: its line in `kaohe --help`, its description and its examples."""
    return commands.add_parser(
        name,
        help=summary,
        description=description or summary,
        epilog=examples(*example),
    )


# What the subcommands of `kaohe` share (cli_arguments, cli_reports, cli_archive).
DB = "kaohe --db 考核台账.kaohe"  # the file every example works on


def year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为四位数字，如 2026，而不是“{text}”") from None


def day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2027-01-05 的样子，而不是“{text}”") from None
