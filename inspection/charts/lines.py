"""Line charts (a measure month by month, against its target) and sparklines (the same trend, tiny,
beside a figure on a dashboard card)."""

import math

from .base import (
    AXIS, FONT_SIZE, GRID, SECONDARY_TEXT, TEXT, WHITE, Chart, readable, Series, chart_id, empty_svg, format_number,
    format_value, legend, line, nice_ceiling, num, rect, svg, text, text_width, ticks, trend_sentence,
)

# Each line differs by colour, dash pattern and marker shape, so no one needs to tell colours apart.
SERIES_STYLES = [
    ("#1d70b8", "", "circle"),
    ("#4c2c92", "8 4", "square"),
    ("#00703c", "2 3", "diamond"),
    ("#d53880", "10 3 2 3", "triangle"),
    ("#505a5f", "4 2", "circle"),
]
TARGET_DASH = "6 4"
TARGET_COLOUR = TEXT
MIN_PLOT_HEIGHT = 110


def _marker(shape: str, x: float, y: float, fill: str, size: float = 4) -> str:
    outline = 'stroke="#ffffff" stroke-width="1.5"'
    if shape == "square":
        return (f'<rect x="{num(x - size)}" y="{num(y - size)}" width="{num(size * 2)}" height="{num(size * 2)}" '
                f'fill="{fill}" {outline}/>')
    if shape == "diamond":
        s = size * 1.3
        points = f"{num(x)},{num(y - s)} {num(x + s)},{num(y)} {num(x)},{num(y + s)} {num(x - s)},{num(y)}"
        return f'<polygon points="{points}" fill="{fill}" {outline}/>'
    if shape == "triangle":
        s = size * 1.3
        points = f"{num(x)},{num(y - s)} {num(x + s)},{num(y + s * 0.8)} {num(x - s)},{num(y + s * 0.8)}"
        return f'<polygon points="{points}" fill="{fill}" {outline}/>'
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(size)}" fill="{fill}" {outline}/>'


def _path(points: list[tuple[float, float] | None], *, stroke: str, width: float, dash: str = "",
          extra: str = "") -> str:
    """One path for the whole line, lifting the pen over months with no figure (a gap, not a zero)."""
    commands, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{num(point[0])} {num(point[1])}")
        pen_down = True
    if not any(c.startswith("L") for c in commands):
        return ""
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<path d="{"".join(commands)}" fill="none" stroke="{stroke}" stroke-width="{num(width)}" '
            f'stroke-linejoin="round" stroke-linecap="round"{dash_attribute}{extra}/>')


def _spread(labels: list[list], *, gap: float, low: float, high: float) -> None:
    """Move right-hand labels (each [y, ...]) apart vertically so none overlaps, keeping them within
    low..high: two lines ending near the target would otherwise print on top of each other."""
    labels.sort(key=lambda label: label[0])
    for i in range(1, len(labels)):
        labels[i][0] = max(labels[i][0], labels[i - 1][0] + gap)
    if labels and labels[-1][0] > high:
        labels[-1][0] = high
        for i in range(len(labels) - 2, -1, -1):
            labels[i][0] = min(labels[i][0], labels[i + 1][0] - gap)
    if labels and labels[0][0] < low:
        labels[0][0] = low
        for i in range(1, len(labels)):
            labels[i][0] = max(labels[i][0], labels[i - 1][0] + gap)


def _axis_label(value: float, unit: str) -> str:
    return f"{format_number(value)}%" if unit == "%" else format_number(value)


def _table(x_labels: list[str], series: list[Series], unit: str, x_heading: str) -> tuple[list[str], list[list[str]]]:
    if len(series) > 1:
        headers = [x_heading] + [s.label or f"Line {i + 1}" for i, s in enumerate(series)]
    else:
        headers = [x_heading, (series[0].label if series else "") or "Figure"]
    rows = []
    for i, x_label in enumerate(x_labels):
        rows.append([x_label] + [format_value(s.values[i] if i < len(s.values) else None, unit) for s in series])
    return headers, rows


