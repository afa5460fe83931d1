"""The reception desk registers a dossier a resident brings in person (channel "trực tiếp").

One admin page (DossierAdmin's "Tiếp nhận hồ sơ trực tiếp"): choose the procedure (only
those of the officer's fields, procedures.access), then the applicant with the online form's
own validation (procedures.resident.forms.ApplicantForm), the procedure's questions, each required
document as a scanned upload (procedures.files checks, private storage) or ticked "received on
paper", the resident's consent and a note. The write is
`procedures.services.dossier_register_in_person`, which shares its creation code with the
online submission.

A scanned file that passed its checks is staged at once in the private temp area (as the
online form does) and referenced by a signed hidden field, so a page redisplayed for
another field's error does not make the officer scan again; the signature binds it to the
document and the officer, and it expires with the sweeper's orphan age.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from procedures import access, privacy
from procedures.files import check_upload
from procedures.resident.forms import (
    ApplicantForm,
    GovukFormMixin,
    answer_display,
    build_questions_form,
    questions_to_session,
)
from procedures.services import StagedFile, dossier_register_in_person
from procedures.storage import TMP_PREFIX, private_storage

logger = logging.getLogger(__name__)

PROCEDURE_PARAM = "thu-tuc"
STAGED_SALT = "procedures.desk.counter.staged"


class ProcedureChoiceForm(forms.Form):
    """Step 1 (GET): which procedure; only those the officer may register."""

    procedure = forms.ModelChoiceField(
        label=_("Thủ tục hành chính"),
        queryset=None,
        empty_label=_("— Chọn thủ tục —"),
        error_messages={
            "required": _("Chọn thủ tục của hồ sơ."),
            "invalid_choice": _("Chọn một thủ tục trong danh sách."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = access.registrable_procedures(user)

    def add_prefix(self, field_name):
        # The query string reads ?thu-tuc=<pk>, in the words of the rest of the admin.
        return PROCEDURE_PARAM if field_name == "procedure" else field_name


class DeskForm(GovukFormMixin, forms.Form):
    """What only the desk states: the resident's consent, the note, immediate acceptance."""

    consent = forms.BooleanField(
        label=_(
            "Công dân đã được thông báo về việc xử lý dữ liệu cá nhân (Thông báo xử lý dữ "
            "liệu cá nhân của phường) và đồng ý để phường xử lý dữ liệu cho hồ sơ này."
        ),
        error_messages={
            "required": _(
                "Xác nhận công dân đã được thông báo và đồng ý xử lý dữ liệu cá nhân; "
                "không có sự đồng ý thì không tiếp nhận được hồ sơ."
            )
        },
    )
    accept = forms.BooleanField(
        label=_("Tiếp nhận ngay: cấp giấy tiếp nhận (mẫu 01) và hẹn ngày trả kết quả"),
        required=False,
        initial=True,
        help_text=_(
            "Bỏ chọn nếu hồ sơ cần xem xét thêm: hồ sơ sẽ ở trạng thái “Mới đăng ký” "
            "trong hàng đợi như hồ sơ trực tuyến."
        ),
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Chỉ cán bộ xem được, ví dụ: đã đối chiếu bản chính."),
    )


class DocumentSlot:
    """One required document on the page: its upload, its paper tick, its staged file."""

    def __init__(self, doc, data=None):
        self.doc = doc
        self.field_name = f"doc_{doc.pk}"
        self.paper_name = f"paper_{doc.pk}"
        self.staged_name = f"staged_{doc.pk}"
        self.remove_name = f"remove_{doc.pk}"
        self.field_id = f"id_doc_{doc.pk}"
        self.paper = bool(data and data.get(self.paper_name))
        self.staged = None  # dict of StagedFile fields
        self.signed = ""
        self.error = ""


def _sign(staged, doc, user):
    return signing.dumps({**staged, "doc": doc.pk, "user": user.pk}, salt=STAGED_SALT)


