"""Actions: the action plan agencies own, tracked to done (issue 12)."""
