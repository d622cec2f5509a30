"""Queries per aggregate that more than one service package asks.

A query only one service uses stays beside that service; one that several packages
ask (the departments in the bureau's order, the staff categories, the bureau's name)
lives here once, so "in the bureau's order" means the same thing on every screen."""