def line_chart(*, title: str, x_labels: list[str], series: list[Series], unit: str = "%", target: float | None = None,
               y_max: float | None = None, lower_is_better: bool = False, width: int = 560, height: int = 200,
               x_heading: str = "Month") -> Chart:
    """A measure over time (usually 12 months): gridlines, a dashed target line labelled "Target
    85%", a dot on every figure, a gap where a month has no figure and the latest figure written at
    the end of its line. Two or more lines get a legend and differ by dash and marker, not colour alone.
    The y axis runs from 0 to y_max: 100 for a percentage, otherwise a round number above the figures."""
    caption = title if target is None else f"{title} (target {format_value(target, unit)})"
    headers, rows = _table(x_labels, series, unit, x_heading)
    named = len(series) > 1
    summary = " ".join(
        trend_sentence(s.values, x_labels, unit=unit, target=target, lower_is_better=lower_is_better,
                       name=s.label if named else "")
        for s in series
    ) or "No figures yet."
    id_ = chart_id("line", title, (x_labels, [(s.label, s.values) for s in series], unit, target))
    values = [v for s in series for v in s.values if v is not None]
    if not values or not x_labels:
        return Chart(title=title, svg=empty_svg(id_=id_, kind="line", title=title, summary=summary, width=width,
                                                height=height),
                     caption=caption, headers=headers, rows=rows, summary=summary, kind="line")

    # The scale: 0 to 100 for a percentage, else a round number at or above every figure and the target.
    highest = max(values + ([target] if target is not None else []))
    lowest = min(values + ([target] if target is not None else []))
    if y_max is None:
        y_max = 100.0 if unit == "%" and highest <= 100 else nice_ceiling(highest)
    y_max = max(y_max, nice_ceiling(highest)) if highest > y_max else y_max
    y_min = 0.0 if lowest >= 0 else -nice_ceiling(-lowest)
    y_ticks = ticks(y_max, y_min)

    # Margins: tick labels on the left, the legend (several lines) and unit on top, the latest
    # figures and the target's label on the right, month labels underneath.
    body: list[str] = []
    top = 10
    if named:
        items = []
        for i, s in enumerate(series):
            colour, dash, shape = SERIES_STYLES[i % len(SERIES_STYLES)]
            swatch = line(0, 7, 24, 7, stroke=colour, width=2.5, dash=dash) + _marker(shape, 12, 7, colour, 3.5)
            items.append((s.label, swatch))
        legend_parts, legend_height = legend(items, x=8, y=4, width=width - 16)
        body += legend_parts
        top = 4 + legend_height + 8
    if unit and unit != "%":
        body.append(text(4, top + 2, unit, fill=SECONDARY_TEXT))
        top += 14
    tick_labels = [_axis_label(t, unit) for t in y_ticks]
    left = max(text_width(label) for label in tick_labels) + 12
    last_labels = []
    for i, s in enumerate(series):
        known = [(j, v) for j, v in enumerate(s.values[:len(x_labels)]) if v is not None]
        if known:
            last_labels.append((i, known[-1][0], known[-1][1], format_value(known[-1][1], unit)))
    target_label = f"Target {format_value(target, unit)}" if target is not None else ""
    right_needed = max([text_width(target_label) + 12 if target_label else 0]
                       + [text_width(label, bold=True) + 6 for *_, label in last_labels])
    right = max(right_needed, 16)
    bottom = 24
    # A long legend makes the chart taller rather than squashing the lines flat.
    height = max(height, top + MIN_PLOT_HEIGHT + bottom)
    plot_width, plot_height = width - left - right, height - top - bottom
    step = plot_width / len(x_labels)
    plot_bottom = top + plot_height

    def x_at(index: float) -> float:
        return left + step * (index + 0.5)

    def y_at(value: float) -> float:
        return plot_bottom - (value - y_min) / (y_max - y_min) * plot_height

    # Gridlines and the y axis labels.
    for tick, label in zip(y_ticks, tick_labels):
        y = y_at(tick)
        body.append(line(left, y, left + plot_width, y, stroke=AXIS if tick == 0 else GRID, width=1))
        body.append(text(left - 6, y + 4, label, anchor="end", fill=SECONDARY_TEXT))

    # Month labels: every one if they fit, else every second or third, always keeping the latest.
    label_width = max(text_width(label) for label in x_labels) + 8
    every = max(1, math.ceil(label_width / step))
    for i, x_label in enumerate(x_labels):
        if (len(x_labels) - 1 - i) % every == 0:
            body.append(line(x_at(i), plot_bottom, x_at(i), plot_bottom + 4, stroke=AXIS))
            body.append(text(x_at(i), plot_bottom + 17, x_label, anchor="middle", fill=SECONDARY_TEXT))

    # The target, then the lines over it.
    right_labels = []
    if target is not None:
        y = y_at(target)
        body.append(line(left, y, left + plot_width, y, stroke=TARGET_COLOUR, width=1.5, dash=TARGET_DASH))
        right_labels.append([y, left + plot_width + 6, target_label, False, TEXT])
    for i, s in enumerate(series):
        colour, dash, shape = SERIES_STYLES[i % len(SERIES_STYLES)]
        points = [(x_at(j), y_at(v)) if v is not None else None for j, v in enumerate(s.values[:len(x_labels)])]
        body.append(_path(points, stroke=colour, width=2.5, dash=dash))
        body += [_marker(shape, p[0], p[1], colour) for p in points if p is not None]
    for i, index, value, label in last_labels:
        # In the line's own colour (darkened where needed to read as text), tying each latest figure to its line.
        fill = readable(SERIES_STYLES[i % len(SERIES_STYLES)][0]) if named else TEXT
        right_labels.append([y_at(value), x_at(index) + 8, label, True, fill])
    _spread(right_labels, gap=FONT_SIZE + 1, low=top + 2, high=plot_bottom)
    for y, x, label, bold, fill in right_labels:
        if bold:  # a latest figure sits on a white patch: no line or target runs through its digits
            body.append(rect(x - 2, y - 8, text_width(label, bold=bold) + 4, 16, fill=WHITE,
                             extra='fill-opacity="0.85"'))
        body.append(text(x, y + 4, label, bold=bold, fill=fill))

    return Chart(title=title, svg=svg(id_=id_, kind="line", title=title, summary=summary, width=width, height=height,
                                      body=body),
                 caption=caption, headers=headers, rows=rows, summary=summary, kind="line")


