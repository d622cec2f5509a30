"""半年考核 ("scoring": departments, per half year, 1000 points by deduction)."""
