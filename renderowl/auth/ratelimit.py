"""Sliding-window rate limits per key: in-process, or exact across hosts with Redis."""
import secrets
import threading
import time
from collections import deque

WINDOW_SECONDS = 60

# Redis' clock, not the callers': hosts' clocks disagree, the server's is the one truth.
_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local window = tonumber(ARGV[1])
"""

# One atomic step on the sorted set `key`: drop entries older than the window, count, admit or
# refuse. Refused requests are not recorded, so a client that backs off regains capacity on time.
_STEP = """
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count + weight <= limit then
  for i = 1, weight do
    redis.call('ZADD', key, now, member .. ':' .. i .. ':' .. t[1] .. t[2])
  end
  redis.call('PEXPIRE', key, math.ceil(window * 1000))
  return {1, limit - count - weight, 0}
end
-- Room for `weight` more once this many of the oldest entries have expired.
local need = math.max(1, math.min(count + weight - limit, count))
local oldest = redis.call('ZRANGE', key, need - 1, need - 1, 'WITHSCORES')
local retry = window
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
return {0, limit - count, tostring(retry)}
"""

# hit(): the step on KEYS[1] (limit ARGV[2], member ARGV[3], weight ARGV[4]).
_REDIS_HIT = _NOW + """
local key, limit, member, weight = KEYS[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
""" + _STEP

# How many entries of KEYS[1] are inside the window now.
_COUNT = "redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')"

# admit(), a keyed request's one round trip: {-1} when its client address is throttled (KEYS[1]
# holds ARGV[2] or more failures), else the step on the key's bucket KEYS[2] (limit ARGV[3],
# member ARGV[4], weight ARGV[5]) when one is given.
_REDIS_ADMIT = _NOW + "if " + _COUNT + """ >= tonumber(ARGV[2]) then return {-1, 0, 0} end
if #KEYS < 2 then return {1, 0, 0} end
local key, limit, member, weight = KEYS[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
""" + _STEP

THROTTLED = object()  # admit()'s answer when the client address is throttled


class Decision:
    """Outcome of one check: allowed, remaining requests and seconds until a slot frees."""

    __slots__ = ("allowed", "limit", "remaining", "retry_after")

    def __init__(self, allowed, limit, remaining, retry_after):
        self.allowed = allowed
        self.limit = limit
        self.remaining = max(0, remaining)
        self.retry_after = max(1, int(retry_after + 0.999)) if not allowed else 0


class MemoryRateLimiter:
    """Exact sliding log per process (the embedded default runs one host).

    Keys idle for a whole window are dropped (at most once per window, in one pass), so the
    log holds only keys active in the last two windows, however many keys ever called.
    """

    def __init__(self, window=WINDOW_SECONDS, clock=time.monotonic):
        self.window = window
        self.clock = clock
        self._hits = {}
        self._lock = threading.Lock()
        self._next_sweep = clock() + window

    def _sweep(self, now):
        cutoff = now - self.window
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= cutoff]:
            del self._hits[key]
        self._next_sweep = now + self.window

    def hit(self, key, limit, weight=1):
        """Admit a request costing `weight` requests, or refuse it (recording nothing)."""
        now = self.clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            hits = self._live(self._hits.setdefault(key, deque()), now)
            if len(hits) + weight <= limit:
                hits.extend([now] * weight)
                return Decision(True, limit, limit - len(hits), 0)
            if not hits:
                return Decision(False, limit, limit, self.window)
            # Room for `weight` more once this many of the oldest entries have expired.
            need = max(1, min(len(hits) + weight - limit, len(hits)))
            return Decision(False, limit, limit - len(hits), hits[need - 1] + self.window - now)

    def count(self, key):
        """Hits of `key` inside the window, without adding one."""
        now = self.clock()
        with self._lock:
            return len(self._live(self._hits.get(key, ()), now))

    def _live(self, hits, now):
        """`hits` (a key's log, oldest first) with the ones outside the window dropped."""
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def admit(self, guard, guard_limit, key=None, limit=0, weight=1):
        """THROTTLED when `guard` holds `guard_limit` hits or more; else `hit(key, ...)`'s
        Decision, or None without a key. (One call, like the Redis limiter's one round trip.)"""
        if self.count(guard) >= guard_limit:
            return THROTTLED
        return None if key is None else self.hit(key, limit, weight)


class RedisRateLimiter:
    """Exact sliding log in a Redis sorted set, shared by every worker on every host."""

    def __init__(self, client, window=WINDOW_SECONDS, prefix="renderowl:rl:"):
        self.client = client
        self.window = window
        self.prefix = prefix
        self._hit = client.register_script(_REDIS_HIT)
        self._admit = client.register_script(_REDIS_ADMIT)

    def hit(self, key, limit, weight=1):
        """Admit a request costing `weight` requests, or refuse it (recording nothing)."""
        # One round trip: the script reads the clock, trims, counts and records atomically.
        allowed, remaining, retry = self._hit(
            keys=[self.prefix + key], args=[self.window, limit, secrets.token_hex(8), int(weight)])
        return Decision(bool(allowed), limit, int(remaining), float(retry))

    def admit(self, guard, guard_limit, key=None, limit=0, weight=1):
        """THROTTLED when `guard` holds `guard_limit` hits or more; else `hit(key, ...)`'s
        Decision, or None without a key: both in one round trip."""
        keys, args = [self.prefix + guard], [self.window, guard_limit]
        if key is not None:
            keys.append(self.prefix + key)
            args += [limit, secrets.token_hex(8), int(weight)]
        allowed, remaining, retry = self._admit(keys=keys, args=args)
        if allowed == -1:
            return THROTTLED
        return None if key is None else Decision(bool(allowed), limit, int(remaining), float(retry))


def make_limiter(redis_url, window=WINDOW_SECONDS):
    """Redis-backed when a URL is configured, else in-process."""
    if redis_url:
        import redis
        return RedisRateLimiter(redis.Redis.from_url(redis_url), window=window)
    return MemoryRateLimiter(window=window)
