"""The speed budgets (issue 10) as data, and the pure checks of a measurement against them.

Pages are held against the reference page (a 50-row table from one query through the same stack:
the floor of this machine), not against milliseconds, so that the budgets mean the same on a
quiet laptop and a busy shared server. Jobs keep their own time and memory budgets, and the two
exports are held against the library doing the same work alone: Annex A against openpyxl writing
the same cells, each PDF against WeasyPrint laying out the same HTML.

Nothing here touches the database or the clock: every check is a pure function with unit tests.
"""

from dataclasses import dataclass

REFERENCE = "reference"
LIST_OR_DETAIL = "list/detail"
DASHBOARD = "dashboard"
JOB = "job"

# A page's median time at most this many times the reference page's median.
TIME_RATIO = {LIST_OR_DETAIL: 2.0, DASHBOARD: 3.0}
# At most this many database queries on any page, and the same number at 1,000 and 100,000 children.
MAX_QUERIES = 20
# Annex A at most twice openpyxl writing the same cells alone.
ANNEX_A_RATIO = 2.0
# A PDF report job (figures, template and layout) at most 1.5 times WeasyPrint laying out its HTML alone.
PDF_RATIO = 1.5


@dataclass(frozen=True)
class JobBudget:
    """Wall time of the job itself and the peak memory (maximum resident set size) of its process."""
    seconds: float
    megabytes: float


JOB_BUDGETS = {
    "figures": JobBudget(900, 1500),  # the nightly dashboard figures (issue 9)
    "annex-a": JobBudget(60, 500),  # Ofsted's Annex A, lists 1 to 11 (issue 5)
    "committee-report": JobBudget(30, 500),  # issue 9
    "readiness-report": JobBudget(60, 800),  # issue 9
    "action-plan-progress": JobBudget(30, 500),  # issue 9
    "audit-findings": JobBudget(30, 500),  # issue 9
    # The other PDFs someone waits for: held to the same half-minute as the committee report.
    "board-report": JobBudget(30, 500),
    "action-plan-report": JobBudget(30, 500),
    "children-list-report": JobBudget(30, 500),
}


@dataclass(frozen=True)
class Check:
    """One budget applied to one measurement: what was measured, the limit, and whether it held."""
    check: str
    measured: float
    budget: float
    unit: str
    passed: bool
    comparison: str = "at most"

    def describe(self) -> str:
        """For the list of failures under the table, e.g. 'median 2.4× the reference page (budget at most 2×)'."""
        return f"{self.check} {_number(self.measured)}{self.unit} (budget {self.comparison} {self.budget:g}{self.unit})"

    def as_json(self) -> dict:
        return {"check": self.check, "measured": self.measured, "budget": self.budget, "unit": self.unit,
                "comparison": self.comparison, "passed": self.passed}


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def at_most(check: str, measured: float, budget: float, unit: str = "") -> Check:
    return Check(check, measured, budget, unit, passed=measured <= budget)


def ratio(seconds: float, baseline_seconds: float) -> float:
    """How many times slower than the baseline; infinite when the baseline took no time at all."""
    return seconds / baseline_seconds if baseline_seconds > 0 else float("inf")


def page_checks(*, page_class: str, median: float | None, reference_median: float | None, queries: int,
                small_database_queries: int | None = None) -> list[Check]:
    """A page's budgets: its median against the reference page's (list and detail pages 2×,
    dashboards 3×; none for the reference page itself, or when the times were not taken), at most
    20 queries, and, when the page was also requested against the 1,000-child database, exactly
    the same number of queries there."""
    checks = []
    if page_class in TIME_RATIO and median is not None and reference_median is not None:
        checks.append(at_most("median vs the reference page", ratio(median, reference_median),
                              TIME_RATIO[page_class], "×"))
    checks.append(at_most("queries", queries, MAX_QUERIES))
    if small_database_queries is not None:
        checks.append(Check("queries at 1,000 children", small_database_queries, queries, "",
                            passed=small_database_queries == queries, comparison="equal to"))
    return checks


def job_checks(*, name: str, seconds: float, megabytes: float) -> list[Check]:
    """A job's own time and peak memory budgets."""
    budget = JOB_BUDGETS[name]
    return [at_most("time", seconds, budget.seconds, " s"), at_most("peak memory", megabytes, budget.megabytes, " MB")]


def baseline_check(*, what: str, seconds: float, baseline_seconds: float, limit: float) -> Check:
    """The job against the library alone doing the same work (openpyxl, WeasyPrint)."""
    return at_most(f"time vs {what}", ratio(seconds, baseline_seconds), limit, "×")


def passed(checks: list[Check]) -> bool:
    return all(check.passed for check in checks)
