"""Closing and reopening assessment periods."""
