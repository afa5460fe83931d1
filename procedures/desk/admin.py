"""The dossier work queue: the admin's configuration of the list, the page and the URLs.

The work queue's own pages (transitions, apology, assignment, downloads, printing,
registration in person) are views of the desk (`procedures.desk.views`), wired in
`get_urls`; the register export is `procedures.desk.register`. Who sees which dossier is
decided by `procedures.access` for the changelist, the page, the history, the downloads,
the printable forms, the export and the bulk actions alike.
"""

from functools import update_wrapper

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters

from notifications.admin import NotificationInline
from portal.admin import SafeDateHierarchyMixin
from portal.text import fold
from procedures import access, deadlines, fees, fully_online, workdays
from procedures.desk import register, views
from procedures.desk.filters import AssignedToMeFilter, DueFilter, FieldFilter, ProcedureFilter
from procedures.desk.inlines import (
    ApologyInline,
    DossierDocumentInline,
    DossierEventInline,
    DueDateChangeInline,
    FeeAdjustmentInline,
    SupplementRequestInline,
)
from procedures.desk.services import dossier_assign
from procedures.models import Dossier
from procedures.validators import normalise_mobile
from results import admin_views as result_views
from staff.admin import AuditEntryInline
from staff.audit import AuditAction, audit

# The changelist counts at most this many rows: beyond it the pages say "more than".
COUNT_CAP = 10_000


class CappedCountPaginator(Paginator):
    """A paginator whose COUNT stops at COUNT_CAP rows (no full-table count per page).

    ``SELECT COUNT(*) FROM (… LIMIT 10001)`` costs the same on 100 000 rows as on 10 001;
    the queue never needs to page further than that, and filters narrow it.
    """

    @cached_property
    def count(self):
        return self.object_list[: COUNT_CAP + 1].count()


