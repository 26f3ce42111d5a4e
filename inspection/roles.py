"""The six roles of Line of Sight and the permissions each one holds.

A role is a Django group. The groups are created (and kept in step with this table) by data
migrations that call :func:`sync_role_groups`; views check permissions, never role names.
"""

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    AUDITOR = "auditor", "Quality-assurance auditor"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    ELECTED_MEMBER = "elected_member", "Elected member"
    ADMINISTRATOR = "administrator", "Administrator"
    BOARD_MEMBER = "board_member", "Safeguarding board member"


_CASEWORK = ["cases.view_child", "cases.view_team", "cases.view_worker"]
_RECORDING = [
    f"cases.{action}_{model}"
    for model in ("episode", "event", "flag", "placement", "legalstatus")
    for action in ("add", "change")
]
_READ_ALL = ["cases.view_all_children"]
_ACCESS_LOG = ["cases.view_accesslogentry"]
_OVERSIGHT = ["cases.view_change_history", "cases.break_glass"]
_COUNCIL_SETTINGS = ["cases.view_councilsettings", "cases.change_councilsettings"]
_SEE_AUDITS = ["inspection.view_caseaudit"]
_DO_AUDITS = ["inspection.add_caseaudit", "inspection.change_caseaudit", "inspection.add_moderation"]
_RUN_SAMPLES = ["inspection.view_auditsample", "inspection.add_auditsample", "inspection.change_auditsample"]
_SEE_INSPECTIONS = ["inspection.view_inspection", "inspection.view_selfevaluation"]
_RECORD_INSPECTIONS = [
    "inspection.add_inspection", "inspection.change_inspection",
    "inspection.view_selfevaluation", "inspection.add_selfevaluation", "inspection.change_selfevaluation",
]
# Importing Annex A writes children's records for the whole council.
_IMPORT_ANNEX_A = ["inspection.add_annexaimport", "inspection.view_annexaimport"]
_SEE_JUDGEMENTS = ["judgements.view_judgementset", "judgements.view_nationaloutcome"]
_SEE_SELF_ASSESSMENT = ["judgements.view_selfassessment", "judgements.view_indicator"]
_RECORD_JUDGEMENTS = [
    "judgements.add_judgementset", "judgements.change_judgementset",
    "judgements.add_selfassessment", "judgements.change_selfassessment",
    "judgements.add_indicator", "judgements.change_indicator",
]
_SEE_ACTION_PLANS = ["actionplans.view_actionplan", "actionplans.view_action"]
_REPORT_PROGRESS = ["actionplans.add_progressupdate"]  # on actions they own
_RECORD_ACTION_PLANS = [
    "actionplans.add_actionplan", "actionplans.change_actionplan",
    "actionplans.add_action", "actionplans.change_action", "actionplans.add_progressupdate",
]
_LSCB_MODELS = ["board", "member", "subgroup", "meeting", "attendance", "safeguardingreview", "multiagencyaudit",
                "trainingevent", "trainingattendance", "challenge", "performancereport", "annualreport",
                "annualreportcheck"]
_SEE_BOARD = [f"lscb.view_{model}" for model in _LSCB_MODELS]
_RUN_BOARD = [f"lscb.{action}_{model}" for model in _LSCB_MODELS for action in ("add", "change")]
# Dashboards: managers' figures with the children behind them (scoped to the user), and members'
# aggregates; targets are the council's to set.
_MANAGERS_DASHBOARD = ["inspection.view_managers_dashboard", "inspection.view_members_dashboard",
                       "inspection.view_figuretarget"]
_MEMBERS_DASHBOARD = ["inspection.view_members_dashboard"]
_SET_TARGETS = ["inspection.change_figuretarget"]
# Committee reports: officers write them; members read those issued to them.
_SEE_COMMITTEE_REPORTS = ["inspection.view_committeereport"]
_WRITE_COMMITTEE_REPORTS = ["inspection.view_committeereport", "inspection.add_committeereport",
                            "inspection.change_committeereport"]
