"""The backup folder, backups, and restoring one into a new file."""
