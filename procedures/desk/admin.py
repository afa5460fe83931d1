"""The dossier work queue: filters, flags, the dossier page and its actions.

Nothing here writes a status: every action calls `procedures.workflow.dossier_transition` or
`procedures.desk.services`, so the admin obeys the same rules as everything else. Who sees
which dossier is decided by `procedures.access` for the changelist, the page, the history,
the downloads, the printable forms, the export and the bulk actions alike.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from notifications.admin import NotificationInline
from portal.admin import ReadOnlyAdminMixin
from portal.text import fold
from procedures import access, deadlines, workdays
from procedures.constants import Channel
from procedures.constants import DossierStatus as S
from procedures.csv_export import csv_response
from procedures.desk import counter
from procedures.desk.forms import ACTION_LABELS, ApologyForm, AssignForm, TransitionForm
from procedures.desk.services import dossier_apologise, dossier_assign
from procedures.models import (
    Apology,
    Dossier,
    DossierDocument,
    DossierEvent,
    DueDateChange,
    Procedure,
    ProcedureField,
    SupplementRequest,
)
from procedures.storage import private_storage
from procedures.validators import normalise_mobile
from procedures.workflow import STAFF, TransitionRefused, allowed_targets, dossier_transition
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


# --- inlines ---------------------------------------------------------------------------


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class DossierEventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ["created_at", "from_status", "to_status", "actor", "public_note", "internal_note"]
    readonly_fields = fields
    verbose_name_plural = _("Quá trình xử lý")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class DossierDocumentInline(ReadOnlyInline):
    model = DossierDocument
    fields = ["document_name", "download", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields
    verbose_name_plural = _("Giấy tờ đã nộp")

    @admin.display(description=_("tệp"))
    def download(self, obj):
        if obj.on_paper:
            return gettext("Nhận bản giấy tại Trung tâm")
        url = reverse("admin:procedures_dossier_download", args=[obj.dossier_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


class SupplementRequestInline(ReadOnlyInline):
    model = SupplementRequest
    fields = ["created_at", "note", "requested_documents", "fulfilled_at", "print_link"]
    readonly_fields = fields
    verbose_name_plural = _("Yêu cầu bổ sung")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("documents")

    @admin.display(description=_("giấy tờ cần bổ sung"))
    def requested_documents(self, obj):
        return "; ".join(d.name for d in obj.documents.all())

    @admin.display(description=_("phiếu"))
    def print_link(self, obj):
        url = reverse("admin:procedures_dossier_print", args=[obj.dossier_id, "02", obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("In mẫu 02"))


class DueDateChangeInline(ReadOnlyInline):
    model = DueDateChange
    fields = ["created_at", "kind", "old_due_at", "new_due_at", "actor"]
    readonly_fields = fields
    verbose_name_plural = _("Thay đổi ngày hẹn")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ApologyInline(ReadOnlyInline):
    model = Apology
    fields = ["created_at", "old_due_at", "new_due_at", "reason", "actor", "print_link"]
    readonly_fields = fields
    verbose_name_plural = _("Phiếu xin lỗi và hẹn lại")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("phiếu"))
    def print_link(self, obj):
        url = reverse("admin:procedures_dossier_print", args=[obj.dossier_id, "04", obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("In mẫu 04"))


# --- filters ---------------------------------------------------------------------------


class DueFilter(admin.SimpleListFilter):
    title = _("hạn trả")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("qua-han", _("Quá hạn")),
            ("24h", _("Đến hạn trong 24 giờ làm việc")),
            ("48h", _("Đến hạn trong 48 giờ làm việc")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        running = queryset.filter(status__in=deadlines.RUNNING_STATUSES)
        if self.value() == "qua-han":
            return running.filter(due_at__lt=now)
        if self.value() in ("24h", "48h"):
            hours = 24 if self.value() == "24h" else 48
            return running.filter(
                due_at__gte=now, due_at__lte=workdays.add_working_hours(now, hours)
            )
        return queryset


class AssignedToMeFilter(admin.SimpleListFilter):
    title = _("phân công")
    parameter_name = "phan-cong"

    def lookups(self, request, model_admin):
        return [("toi", _("Giao cho tôi")), ("chua", _("Chưa phân công"))]

    def queryset(self, request, queryset):
        if self.value() == "toi":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "chua":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class FieldFilter(admin.SimpleListFilter):
    title = _("lĩnh vực")
    parameter_name = "linh-vuc"

    def lookups(self, request, model_admin):
        fields = ProcedureField.objects.all()
        if not access.sees_all(request.user):
            fields = fields.filter(pk__in=access.assigned_field_ids(request.user))
        return [(f.pk, f.name) for f in fields]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(procedure__field_id=self.value())
        return queryset


class ProcedureFilter(admin.SimpleListFilter):
    title = _("thủ tục")
    parameter_name = "thu-tuc"

    def lookups(self, request, model_admin):
        procedures = Procedure.objects.only("pk", "name")
        if not access.sees_all(request.user):
            procedures = procedures.filter(field_id__in=access.assigned_field_ids(request.user))
        return [(p.pk, p.name) for p in procedures]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(procedure_id=self.value())
        return queryset


# --- the work queue ---------------------------------------------------------------------

PRINT_FORMS = {
    "01": ("procedures/print/receipt.html", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")),
    "02": ("procedures/print/supplement.html", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
    "03": ("procedures/print/refusal.html", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")),
    "04": ("procedures/print/apology.html", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")),
    "05": ("procedures/print/control_sheet.html", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")),
}


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
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
                    "obligation_amount",
                    "finished_at",
                    "returned_at",
                    "timeliness",
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
        return [*(f.name for f in Dossier._meta.fields), "address_display", "answers_display"]

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
            "procedure__field", "province", "ward", "assigned_to"
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
        context = {
            **(extra_context or {}),
            "dossier_actions": self._actions_for(request, dossier),
            "print_forms": self._print_links(dossier),
            "due_state": deadlines.due_state(dossier),
            "can_apologise": access.can_apologise(request.user, dossier)
            and dossier.status in deadlines.RUNNING_STATUSES
            and dossier.due_at is not None,
            "can_assign": access.can_assign(request.user, dossier),
        }
        return super().change_view(request, object_id, form_url, context)

    def _actions_for(self, request, dossier):
        return [
            {
                "label": ACTION_LABELS[to],
                "url": reverse("admin:procedures_dossier_transition", args=[dossier.pk, int(to)]),
            }
            for to in allowed_targets(S(dossier.status), by=STAFF)
            if access.can_transition(request.user, dossier, to)
        ]

    def _print_links(self, dossier):
        links = []
        if dossier.accepted_at:
            links.append(("01", None))
        if dossier.status == S.REFUSED:
            links.append(("03", None))
        links.append(("05", None))
        return [
            {
                "label": f"{number} – {PRINT_FORMS[number][1]}",
                "url": reverse("admin:procedures_dossier_print", args=[dossier.pk, number]),
            }
            for number, _pk in links
        ]

    def get_urls(self):
        own = [
            path(
                "tiep-nhan-truc-tiep/",
                self.admin_site.admin_view(self.register_in_person_view),
                name="procedures_dossier_register",
            ),
            path(
                "<int:pk>/chuyen-trang-thai/<int:to>/",
                self.admin_site.admin_view(self.transition_view),
                name="procedures_dossier_transition",
            ),
            path(
                "<int:pk>/xin-loi/",
                self.admin_site.admin_view(self.apology_view),
                name="procedures_dossier_apology",
            ),
            path(
                "<int:pk>/phan-cong/",
                self.admin_site.admin_view(self.assign_view),
                name="procedures_dossier_assign",
            ),
            path(
                "<int:pk>/tep/<int:document_pk>/",
                self.admin_site.admin_view(self.download_view),
                name="procedures_dossier_download",
            ),
            path(
                "<int:pk>/in/<str:form>/",
                self.admin_site.admin_view(self.print_view),
                name="procedures_dossier_print",
            ),
            path(
                "<int:pk>/in/<str:form>/<int:item>/",
                self.admin_site.admin_view(self.print_view),
                name="procedures_dossier_print",
            ),
        ]
        return own + super().get_urls()

    @method_decorator(sensitive_post_parameters())
    def register_in_person_view(self, request):
        """The desk registers a dossier brought in person (procedures.desk.counter)."""
        return counter.register_view(self, request)

    def _visible_or_404(self, request, pk):
        """The dossier if the user may see it: 404 otherwise (no hint that it exists)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        dossier = self.get_object(request, pk)
        if dossier is None:
            raise Http404
        return dossier

    def _page(self, request, dossier, template, title, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": dossier,
                "dossier": dossier,
                "title": title,
                **context,
            },
        )

    def _back(self, dossier):
        return HttpResponseRedirect(reverse("admin:procedures_dossier_change", args=[dossier.pk]))

    def transition_view(self, request, pk, to):
        dossier = self._visible_or_404(request, pk)
        try:
            to = S(to)
        except ValueError:
            raise Http404 from None
        if to not in allowed_targets(S(dossier.status), by=STAFF):
            messages.error(request, gettext("Bước này không áp dụng cho trạng thái hiện tại."))
            return self._back(dossier)
        if not access.can_transition(request.user, dossier, to):
            raise PermissionDenied
        form = TransitionForm(request.POST or None, dossier=dossier, to_status=to)
        if request.method == "POST" and form.is_valid():
            try:
                dossier_transition(
                    dossier=dossier,
                    to_status=to,
                    actor=request.user,
                    public_note=form.cleaned_data["public_note"],
                    internal_note=form.cleaned_data["internal_note"],
                    **form.transition_inputs(),
                )
            except TransitionRefused as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    gettext("Hồ sơ %(code)s: %(status)s.")
                    % {"code": dossier.code, "status": to.label},
                )
                return self._back(dossier)
        return self._page(
            request,
            dossier,
            "admin/procedures/dossier/transition_form.html",
            f"{ACTION_LABELS[to]} – {dossier.code}",
            form=form,
            to_status=to,
            preview_due=form.preview_due(),
        )

    def apology_view(self, request, pk):
        dossier = self._visible_or_404(request, pk)
        if not access.can_apologise(request.user, dossier):
            raise PermissionDenied
        form = ApologyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                apology = dossier_apologise(
                    dossier=dossier,
                    actor=request.user,
                    new_due_at=form.new_due_at(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.error_dict.items():
                        form.add_error("new_due_date" if name == "new_due_at" else name, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, gettext("Đã lập phiếu xin lỗi và hẹn lại."))
                return HttpResponseRedirect(
                    reverse("admin:procedures_dossier_print", args=[dossier.pk, "04", apology.pk])
                )
        return self._page(
            request,
            dossier,
            "admin/procedures/dossier/apology_form.html",
            f"{PRINT_FORMS['04'][1]} – {dossier.code}",
            form=form,
        )

    def assign_view(self, request, pk):
        dossier = self._visible_or_404(request, pk)
        if not access.can_assign(request.user, dossier):
            raise PermissionDenied
        form = AssignForm(
            request.POST or None, dossier=dossier, initial={"officer": dossier.assigned_to_id}
        )
        if request.method == "POST" and form.is_valid():
            dossier_assign(
                dossier=dossier, actor=request.user, officer=form.cleaned_data["officer"]
            )
            messages.success(request, gettext("Đã phân công cán bộ xử lý."))
            return self._back(dossier)
        return self._page(
            request,
            dossier,
            "admin/procedures/dossier/assign_form.html",
            gettext("Phân công cán bộ xử lý – %(code)s") % {"code": dossier.code},
            form=form,
        )

    def download_view(self, request, pk, document_pk):
        dossier = self._visible_or_404(request, pk)
        document = get_object_or_404(
            DossierDocument, pk=document_pk, dossier=dossier, on_paper=False
        )
        try:
            handle = private_storage.open(document.file.name, "rb")
        except OSError:
            raise Http404 from None
        audit(
            actor=request.user,
            action=AuditAction.DOWNLOAD,
            target=dossier,
            document=document.pk,
            filename=document.original_name,
        )
        response = FileResponse(handle, content_type=document.content_type)
        response["Content-Disposition"] = content_disposition_header(True, document.original_name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response

    def print_view(self, request, pk, form, item=None):
        dossier = self._visible_or_404(request, pk)
        if form not in PRINT_FORMS:
            raise Http404
        template, title = PRINT_FORMS[form]
        context = {"dossier": dossier, "form_number": form, "form_title": title}
        if form == "01" and not dossier.accepted_at:
            raise Http404
        if form == "02":
            context["request_obj"] = get_object_or_404(
                dossier.supplement_requests.prefetch_related("documents"), pk=item
            )
        elif form == "03":
            event = dossier.events.filter(to_status=S.REFUSED).last()
            if event is None:
                raise Http404
            context["event"] = event
        elif form == "04":
            context["apology"] = get_object_or_404(dossier.apologies, pk=item)
        elif form == "05":
            context["events"] = dossier.events.select_related("actor")
            context["due_changes"] = dossier.due_changes.select_related("actor")
        context["documents"] = dossier.documents.filter(supplement_request__isnull=True)
        audit(actor=request.user, action=AuditAction.PRINT, target=dossier, form=form)
        response = TemplateResponse(request, template, context)
        response["Cache-Control"] = "no-store"
        return response

    # --- bulk actions ---------------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(access.EXPORT):
            actions.pop("export_register", None)
        if not request.user.has_perm(access.PROCESS):
            actions.pop("assign_to_me", None)
        return actions

    @admin.action(description=_("Xuất sổ theo dõi hồ sơ (mẫu 06, CSV)"))
    def export_register(self, request, queryset):
        if not request.user.has_perm(access.EXPORT):
            raise PermissionDenied
        queryset = access.visible_dossiers(request.user, queryset).select_related(
            "procedure__field"
        )
        count = queryset.count()
        audit(actor=request.user, action=AuditAction.EXPORT, target=None, rows=count, form="06")
        return csv_response(
            f"so-theo-doi-ho-so-{timezone.localdate():%Y%m%d}.csv",
            REGISTER_HEADER,
            (register_row(d) for d in queryset.order_by("submitted_at", "pk").iterator(2000)),
        )

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
    """One line of the dossier register (form 06 of Circular 01/2018/TT-VPCP)."""
    return [
        d.code,
        d.procedure.name,
        d.procedure.field.name,
        d.applicant_name,
        d.street,
        d.phone,
        Channel(d.channel).label,
        d.submitted_at,
        d.accepted_at,
        d.due_at,
        d.finished_at,
        d.returned_at,
        S(d.status).label,
        d.get_timeliness_display(),
    ]
