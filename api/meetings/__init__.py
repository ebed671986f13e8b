"""The meeting cycle: panel calendar settings, meetings, and scheduling cases onto them."""
