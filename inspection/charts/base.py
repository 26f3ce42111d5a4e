"""What every chart shares: the Chart, Series and Bar records, the GOV.UK colours, numbers written
the way a council writes them ("82%", "1,204", "–" for no figure), the summary sentence in words,
and the SVG scaffolding (title, description, fonts, unique ids, the "No figures yet" box).

Charts are hand-written SVG so the same small markup shows on screen and in WeasyPrint PDFs. Every
piece of text that reaches the SVG is escaped: labels are typed in by council staff."""

import calendar
import hashlib
import itertools
import math
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT_FAMILY = "'Liberation Sans', Arial, sans-serif"
FONT_SIZE = 13  # never below 11px: read on a projector in committee and printed on A4
NO_FIGURE = "–"

# GOV.UK Frontend colours.
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
GRID = "#b1b4b6"
AXIS = "#505a5f"
WHITE = "#ffffff"
COLOURS = {
    "": "#1d70b8",
    "blue": "#1d70b8",
    "green": "#00703c",
    "amber": "#f47738",
    "red": "#d4351c",
    "grey": "#505a5f",
    "outstanding": "#00703c",
    "good": "#1d70b8",
    "requires_improvement": "#f47738",
    "inadequate": "#d4351c",
}
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Series:
    """One line on a line chart: one value per x label, None where there is no figure that month."""

    label: str
    values: list[float | None]


@dataclass(frozen=True)
class Bar:
    """One bar, or one segment of a stacked bar. colour is a name from COLOURS ("" is blue)."""

    label: str
    value: float
    colour: str = ""


@dataclass(frozen=True)
class Chart:
    """A drawn chart and its data-table alternative, ready for includes/chart.html or pdf/_chart.html."""

    title: str
    svg: SafeString
    caption: str
    headers: list[str]
    rows: list[list[str]]
    summary: str = ""
    kind: str = field(default="", compare=False)  # "line", "bar", "stacked_bar", "sparkline" or "empty"


def colour(name: str) -> str:
    """The hex colour for a Bar's colour name; a typing mistake is an error, not a silent blue bar."""
    if name in COLOURS:
        return COLOURS[name]
    if HEX_COLOUR.match(name):
        return name
    raise ValueError(f"Unknown chart colour {name!r}: use one of {', '.join(sorted(n for n in COLOURS if n))}.")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two hex colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(hex_colour: str, background: str = WHITE) -> str:
    """The colour itself if text in it reads on the background (4.5:1), else a darker shade of it:
    a line's latest figure keeps its line's colour without failing contrast."""
    shade = hex_colour
    while contrast(shade, background) < 4.5:
        shade = "#" + "".join(f"{int(int(shade[i:i + 2], 16) * 0.9):02x}" for i in (1, 3, 5))
    return shade


def text_colour_on(fill: str) -> str:
    """White or black text, whichever reads better on a coloured bar (at least 4.5:1 for our colours)."""
    return WHITE if contrast(WHITE, fill) >= 4.5 else TEXT


# Numbers ------------------------------------------------------------------------------------------

def format_number(value: float) -> str:
    """1204 -> "1,204"; 82.35 -> "82.4": whole numbers without decimals, others to one place."""
    value = float(value)
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def format_value(value: float | None, unit: str = "") -> str:
    """A figure with its unit as a council writes it: "82%", "£1,200", "45 days", "–" for no figure."""
    if value is None:
        return NO_FIGURE
    number = format_number(value)
    if unit == "%":
        return f"{number}%"
    if unit == "£":
        return f"-£{number[1:]}" if number.startswith("-") else f"£{number}"
    return f"{number} {unit}" if unit else number


def nice_ceiling(value: float) -> float:
    """The round number at or above value that an axis can end on: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value - 1e-9:
            return step * magnitude
    return 10 * magnitude


def _is_nice(step: float) -> bool:
    if step <= 0:
        return False
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(abs(mantissa - nice) < 1e-9 for nice in (1, 2, 2.5, 5))


def ticks(top: float, bottom: float = 0.0) -> list[float]:
    """Gridline values from bottom to top in round steps: 0, 25, 50, 75, 100 for a percentage."""
    span = top - bottom
    if span <= 0:
        return [bottom]
    for count in (4, 5, 3, 6, 2):
        if _is_nice(span / count):
            return [bottom + span * i / count for i in range(count + 1)]
    return [bottom, bottom + span / 2, top]


# Advance widths of Arial / Liberation Sans (metric-compatible), in ems, by kind of character.
_NARROW = set("iljtfrI.,:;'!|()[] ")
_WIDE = set("mwMW%@")


def _char_width(char: str, bold: bool) -> float:
    if char in _NARROW:
        return 0.3 if bold else 0.28
    if char in _WIDE:
        return 0.89 if bold else 0.86
    if char.isupper():
        return 0.72 if bold else 0.67
    return 0.58 if bold else 0.56  # digits, most lower case


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Width of Arial/Liberation Sans text, near enough to lay out labels without a font engine."""
    return sum(_char_width(char, bold) for char in text) * size