def _unsign(value, doc, user):
    """The staged file a signed field refers to, or None if forged, stale or gone."""
    if not value:
        return None
    try:
        data = signing.loads(
            value, salt=STAGED_SALT, max_age=settings.DOSSIER_ORPHAN_MAX_AGE_HOURS * 3600
        )
    except signing.BadSignature:
        return None
    if data.get("doc") != doc.pk or data.get("user") != user.pk:
        return None
    name = str(data.get("temp_name", ""))
    if not name.startswith(TMP_PREFIX + "/") or not private_storage.exists(name):
        return None
    return StagedFile.from_session(data).as_dict()


def handle_documents(request, procedure):
    """Check and stage the uploads; return (slots, errors) with errors as (anchor, message)."""
    data, user = request.POST, request.user
    slots = [DocumentSlot(doc, data) for doc in procedure.documents.all()]
    errors = []
    file_count = sum(len(request.FILES.getlist(k)) for k in request.FILES)
    limit = min(settings.DOSSIER_MAX_FILES, len(slots))
    if file_count > limit:
        errors.append(
            (
                "main",
                gettext("Mỗi giấy tờ chỉ tải lên một tệp; hồ sơ có tối đa %(n)s tệp.")
                % {"n": limit},
            )
        )
        return slots, errors
    for slot in slots:
        doc = slot.doc
        previous = _unsign(data.get(slot.staged_name), doc, user)
        if previous and data.get(slot.remove_name):
            private_storage.delete(previous["temp_name"])
            previous = None
        uploads = request.FILES.getlist(slot.field_name)
        if uploads:
            try:
                clean = check_upload(
                    uploads[0], accepted_types=doc.accepted_type_list(), max_bytes=doc.max_bytes
                )
            except ValidationError as exc:
                slot.error = exc.messages[0]
            else:
                try:
                    slot.staged = StagedFile.stage(clean).as_dict()
                except OSError:
                    logger.exception("Could not stage an upload at the desk")
                    slot.error = gettext(
                        "Không lưu được tệp “%(name)s” do sự cố máy chủ; xin thử lại."
                    ) % {"name": clean.original_name}
                else:
                    if previous:
                        private_storage.delete(previous["temp_name"])
                    previous = None
        if slot.staged is None and previous is not None:
            slot.staged = previous
        if slot.staged is not None:
            slot.signed = _sign(slot.staged, doc, user)
        if not slot.error:
            if slot.staged and slot.paper:
                slot.error = gettext(
                    "%(doc)s: chọn một cách nhận – tệp quét hoặc bản giấy, không cả hai."
                ) % {"doc": doc.name}
            elif doc.is_mandatory and not slot.staged and not slot.paper:
                slot.error = gettext("%(doc)s: tải lên tệp quét hoặc đánh dấu “Nhận bản giấy”.") % {
                    "doc": doc.name
                }
        if slot.error:
            errors.append((slot.field_id, slot.error))
    total = sum(slot.staged["size"] for slot in slots if slot.staged)
    if total > settings.DOSSIER_MAX_TOTAL_SIZE:
        errors.append(("main", gettext("Tổng dung lượng các tệp vượt quá mức cho phép.")))
    return slots, errors


def _summary(*forms_):
    """[(anchor, message)] for the error list at the top, in page order."""
    items = []
    for form in forms_:
        for name, errors in form.errors.items():
            if name == "__all__":
                anchor = "main"
            else:
                widget = form.fields[name].widget
                anchor = form[name].auto_id
                if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                    anchor += "_0"
            items.extend((anchor, str(e)) for e in errors)
    return items


