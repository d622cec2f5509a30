"""Streaming passes over a workbook's XML driven by expat's own callbacks.

ElementTree's XMLParser calls back through Python for every element (fixing the tag's
name, building the attribute dict) before its target sees it; a county worksheet has
six million such events. Here the handlers sit directly on expat: tags and attribute
names arrive as "namespace}name" and attributes as a dict built by expat itself.
defusedxml's parser is still the one that runs, so its refusal of entity declarations
and external references stays installed. The limits are excel_exchange_scan's.

This module reads the shared strings; excel_exchange_sheet reads the worksheets.
"""

from __future__ import annotations

from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from kaohe_desktop.reports import excel_exchange_scan as limits
from kaohe_desktop.reports.excel_exchange_scan import (
    STRING_TAG,
    SUSPICIOUS,
    UNSAFE_XML,
    SharedStringError,
    WorkbookFileError,
    bad_content,
)


class Raw:
    """A parse driven by expat's own callbacks, without ElementTree's per-element layer
    (a county sheet has six million events). defusedxml's parser is still the one that
    runs: its refusal of entity declarations and external references stays installed.
    Tags and attribute names arrive as "namespace}name"."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.text = 0  # characters of the current text run
        self.fed = self.seen = 0  # bytes fed so far; bytes fed at the last event
        self.collecting: list[str] | None = None  # where text goes now

    def where(self) -> str:
        return f"工作簿的 {self.part} 部分"

    def refuse(self, reason: str) -> WorkbookFileError:
        return WorkbookFileError(f"{self.where()}{reason}")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise NotImplementedError

    def end(self, tag: str) -> None:
        raise NotImplementedError

    def data(self, text: str) -> None:
        self.seen = self.fed
        self.text += len(text)
        if self.text > limits.MAX_TEXT_CHARS:
            raise self.refuse(
                f"有超过 {limits.MAX_TEXT_CHARS} 个字符的文本（Excel 的上限），{SUSPICIOUS}"
            )
        if self.collecting is not None:
            self.collecting.append(text)

    def other(self, *_args: object) -> None:
        self.seen = self.fed  # a comment or processing instruction is an event too

    def parse_error(self, error: ParseError) -> Exception:
        return self.refuse(bad_content(error))


class _Ignored:
    # ElementTree's XMLParser installs its handlers for these; Raw replaces them.
    def start(self, tag: str, attrib: dict[str, str]) -> None: ...
    def end(self, tag: str) -> None: ...
    def data(self, text: str) -> None: ...
    def close(self) -> None: ...


def feed_raw(stream: IO[bytes], handler: Raw) -> None:
    parser = DefusedXMLParser(target=_Ignored())
    expat = parser.parser
    expat.ordered_attributes = False  # a dict, built by expat itself
    expat.StartElementHandler = handler.start
    expat.EndElementHandler = handler.end
    expat.CharacterDataHandler = handler.data
    expat.CommentHandler = handler.other
    expat.ProcessingInstructionHandler = handler.other
    try:
        while chunk := stream.read(limits.CHUNK_BYTES):
            handler.fed += len(chunk)
            parser.feed(chunk)
            if handler.fed - handler.seen > limits.MAX_PENDING_BYTES:
                raise handler.refuse(f"有超过 1 MB 的单个标签或注释，{SUSPICIOUS}")
        parser.close()
    except ParseError as error:
        raise handler.parse_error(error) from None
    except DefusedXmlException as error:
        raise WorkbookFileError(UNSAFE_XML) from error


# What an open element is. A cell's content below CELL; the text kept is a cell's
# first <v>, and of an inline string (or a shared string) its <t> and <r><t> runs.
OTHER, ROW, CELL, CONTENT, VALUE, INLINE, INLINE_T, RUN, RUN_T = range(9)


class RichText:
    """The text of a rich-text element (<is>, <si>) as openpyxl's Text.content reads it:
    its last direct <t>, then the last <t> of each <r>; phonetic runs left out."""

    def __init__(self) -> None:
        # The text pieces of each <t> (a list the pass appends to while the <t> is open;
        # a child element ends it, as ElementTree's .text ends at the first child).
        self.plain: list[str] = []  # the last direct <t>
        self.runs: list[list[str]] = []  # the last <t> of each <r> that has one
        self.run_has_t = False

    def content(self) -> str:
        return "".join(self.plain) + "".join("".join(run) for run in self.runs)


def local_name(tag: str) -> str:
    return tag.rpartition("}")[2]  # openpyxl's from_tree matches children by local name


class _Strings(Raw):
    """The shared strings in one pass: bounded (a refused entry raises SharedStringError
    with its index) and read as openpyxl's read_string_table reads them."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.elements = 0
        self.index = -1  # the shared string being read
        self.strings: list[str] = []
        self.kinds: list[int] = []
        self.entry: RichText | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.seen, self.text = self.fed, 0
        self.elements += 1
        if self.elements > limits.MAX_STRING_ELEMENTS:
            raise self.refuse(
                f"过大（超过 {limits.MAX_STRING_ELEMENTS:,} 个 XML 元素），{SUSPICIOUS}"
            )
        self.collecting = None
        kinds, entry = self.kinds, self.entry
        parent = kinds[-1] if kinds else OTHER
        if tag == STRING_TAG and entry is None:
            self.index += 1
            if self.index >= limits.MAX_SHARED_STRINGS:
                raise self.refuse(
                    f"文本过多（超过 {limits.MAX_SHARED_STRINGS:,} 条），{SUSPICIOUS}"
                )
            self.entry = RichText()
            kinds.append(INLINE)
        elif entry is not None and parent == INLINE and local_name(tag) == "t":
            self.collecting = entry.plain = []  # the last <t> stands
            kinds.append(INLINE_T)
        elif entry is not None and parent == INLINE and local_name(tag) == "r":
            entry.run_has_t = False
            kinds.append(RUN)
        elif entry is not None and parent == RUN and local_name(tag) == "t":
            if not entry.run_has_t:
                entry.runs.append([])
                entry.run_has_t = True
            self.collecting = entry.runs[-1] = []  # the last <t> of the run stands
            kinds.append(RUN_T)
        else:
            kinds.append(OTHER)

    def end(self, tag: str) -> None:
        self.seen, self.text = self.fed, 0
        kind, entry = self.kinds.pop(), self.entry
        if entry is None:
            return
        if kind == INLINE:
            self.strings.append(entry.content().replace("x005F_", ""))  # as openpyxl
            self.entry = None
        self.collecting = None

    def data(self, text: str) -> None:
        if self.index >= 0 and self.text + len(text) > limits.MAX_TEXT_CHARS:
            reason = f"文本超过 {limits.MAX_TEXT_CHARS} 个字符（Excel 的上限），{SUSPICIOUS}"
            raise SharedStringError(self.index, reason)  # the entry named, not the part
        super().data(text)

    def parse_error(self, error: ParseError) -> Exception:
        if self.index < 0:
            return super().parse_error(error)
        return SharedStringError(self.index, "文本" + bad_content(error))


def read_strings(stream: IO[bytes], part: str) -> list[str]:
    """The shared strings, bounded; a bad entry raises SharedStringError."""
    handler = _Strings(part)
    feed_raw(stream, handler)
    return handler.strings


def scan_strings(stream: IO[bytes], part: str) -> None:
    """The shared strings' bounds only (openpyxl reads them after)."""
    read_strings(stream, part)
