"""Child of test_hostile_workbooks: read one workbook as the import does, and report.

`python -m tests.reliability.hostile_child PATH`, started with RLIMIT_AS already set
(the parent's preexec_fn), prints one JSON line: outcome ("read" or "refused"), the
message a clerk would see, the seconds the read took and the peak resident memory.
A MemoryError under the limit ends it with a traceback and a non-zero exit, which is
what the test asserts against.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from kaohe_desktop.domain.exchange_parse import parse_book
from kaohe_desktop.reports.excel_exchange_reader import WorkbookFileError, read_workbook_rows


def main(path: str) -> None:
    started = time.perf_counter()
    try:
        _, errors = parse_book(read_workbook_rows(path))
        # as the import's message: the first 200 (a file can have hundreds of thousands)
        outcome, message = ("refused" if errors else "read"), "\n".join(map(str, errors[:200]))
    except WorkbookFileError as error:
        outcome, message = "refused", str(error)
    seconds = round(time.perf_counter() - started, 2)
    print(json.dumps(report_of(outcome, message, seconds), ensure_ascii=False))


def peak_mb() -> int:
    """This process's peak resident memory. Not ru_maxrss: that keeps the parent's
    peak across fork and exec; VmHWM belongs to the new program alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:  # not Linux
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def report_of(outcome: str, message: str, seconds: float) -> dict[str, object]:
    return {"outcome": outcome, "message": message, "seconds": seconds, "peak_mb": peak_mb()}


if __name__ == "__main__":
    main(sys.argv[1])
