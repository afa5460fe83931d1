"""The dossier register (sổ theo dõi hồ sơ of the one-stop desk) as a CSV download."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures import access
from procedures.constants import Channel
from procedures.constants import DossierStatus as S
from procedures.csv_export import csv_response
from procedures.validators import display_mobile
from staff.audit import AuditAction, audit

REGISTER_HEADER = [
    _("Mã hồ sơ"),
    _("Thủ tục"),
    _("Lĩnh vực"),
    _("Người nộp"),
    _("Địa chỉ"),
    _("Số điện thoại"),
    _("Kênh nộp"),
    _("Ngày nộp"),
    _("Ngày tiếp nhận"),
    _("Ngày hẹn trả"),
    _("Ngày có kết quả"),
    _("Ngày trả kết quả"),
    _("Trạng thái"),
    _("Tiến độ"),
]


def register_row(d):
    """One line of the dossier register."""
    return [
        d.code,
        d.procedure.name,
        d.procedure.field.name,
        d.applicant_name,
        d.street,
        # National format (0912 345 678): a leading + would be taken for a formula and
        # neutralised with a quote.
        display_mobile(d.phone),
        Channel(d.channel).label,
        d.submitted_at,
        d.accepted_at,
        d.due_at,
        d.finished_at,
        d.returned_at,
        S(d.status).label,
        d.get_timeliness_display(),
    ]


def register_response(user, queryset):
    """The register of the dossiers of `queryset` that `user` may see, audited."""
    if not user.has_perm(access.EXPORT):
        raise PermissionDenied
    queryset = access.visible_dossiers(user, queryset).select_related("procedure__field")
    count = queryset.count()
    audit(actor=user, action=AuditAction.EXPORT, target=None, rows=count, form="06")
    return csv_response(
        f"so-theo-doi-ho-so-{timezone.localdate():%Y%m%d}.csv",
        REGISTER_HEADER,
        (register_row(d) for d in queryset.order_by("submitted_at", "pk").iterator(2000)),
    )
