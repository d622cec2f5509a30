"""Editing screens: one record at a time, and never over someone else's change."""
