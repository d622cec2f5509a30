"""管理 → 考核方案…: the schemes of every period, shown and edited."""
