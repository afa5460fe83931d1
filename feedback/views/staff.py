"""The staff's moves on a report, from its admin page: one form per row of the table."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback import services
from feedback.constants import FeedbackStatus, RefusalReason
from feedback.models import Feedback, FeedbackPhoto
from feedback.transitions import TRANSITIONS
from procedures.storage import private_storage
from staff.audit import AuditAction, audit


class MoveForm(forms.Form):
    """The inputs of one move: only the fields its row can use are kept."""

    public_note = forms.CharField(
        label=gettext_lazy("Nội dung gửi người phản ánh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )
    refusal_reason = forms.ChoiceField(
        label=gettext_lazy("Lý do không xử lý"),
        choices=[("", "—"), *RefusalReason.choices],
        required=False,
    )
    forwarded_to = forms.CharField(
        label=gettext_lazy("Cơ quan có thẩm quyền đã chuyển đến"), max_length=200, required=False
    )
    merged_into = forms.CharField(
        label=gettext_lazy("Mã phản ánh được gộp vào"), max_length=20, required=False
    )
    internal_note = forms.CharField(
        label=gettext_lazy("Ghi chú nội bộ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )

    def __init__(self, *args, to_status, **kwargs):
        super().__init__(*args, **kwargs)
        if to_status != FeedbackStatus.REFUSED:
            del self.fields["refusal_reason"], self.fields["forwarded_to"]
        if to_status != FeedbackStatus.MERGED:
            del self.fields["merged_into"]

    def clean_merged_into(self):
        code = self.cleaned_data["merged_into"].strip().upper()
        if not code:
            return None
        target = Feedback.objects.filter(code=code).first()
        if target is None:
            raise ValidationError(_("Không có phản ánh mã %(code)s.") % {"code": code})
        return target


def _item_and_rule(pk, to_status):
    item = get_object_or_404(Feedback.objects.select_related("topic"), pk=pk)
    rule = TRANSITIONS.get((item.status, to_status))
    if rule is None:
        raise Http404("No such move from this status")
    return item, rule


@staff_member_required
def transition(request, pk, to_status):
    item, rule = _item_and_rule(pk, to_status)
    if not (rule.permission and request.user.has_perm(rule.permission)):
        raise PermissionDenied
    form = MoveForm(request.POST if request.method == "POST" else None, to_status=to_status)
    if request.method == "POST" and form.is_valid():
        inputs = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
        try:
            services.feedback_transition(item, to_status, actor=request.user, **inputs)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            audit(
                actor=request.user,
                action=AuditAction.TRANSITION,
                target=item,
                to_status=to_status,
            )
            messages.success(
                request, _("Đã chuyển sang “%(s)s”.") % {"s": FeedbackStatus(to_status).label}
            )
            return redirect("admin:feedback_feedback_change", item.pk)
    return render(
        request,
        "admin/feedback/feedback/move.html",
        {
            "item": item,
            "form": form,
            "heading": rule.label,
            "publishes": rule.publishes,
            "needs_answer": "answer" in rule.needs or rule.publishes,
            "opts": Feedback._meta,
            "title": rule.label,
        },
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Ghi chú nội bộ"), widget=forms.Textarea(attrs={"rows": 4, "cols": 80})
    )


@staff_member_required
def note(request, pk):
    item = get_object_or_404(Feedback, pk=pk)
    if not request.user.has_perm("feedback.process_feedback"):
        raise PermissionDenied
    form = NoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_internal_note(item, actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Đã thêm ghi chú."))
        return redirect("admin:feedback_feedback_change", item.pk)
    return render(
        request,
        "admin/feedback/feedback/move.html",
        {
            "item": item,
            "form": form,
            "heading": _("Thêm ghi chú nội bộ"),
            "opts": Feedback._meta,
            "title": _("Thêm ghi chú nội bộ"),
        },
    )


@staff_member_required
def photo(request, pk, photo_pk):
    """A report's photo for staff deciding whether to publish it; every opening audited."""
    if not request.user.has_perm("feedback.view_feedbackphoto"):
        raise PermissionDenied
    item = get_object_or_404(
        FeedbackPhoto.objects.select_related("feedback"), pk=photo_pk, feedback_id=pk
    )
    try:
        handle = private_storage.open(item.file.name, "rb")
    except FileNotFoundError:
        raise Http404("Missing file") from None
    audit(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        target=item.feedback,
        filename=item.original_name,
    )
    response = FileResponse(handle, content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
