from django.apps import AppConfig


class JudgementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "judgements"
    verbose_name = "Judgements"
