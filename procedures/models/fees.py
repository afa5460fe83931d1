"""Fees: each procedure's fee schedule, what a dossier was charged when it was filed, and
the officers' adjustments of that amount (append-only, each with its reason).

The schedule is a short table of rules (`FeeRule`); `procedures.fees` computes a quote from
it and a dossier's answers. The amount a dossier owes now is `Dossier.fee_due`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.records import AppendOnlyModel
from portal.text import fold, nfc
from procedures.constants import Channel, QuestionKind
from procedures.models.catalogue import PartOfProcedure, Procedure
from procedures.models.dossiers import Dossier


class FeeRuleKind(models.TextChoices):
    FIXED = "fixed", _("Số tiền cố định")
    PER_UNIT = "per_unit", _("Theo số lượng (trang, bản…)")


# Questions whose answer can waive a rule, and how: a yes/no or a choice by its answer, a
# date by how many days before the filing it lies (registration "đúng hạn").
EXEMPTION_KINDS = (QuestionKind.YES_NO, QuestionKind.CHOICE, QuestionKind.DATE)
YES_NO_VALUES = {"yes": "yes", "co": "yes", "no": "no", "khong": "no"}


class FeeRule(PartOfProcedure):
    """One line of a procedure's fee schedule: a fixed amount, or a price per unit counted
    from a number question (pages, copies), possibly waived by an answer."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="fee_rules", verbose_name=_("thủ tục")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    label = models.CharField(
        _("tên khoản thu"), max_length=200, help_text=_("Ví dụ: Lệ phí chứng thực bản sao.")
    )
    kind = models.CharField(
        _("cách tính"), max_length=20, choices=FeeRuleKind.choices, default=FeeRuleKind.FIXED
    )
    channel = models.CharField(
        _("áp dụng khi nộp"),
        max_length=20,
        choices=Channel.choices,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi cách nộp."),
    )
    amount = models.PositiveIntegerField(
        _("số tiền (đồng)"),
        help_text=_("Cố định: số tiền của khoản thu. Theo số lượng: đơn giá mỗi đơn vị."),
    )
    unit_question = models.SlugField(
        _("câu hỏi số lượng"),
        max_length=50,
        blank=True,
        help_text=_("Khóa của câu hỏi kiểu 'Số' (số nguyên) cho biết số đơn vị, ví dụ so_trang."),
    )
    free_units = models.PositiveIntegerField(
        _("bỏ qua số đơn vị đầu"),
        default=0,
        help_text=_("Ví dụ 2: tính từ trang thứ 3 trở đi."),
    )
    max_units = models.PositiveIntegerField(
        _("tính tối đa (đơn vị)"),
        null=True,
        blank=True,
        help_text=_("Ví dụ 2: chỉ tính 2 trang đầu. Để trống nếu không giới hạn."),
    )
    cap = models.PositiveIntegerField(
        _("mức thu tối đa (đồng)"),
        null=True,
        blank=True,
        help_text=_("Trần của khoản thu (mỗi bản, nếu có câu hỏi số bản). Để trống: không có."),
    )
    multiplier_question = models.SlugField(
        _("nhân với câu hỏi"),
        max_length=50,
        blank=True,
        help_text=_(
            "Khóa của câu hỏi kiểu 'Số' (số nguyên), ví dụ so_ban: khoản thu tính cho một bản "
            "rồi nhân với số bản."
        ),
    )
    exemption_question = models.SlugField(
        _("miễn khi câu hỏi"),
        max_length=50,
        blank=True,
        help_text=_("Khóa của câu hỏi kiểu 'Có/Không', 'Chọn một' hoặc 'Ngày'."),
    )
    exemption_value = models.CharField(
        _("có câu trả lời"),
        max_length=300,
        blank=True,
        help_text=_("Với 'Có/Không': Có hoặc Không. Với 'Chọn một': đúng một lựa chọn."),
    )
    exemption_within_days = models.PositiveSmallIntegerField(
        _("hoặc là ngày trong vòng (ngày) trước khi nộp"),
        null=True,
        blank=True,
        help_text=_("Với câu hỏi kiểu 'Ngày', ví dụ 60: khai sinh đúng hạn."),
    )
    exemption_label = models.CharField(
        _("lý do miễn"),
        max_length=200,
        blank=True,
        help_text=_("Hiện cho công dân, ví dụ: Miễn lệ phí khi đăng ký đúng hạn."),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("khoản phí, lệ phí")
        verbose_name_plural = _("biểu phí, lệ phí")

    def __str__(self):
        return self.label

    def clean(self):
        questions = {q.key: q for q in self.procedure.questions.all()} if self.procedure_id else {}
        errors = {}
        number_keys = ("unit_question", "multiplier_question")
        if self.kind == FeeRuleKind.PER_UNIT:
            if not self.unit_question:
                errors["unit_question"] = _("Cách tính theo số lượng cần câu hỏi số lượng.")
            for name in number_keys:
                key = getattr(self, name)
                if key and not _is_whole_number(questions.get(key)):
                    errors[name] = _(
                        "Thủ tục chưa có câu hỏi kiểu 'Số' (số nguyên) với khóa “%(key)s”; "
                        "lưu câu hỏi trước rồi thêm khoản thu."
                    ) % {"key": key}
            if self.max_units == 0:
                errors["max_units"] = _("Để trống hoặc nhập số lớn hơn 0.")
        else:
            for name in (*number_keys, "max_units", "cap"):
                if getattr(self, name) not in ("", None):
                    errors[name] = _("Chỉ dùng với cách tính theo số lượng.")
            if self.free_units:
                errors["free_units"] = _("Chỉ dùng với cách tính theo số lượng.")
        errors.update(self._clean_exemption(questions))
        if errors:
            raise ValidationError(errors)

    def _clean_exemption(self, questions):
        if not self.exemption_question:
            if self.exemption_value or self.exemption_within_days is not None:
                return {"exemption_question": _("Chọn câu hỏi quyết định việc miễn.")}
            return {}
        question = questions.get(self.exemption_question)
        if question is None or question.kind not in EXEMPTION_KINDS:
            return {
                "exemption_question": _(
                    "Thủ tục chưa có câu hỏi kiểu 'Có/Không', 'Chọn một' hoặc 'Ngày' với khóa "
                    "“%(key)s”."
                )
                % {"key": self.exemption_question}
            }
        errors = {}
        if not self.exemption_label.strip():
            errors["exemption_label"] = _("Ghi lý do miễn để công dân hiểu vì sao không phải nộp.")
        if question.kind == QuestionKind.DATE:
            if self.exemption_within_days is None:
                errors["exemption_within_days"] = _("Nhập số ngày, ví dụ 60.")
            if self.exemption_value:
                errors["exemption_value"] = _("Với câu hỏi kiểu 'Ngày', để trống ô này.")
            return errors
        if self.exemption_within_days is not None:
            errors["exemption_within_days"] = _("Chỉ dùng với câu hỏi kiểu 'Ngày'.")
        if question.kind == QuestionKind.YES_NO:
            value = YES_NO_VALUES.get(fold(self.exemption_value).strip())
            if value is None:
                errors["exemption_value"] = _("Ghi Có hoặc Không.")
            else:
                self.exemption_value = value
        elif nfc(self.exemption_value.strip()) not in question.choice_list():
            errors["exemption_value"] = _("Ghi đúng một lựa chọn của câu hỏi: %(choices)s.") % {
                "choices": "; ".join(question.choice_list())
            }
        else:
            self.exemption_value = nfc(self.exemption_value.strip())
        return errors


def _is_whole_number(question):
    return question is not None and question.kind == QuestionKind.NUMBER and question.whole_number


class DossierFee(AppendOnlyModel):
    """The fee computed when the dossier was filed, line by line, as the schedule then
    stood: a later change of the schedule leaves it as filed (the labels are copied)."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="fee", verbose_name=_("hồ sơ")
    )
    # [{"label", "detail", "amount", "waived", "waiver"}], amounts in đồng.
    lines = models.JSONField(_("các khoản"), default=list, blank=True)
    total = models.PositiveIntegerField(_("tổng số tiền khi nộp (đồng)"))
    # False: the catalogue gives no schedule for this procedure; an officer states the amount.
    known = models.BooleanField(_("đã tính được"), default=True)
    created_at = models.DateTimeField(_("tính lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("phí, lệ phí tính khi nộp")
        verbose_name_plural = _("phí, lệ phí tính khi nộp")

    def __str__(self):
        return f"{self.dossier_id}: {self.total}"


class FeeAdjustment(AppendOnlyModel):
    """An officer changed the amount a dossier owes: from what, to what, why, who, when."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="fee_adjustments", verbose_name=_("hồ sơ")
    )
    old_amount = models.PositiveIntegerField(_("số tiền cũ (đồng)"))
    new_amount = models.PositiveIntegerField(_("số tiền mới (đồng)"))
    reason = models.TextField(_("lý do điều chỉnh"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người điều chỉnh"),
    )
    created_at = models.DateTimeField(_("điều chỉnh lúc"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("điều chỉnh phí, lệ phí")
        verbose_name_plural = _("điều chỉnh phí, lệ phí")

    def __str__(self):
        return f"{self.dossier_id}: {self.old_amount} → {self.new_amount}"
