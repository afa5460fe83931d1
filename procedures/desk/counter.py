"""The reception desk registers a dossier a resident brings in person (channel "trực tiếp").

One admin page (DossierAdmin's "Tiếp nhận hồ sơ trực tiếp"): choose the procedure (only
those of the officer's fields, procedures.access), then the applicant with the online form's
own validation (procedures.resident.forms.ApplicantForm), the procedure's questions, each required
document as a scanned upload or ticked "received on paper" (the online form's documents form,
procedures.forms, with the paper tick added), the resident's consent and a note. The write is
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
from procedures.constants import PrintForm
from procedures.forms import DocumentsForm, build_documents_form, error_summary
from procedures.models import Procedure
from procedures.resident.forms import ApplicantForm
from procedures.resident.questions import (
    build_questions_form,
    dossier_answers,
    questions_to_session,
)
from procedures.services import dossier_register_in_person
from procedures.staging import StagedFile
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


class DeskForm(forms.Form):
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


class CounterDocumentsForm(DocumentsForm):
    """The procedure's documents at the desk: each a scan or ticked “received on paper”.

    Scans staged by an earlier post come back through signed hidden fields (`staged_<pk>`,
    bound to the document and the officer); `remove_<pk>` drops one.
    """

    allow_remove = False  # the desk page has its own “Bỏ tệp này” tick

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for doc in self.documents:
            self.fields[f"paper_{doc.pk}"] = forms.BooleanField(
                label=_("Nhận bản giấy"), required=False
            )

    def clean(self):
        for doc in self.documents:
            previous = _unsign(self.data.get(f"staged_{doc.pk}"), doc, self.user)
            if previous and self.data.get(f"remove_{doc.pk}"):
                private_storage.delete(previous["temp_name"])
                previous = None
            if previous:
                self.staged[str(doc.pk)] = previous
                self.keep(doc, previous)
        data = super().clean()
        for doc in self.documents:
            name = self.field_name(doc)
            if name not in self.errors and self.on_paper(doc) and str(doc.pk) in self.staged:
                self.add_error(
                    name,
                    _("%(doc)s: chọn một cách nhận – tệp quét hoặc bản giấy, không cả hai.")
                    % {"doc": doc.name},
                )
        return data

    def on_paper(self, doc):
        return bool(self.cleaned_data.get(f"paper_{doc.pk}"))

    def check_missing(self, doc):
        if doc.is_mandatory and str(doc.pk) not in self.staged and not self.on_paper(doc):
            self.add_error(
                self.field_name(doc),
                _("%(doc)s: tải lên tệp quét hoặc đánh dấu “Nhận bản giấy”.") % {"doc": doc.name},
            )

    def paper_documents(self):
        return [doc for doc in self.documents if self.on_paper(doc)]

    def slots(self):
        """Per document, what the page shows: its fields, its staged file and that file's
        signed reference for the next post."""
        return [
            {
                "doc": doc,
                "file": self[self.field_name(doc)],
                "paper": self[f"paper_{doc.pk}"],
                "staged": self.staged.get(str(doc.pk)),
                "signed": (
                    _sign(self.staged[str(doc.pk)], doc, self.user)
                    if str(doc.pk) in self.staged
                    else ""
                ),
            }
            for doc in self.documents
        ]


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
            if value.isdigit() and Procedure.objects.filter(pk=value).exists():
                raise PermissionDenied
        return TemplateResponse(request, template, context)
    procedure = chooser.cleaned_data["procedure"]
    questions = list(procedure.questions.all())
    post = request.POST if request.method == "POST" else None
    applicant = ApplicantForm(post)
    questions_form = build_questions_form(questions, post, prefix="q")
    desk = DeskForm(post)
    documents = build_documents_form(
        procedure.documents.all(),
        post,
        request.FILES if post is not None else None,
        form_class=CounterDocumentsForm,
        user=user,
    )
    status = 200
    if post is not None:
        # Every form is validated, so the page shows every error at once.
        valid = [f.is_valid() for f in (applicant, questions_form, documents, desk)]
        if all(valid):
            response, status = _register(
                request, procedure, applicant, questions_form, desk, documents
            )
            if response is not None:
                return response
    context.update(
        procedure=procedure,
        applicant=applicant,
        questions_form=questions_form,
        desk=desk,
        documents=documents,
        errors=error_summary(applicant, questions_form, documents, desk),
        max_file=settings.DOSSIER_MAX_FILE_SIZE,
        max_total=settings.DOSSIER_MAX_TOTAL_SIZE,
    )
    return TemplateResponse(request, template, context, status=status)


def _register(request, procedure, applicant, questions_form, desk, documents):
    """Call the service: (redirect, None) on success; otherwise (None, status) with the
    errors added to `desk`, status 503 when the server failed."""
    answers = dossier_answers(questions_form.questions, questions_to_session(questions_form))
    try:
        dossier, _token = dossier_register_in_person(
            procedure=procedure,
            applicant=applicant.to_dossier_fields(),
            answers=answers,
            documents=documents.staged_documents(),
            paper_documents=documents.paper_documents(),
            actor=request.user,
            note=desk.cleaned_data["note"],
            notice_version=privacy.VERSION,
            accept=desk.cleaned_data["accept"],
        )
    except ValidationError as exc:
        # A refusal of the dossier's own fields names fields the desk form does not have:
        # the messages go on top of the page.
        desk.add_error(None, exc.messages)
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
        receipt = reverse(
            "admin:procedures_dossier_print", args=[dossier.pk, PrintForm.RECEIPT.value]
        )
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
