"""Forms of the staff actions in the admin: one per transition, apology, assignment, fee."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures import access, workdays
from procedures.constants import DossierStatus as S
from procedures.numbers import VietnameseNumberField
from procedures.transitions import TRANSITIONS, Clock


class TransitionForm(forms.Form):
    public_note = forms.CharField(
        label=_("Ghi chú gửi công dân"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    internal_note = forms.CharField(
        label=_("Ghi chú nội bộ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dossier, to_status, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.to_status = S(to_status)
        # The row of this move: its inputs, its note, its clock effect.
        self.rule = rule = TRANSITIONS[(S(dossier.status), self.to_status)]
        note = self.fields["public_note"]
        note.label = rule.note_label or note.label
        note.required = rule.needs_public_note or rule.note_required_at_desk
        if "documents" in rule.needs:
            self.fields["documents"] = forms.ModelMultipleChoiceField(
                label=_("Giấy tờ còn thiếu"),
                queryset=dossier.procedure.documents.all(),
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Đánh dấu đúng những giấy tờ còn thiếu.")},
            )
            self.order_fields(["documents", "public_note", "internal_note"])
        if "amount" in rule.needs:
            self.fields["amount"] = forms.IntegerField(
                label=_("Số tiền (đồng)"),
                min_value=1,
                error_messages={"min_value": _("Số tiền phải lớn hơn 0.")},
            )
            self.order_fields(["amount", "public_note", "internal_note"])
        if note.required:
            note.error_messages["required"] = _("Cần ghi rõ nội dung này để gửi công dân.")

    def preview_due(self):
        """The appointment an acceptance now would give (shown before confirming)."""
        if self.rule.clock != Clock.START:
            return None
        procedure = self.dossier.procedure
        return workdays.due_at(
            timezone.now(), procedure.processing_days or 0, cutoff=procedure.same_day_cutoff
        )

    def transition_inputs(self):
        inputs = {}
        if "documents" in self.cleaned_data:
            inputs["documents"] = list(self.cleaned_data["documents"])
        if "amount" in self.cleaned_data:
            inputs["amount"] = self.cleaned_data["amount"]
        return inputs


class ApologyForm(forms.Form):
    new_due_date = forms.DateField(
        label=_("Ngày hẹn trả mới"),
        help_text=_("Nhập theo dạng ngày/tháng/năm. Kết quả hẹn trả vào cuối giờ làm việc."),
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    reason = forms.CharField(
        label=_("Lý do chậm trả kết quả"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_new_due_date(self):
        day = self.cleaned_data["new_due_date"]
        if not workdays.is_working_day(day):
            raise forms.ValidationError(_("Ngày hẹn mới phải là ngày làm việc."))
        return day

    def new_due_at(self):
        day = self.cleaned_data["new_due_date"]
        return workdays.get_calendar().closing_time(day) if isinstance(day, dt.date) else None


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Cán bộ xử lý"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("(chưa phân công)"),
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True, is_staff=True)
        field_id = dossier.procedure.field_id
        self.fields["officer"].queryset = (
            users.filter(staff_profile__fields=field_id)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["officer"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.dossier = dossier

    def clean_officer(self):
        officer = self.cleaned_data["officer"]
        if officer is not None and not access.can_handle_field(
            officer, self.dossier.procedure.field_id
        ):
            raise forms.ValidationError(_("Cán bộ này không phụ trách lĩnh vực của hồ sơ."))
        return officer


class FeeAdjustmentForm(forms.Form):
    amount = VietnameseNumberField(
        label=_("Số tiền phải nộp mới (đồng)"),
        whole=True,
        min_value=0,
        # Up to 999.999.999 đồng: no fee of a ward comes near, and the column holds it.
        max_digits=9,
        help_text=_("Số nguyên, dấu chấm tách hàng nghìn, ví dụ 10.000; 0 nếu được miễn."),
        error_messages={"required": _("Nhập số tiền phải nộp mới (0 nếu được miễn).")},
    )
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Công dân xem được lý do này khi tra cứu hồ sơ."),
        error_messages={"required": _("Ghi rõ lý do điều chỉnh số tiền phải nộp.")},
    )

    def clean_amount(self):
        return int(self.cleaned_data["amount"])