def register_view(model_admin, request):
    """The desk's page: choose a procedure, then fill and submit the dossier."""
    user = request.user
    if not access.can_register(user):
        raise PermissionDenied
    chooser = ProcedureChoiceForm(
        request.GET if PROCEDURE_PARAM in request.GET else None, user=user
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": gettext("Tiếp nhận hồ sơ trực tiếp"),
        "chooser": chooser,
        "procedure_param": PROCEDURE_PARAM,
    }
    template = "admin/procedures/dossier/register_in_person.html"
    if not chooser.is_bound or not chooser.is_valid():
        if chooser.is_bound and PROCEDURE_PARAM in request.GET:
            value = request.GET[PROCEDURE_PARAM]
            # A procedure that exists but lies outside the officer's fields: refused.
            from procedures.models import Procedure

            if value.isdigit() and Procedure.objects.filter(pk=value).exists():
                raise PermissionDenied
        return TemplateResponse(request, template, context)
    procedure = chooser.cleaned_data["procedure"]
    questions = list(procedure.questions.all())
    post = request.POST if request.method == "POST" else None
    applicant = ApplicantForm(post)
    questions_form = build_questions_form(questions, post, prefix="q")
    desk = DeskForm(post)
    status = 200
    if post is None:
        slots, doc_errors = [DocumentSlot(doc) for doc in procedure.documents.all()], []
    else:
        slots, doc_errors = handle_documents(request, procedure)
        valid = [applicant.is_valid(), questions_form.is_valid(), desk.is_valid()]
        if all(valid) and not doc_errors:
            response, status = _register(request, procedure, applicant, questions_form, desk, slots)
            if response is not None:
                return response
    context.update(
        procedure=procedure,
        applicant=applicant,
        questions_form=questions_form,
        desk=desk,
        slots=slots,
        errors=[*_summary(applicant, questions_form), *doc_errors, *_summary(desk)],
        max_file=settings.DOSSIER_MAX_FILE_SIZE,
        max_total=settings.DOSSIER_MAX_TOTAL_SIZE,
    )
    return TemplateResponse(request, template, context, status=status)


def _register(request, procedure, applicant, questions_form, desk, slots):
    """Call the service: (redirect, None) on success; otherwise (None, status) with the
    errors added to `desk`, status 503 when the server failed."""
    raw = questions_to_session(questions_form)
    answers = {
        q.key: {"label": q.label, "value": answer_display(q, raw.get(q.key, ""))}
        for q in questions_form.questions
    }
    try:
        dossier, _token = dossier_register_in_person(
            procedure=procedure,
            applicant=applicant.to_dossier_fields(),
            answers=answers,
            documents=[
                (slot.doc, StagedFile(**slot.staged)) for slot in slots if slot.staged is not None
            ],
            paper_documents=[slot.doc for slot in slots if slot.paper],
            actor=request.user,
            note=desk.cleaned_data["note"],
            notice_version=privacy.VERSION,
            accept=desk.cleaned_data["accept"],
        )
    except ValidationError as exc:
        desk.add_error(None, exc)
        return None, 200
    except (DatabaseError, OSError):
        logger.exception("In-person registration failed for procedure %s", procedure.pk)
        desk.add_error(
            None,
            gettext(
                "Chưa lưu được hồ sơ do sự cố máy chủ; thông tin đã nhập vẫn còn trên trang, "
                "xin bấm “Tiếp nhận hồ sơ” lại sau ít phút."
            ),
        )
        return None, 503
    if dossier.accepted_at:
        receipt = reverse("admin:procedures_dossier_print", args=[dossier.pk, "01"])
        message = format_html(
            '{} <a href="{}">{}</a>',
            gettext("Đã tiếp nhận hồ sơ %(code)s, hẹn trả kết quả ngày %(date)s.")
            % {"code": dossier.code, "date": date_format(localtime(dossier.due_at), "d/m/Y")},
            receipt,
            gettext("In giấy tiếp nhận (mẫu 01)"),
        )
    else:
        message = gettext(
            "Đã ghi nhận hồ sơ %(code)s (Mới đăng ký); bấm “Tiếp nhận hồ sơ” để cấp giấy tiếp nhận."
        ) % {"code": dossier.code}
    messages.success(request, message)
    return HttpResponseRedirect(reverse("admin:procedures_dossier_change", args=[dossier.pk])), None
