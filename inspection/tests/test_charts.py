"""Charts for dashboards and committee reports: every kind is well-formed SVG that names and
describes itself for screen readers, escapes what council staff type, never fails on missing
figures, carries every figure it shows in its table, and draws its text in WeasyPrint PDFs (read
back with pdfplumber; page 1 is turned into a PNG under test-artifacts/ for a person to look at)."""

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string

from inspection.charts import Bar, Chart, Series, bar_chart, format_value, line_chart, sparkline, stacked_bar_chart
from inspection.charts.base import contrast, text_colour_on

SVG = "{http://www.w3.org/2000/svg}"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
MONTHS = ["Dec 25", "Jan 26", "Feb 26", "Mar 26", "Apr 26", "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26",
          "Oct 26", "Nov 26"]
VISITS = [71, 73, 72, None, 76, 78, 77, 79, 80, 81, 80, 82]
HOSTILE = '<script>alert("x")</script> & Co'


def visits_chart(**overrides) -> Chart:
    arguments = {"title": "Children in care visited on time", "x_labels": MONTHS,
                 "series": [Series("Visited on time", VISITS)], "target": 85}
    return line_chart(**{**arguments, **overrides})


def grades_row(label: str, outstanding=1, good=4, requires_improvement=3, inadequate=1):
    return (label, [Bar("Outstanding", outstanding, "outstanding"), Bar("Good", good, "good"),
                    Bar("Requires improvement", requires_improvement, "requires_improvement"),
                    Bar("Inadequate", inadequate, "inadequate")])


EVERY_KIND = {
    "line": lambda title: visits_chart(title=title),
    "several lines": lambda title: line_chart(title=title, x_labels=MONTHS[:3], series=[
        Series("North team", [60, 70, 80]), Series("South team", [90, 85, None])], target=85),
    "bar": lambda title: bar_chart(title=title, unit="%", target=85, bars=[Bar("North team", 91, "green"),
                                                                          Bar("South team", 64, "red")]),
    "column": lambda title: bar_chart(title=title, horizontal=False, bars=[Bar("North", 240), Bar("South", 310)]),
    "stacked bar": lambda title: stacked_bar_chart(title=title,
                                                   rows=[grades_row("North team"), grades_row("South team")]),
    "sparkline": lambda title: sparkline(title=title, values=VISITS, target=85),
}


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_kind_is_an_image_named_by_its_title_and_described_by_its_summary(kind):
    chart = EVERY_KIND[kind]("Visits on time")
    root = parse(chart)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "Visits on time" and title.get("id") == root.get("aria-labelledby")
    assert desc is not None and desc.text == chart.summary and desc.get("id") == root.get("aria-describedby")
    assert chart.summary.endswith(".")
    # Drawn at a fixed size for WeasyPrint, scalable on screen, in the council's font, never tiny.
    assert float(root.get("width")) > 0 and float(root.get("height")) > 0
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.get("font-family").startswith("'Liberation Sans', Arial")
    sizes = [float(element.get("font-size", root.get("font-size"))) for element in root.iter(f"{SVG}text")]
    assert all(size >= 11 for size in sizes)


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_what_council_staff_type_is_escaped(kind):
    chart = EVERY_KIND[kind](HOSTILE)
    assert "<script" not in chart.svg
    root = parse(chart)  # still well-formed
    assert root.find(f"{SVG}title").text == HOSTILE
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert "<script" not in html and "&lt;script&gt;" in html


def test_hostile_labels_on_lines_bars_and_segments_are_escaped():
    charts = [
        line_chart(title="t", x_labels=[HOSTILE, "Jan 26"], series=[Series(HOSTILE, [1, 2]), Series("b", [2, 1])]),
        bar_chart(title="t", bars=[Bar(HOSTILE, 3)]),
        stacked_bar_chart(title="t", rows=[(HOSTILE, [Bar(HOSTILE, 2, "good")])]),
    ]
    for chart in charts:
        assert "<script" not in chart.svg
        texts = [element.text for element in parse(chart).iter(f"{SVG}text")]
        assert any(text and text.startswith("<script>") for text in texts)
        assert any(HOSTILE in row for row in chart.rows) or HOSTILE in chart.headers


