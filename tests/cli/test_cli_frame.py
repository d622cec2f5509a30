"""`kaohe --help`, every command's help and every refusal of the parser are Chinese
(issue 18 §2): the frame (用法 / 位置参数 / 选项 / 错误：…), every positional argument
explained, examples a clerk can type (each one parsed here), `--version`, exit 2."""

from __future__ import annotations

import argparse
import gettext
import re
import shlex

import pytest

from kaohe_desktop import __version__
from kaohe_desktop.cli import main
from kaohe_desktop.cli_arguments import build_parser
from kaohe_desktop.cli_parser import ChineseArgumentParser, display_width, wrap

ENGLISH_FRAME = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "options:",
    "show this help",
    "show program's version",
    "error:",
    "invalid choice",
    "required",
    "expected",
    "unrecognized",
    "argument",
)
WIDTH = 80


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


COMMANDS = sorted(_commands())


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def _refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2  # README: 2 for bad usage
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def _latin_words(text: str, typed: list[str]) -> list[str]:
    """Latin words left once what the clerk typed, the options and the commands are out."""
    for word in typed:
        text = text.replace(word, "")
    text = re.sub(r"(?<![\w-])-{1,2}[a-z][a-z-]*", "", text)
    for name in sorted(COMMANDS, key=len, reverse=True):
        text = text.replace(name, "")
    return re.findall(r"[A-Za-z]{2,}", text.replace("kaohe", ""))


@pytest.fixture(autouse=True)
def _terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(WIDTH))


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_is_chinese_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _help(capsys, *([command] if command else []))
    assert text.startswith("用法：kaohe")
    assert "选项：\n" in text and "显示此帮助并退出" in text and "示例：\n" in text
    assert not [word for word in ENGLISH_FRAME if word in text.lower()]
    # No metavar left as argparse makes it from the option's name (--out OUT).
    assert not re.search(r"--[a-z-]+ [A-Z_]{2,}\b", text)
    examples = [line.strip() for line in text.splitlines() if line.strip().startswith("kaohe ")]
    assert examples and all(f" {command} " in f"{e} " for e in examples if command)
    # Within the terminal, examples aside (a clerk copies those whole).
    too_wide = [
        line
        for line in text.splitlines()
        if display_width(line) > WIDTH and not line.strip().startswith("kaohe ")
    ]
    assert too_wide == []


@pytest.mark.parametrize("command", COMMANDS)
def test_every_positional_argument_is_explained(command: str) -> None:
    parser = _commands()[command]
    positionals = [a for a in parser._actions if not a.option_strings]
    assert all(a.help and a.help != argparse.SUPPRESS for a in positionals)
    assert all(a.help and a.help != argparse.SUPPRESS for a in parser._actions)
    assert parser.description and parser.epilog


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_example_parses(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, *([command] if command else []))
    for line in text.splitlines():
        if line.strip().startswith("kaohe "):
            args = build_parser().parse_args(shlex.split(line.strip())[1:])
            assert args.command == (command or args.command)
            assert args.db is not None or args.command == "copy"


