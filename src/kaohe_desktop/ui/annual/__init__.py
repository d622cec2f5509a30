"""The 年度考核 tab: the year's annual assessment of everyone, worked by the clerk."""
