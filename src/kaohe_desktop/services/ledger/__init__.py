"""台账: the year's tasks, copying forward, the 台账 sheet, wall charts (墙上台账)."""