@pytest.mark.parametrize("chart", [
    lambda: line_chart(title="Care leavers in touch", x_labels=MONTHS, series=[Series("In touch", [None] * 12)]),
    lambda: line_chart(title="Care leavers in touch", x_labels=[], series=[]),
    lambda: line_chart(title="Care leavers in touch", x_labels=MONTHS, series=[]),
    lambda: bar_chart(title="Open cases", bars=[]),
    lambda: stacked_bar_chart(title="Audit grades", rows=[]),
    lambda: stacked_bar_chart(title="Audit grades", rows=[grades_row("North team", 0, 0, 0, 0)]),
    lambda: sparkline(title="Visits", values=[]),
    lambda: sparkline(title="Visits", values=[None, None], target=85),
], ids=["all none", "no months", "no lines", "no bars", "no rows", "all zero", "no values", "sparkline all none"])
def test_no_figures_at_all_draws_a_box_saying_so(chart):
    chart = chart()
    root = parse(chart)
    assert [element.text for element in root.iter(f"{SVG}text")] == ["No figures yet"]
    assert root.find(f"{SVG}desc").text.endswith("no figures yet.") or "No figures yet" in chart.summary


def test_all_none_months_still_list_every_month_in_the_table():
    chart = line_chart(title="Care leavers in touch", x_labels=MONTHS, series=[Series("In touch", [None] * 12)])
    assert chart.rows == [[month, "–"] for month in MONTHS]


def test_a_single_month_and_zero_figures_are_drawn():
    single = line_chart(title="Visits", x_labels=["Nov 26"], series=[Series("Visits", [50])], target=85)
    root = parse(single)
    assert root.find(f".//{SVG}circle") is not None
    assert "50%" in [element.text for element in root.iter(f"{SVG}text")]
    assert single.summary == "50% in November 2026, the only figure so far, below the target of 85%."

    zeros = line_chart(title="Missing episodes", x_labels=MONTHS[:3], series=[Series("Missing", [0, 0, 0])], unit="")
    assert len(parse(zeros).findall(f".//{SVG}circle")) == 3
    assert zeros.rows == [["Dec 25", "0"], ["Jan 26", "0"], ["Feb 26", "0"]]

    bars = bar_chart(title="Open cases", bars=[Bar("North", 0), Bar("South", 0)])
    assert [element.text for element in parse(bars).iter(f"{SVG}text")].count("0") == 2
    assert sparkline(title="Visits", values=[0]).rows == [["1", "0%"]]


def test_the_target_line_is_dashed_and_labelled_only_when_asked():
    with_target = parse(visits_chart())
    dashed = [element for element in with_target.iter(f"{SVG}line") if element.get("stroke-dasharray")]
    assert len(dashed) == 1
    assert "Target 85%" in [element.text for element in with_target.iter(f"{SVG}text")]

    without = parse(visits_chart(target=None))
    assert not [element for element in without.iter(f"{SVG}line") if element.get("stroke-dasharray")]
    assert not [element.text for element in without.iter(f"{SVG}text") if element.text.startswith("Target")]

    bars = parse(bar_chart(title="Visits by team", unit="%", target=85, bars=[Bar("North team", 91)]))
    assert "Target 85%" in [element.text for element in bars.iter(f"{SVG}text")]
    assert parse(sparkline(title="Visits", values=VISITS, target=85)).find(f"{SVG}line").get("stroke-dasharray")


def test_a_month_without_a_figure_is_a_gap_in_the_line_not_a_zero():
    root = parse(visits_chart())
    path = root.find(f"{SVG}path").get("d")
    assert path.count("M") == 2  # Dec–Feb, then Apr–Nov
    assert len(root.findall(f"{SVG}circle")) == 11  # a dot on each of the 11 figures
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "82%" in texts  # the latest figure is written at the end of the line
    assert "Nov 26" in texts and "100%" in texts and "0%" in texts


