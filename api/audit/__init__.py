"""The append-only, hash-chained audit trail of every API request, login and refused access."""
