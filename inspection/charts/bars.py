"""Bar charts (one figure per team, area or measure, optionally against a target) and stacked bars
(one 100% bar per row, e.g. audit grades per team, with the counts written on the segments)."""

from .base import (
    AXIS, SECONDARY_TEXT, TEXT, WHITE, Bar, Chart, chart_id, colour, empty_svg, format_number,
    format_value, legend, line, nice_ceiling, rect, shorten, svg, text, text_colour_on, text_width,
)

ROW_HEIGHT = 30
BAR_THICKNESS = 20


def _target_caption(title: str, target: float | None, unit: str) -> str:
    return title if target is None else f"{title} (target {format_value(target, unit)})"


def _bar_summary(bars: list[Bar], unit: str, target: float | None, lower_is_better: bool) -> str:
    if not bars:
        return "No figures yet."
    if len(bars) == 1:
        sentence = f"{bars[0].label}: {format_value(bars[0].value, unit)}"
    else:
        highest = max(bars, key=lambda bar: bar.value)
        lowest = min(bars, key=lambda bar: bar.value)
        if highest.value == lowest.value:
            sentence = f"All {len(bars)} at {format_value(highest.value, unit)}"
        else:
            sentence = (f"Highest {highest.label} at {format_value(highest.value, unit)}; "
                        f"lowest {lowest.label} at {format_value(lowest.value, unit)}")
    if target is not None:
        met = sum(1 for bar in bars if (bar.value <= target if lower_is_better else bar.value >= target))
        sentence += f"; {met} of {len(bars)} meeting the target of {format_value(target, unit)}"
    if lower_is_better:
        sentence += " (lower is better)"
    return sentence + "."


def bar_chart(*, title: str, bars: list[Bar], unit: str = "", target: float | None = None, horizontal: bool = True,
              width: int = 560, height: int | None = None, max_value: float | None = None,
              label_heading: str = "Category", value_heading: str = "Figure", lower_is_better: bool = False) -> Chart:
    """One bar per item with its figure written at the bar's end (outside the bar, in dark text, so
    it reads on any colour) and, when given, a dashed target marker across the bars. Horizontal bars
    carry their labels on the left; vertical ones underneath. The scale runs from 0 to 100 for a
    percentage, else to a round number at or above the largest figure and the target."""
    bars = list(bars)
    for bar in bars:
        colour(bar.colour)  # an unknown colour name is a mistake: say so now
    caption = _target_caption(title, target, unit)
    headers = [label_heading, value_heading]
    rows = [[bar.label, format_value(bar.value, unit)] for bar in bars]
    summary = _bar_summary(bars, unit, target, lower_is_better)
    id_ = chart_id("bar", title, ([(b.label, b.value, b.colour) for b in bars], unit, target, horizontal))
    if not bars:
        return Chart(title=title, svg=empty_svg(id_=id_, kind="bar", title=title, summary=summary, width=width,
                                                height=height or 100),
                     caption=caption, headers=headers, rows=rows, summary=summary, kind="bar")
    highest = max([bar.value for bar in bars] + ([target] if target is not None else []))
    if max_value is None:
        max_value = 100.0 if unit == "%" and highest <= 100 else nice_ceiling(highest)
    max_value = max(max_value, highest) if highest > 0 else max(max_value, 1.0)
    value_labels = [format_value(bar.value, unit) for bar in bars]
    target_label = f"Target {format_value(target, unit)}" if target is not None else ""
    draw = _horizontal if horizontal else _vertical
    body, drawn_height = draw(bars, value_labels, max_value=max_value, target=target, target_label=target_label,
                              width=width, height=height)
    return Chart(title=title, svg=svg(id_=id_, kind="bar", title=title, summary=summary, width=width,
                                      height=drawn_height, body=body),
                 caption=caption, headers=headers, rows=rows, summary=summary, kind="bar")


def _value_label(x: float, y: float, label: str, anchor: str = "start") -> list[str]:
    """A bar's figure on a white patch, so the target line never runs through the digits."""
    w = text_width(label, bold=True)
    left = x if anchor == "start" else x - w / 2
    return [rect(left - 2, y - 12, w + 4, 16, fill=WHITE), text(x, y, label, bold=True, anchor=anchor)]


def _horizontal(bars, value_labels, *, max_value, target, target_label, width, height):
    label_width = min(max(text_width(bar.label) for bar in bars), width * 0.4)
    left = label_width + 12
    right = max(text_width(label, bold=True) for label in value_labels) + 12
    top = 22 if target is not None else 6
    drawn_height = height or top + ROW_HEIGHT * len(bars) + 6
    row_height = (drawn_height - top - 6) / len(bars)
    thickness = min(BAR_THICKNESS, row_height - 6)
    plot_width = width - left - right

    def x_at(value: float) -> float:
        return left + max(value, 0) / max_value * plot_width

    body = []
    for i, (bar, label) in enumerate(zip(bars, value_labels)):
        middle = top + row_height * (i + 0.5)
        body.append(text(left - 8, middle + 4, shorten(bar.label, label_width), anchor="end"))
        body.append(rect(left, middle - thickness / 2, x_at(bar.value) - left, thickness, fill=colour(bar.colour)))
    if target is not None:
        x = x_at(target)
        body.append(line(x, top - 4, x, drawn_height - 4, stroke=TEXT, width=1.5, dash="6 4"))
        anchor_x = min(max(x, left + text_width(target_label) / 2), width - text_width(target_label) / 2 - 2)
        body.append(text(anchor_x, top - 8, target_label, anchor="middle"))
    for i, label in enumerate(value_labels):
        middle = top + row_height * (i + 0.5)
        body += _value_label(x_at(bars[i].value) + 6, middle + 4, label)
    body.append(line(left, top - 2, left, drawn_height - 4, stroke=AXIS, width=1))
    return body, drawn_height


