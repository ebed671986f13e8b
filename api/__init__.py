"""MARAC case-management service: HTTP, persistence and authentication adapters."""