# Retention review: closed records past their retention period listed for a senior manager's
# decision (keep for longer, or mark for destruction or archiving). It names children, so it is not
# given to administrators, who never see children's records.
_RETENTION_REVIEW = ["cases.view_retentionreview", "cases.add_retentionreview"]
_EDIT_TEMPLATES = ["inspection.view_audittemplate", "inspection.add_audittemplate", "inspection.change_audittemplate"]
_USER_ADMIN = [
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.view_group",
    "cases.add_team",
    "cases.change_team",
    "cases.view_team",
    "cases.add_worker",
    "cases.change_worker",
    "cases.view_worker",
    # Unlocking an account locked after repeated failed sign-ins (django-axes).
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.PRACTITIONER: _CASEWORK + _RECORDING + _SEE_AUDITS,
    Role.TEAM_MANAGER: (
        _CASEWORK + _RECORDING + _ACCESS_LOG + _OVERSIGHT + _SEE_AUDITS + _SEE_INSPECTIONS + _SEE_JUDGEMENTS
        + _SEE_SELF_ASSESSMENT + _SEE_ACTION_PLANS + _REPORT_PROGRESS + _MANAGERS_DASHBOARD
    ),
    # Auditors read every case to audit it; they do not write to a child's record. They draw
    # samples, carry out and moderate audits, and keep the audit templates.
    Role.AUDITOR: (
        _CASEWORK + _READ_ALL + _SEE_AUDITS + _DO_AUDITS + _RUN_SAMPLES + _EDIT_TEMPLATES + _SEE_INSPECTIONS
        + _SEE_JUDGEMENTS + _SEE_SELF_ASSESSMENT + _SEE_ACTION_PLANS + _REPORT_PROGRESS + _MANAGERS_DASHBOARD
    ),
    # Senior managers review cases in mock inspections too.
    Role.SENIOR_MANAGER: (
        _CASEWORK + _READ_ALL + _ACCESS_LOG + _OVERSIGHT + _COUNCIL_SETTINGS + _SEE_AUDITS + _DO_AUDITS + _RUN_SAMPLES
        + _SEE_INSPECTIONS + _RECORD_INSPECTIONS + _IMPORT_ANNEX_A + _SEE_JUDGEMENTS + _SEE_SELF_ASSESSMENT
        + _RECORD_JUDGEMENTS + _SEE_ACTION_PLANS + _RECORD_ACTION_PLANS + _SEE_BOARD + _RUN_BOARD
        + _MANAGERS_DASHBOARD + _SET_TARGETS + _WRITE_COMMITTEE_REPORTS + _RETENTION_REVIEW
    ),
    # Members see aggregate dashboards and committee reports only: never a child's record.
    Role.ELECTED_MEMBER: (
        _SEE_INSPECTIONS + _SEE_JUDGEMENTS + _SEE_ACTION_PLANS + _SEE_BOARD + _MEMBERS_DASHBOARD + _SEE_COMMITTEE_REPORTS
    ),
    # Board members from partner agencies (police, health, schools, lay members) see the board's
    # business and nothing of any child's record.
    Role.BOARD_MEMBER: _SEE_BOARD,
    # Administrators manage logins and teams; they do not read children's records or the access
    # log (which names the children looked at), nor the retention review (which names them too).
    Role.ADMINISTRATOR: _USER_ADMIN,
}


def role_of(user) -> Role | None:
    """The user's role, from the first role group they belong to."""
    if not getattr(user, "is_authenticated", False):
        return None
    labels = {role.label: role for role in Role}
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        names = [group.name for group in user.groups.all()]
        cached = next((labels[name] for name in names if name in labels), None)
        user._role_cache = cached
    return cached


def sync_role_groups(apps) -> None:
    """Create each role's group and give it exactly the permissions in ROLE_PERMISSIONS.

    Runs inside data migrations (``apps`` is the migration state); permissions that do not
    exist yet at that point in the migration history are added by a later migration.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Migration-state app configs have no models module; create_permissions needs one.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = previous

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.label)
        wanted = []
        for dotted in codenames:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)


def sync_role_groups_operation():
    """The migration operation that brings the groups in line with ROLE_PERMISSIONS. A migration
    that adds permissions a role should hold ends with it."""
    from django.db import migrations

    def sync(apps, schema_editor):
        sync_role_groups(apps)

    return migrations.RunPython(sync, migrations.RunPython.noop)
