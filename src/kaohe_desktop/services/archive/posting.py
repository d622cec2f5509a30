"""How long the 优秀等次拟推荐人选 are posted (公示期), in working days.

Apart from annual_export, whose module imports the services' machinery: the command
line's parser and the 公示 dialog show these numbers without it.
"""

from __future__ import annotations

POSTING_DAYS = 5  # 公示期: working days
MAX_POSTING_DAYS = 30
