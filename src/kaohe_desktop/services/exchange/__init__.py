"""The exchange workbook: import (all or nothing) and export of every sheet."""
