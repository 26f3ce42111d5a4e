"""What elected members may be shown: aggregates only, with small numbers suppressed. Pure.

A count of one to four children can identify a child in a small council or a small team, so it
is shown as "fewer than 5", and a percentage worked out from fewer than five children is not
shown at all. Percentages are whole numbers. Zero is shown: it identifies nobody."""

from decimal import ROUND_HALF_UP, Decimal

SMALL_NUMBER = 5
SUPPRESSED = "fewer than 5"
NOT_SHOWN = "not shown (fewer than 5 children)"


def is_small(count: int) -> bool:
    return 0 < count < SMALL_NUMBER


def count_for_members(count: int) -> str:
    """"1,204", "0", or "fewer than 5"."""
    return SUPPRESSED if is_small(count) else f"{count:,}"


def percent_for_members(value: Decimal | None, denominator: int) -> str:
    """A whole-number percentage, or why there is none."""
    if value is None or denominator == 0:
        return "no children counted"
    if is_small(denominator):
        return NOT_SHOWN
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def value_for_members(value: Decimal | None, denominator: int, *, percent: bool) -> Decimal | None:
    """The figure a members' chart may plot: None where it would be worked out from fewer than
    five children."""
    if value is None or is_small(denominator):
        return None
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP) if percent else value
