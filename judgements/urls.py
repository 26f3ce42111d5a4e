from django.urls import include, path

app_name = "judgements"

urlpatterns = [
    path("", include("judgements.sets.urls")),
    path("self-assessment/", include("judgements.self_assessment.urls")),
]
