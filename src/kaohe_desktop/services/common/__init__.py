"""Machinery the capability packages share: conflict-checked record editing."""
