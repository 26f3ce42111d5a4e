app_name = "actionplans"

# Pages arrive with this app's issue; the app is installed now so its models can migrate.
urlpatterns: list = []
