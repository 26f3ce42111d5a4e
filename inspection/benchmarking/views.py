"""The reference page: the first 50 children in a GOV.UK table from one query, through the same
middleware, sign-in, permission check, navigation and base layout as every page of the service.
It is the floor the other pages are held against, and exists only in the benchmark's URLs
(``inspection.benchmarking.urls``), never in the service's own."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from cases.models import Child

ROWS = 50


@permission_required("cases.view_child", raise_exception=True)
def reference(request):
    children = Child.objects.only(
        "pk", "local_id", "first_name", "last_name", "date_of_birth", "gender", "ethnicity"
    ).order_by("pk")[:ROWS]
    return render(request, "benchmarking/reference.html", {"children": children})