def test_several_lines_get_a_legend_and_differ_by_dash_not_colour_alone():
    chart = EVERY_KIND["several lines"]("Assessments on time by team")
    root = parse(chart)
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "North team" in texts and "South team" in texts
    lines = root.findall(f"{SVG}path")
    assert len({path.get("stroke") for path in lines}) == 2
    assert len({path.get("stroke-dasharray", "") for path in lines}) == 2
    assert chart.headers == ["Month", "North team", "South team"]
    assert chart.rows == [["Dec 25", "60%", "90%"], ["Jan 26", "70%", "85%"], ["Feb 26", "80%", "–"]]
    assert chart.summary == ("North team: rose from 60% in December 2025 to 80% in February 2026, below the target "
                             "of 85%. South team: fell from 90% in December 2025 to 85% in January 2026, meeting the "
                             "target of 85%.")


def test_the_table_carries_every_figure_with_its_unit():
    chart = visits_chart()
    assert chart.headers == ["Month", "Visited on time"]
    assert chart.rows == [[month, format_value(value, "%")] for month, value in zip(MONTHS, VISITS)]
    assert chart.rows[3] == ["Mar 26", "–"] and chart.rows[-1] == ["Nov 26", "82%"]
    assert chart.caption == "Children in care visited on time (target 85%)"

    days = line_chart(title="Days to adoption", x_labels=MONTHS[:2], unit="days",
                      series=[Series("Days", [1204, 426.25])])
    assert days.rows == [["Dec 25", "1,204 days"], ["Jan 26", "426.2 days"]]

    bars = bar_chart(title="Visits by team", unit="%", bars=[Bar("North team", 91.44), Bar("South team", 64)],
                     label_heading="Team")
    assert bars.headers == ["Team", "Figure"]
    assert bars.rows == [["North team", "91.4%"], ["South team", "64%"]]

    stacked = stacked_bar_chart(title="Audit grades", row_heading="Team",
                                rows=[grades_row("North team", 1, 4, 3, 0), grades_row("South team", 0, 0, 0, 0)])
    assert stacked.headers == ["Team", "Outstanding", "Good", "Requires improvement", "Inadequate", "Total"]
    assert stacked.rows == [["North team", "1 (12%)", "4 (50%)", "3 (38%)", "0", "8"],
                            ["South team", "0", "0", "0", "0", "0"]]
    assert stacked.summary == "Of 8 in all: Outstanding 1 (12%), Good 4 (50%), Requires improvement 3 (38%)."
    segment_counts = [element.text for element in parse(stacked).iter(f"{SVG}text")]
    assert {"1", "4", "3", "8", "No figures yet"} <= set(segment_counts)

    spark = sparkline(title="Visits", values=VISITS, target=85, x_labels=MONTHS)
    assert spark.rows[0] == ["Dec 25", "71%"] and spark.rows[3] == ["Mar 26", "–"] and len(spark.rows) == 12


def test_two_charts_on_one_page_never_share_an_id():
    first, second = visits_chart(), visits_chart()
    ids = [parse(chart).find(f"{SVG}title").get("id") for chart in (first, second)]
    assert ids[0] != ids[1]
    other = parse(visits_chart(title="Something else")).find(f"{SVG}title").get("id")
    assert other not in ids


def test_where_lower_is_better_the_summary_says_so():
    chart = line_chart(title="Re-referrals within 12 months", x_labels=MONTHS[:2], lower_is_better=True, target=22,
                       series=[Series("Re-referrals", [30, 21])])
    assert chart.summary == ("Fell from 30% in December 2025 to 21% in January 2026, within the target of 22% "
                             "(lower is better).")
    worse = line_chart(title="Re-referrals", x_labels=MONTHS[:2], lower_is_better=True, target=22,
                       series=[Series("Re-referrals", [20, 25])])
    assert worse.summary == ("Rose from 20% in December 2025 to 25% in January 2026, above the target of 22% "
                             "(lower is better).")
    bars = bar_chart(title="Re-referrals by team", unit="%", target=22, lower_is_better=True,
                     bars=[Bar("North", 20), Bar("South", 30)])
    assert bars.summary == ("Highest South at 30%; lowest North at 20%; 1 of 2 meeting the target of 22% "
                            "(lower is better).")