def _vertical(bars, value_labels, *, max_value, target, target_label, width, height):
    drawn_height = height or 220
    left, right, top, bottom = 8, 8, 24, 24
    if target is not None:
        right = text_width(target_label) + 12
    band = (width - left - right) / len(bars)
    thickness = min(band * 0.6, 48)
    plot_height = drawn_height - top - bottom
    base = top + plot_height

    def y_at(value: float) -> float:
        return base - max(value, 0) / max_value * plot_height

    body = []
    for i, bar in enumerate(bars):
        centre = left + band * (i + 0.5)
        body.append(rect(centre - thickness / 2, y_at(bar.value), thickness, base - y_at(bar.value),
                         fill=colour(bar.colour)))
        body.append(text(centre, base + 17, shorten(bar.label, band - 4), anchor="middle", fill=SECONDARY_TEXT))
    if target is not None:
        y = y_at(target)
        body.append(line(left, y, width - right, y, stroke=TEXT, width=1.5, dash="6 4"))
        body.append(text(width - right + 6, y + 4, target_label))
    for i, label in enumerate(value_labels):
        centre = left + band * (i + 0.5)
        body += _value_label(centre, y_at(bars[i].value) - 6, label, anchor="middle")
    body.append(line(left, base, width - right, base, stroke=AXIS, width=1))
    return body, drawn_height


def stacked_bar_chart(*, title: str, rows: list[tuple[str, list[Bar]]], unit: str = "", width: int = 560,
                      row_heading: str = "Group") -> Chart:
    """One 100% bar per row (a team, a month), split into segments by kind (e.g. the grades of its
    audits) in each Bar's colour, with the count written on every segment wide enough to hold it and
    the row's total at the end. A legend names the segments; the table gives each count and its share."""
    rows = [(label, list(segments)) for label, segments in rows]
    for _, segments in rows:
        for segment in segments:
            colour(segment.colour)
    categories: dict[str, str] = {}
    for _, segments in rows:
        for segment in segments:
            categories.setdefault(segment.label, segment.colour)
    headers = [row_heading, *categories, "Total"]
    table_rows, totals = [], {name: 0.0 for name in categories}
    for label, segments in rows:
        row_total = sum(segment.value for segment in segments)
        counts = {name: 0.0 for name in categories}
        for segment in segments:
            counts[segment.label] += segment.value
            totals[segment.label] += segment.value
        cells = []
        for name in categories:
            share = f" ({round(counts[name] / row_total * 100)}%)" if row_total and counts[name] else ""
            cells.append(format_value(counts[name], unit) + share)
        table_rows.append([label, *cells, format_value(row_total, unit)])
    grand_total = sum(totals.values())
    if grand_total:
        parts = [f"{name} {format_value(count, unit)} ({round(count / grand_total * 100)}%)"
                 for name, count in totals.items() if count]
        summary = f"Of {format_value(grand_total, unit)} in all: {', '.join(parts)}."
    else:
        summary = "No figures yet."
    id_ = chart_id("stacked_bar", title,
                   [(label, [(s.label, s.value, s.colour) for s in segments]) for label, segments in rows])
    if not grand_total:
        return Chart(title=title, svg=empty_svg(id_=id_, kind="stacked_bar", title=title, summary=summary,
                                                width=width, height=max(60, min(len(rows), 4) * ROW_HEIGHT + 20)),
                     caption=title, headers=headers, rows=table_rows, summary=summary, kind="stacked_bar")

    def swatch(name: str) -> str:
        return rect(0, 0, 14, 14, fill=colour(categories[name]))

    body, legend_height = legend([(name, swatch(name)) for name in categories], x=0, y=4, width=width,
                                 swatch_width=14)
    top = 4 + legend_height + 6
    label_width = min(max(text_width(label) for label, _ in rows), width * 0.35)
    left = label_width + 12
    row_totals = [format_value(sum(s.value for s in segs), unit) for _, segs in rows]
    right = max(text_width(total, bold=True) for total in row_totals) + 12
    bar_width = width - left - right
    for i, (label, segments) in enumerate(rows):
        y = top + ROW_HEIGHT * i + (ROW_HEIGHT - BAR_THICKNESS) / 2
        middle = y + BAR_THICKNESS / 2
        body.append(text(left - 8, middle + 4, shorten(label, label_width), anchor="end"))
        row_total = sum(segment.value for segment in segments)
        if not row_total:
            body.append(rect(left + 0.5, y + 0.5, bar_width - 1, BAR_THICKNESS - 1, fill="#f3f2f1", stroke="#b1b4b6"))
            body.append(text(left + 8, middle + 4, "No figures yet", fill=SECONDARY_TEXT))
            continue
        x = left
        for segment in segments:
            if segment.value <= 0:
                continue
            segment_width = segment.value / row_total * bar_width
            fill = colour(segment.colour)
            body.append(rect(x, y, segment_width, BAR_THICKNESS, fill=fill, stroke=WHITE, extra='stroke-width="1"'))
            count = format_number(segment.value)
            if text_width(count, bold=True) + 8 <= segment_width:
                body.append(text(x + segment_width / 2, middle + 4, count, anchor="middle", bold=True,
                                 fill=text_colour_on(fill)))
            x += segment_width
        body.append(text(width - right + 8, middle + 4, row_totals[i], bold=True))
    drawn_height = top + ROW_HEIGHT * len(rows) + 4
    return Chart(title=title, svg=svg(id_=id_, kind="stacked_bar", title=title, summary=summary, width=width,
                                      height=drawn_height, body=body),
                 caption=title, headers=headers, rows=table_rows, summary=summary, kind="stacked_bar")
