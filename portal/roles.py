"""The staff roles as groups, and the permissions each holds.

The groups are created by a data migration (0009_staff_roles); their permissions are (re)assigned
after every `migrate` by `sync_roles`, because Django creates permissions only after the
migrations have run, and because the news editor's permissions belong to the congress
app, whose models may arrive later: a codename that does not exist yet is skipped and
picked up by the next `migrate`. Running it twice changes nothing.
"""

RECEPTION = "Tiếp nhận"
OFFICER = "Chuyên viên"
LEADER = "Lãnh đạo"
EDITOR = "Biên tập viên"

ROLE_NAMES = (RECEPTION, OFFICER, LEADER, EDITOR)

_READ_DOSSIERS = [
    "portal.view_dossier",
    "portal.view_dossierevent",
    "portal.view_dossierdocument",
    "portal.view_supplementrequest",
    "portal.view_notification",
    "portal.view_procedure",
    "portal.view_procedurefield",
    "portal.view_requireddocument",
    "portal.view_apology",
    "portal.view_duedatechange",
    "portal.view_calendaroverride",
]

_NEWS_MODELS = ["article", "articleimage", "category", "document", "issuingbody"]

ROLE_PERMISSIONS = {
    RECEPTION: [
        *_READ_DOSSIERS,
        "portal.receive_dossier",
        "portal.assign_dossier",
        "portal.export_register",
    ],
    OFFICER: [*_READ_DOSSIERS, "portal.process_dossier", "portal.issue_apology"],
    LEADER: [
        *_READ_DOSSIERS,
        "portal.receive_dossier",
        "portal.process_dossier",
        "portal.issue_apology",
        "portal.approve_second_supplement",
        "portal.view_all_fields",
        "portal.assign_dossier",
        "portal.export_register",
        "portal.view_auditentry",
        "portal.view_staffprofile",
        "portal.add_staffprofile",
        "portal.change_staffprofile",
        "portal.add_calendaroverride",
        "portal.change_calendaroverride",
        "portal.delete_calendaroverride",
    ],
    EDITOR: [
        f"congress.{action}_{model}"
        for model in _NEWS_MODELS
        for action in ("view", "add", "change", "delete")
    ],
}


def sync_roles(using="default", **kwargs):
    """Create the groups if needed and add each the listed permissions that exist."""
    from django.contrib.auth.models import Group, Permission

    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        wanted = set()
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.add((app_label, codename))
        found = [
            p
            for p in Permission.objects.using(using)
            .filter(codename__in={c for _a, c in wanted})
            .select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        group.permissions.add(*found)
