"""The service's URLs plus the reference page, used only while the benchmark measures pages
(``override_settings(ROOT_URLCONF="inspection.benchmarking.urls")``): the reference page is never
part of the running service."""

from django.urls import include, path

from .views import reference

urlpatterns = [
    path("_benchmark/reference/", reference, name="benchmark_reference"),
    path("", include("inspection.urls")),
]
