"""What the benchmark looks at, found once before anything is timed: the users it signs in as and
the records whose pages are heaviest (the child with the most events, the largest action plan,
the busiest practitioner, ...). Each finder fails loudly when the council has no such record:
a benchmark that quietly skipped a page would say nothing about it."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from cases.models import Child, Event, Team
from cases.selectors import children_visible_to
from inspection.roles import Role

TEAM_MANAGER = "team.manager"
ELECTED_MEMBER = "councillor"
# The printed children list is measured with filters that pick about this many children.
CHILDREN_LIST_REPORT_ROWS = 500


class MissingSubject(Exception):
    """The council has nothing of the kind the benchmark needs: seed the demo council first."""


def user(username: str):
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise MissingSubject(f"There is no active user {username!r}: seed the demo council first.") from None


def busiest_practitioner():
    """The practitioner with the most children allocated to them, for 'My caseload'."""
    row = (Child.objects.filter(restricted=False, worker__user__groups__name=Role.PRACTITIONER.label,
                                worker__user__is_active=True)
           .values("worker__user").annotate(children=Count("pk")).order_by("-children", "worker__user").first())
    if row is None:
        raise MissingSubject("No practitioner has children allocated to them.")
    return get_user_model().objects.get(pk=row["worker__user"])


def child_with_most_events() -> tuple[int, int]:
    """(pk, events) of the child whose record is longest (restricted records are left out: they
    send a manager to the break-glass page first)."""
    row = (Event.objects.filter(child__restricted=False).values("child")
           .annotate(events=Count("pk")).order_by("-events", "child").first())
    if row is None:
        raise MissingSubject("There are no events on any child's record.")
    return row["child"], row["events"]


def largest_team() -> tuple[int, str, int]:
    """(pk, name, children) of the team with the most children allocated to it."""
    team = Team.objects.annotate(size=Count("children")).order_by("-size", "pk").first()
    if team is None:
        raise MissingSubject("There are no teams.")
    return team.pk, team.name, team.size


def latest_audit_sample() -> int:
    from inspection.models import AuditSample

    sample = AuditSample.objects.order_by("-pk").values_list("pk", flat=True).first()
    if sample is None:
        raise MissingSubject("There is no audit sample.")
    return sample


def latest_judgement_set() -> int:
    from judgements.models import JudgementSet

    latest = JudgementSet.objects.order_by("-judged_on", "-pk").values_list("pk", flat=True).first()
    if latest is None:
        raise MissingSubject("There is no judgement set.")
    return latest


def largest_action_plan() -> tuple[int, int]:
    """(pk, actions) of the action plan with the most actions."""
    from actionplans.models import ActionPlan

    plan = ActionPlan.objects.annotate(size=Count("recommendations__actions")).order_by("-size", "pk").first()
    if plan is None:
        raise MissingSubject("There is no action plan.")
    return plan.pk, plan.size


def board() -> int:
    from lscb.selectors import the_board

    found = the_board()
    if found is None:
        raise MissingSubject("The safeguarding board is not set up.")
    return found.pk


def latest_committee_paper() -> int | None:
    from inspection.models import CommitteeReport

    return CommitteeReport.objects.order_by("-pk").values_list("pk", flat=True).first()


def children_list_filter(*, for_user, rows: int = CHILDREN_LIST_REPORT_ROWS) -> tuple[dict[str, list[str]], int]:
    """Children list filters (as the list's query string gives them) that pick about ``rows`` of
    the children ``for_user`` sees: one gender, one ethnicity, or one of each, whichever count
    comes nearest. Returns the filters and how many children they pick."""
    children = children_visible_to(user=for_user)
    candidates: list[tuple[dict[str, list[str]], int]] = []
    by_both = children.values("gender", "ethnicity").annotate(n=Count("pk")).order_by("gender", "ethnicity")
    by_gender: dict[str, int] = {}
    by_ethnicity: dict[str, int] = {}
    for row in by_both:
        candidates.append(({"gender": [row["gender"]], "ethnicity": [row["ethnicity"]]}, row["n"]))
        by_gender[row["gender"]] = by_gender.get(row["gender"], 0) + row["n"]
        by_ethnicity[row["ethnicity"]] = by_ethnicity.get(row["ethnicity"], 0) + row["n"]
    candidates += [({"gender": [value]}, n) for value, n in by_gender.items()]
    candidates += [({"ethnicity": [value]}, n) for value, n in by_ethnicity.items()]
    if not candidates:
        raise MissingSubject("There are no children to list.")
    return min(candidates, key=lambda candidate: (abs(candidate[1] - rows), sorted(candidate[0].items())))
