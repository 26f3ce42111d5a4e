from django.apps import AppConfig


class InspectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspection"
    verbose_name = "Inspection"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from cases.panels import register

        from .audits.panels import audits_panel
        from .inspections.views import register_judgement_origin
        from .security import mark_signed_in

        register(audits_panel)
        register_judgement_origin()
        user_logged_in.connect(mark_signed_in, dispatch_uid="inspection.security.mark_signed_in")