def sparkline(*, title: str, values: list[float | None], target: float | None = None, width: int = 120,
              height: int = 32, unit: str = "%", x_labels: list[str] | None = None,
              lower_is_better: bool = False) -> Chart:
    """A tiny trend with no axes or text, the target as a faint dashed line and the latest figure as a
    dot, for beside a headline figure. Its table still lists every value (by month when x_labels are
    given, else numbered from the earliest)."""
    labels = list(x_labels) if x_labels else []
    row_labels = labels if labels else [str(i + 1) for i in range(len(values))]
    summary = trend_sentence(values, labels, unit=unit, target=target, lower_is_better=lower_is_better)
    caption = title if target is None else f"{title} (target {format_value(target, unit)})"
    headers = ["Month" if labels else "Figure number", "Figure"]
    rows = [[row_labels[i] if i < len(row_labels) else str(i + 1), format_value(v, unit)] for i, v in enumerate(values)]
    id_ = chart_id("sparkline", title, (values, target, unit))
    known = [v for v in values if v is not None]
    if not known:
        return Chart(title=title, svg=empty_svg(id_=id_, kind="sparkline", title=title, summary=summary, width=width,
                                                height=height),
                     caption=caption, headers=headers, rows=rows, summary=summary, kind="sparkline")
    scale = known + ([target] if target is not None else [])
    low, high = min(scale), max(scale)
    if high == low:
        low, high = low - 1, high + 1
    pad = 4
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def x_at(index: int) -> float:
        return pad + step * index if len(values) > 1 else width / 2

    def y_at(value: float) -> float:
        return height - pad - (value - low) / (high - low) * (height - 2 * pad)

    body = []
    if target is not None:
        body.append(line(pad, y_at(target), width - pad, y_at(target), stroke=GRID, width=1, dash="3 2"))
    points = [(x_at(i), y_at(v)) if v is not None else None for i, v in enumerate(values)]
    body.append(_path(points, stroke="#1d70b8", width=2))
    lone = [p for i, p in enumerate(points) if p is not None
            and (i == 0 or points[i - 1] is None) and (i == len(points) - 1 or points[i + 1] is None)]
    last = [p for p in points if p is not None][-1]
    body += [f'<circle cx="{num(x)}" cy="{num(y)}" r="1.5" fill="#1d70b8"/>' for x, y in lone if (x, y) != last]
    body.append(f'<circle cx="{num(last[0])}" cy="{num(last[1])}" r="3" fill="#1d70b8"/>')
    return Chart(title=title, svg=svg(id_=id_, kind="sparkline", title=title, summary=summary, width=width,
                                      height=height, body=body),
                 caption=caption, headers=headers, rows=rows, summary=summary, kind="sparkline")