@admin.register(Dossier)
class DossierAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "applicant_name",
        "procedure_name",
        "status",
        "channel",
        "submitted_at",
        "due_at",
        "due_flag",
        "assigned_to",
    ]
    list_filter = [
        "status",
        FieldFilter,
        ProcedureFilter,
        DueFilter,
        AssignedToMeFilter,
        "channel",
    ]
    list_select_related = ["procedure", "assigned_to"]
    search_fields = ["code"]  # see get_search_results: code, name, phone, ID number
    search_help_text = _("Tìm theo mã hồ sơ, họ tên, số điện thoại hoặc số định danh.")
    date_hierarchy = "submitted_at"
    sortable_by = ["code", "submitted_at", "due_at", "status"]
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50
    actions = ["export_register", "assign_to_me"]
    inlines = [
        DossierDocumentInline,
        DossierEventInline,
        SupplementRequestInline,
        DueDateChangeInline,
        ApologyInline,
        FeeAdjustmentInline,
        NotificationInline,
        AuditEntryInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "procedure",
                    "status",
                    "channel",
                    "submitted_at",
                    "accepted_at",
                    "due_at",
                    "legal_due_at",
                    "assigned_to",
                    "fee_due",
                    "fee_display",
                    "obligation_amount",
                    "finished_at",
                    "returned_at",
                    "timeliness",
                    "fully_online_display",
                ]
            },
        ),
        (
            _("Người nộp"),
            {
                "fields": [
                    "applicant_name",
                    "id_number",
                    "birth_date",
                    "identity_display",
                    "sex",
                    "phone",
                    "email",
                    "address_display",
                ]
            },
        ),
        (_("Trả lời câu hỏi riêng"), {"fields": ["answers_display"]}),
        (_("Đồng ý xử lý dữ liệu"), {"fields": ["privacy_notice_version", "consent_at"]}),
    ]

    class Media:
        css = {"all": ["css/staff-admin.css"]}

    # --- queryset and permissions -------------------------------------------------------

    def get_queryset(self, request):
        return access.visible_dossiers(request.user, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        return [
            *(f.name for f in Dossier._meta.fields),
            "address_display",
            "answers_display",
            "identity_display",
            "fee_display",
            "fully_online_display",
        ]

    @admin.display(description=_("Trực tuyến toàn trình"))
    def fully_online_display(self, obj):
        """Submitted online, paid online, result delivered electronically (the 95 % target)."""
        done, reasons = fully_online.facts(obj)
        if done is None:
            return _("Chưa trả kết quả")
        if done:
            return _("Có")
        return _("Không: %(reasons)s") % {"reasons": "; ".join(str(r) for r in reasons)}

    @admin.display(description=_("Xác thực danh tính"))
    def identity_display(self, obj):
        """Whether name, ID number and birth date came from an identity provider."""
        if obj.identity_provider:
            return _("Đã xác thực bằng %(provider)s lúc %(at)s") % {
                "provider": obj.identity_provider,
                "at": date_format(timezone.localtime(obj.identity_verified_at), "d/m/Y H:i"),
            }
        return _("Không: người nộp tự khai")

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and access.can_see(request.user, obj)

    def has_change_permission(self, request, obj=None):
        # Nothing is edited in place: the actions below are the only way to change a dossier.
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        queryset = self.get_queryset(request).select_related(
            "procedure__field", "province", "ward", "assigned_to", "fee"
        )
        try:
            return queryset.get(pk=object_id)
        except (Dossier.DoesNotExist, ValueError, ValidationError):
            return None

    # --- search -------------------------------------------------------------------------

    def get_search_results(self, request, queryset, search_term):
        """Code, phone and ID number match exactly (indexed); names match folded text."""
        term = " ".join(search_term.split())
        if not term:
            return queryset, False
        compact = term.replace(" ", "").replace(".", "")
        if compact.isdigit() and len(compact) == 12:
            return queryset.filter(id_number=compact), False
        try:
            phone = normalise_mobile(term)
        except ValidationError:
            phone = None
        if phone:
            return queryset.filter(phone=phone), False
        if any(ch.isdigit() for ch in term):
            # Codes are upper-case ASCII: a case-sensitive prefix uses the code's
            # varchar_pattern_ops index on PostgreSQL (istartswith would scan the table).
            return queryset.filter(code__startswith=term.upper()), False
        return queryset.filter(applicant_name_folded__contains=fold(term)), False

    # --- columns ------------------------------------------------------------------------

    @admin.display(description=_("thủ tục"), ordering="procedure__sort_key")
    def procedure_name(self, obj):
        name = obj.procedure.name
        return name if len(name) <= 60 else name[:57] + "…"

    @admin.display(description=_("cảnh báo hạn"))
    def due_flag(self, obj):
        state = obj.due_state
        labels = {
            "overdue": _("Quá hạn – cần phiếu xin lỗi"),
            "due_24": _("Đến hạn trong 24 giờ làm việc"),
            "due_48": _("Đến hạn trong 48 giờ làm việc"),
        }
        if not state:
            return ""
        return format_html('<span class="due-flag due-flag--{}">{}</span>', state, labels[state])

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One calendar and one "now" for all rows of the page, kept on the rows of this
        # request (the ModelAdmin is shared by every request of the process).
        now, calendar = timezone.now(), workdays.get_calendar()
        for dossier in changelist.result_list:
            dossier.due_state = deadlines.due_state(dossier, now, calendar)
        return changelist

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_register_in_person": access.can_register(request.user),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("địa chỉ"))
    def address_display(self, obj):
        return obj.address_display

    @admin.display(description=_("phí, lệ phí tính khi nộp"))
    def fee_display(self, obj):
        """The lines computed at filing (procedures.fees); adjustments are listed below."""
        filed = getattr(obj, "fee", None)
        if filed is None:
            return "–"
        if not filed.known:
            return _("Danh mục chưa có biểu phí: cán bộ nhập số tiền phải nộp.")
        items = [
            (line["label"], fees.money(line["amount"]), line["detail"], line["waiver"])
            for line in filed.lines
        ]
        return format_html(
            '<dl class="dossier-answers">{}<dt>{}</dt><dd>{}</dd></dl>',
            format_html_join("", "<dt>{}</dt><dd>{} {} {}</dd>", items),
            _("Tổng cộng"),
            fees.money(filed.total),
        )

    @admin.display(description=_("trả lời"))
    def answers_display(self, obj):
        items = [
            (value.get("label", key), value.get("display", value.get("value", "")))
            if isinstance(value, dict)
            else (key, value)
            for key, value in (obj.answers or {}).items()
        ]
        if not items:
            return "–"
        return format_html(
            '<dl class="dossier-answers">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", items),
        )

    # --- the page -----------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        dossier = self.get_object(request, object_id)
        if dossier is None or not self.has_view_permission(request, dossier):
            return super().change_view(request, object_id, form_url, extra_context)
        audit(actor=request.user, action=AuditAction.VIEW, target=dossier)
        context = {**(extra_context or {}), **views.change_page_context(request, dossier)}
        return super().change_view(request, object_id, form_url, context)

    def get_urls(self):
        def wrap(view, *decorators):
            # The desk's views take this ModelAdmin first, as Django's own admin views do.
            def bound(request, *args, **kwargs):
                return view(self, request, *args, **kwargs)

            bound = update_wrapper(bound, view)
            for decorator in decorators:
                bound = decorator(bound)
            return self.admin_site.admin_view(bound)

        own = [
            path(
                "tiep-nhan-truc-tiep/",
                # The personal data typed at the desk stays out of error reports.
                wrap(views.register_in_person, sensitive_post_parameters()),
                name="procedures_dossier_register",
            ),
            path(
                "<int:pk>/chuyen-trang-thai/<int:to>/",
                wrap(views.transition),
                name="procedures_dossier_transition",
            ),
            path("<int:pk>/xin-loi/", wrap(views.apology), name="procedures_dossier_apology"),
            path("<int:pk>/phan-cong/", wrap(views.assign), name="procedures_dossier_assign"),
            path("<int:pk>/phi/", wrap(views.adjust_fee), name="procedures_dossier_fee"),
            path(
                "<int:pk>/tep/<int:document_pk>/",
                wrap(views.download),
                name="procedures_dossier_download",
            ),
            # The result delivered electronically (results app): upload and download.
            path(
                "<int:pk>/ket-qua/",
                wrap(result_views.upload),
                name="procedures_dossier_result_upload",
            ),
            path(
                "<int:pk>/ket-qua/tai-ve/",
                wrap(result_views.download),
                name="procedures_dossier_result_download",
            ),
            path(
                "<int:pk>/in/<str:form>/",
                wrap(views.print_form),
                name="procedures_dossier_print",
            ),
            path(
                "<int:pk>/in/<str:form>/<int:item>/",
                wrap(views.print_form),
                name="procedures_dossier_print",
            ),
        ]
        return own + super().get_urls()

    # --- bulk actions ---------------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(access.EXPORT):
            actions.pop("export_register", None)
        if not request.user.has_perm(access.PROCESS):
            actions.pop("assign_to_me", None)
        return actions

    @admin.action(description=_("Xuất sổ theo dõi hồ sơ (mẫu 07, CSV)"))
    def export_register(self, request, queryset):
        return register.register_response(request.user, queryset)

    @admin.action(description=_("Nhận xử lý các hồ sơ đã chọn (giao cho tôi)"))
    def assign_to_me(self, request, queryset):
        done = 0
        for dossier in access.visible_dossiers(request.user, queryset).select_related("procedure"):
            if access.can_handle_field(request.user, dossier.procedure.field_id):
                try:
                    dossier_assign(dossier=dossier, actor=request.user, officer=request.user)
                except ValidationError:
                    continue
                done += 1
        self.message_user(
            request,
            ngettext(
                "Đã nhận %(count)d hồ sơ.",
                "Đã nhận %(count)d hồ sơ.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
