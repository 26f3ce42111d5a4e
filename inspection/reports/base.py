"""What every report shares: a permission, a title, and HTML rendered to PDF by WeasyPrint."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone


class ReportError(Exception):
    """A report that cannot be produced for a reason the user can act on."""


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    page_count: int | None = None


class Report:
    kind: str = ""
    permission: str = ""
    template: str = ""
    # An export carries children's details: requesting and downloading it are access-logged.
    is_export: bool = False
    extension: str = "pdf"
    content_type: str = "application/pdf"

    def check_permission(self, user) -> None:
        if not user.is_active or not user.has_perm(self.permission):
            raise PermissionDenied(f"You do not have permission to produce {self.kind.replace('_', ' ')} reports.")

    def title_for(self, parameters: dict) -> str:
        raise NotImplementedError

    def context_for(self, job) -> dict:
        raise NotImplementedError

    def render(self, job) -> RenderedReport:
        from weasyprint import HTML

        context = {
            "job": job,
            "council_name": settings.COUNCIL_NAME,
            "generated_at": timezone.localtime(),
            **self.context_for(job),
        }
        html = render_to_string(self.template, context)
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        return RenderedReport(content=document.write_pdf(), page_count=len(document.pages))
