"""How deep a run is in a chain of runs, told by `Renderowl-Automation-Depth`.

Every webhook action sends the depth of the run it belongs to; a trigger request (public
trigger or manual run) that carries the header starts its run one deeper, and a run deeper
than MAX_DEPTH is refused with 409 AUTOMATION_LOOP, so an automation that calls itself ends.

The header is believed only on a request that already authenticated (the trigger's secret or
an API key): it can only make the caller's own run refused sooner. A caller that drops it (an
intermediary, or a client that means to loop) starts again at 0; for that case the trigger's
rate limit and the per-project cap on running runs are the bound.
"""
import re

from ..errors import ApiError, ValidationError

DEPTH_HEADER = "Renderowl-Automation-Depth"
MAX_DEPTH = 3
_DIGITS = re.compile(r"[0-9]{1,9}")


def depth_from(headers):
    """The depth of a run started by a request with these headers: 0, or the sender's depth + 1."""
    raw = headers.get(DEPTH_HEADER)
    if raw is None:
        return 0
    if not _DIGITS.fullmatch(raw.strip()):
        raise ValidationError({DEPTH_HEADER: "Must be a non-negative integer (the depth of the calling run)."})
    return int(raw.strip()) + 1


def ensure_not_looping(depth):
    """409 AUTOMATION_LOOP for a run deeper than MAX_DEPTH."""
    if depth > MAX_DEPTH:
        raise ApiError("AUTOMATION_LOOP", f"Automation chain too deep: a run started by a run at depth {depth - 1} "
                       f"would be at depth {depth}; at most {MAX_DEPTH} levels are allowed", 409,
                       details={"depth": depth, "maxDepth": MAX_DEPTH})


def outbound_headers(headers, depth):
    """An action's headers with the run's depth set (an action's own header of that name is replaced)."""
    kept = {str(k): str(v) for k, v in (headers or {}).items() if str(k).lower() != DEPTH_HEADER.lower()}
    return {**kept, DEPTH_HEADER: str(depth)}
