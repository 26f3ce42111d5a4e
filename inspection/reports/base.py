"""What every report shares: a permission, a title, and HTML rendered to PDF by WeasyPrint, with
the progress of each step reported to the person waiting for it.

Every PDF gets, without the report's template doing anything: the document's title, language,
author and date in its metadata; a running header naming the section each page is in; page
numbers "Page 3 of 12"; and, where it has two sections or more, a contents page listing each
section (every ``<h2>`` in the template's ``content`` block) with the page it starts on.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

CONTENTS_MARKER = "<!-- contents -->"
CONTENT_START_MARKER = "<!-- content starts -->"
_HEADING = re.compile(r"<h2(?P<attributes>[^>]*)>(?P<text>.*?)</h2>", re.S)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
_TAG = re.compile(r"<[^>]+>")


class ReportError(Exception):
    """A report that cannot be produced for a reason the user can act on."""


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    page_count: int | None = None


Progress = Callable[[str], None]


def _no_progress(stage: str) -> None:
    """Used when nobody is waiting (the command line, tests)."""


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

    def render(self, job, progress: Progress = _no_progress) -> RenderedReport:
        from weasyprint import HTML

        page = self.render_html(job, progress)
        document = HTML(string=page, base_url=str(settings.BASE_DIR)).render()
        progress(f"Writing the PDF ({len(document.pages)} page{'s' if len(document.pages) != 1 else ''})")
        return RenderedReport(content=document.write_pdf(), page_count=len(document.pages))

    def render_html(self, job, progress: Progress = _no_progress) -> str:
        """The report's finished HTML, contents list included: exactly what WeasyPrint lays out.
        Apart from ``render`` so that the benchmark can time WeasyPrint alone on the same page."""
        progress("Gathering the figures")
        context = {
            "job": job,
            "council_name": settings.COUNCIL_NAME,
            "generated_at": timezone.localtime(),
            **self.context_for(job),
        }
        progress("Laying out the pages")
        return with_contents(render_to_string(self.template, context))


def with_contents(page: str) -> str:
    """Give every section heading (``<h2>`` after the content marker) an id, and put a contents
    list of them where the base template marks it. Fewer than two sections: no contents."""
    if CONTENTS_MARKER not in page or CONTENT_START_MARKER not in page:
        return page
    head, body = page.split(CONTENT_START_MARKER, 1)
    entries: list[tuple[str, str]] = []
    used: set[str] = set()

    def number(match: re.Match) -> str:
        attributes, text = match.group("attributes"), match.group("text")
        existing = _ID.search(attributes)
        if existing:
            anchor = existing.group(1)
        else:
            base = "section-" + (slugify(html.unescape(_TAG.sub("", text)))[:40] or str(len(entries) + 1))
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            attributes = f'{attributes} id="{anchor}"'
        used.add(anchor)
        entries.append((anchor, " ".join(_TAG.sub("", text).split())))
        return f"<h2{attributes}>{text}</h2>"

    body = _HEADING.sub(number, body)
    if len(entries) < 2:
        return head.replace(CONTENTS_MARKER, "") + body
    items = "\n".join(
        f'<li><a href="#{html.escape(anchor)}">{text}</a></li>' for anchor, text in entries
    )
    contents = (
        '<nav class="contents" aria-labelledby="contents-heading">'
        '<p class="contents-heading" id="contents-heading">Contents</p>'
        f"<ul>{items}</ul></nav>"
    )
    return head.replace(CONTENTS_MARKER, contents) + body
