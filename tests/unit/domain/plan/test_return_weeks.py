"""Return weeks: the room the ramp rules leave (DESIGN.md §5 RAMP-WEEKLY, RAMP-BLOCK)."""

from __future__ import annotations

from runcoach.domain.plan.checks import block_limit
from runcoach.domain.plan.return_weeks import ramp_room


def _block_ok(vols: list[float]) -> bool:
    """RAMP-BLOCK holds for the last week of ``vols``."""
    return vols[-1] <= block_limit(sum(vols[-8:-4]) / 4, sum(vols[-4:-1])) + 1e-6


def test_a_week_after_a_low_week_leaves_room_for_the_month_after_it() -> None:
    # A month at the 6 km floor, then a week cut short at 2.1 km.
    history = [6000.0] * 11 + [2100.0]
    room = ramp_room(history, 3)
    # This week alone could run 15.9 km, but the next three weeks could then not even hold it.
    assert room < block_limit(6000.0, 6000.0 * 2 + 2100.0)
    vols = list(history)
    for _ in range(4):
        vols.append(room)
        assert _block_ok(vols)


def test_a_steady_history_keeps_the_usual_room() -> None:
    history = [40000.0] * 12
    assert ramp_room(history, 5) == ramp_room([40000.0] * 8, 5)
    assert 40000.0 < ramp_room(history, 5) <= 1.3 * 40000.0