@pytest.mark.parametrize("command", ["", "ranking", "annual-forms", "copy"])
def test_the_help_column_lines_up_in_display_columns(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Chinese metavars (--quarter 季度) take two columns a character: the help beside
    each option, and its continuation lines, start at one column per section."""
    text = _help(capsys, *([command] if command else []))
    for section in re.findall(r"(?:位置参数|选项)：\n(.*?)(?:\n\n|\Z)", text, re.S):
        columns = set()
        for line in section.splitlines():
            beside = re.match(r"^( +\S.*?\S  +)(\S.*)$", line)  # invocation, then its help
            if beside and display_width(beside.group(1).strip()) < 30:
                columns.add(display_width(beside.group(1)))
            elif line.startswith(" " * 8):
                columns.add(len(line) - len(line.lstrip(" ")))
        assert len(columns) == 1, section


def test_the_help_of_kaohe(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys)
    for command in COMMANDS:
        assert re.search(rf"^    {re.escape(command)} +\S", text, re.M), command
    assert "--version" in text and "显示程序版本并退出" in text
    assert "2 命令写错" in text  # the exit codes README documents, for batch scripts


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"考核台账 {__version__}\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--db", "x.kaohe", "ranking"], "错误：缺少必填参数：--quarter, --out"),
        (["--db", "x.kaohe"], "错误：缺少必填参数：命令"),
        (["--db", "x.kaohe", "frobnicate"], "错误：没有“frobnicate”这个命令"),
        (["--db", "x.kaohe", "ranknig"], "错误：没有“ranknig”这个命令，是否想写“ranking”？"),
        (
            ["--db", "x.kaohe", "account-add", "zhangsan", "--role", "老板"],
            "错误：参数 --role：“老板”不是可选的值（可选：管理员、录入员、审核人、只读）",
        ),
        (["--db", "x.kaohe", "code-case", "混合"], "“混合”不是可选的值（可选：大写、小写）"),
        (["--db", "x.kaohe", "check", "--bogus", "1"], "错误：无法识别的参数：--bogus 1"),
        (["--db", "x.kaohe", "ranking", "--quarter"], "错误：参数 --quarter：后面须跟一个值"),
        (
            ["--db", "x.kaohe", "ledger-pdf", "--year", "今年", "--out", "x.pdf"],
            "错误：参数 --year：年度应为四位数字，如 2026，而不是“今年”",
        ),
        (
            [
                "--db",
                "x.kaohe",
                "bulletin-pdf",
                "--period",
                "2026Q2",
                "--out",
                "x.pdf",
                "--edition",
                "二",
            ],
            "错误：参数 --edition：版次应为整数，如 2，而不是“二”",
        ),
        (
            [
                "--db",
                "x.kaohe",
                "bulletin-pdf",
                "--period",
                "2026Q2",
                "--out",
                "x.pdf",
                "--new",
                "--edition",
                "1",
            ],
            "错误：参数 --edition：不能与参数 --new 同时使用",
        ),
        (
            ["--db", "x.kaohe", "scores", "--out", "x.xlsx"],
            "错误：须给出以下参数之一：--half --year",
        ),
        (["--db", "x.kaohe", "import"], "错误：缺少必填参数：工作簿"),
        (["init"], "错误：缺少 --db"),
    ],
)
def test_refusals_are_chinese_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refusal(capsys, *argv)
    assert message in err
    assert err.startswith("用法：kaohe")
    assert "--help 查看说明和示例" in err
    assert _latin_words(err, argv) == [], err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--count", "三"], "错误：参数 --count：“三”不是有效的值"),
        (["--ou", "x"], "错误：选项 --ou 不明确，可能是："),
        (["--pair", "x"], "错误：参数 --pair：后面须跟 2 个值"),
        (["--flag=1"], "错误：参数 --flag：此选项不带值，“1”无处可用"),
    ],
)
def test_argparse_own_messages_are_translated(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """What no `kaohe` argument shows today, in case one comes to: argparse's words
    through its gettext names, on this Python."""
    parser = ChineseArgumentParser(prog="kaohe")
    parser.add_argument("--count", type=int)
    parser.add_argument("--out")
    parser.add_argument("--outline")
    parser.add_argument("--pair", nargs=2)
    parser.add_argument("--flag", action="store_true")
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    """The translation is the Chinese parsers' alone: a refusal leaves argparse's names
    as they were, and another parser still speaks argparse's English."""
    _refusal(capsys, "--db", "x.kaohe", "ranking")
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    assert "usage:" in argparse.ArgumentParser(prog="other").format_usage()


def test_wrapping_counts_two_columns_a_chinese_character() -> None:
    lines = wrap(
        "数据文件路径，或服务器地址 postgresql+psycopg://账号@服务器:端口/数据库（不写密码）", 30
    )
    address = "postgresql+psycopg://账号@服务器:端口/数据库"
    assert all(display_width(line) <= 30 for line in lines if line != address)
    assert address in lines  # an address is not cut
    assert not any(line.startswith(("，", "）")) for line in lines)


def test_the_desktop_program_answers_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    from kaohe_desktop import __main__ as entry

    with pytest.raises(SystemExit) as exit_:
        entry.parse_arguments(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：kaohe-desktop") and "位置参数：" in text and "选项：" in text
    assert not [word for word in ENGLISH_FRAME if word in text.lower()]
    for line in text.splitlines():
        if line.strip().startswith("kaohe-desktop "):
            entry.parse_arguments(shlex.split(line.strip())[1:])
    with pytest.raises(SystemExit):
        entry.parse_arguments(["--version"])
    assert capsys.readouterr().out == f"考核台账 {__version__}\n"
    with pytest.raises(SystemExit) as exit_:
        entry.parse_arguments(["--bogus"])
    assert exit_.value.code == 2
    assert "错误：无法识别的参数：--bogus" in capsys.readouterr().err
