"""Rate limits with `limits`: in memory by default, shared through Redis when configured.

Limits are per login identity (a keyed hash, never the address itself), per client address on
login, and per API key; their sizes are settings. Exceeding one answers 429 with Retry-After.
"""

import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from api.config import Settings
from api.problems import TooManyRequests


@dataclass(frozen=True)
class Limits:
    login_per_identity: RateLimitItem
    login_per_client: RateLimitItem
    refresh_per_client: RateLimitItem
    api_key: RateLimitItem

    @classmethod
    def from_settings(cls, settings: Settings) -> "Limits":
        return cls(parse(settings.login_rate_per_identity), parse(settings.login_rate_per_client),
                   parse(settings.refresh_rate_per_client), parse(settings.api_key_rate))


class RateLimiter:
    def __init__(self, storage: Storage, limits: Limits) -> None:
        self.limits = limits
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
    return RateLimiter(storage, Limits.from_settings(settings))
