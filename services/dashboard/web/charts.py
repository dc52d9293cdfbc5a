"""The geometry of the page's small charts (inline SVG, drawn by the templates)."""

from dataclasses import dataclass

from ..domain.key_figures import Kpis

CHART_WIDTH = 400.0
BAR_AREA = 200.0  # the funnel's bars; labels on their left, numbers on their right
WEEKS_SHOWN = 12


@dataclass(frozen=True)
class FunnelStep:
    key: str
    value: int
    width: float
    y: float
    rate_from_previous: float | None


def funnel(k: Kpis) -> list[FunnelStep]:
    f = k.funnel
    steps = [("funnel_contacted", f.contacted, None),
             ("funnel_qualified", f.qualified, f.contacted_to_qualified),
             ("funnel_installed", f.installed, f.qualified_to_installed)]
    widest = max(f.contacted, f.qualified, f.installed, 1)
    return [FunnelStep(key, value, round(max(BAR_AREA * value / widest, 2), 1), i * 46.0, rate)
            for i, (key, value, rate) in enumerate(steps)]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    second: int | float | None
    x: float
    width: float
    y: float
    height: float


def columns(items: list[tuple[str, int, int | float | None]], height: float = 130.0,
            width: float = CHART_WIDTH) -> list[Bar]:
    """Vertical bars for (label, value, second value shown beside it) items."""
    if not items:
        return []
    tallest = max(max(v for _, v, _ in items), 1)
    slot = width / len(items)
    bar_width = min(slot * 0.6, 60.0)
    bars = []
    for i, (label, value, second) in enumerate(items):
        bar_height = round(height * value / tallest, 1)
        bars.append(Bar(label, value, second, round(i * slot + (slot - bar_width) / 2, 1),
                        round(bar_width, 1), round(20 + height - bar_height, 1), bar_height))
    return bars


def years(k: Kpis) -> list[Bar]:
    return columns([(str(y.year), y.installed_solos, y.new_inhabitants)
                    for y in k.installations_by_year])


def weeks(k: Kpis) -> list[Bar]:
    recent = k.bookings_per_week[-WEEKS_SHOWN:]
    return columns([(w.week[5:], w.standing, w.desk_hours) for w in recent], height=100.0)
