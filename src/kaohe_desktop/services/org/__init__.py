"""The bureau's organisation: departments, people and their moves between departments."""
