"""操作日志: the administrator's view of the hash-chained audit log."""