def shorten(text: str, width: float, size: float = FONT_SIZE) -> str:
    """The label cut with an ellipsis to fit width (the data table keeps it whole)."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# Words --------------------------------------------------------------------------------------------

_MONTHS = {abbr: full for abbr, full in zip(calendar.month_abbr[1:], calendar.month_name[1:])}
_SHORT_MONTH = re.compile(r"^([A-Z][a-z]{2})[a-z]* (\d{2})$")


def in_words(label: str) -> str:
    """"Dec 25" -> "December 2025", for the sentence a screen reader reads; other labels unchanged."""
    match = _SHORT_MONTH.match(label.strip())
    if match and match.group(1) in _MONTHS:
        return f"{_MONTHS[match.group(1)]} 20{match.group(2)}"
    return label


def trend_sentence(values: list[float | None], labels: list[str], *, unit: str, target: float | None,
                   lower_is_better: bool, name: str = "") -> str:
    """One sentence for a line: "Rose from 71% in December 2025 to 82% in November 2026, below the
    target of 85%." Which way is better is said in words where lower is better."""
    points = [(labels[i] if i < len(labels) else "", value) for i, value in enumerate(values) if value is not None]
    if not points:
        return f"{name}: no figures yet." if name else "No figures yet."
    (first_label, first), (last_label, last) = points[0], points[-1]
    when_first = f" in {in_words(first_label)}" if first_label else ""
    when_last = f" in {in_words(last_label)}" if last_label else ""
    if len(points) == 1:
        sentence = f"{format_value(last, unit)}{when_last}, the only figure so far"
    elif last > first:
        sentence = f"Rose from {format_value(first, unit)}{when_first} to {format_value(last, unit)}{when_last}"
    elif last < first:
        sentence = f"Fell from {format_value(first, unit)}{when_first} to {format_value(last, unit)}{when_last}"
    else:
        since = f" from {in_words(first_label)} to {in_words(last_label)}" if first_label and last_label else ""
        sentence = f"Stayed at {format_value(last, unit)}{since}"
    if name:
        sentence = f"{name}: {sentence[0].lower()}{sentence[1:]}" if sentence[0].isalpha() else f"{name}: {sentence}"
    if target is not None:
        target_text = format_value(target, unit)
        if lower_is_better:
            verdict = "within" if last <= target else "above"
        else:
            verdict = "meeting" if last >= target else "below"
        sentence += f", {verdict} the target of {target_text}"
    if lower_is_better:
        sentence += " (lower is better)"
    return sentence + "."


# SVG ----------------------------------------------------------------------------------------------

_counter = itertools.count(1)


def chart_id(kind: str, title: str, data) -> str:
    """An id unique on the page: a hash of the title and figures, plus a counter so that the same
    chart drawn twice on one page still gets two ids."""
    digest = hashlib.sha1(repr((kind, title, data)).encode()).hexdigest()[:8]
    return f"chart-{digest}-{next(_counter)}"


def num(value: float) -> str:
    """A coordinate with at most one decimal place, to keep the markup small."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text(x: float, y: float, content: str, *, size: int = FONT_SIZE, anchor: str = "start", bold: bool = False,
         fill: str = TEXT) -> str:
    """A <text> element; content is always escaped."""
    attributes = [f'x="{num(x)}"', f'y="{num(y)}"']
    if anchor != "start":
        attributes.append(f'text-anchor="{anchor}"')
    if size != FONT_SIZE:
        attributes.append(f'font-size="{size}"')
    if bold:
        attributes.append('font-weight="bold"')
    if fill != TEXT:
        attributes.append(f'fill="{fill}"')
    return f"<text {' '.join(attributes)}>{escape(content)}</text>"


def line(x1: float, y1: float, x2: float, y2: float, *, stroke: str, width: float = 1, dash: str = "") -> str:
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" stroke="{stroke}" '
            f'stroke-width="{num(width)}"{dash_attribute}/>')


def rect(x: float, y: float, width: float, height: float, *, fill: str, stroke: str = "", extra: str = "") -> str:
    stroke_attribute = f' stroke="{stroke}"' if stroke else ""
    extra_attribute = f" {extra}" if extra else ""
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(width, 0))}" height="{num(max(height, 0))}" '
            f'fill="{fill}"{stroke_attribute}{extra_attribute}/>')


def svg(*, id_: str, kind: str, title: str, summary: str, width: float, height: float, body: list[str]) -> SafeString:
    """The <svg> element: an image named by its <title> and described by the summary sentence, with
    both width/height (for WeasyPrint) and a viewBox (so it scales down on a narrow screen)."""
    width, height = num(width), num(height)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg app-chart__svg--{kind}" role="img" '
        f'aria-labelledby="{id_}-title" aria-describedby="{id_}-desc" focusable="false" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{TEXT}">'
        f'<title id="{id_}-title">{escape(title)}</title><desc id="{id_}-desc">{escape(summary)}</desc>'
        + "".join(body) + "</svg>"
    )


def empty_svg(*, id_: str, kind: str, title: str, summary: str, width: float, height: float) -> SafeString:
    """A grey box saying "No figures yet": a new team or measure has nothing to draw, and a page must
    still show where its chart will be."""
    small = height < 40
    body = [
        rect(0.5, 0.5, width - 1, height - 1, fill="#f3f2f1", stroke=GRID),
        text(width / 2, height / 2 + (4 if small else 5), "No figures yet", anchor="middle",
             size=11 if small else 14, fill=SECONDARY_TEXT),
    ]
    return svg(id_=id_, kind=kind, title=title, summary=summary, width=width, height=height, body=body)


def legend(items: list[tuple[str, str]], *, x: float, y: float, width: float,
           swatch_width: float = 24) -> tuple[list[str], float]:
    """Legend entries (label, swatch markup drawn in a swatch_width × 14 box at the origin), laid out
    left to right and wrapped within width, each label close to its own swatch and well clear of the
    next. Returns the markup and the height taken."""
    parts, left, top, row_height = [], x, y, 20
    for label, swatch in items:
        entry_width = swatch_width + 6 + text_width(label) + 24
        if left > x and left + entry_width > x + width:
            left, top = x, top + row_height
        parts.append(f'<g transform="translate({num(left)} {num(top)})">{swatch}</g>')
        parts.append(text(left + swatch_width + 6, top + 11.5, shorten(label, width - swatch_width - 6)))
        left += entry_width
    return parts, top - y + row_height
