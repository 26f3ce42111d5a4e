from django.apps import AppConfig


class LscbConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lscb"
    verbose_name = "Local Safeguarding Children Board"
