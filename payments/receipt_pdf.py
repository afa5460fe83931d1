"""The electronic receipt (biên lai) of a payment as a one-page A4 PDF.

Drawn with fpdf2 in the font the dossier receipt uses (DejaVu Sans in procedures/fonts/,
every precomposed Vietnamese letter; text in NFC), in Vietnamese whatever the page's
language: it is an official document. It shows what the tracking page shows of the dossier
(masked name) and nothing more.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf.enums import XPos

from procedures.receipt_pdf import FONT, draw_label_rows, draw_national_header, new_document, nfc
from procedures.validators import mask_name


def receipt_lines(payment, *, authority, procedure_name):
    """The receipt's text, in NFC: everything the PDF writes comes from here."""
    dossier = payment.dossier
    if payment.method == "cash":
        how = _("Tiền mặt tại quầy")
    else:
        how = _("Trực tuyến qua cổng thanh toán")
        if payment.gateway == "dev":
            how += " — " + _("CỔNG THANH TOÁN THỬ NGHIỆM, không có giá trị")
    rows = [
        (_("Số biên lai"), payment.receipt_no),
        (_("Mã hồ sơ"), dossier.code),
        (_("Thủ tục"), procedure_name),
        (_("Người nộp"), mask_name(dossier.applicant_name)),
        (_("Số tiền"), _("%(amount)s đồng") % {"amount": intcomma(payment.amount)}),
        (_("Hình thức nộp"), how),
        (_("Thời điểm nộp"), date_filter(timezone.localtime(payment.paid_at), "d/m/Y H:i")),
    ]
    if payment.gateway_txn_no:
        rows.append((_("Mã giao dịch"), payment.gateway_txn_no))
    lines = {
        "head_left": (authority.upper(), _("Trung tâm Phục vụ hành chính công")),
        "head_right": (_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), _("Độc lập - Tự do - Hạnh phúc")),
        "title": _("Biên lai thu phí, lệ phí").upper(),
        "rows": rows,
        "note": _("Biên lai điện tử do Cổng thông tin điện tử phường An Phong lập."),
    }
    return {
        key: (
            [tuple(nfc(v) for v in row) for row in value]
            if key == "rows"
            else tuple(nfc(v) for v in value)
            if isinstance(value, tuple)
            else nfc(value)
        )
        for key, value in lines.items()
    }


def receipt_pdf(payment, *, authority, procedure_name):
    """The PDF bytes of a paid payment's receipt."""
    with translation.override("vi"):
        lines = receipt_lines(payment, authority=authority, procedure_name=procedure_name)
    pdf = new_document(f"{lines['title']} {payment.receipt_no}")
    width, size, line = pdf.epw, 11, 5.5
    draw_national_header(pdf, lines["head_left"], lines["head_right"], size=size, line=line)
    pdf.set_font(FONT, "B", size + 3)
    pdf.multi_cell(width, line * 1.4, lines["title"], align="C", new_x=XPos.LMARGIN)
    pdf.ln(line)
    pdf.set_font(FONT, "", size)
    draw_label_rows(pdf, lines["rows"], line=line)
    pdf.set_font(FONT, "", size - 2)
    pdf.multi_cell(width, line, lines["note"], align="L", new_x=XPos.LMARGIN)
    return bytes(pdf.output())
