"""季度查账: checks of each task per period and level, 督办单, 整改 and 通报 (to come)."""
