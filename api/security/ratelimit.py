"""Rate limits with `limits`: in memory by default, shared through Redis when configured.

Limits are per login identity (a keyed hash, never the address itself), per client address on
login, and per API key. Exceeding one answers 429 with Retry-After.
"""

import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from api.config import Settings
from api.problems import TooManyRequests

LOGIN_PER_IDENTITY = parse("10/minute")
LOGIN_PER_CLIENT = parse("300/minute")
REFRESH_PER_CLIENT = parse("300/minute")
API_KEY_REQUESTS = parse("300/minute")


class RateLimiter:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)

    def reset(self) -> None:
        self._storage.reset()

    def hit(self, item: RateLimitItem, *identifiers: str) -> None:
        """Counts one request; raises 429 with Retry-After when the window is full."""
        if self._limiter.hit(item, *identifiers):
            return
        reset_at = self._limiter.get_window_stats(item, *identifiers).reset_time
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise TooManyRequests("Too many attempts; try again later.",
                              headers={"Retry-After": str(retry_after)})


def make_rate_limiter(settings: Settings) -> RateLimiter:
    storage: Storage = RedisStorage(settings.redis_url) if settings.redis_url else MemoryStorage()
    return RateLimiter(storage)