def test_text_on_a_coloured_segment_is_readable():
    assert text_colour_on("#f47738") == "#0b0c0c"  # black on amber, not white (2.6:1)
    for fill in ("#00703c", "#1d70b8", "#d4351c", "#505a5f"):
        assert contrast(text_colour_on(fill), fill) >= 4.5
    stacked = parse(stacked_bar_chart(title="Grades", rows=[grades_row("North team", 0, 0, 5, 0)]))
    amber_count = [element for element in stacked.iter(f"{SVG}text") if element.text == "5"]
    assert amber_count and amber_count[0].get("fill") is None  # the default black text


def test_an_unknown_colour_name_is_a_mistake():
    with pytest.raises(ValueError, match="Unknown chart colour 'orange'"):
        bar_chart(title="Visits", bars=[Bar("North", 3, "orange")])


def test_figures_are_written_as_a_council_writes_them():
    assert format_value(82.0, "%") == "82%"
    assert format_value(82.36, "%") == "82.4%"
    assert format_value(1204, "") == "1,204"
    assert format_value(45, "days") == "45 days"
    assert format_value(1200, "£") == "£1,200"
    assert format_value(None, "%") == "–"


def test_the_screen_include_shows_the_figure_and_its_table_behind_details():
    html = render_to_string("includes/chart.html", {"chart": visits_chart()})
    assert '<figure class="app-chart app-chart--line">' in html
    assert "<figcaption" in html and 'role="img"' in html
    assert "Show the figures as a table" in html and 'class="govuk-details' in html
    assert ('<th scope="row" class="govuk-table__header">Mar 26</th>'
            '<td class="govuk-table__cell govuk-table__cell--numeric">–</td>') in html
    assert html.count("<tr") == 13


def test_the_pdf_include_leaves_the_table_out_when_asked():
    chart = visits_chart()
    with_table = render_to_string("pdf/_chart.html", {"chart": chart})
    without = Template('{% include "pdf/_chart.html" with chart=chart table=False %}').render(Context({"chart": chart}))
    assert "<table" in with_table and with_table.count("<tr") == 13
    assert "<table" not in without and 'role="img"' in without


def test_weasyprint_draws_the_charts_text_in_the_pdf(tmp_path):
    """The PDF keeps the SVG's words as text (not a picture of them), in Liberation Sans."""
    from weasyprint import HTML

    charts = [
        visits_chart(),
        bar_chart(title="Visits on time by team", unit="%", target=85,
                  bars=[Bar("North team", 91, "green"), Bar("South team", 78, "amber"), Bar("East team", 64, "red")]),
        stacked_bar_chart(title="Audit grades by team", row_heading="Team",
                          rows=[grades_row("North team", 2, 8, 5, 1), grades_row("South team", 0, 4, 9, 4)]),
    ]
    html = Template(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Charts</title>'
        '<style>@page { size: A4; margin: 18mm 14mm; } body { font: 10pt "Liberation Sans", Arial, sans-serif; }'
        '</style></head><body>'
        '{% include "pdf/_chart.html" with chart=charts.0 table=False %}'
        '{% include "pdf/_chart.html" with chart=charts.1 %}{% include "pdf/_chart.html" with chart=charts.2 %}'
        "</body></html>"
    ).render(Context({"charts": charts}))
    content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text(x_tolerance=1)  # SVG text is placed glyph by glyph: narrow spaces
        svg_fonts = {char["fontname"] for char in page.chars if char["text"] in "Target"}
    assert "Children in care visited on time" in text
    # Only the SVG writes these (the first chart's table is left out): the target label, an axis
    # label, a month and the latest figure at the end of the line.
    assert "Target 85%" in text and "100%" in text and "Nov 26" in text and "82%" in text
    assert re.search(r"North team\s+91%", text)
    assert all("Liberation" in font for font in svg_fonts)
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = tmp_path / "charts.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
                    str(ARTIFACTS / "charts-pdf")], check=True)
    assert (ARTIFACTS / "charts-pdf.png").stat().st_size > 0
