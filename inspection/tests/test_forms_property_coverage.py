"""Every form of the service has a property test of bad input (*/tests/test_forms_property.py): a new
form class without one fails here, as a new URL without an access-matrix entry fails that test. And
every URL that only takes a POST is either one of those forms or a button that sends no fields.

Also writes the count for the issue's note (test-artifacts/property-tests.txt): forms, the variants
tried (a stage of the journey, a kind of event, a create and an edit page) and the submissions sent
by the latest run of the property tests."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from django import forms
from django.conf import settings

import access_matrix
import property_testing

APPS = ("cases", "inspection", "judgements", "actionplans", "lscb")
PROPERTY_TESTS = [Path(settings.BASE_DIR) / app / "tests" / "test_forms_property.py" for app in APPS]
# Form classes that are only ever a base for the forms users fill in (each of those is tested).
BASES = {"cases.forms._ChildDatedForm": "the flag, placement and legal status forms' dates",
         "inspection.dashboards.forms._TeamFilter": "the dashboards' two filters"}
# URLs that take only a POST and send no field a user fills in: a button (and its CSRF token).
BUTTONS = {
    "logout": "Sign out", "audits:template_new_version": "Make a new version", "audits:template_publish": "Publish",
    "audits:template_domain_remove": "Remove a domain", "committee:produce": "Produce the PDF",
    "committee:issue": "Issue to members", "report_request": "Produce a report on My reports",
    "annex_a_report_request": "Produce Annex A", "action_plan_report_request": "Print the plan",
    "board_report_request": "Print the board report",
}
# POST-only URLs whose fields are tried, and the property test's FormSpec name that tries them.
POSTED_FORMS = {
    "caseload:work_out_again": "caseload:work_out_again", "audits:member_allocate": "audits:member_allocate",
    "judgements:indicator_status": "judgements:indicator_status",
    "children_list_report_request": "children_list_report_request",
}


def project_forms() -> dict[str, type]:
    """Every form class defined in the apps' own modules (tests and migrations aside)."""
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".tests" not in module.name and ".migrations" not in module.name and "management" not in module.name:
                importlib.import_module(module.name)
    found, pending = {}, [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            name = f"{subclass.__module__}.{subclass.__qualname__}"
            # Forms made up inside other tests (imported or not, by the order tests ran in) are not the service's.
            if subclass.__module__.split(".")[0] in APPS and ".tests." not in f"{subclass.__module__}.":
                found[name] = subclass
    return found


def specs_in(path: Path) -> list[tuple[str, str | None]]:
    """(the spec's name, the form class's name) for each FormSpec(...) the property test file makes."""
    module = importlib.import_module(".".join(path.relative_to(settings.BASE_DIR).with_suffix("").parts))
    specs = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "FormSpec":
            name = node.args[0].value if isinstance(node.args[0], ast.Constant) else ast.unparse(node.args[0])
            form = node.args[1]
            cls = getattr(module, form.id) if isinstance(form, ast.Name) and form.id != "None" else None
            specs.append((name, f"{cls.__module__}.{cls.__qualname__}" if inspect.isclass(cls) else None))
    return specs


def all_specs() -> list[tuple[str, str | None]]:
    return [spec for path in PROPERTY_TESTS for spec in specs_in(path)]


def test_every_form_has_a_property_test_of_bad_input():
    tried = {form for _, form in all_specs() if form}
    missing = sorted(set(project_forms()) - tried - set(BASES))
    assert not missing, (
        f"{len(missing)} form(s) have no property test of bad input: {', '.join(missing)}. Add a FormSpec for each "
        "to its app's tests/test_forms_property.py (see property_testing/probe.py).")
    assert not set(BASES) - set(project_forms()), "BASES names a form that no longer exists"


def test_every_post_only_url_is_a_form_tried_or_a_button():
    post_only = {entry.name for entry in access_matrix.MATRIX if entry.post is not None}
    names = {name for name, _ in all_specs()}
    assert post_only == set(BUTTONS) | set(POSTED_FORMS), sorted(post_only ^ (set(BUTTONS) | set(POSTED_FORMS)))
    assert set(POSTED_FORMS.values()) <= names, sorted(set(POSTED_FORMS.values()) - names)


def test_the_count_is_written_down():
    specs = all_specs()
    forms_tried = {form or name for name, form in specs}
    lines = [
        "Property tests of bad input (*/tests/test_forms_property.py, property_testing/)",
        f"Form classes: {len(project_forms())} in the apps, {len(BASES)} of them bases only; "
        f"{len({form for _, form in specs if form})} tried directly",
        f"Forms and posted buttons tried: {len(forms_tried)}, in {len(specs)} places (create and edit pages, "
        "each stage of the journey and kind of event)",
    ]
    ran = property_testing.tally()
    if ran["submissions"]:
        lines.append(f"Latest run: {ran['variants']} forms and variants, {ran['submissions']:,} submissions sent "
                     "(each good submission, then the spoiled ones; Annex A workbooks and files included)")
    artifacts = Path(settings.BASE_DIR) / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "property-tests.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    assert len(forms_tried) >= 40
