"""Users, their panel roles, login sessions with rotating refresh tokens, and partner API keys."""
