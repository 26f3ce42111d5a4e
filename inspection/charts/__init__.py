"""Charts drawn on the server as small inline SVG, the same markup on screen and in WeasyPrint PDFs,
each with a sentence in words and a data table carrying every figure it shows.

    from inspection.charts import Chart, Series, Bar, line_chart, bar_chart, stacked_bar_chart, sparkline

Show one with ``{% include "includes/chart.html" with chart=chart %}`` on a page or
``{% include "pdf/_chart.html" with chart=chart %}`` in a PDF (``with table=False`` to leave its
table out where the same figures are tabulated beside it)."""

from .bars import bar_chart, stacked_bar_chart
from .base import COLOURS, Bar, Chart, Series, format_value
from .lines import line_chart, sparkline

__all__ = ["COLOURS", "Bar", "Chart", "Series", "bar_chart", "format_value", "line_chart", "sparkline",
           "stacked_bar_chart"]
