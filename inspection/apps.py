from django.apps import AppConfig


class InspectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspection"
    verbose_name = "Inspection"

    def ready(self):
        from cases.panels import register

        from .audits.panels import audits_panel
        from .inspections.views import register_judgement_origin

        register(audits_panel)
        register_judgement_origin()
