"""The staff roles as groups, and the permissions each holds.

The groups are created by a data migration (0009_staff_roles); their permissions are (re)assigned
after every `migrate` by `sync_roles`, because Django creates permissions only after the
migrations have run, and because the news editor's permissions belong to the congress
app, whose models may arrive later: a codename that does not exist yet is skipped and
picked up by the next `migrate`. Running it twice changes nothing.
"""

from django.contrib.auth.models import Group, Permission

RECEPTION = "Tiếp nhận"
OFFICER = "Chuyên viên"
LEADER = "Lãnh đạo"
EDITOR = "Biên tập viên"

ROLE_NAMES = (RECEPTION, OFFICER, LEADER, EDITOR)

_READ_DOSSIERS = [
    "procedures.view_dossier",
    "procedures.view_dossierevent",
    "procedures.view_dossierdocument",
    "procedures.view_supplementrequest",
    "notifications.view_notification",
    "procedures.view_procedure",
    "procedures.view_procedurefield",
    "procedures.view_requireddocument",
    "procedures.view_apology",
    "procedures.view_duedatechange",
    "procedures.view_calendaroverride",
]

_READ_FEEDBACK = [
    "feedback.view_feedback",
    "feedback.change_feedback",
    "feedback.view_feedbackevent",
    "feedback.view_feedbackphoto",
    "feedback.change_feedbackphoto",
    "feedback.view_topic",
    "feedback.process_feedback",
]

# Fees paid (payments): the accountant's read-only list and its log.
_READ_PAYMENTS = ["payments.view_payment", "payments.view_paymentevent"]

_NEWS_MODELS = ["article", "articleimage", "category", "document", "issuingbody"]
# Public disclosure (Luật 10/2022/QH15 Điều 11) is kept by the same editors.
_DISCLOSURE = [
    f"disclosure.{action}_{model}"
    for model in ("disclosureentry", "disclosurefile")
    for action in ("view", "add", "change", "delete")
]

# The citizen reception schedule (reception): kept by editors, changed by the leaders too.
_RECEPTION_SCHEDULE = [
    f"reception.{action}_{model}"
    for model in ("receptionsession", "receptionchange")
    for action in ("view", "add", "change", "delete")
]

# Desk appointments: the day's list and arrivals; capacities per field are the leader's.
_APPOINTMENTS = [
    "appointments.view_appointment",
    "appointments.change_appointment",
    "appointments.view_fieldcapacity",
]

ROLE_PERMISSIONS = {
    RECEPTION: [
        *_READ_DOSSIERS,
        "procedures.receive_dossier",
        "procedures.assign_dossier",
        "procedures.export_register",
        *_READ_PAYMENTS,
        "payments.record_cash_payment",
        "payments.export_reconciliation",
        *_READ_FEEDBACK,
        *_APPOINTMENTS,
    ],
    OFFICER: [
        *_READ_DOSSIERS,
        "procedures.process_dossier",
        "procedures.issue_apology",
        *_READ_FEEDBACK,
    ],
    LEADER: [
        *_READ_DOSSIERS,
        "procedures.receive_dossier",
        "procedures.process_dossier",
        "procedures.issue_apology",
        "procedures.approve_second_supplement",
        "procedures.view_all_fields",
        "procedures.assign_dossier",
        "procedures.export_register",
        *_READ_PAYMENTS,
        "payments.record_cash_payment",
        "payments.export_reconciliation",
        "staff.view_auditentry",
        "staff.view_staffprofile",
        "staff.add_staffprofile",
        "staff.change_staffprofile",
        "procedures.add_calendaroverride",
        "procedures.change_calendaroverride",
        "procedures.delete_calendaroverride",
        *_READ_FEEDBACK,
        "feedback.approve_feedback",
        "feedback.add_topic",
        "feedback.change_topic",
        *_RECEPTION_SCHEDULE,
        *_APPOINTMENTS,
        "appointments.add_fieldcapacity",
        "appointments.change_fieldcapacity",
    ],
    EDITOR: [
        *(
            f"congress.{action}_{model}"
            for model in _NEWS_MODELS
            for action in ("view", "add", "change", "delete")
        ),
        *_RECEPTION_SCHEDULE,
        *_DISCLOSURE,
        # Term targets: values are only added (the admin refuses changes and deletions).
        "congress.view_target",
        "congress.change_target",
        "congress.view_targetvalue",
        "congress.add_targetvalue",
    ],
}


def sync_roles(using="default", **kwargs):
    """Create the groups if needed and add each the listed permissions that exist."""
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
