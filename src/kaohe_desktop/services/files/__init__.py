"""The data file itself: backups and restore, following other workstations, closing periods."""
