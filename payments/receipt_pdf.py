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
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from procedures.receipt_pdf import FONT, FONT_DIR, FONT_FILES, nfc
from procedures.validators import mask_name

MARGIN = 15  # mm
BOLD = FontFace(emphasis="BOLD")


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
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title(f"{lines['title']} {payment.receipt_no}")
    pdf.set_lang("vi")
    pdf.set_creator("Cổng thông tin điện tử phường An Phong")
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / name))
    pdf.add_page()
    width, size, line = pdf.epw, 11, 5.5
    half = width / 2
    top = pdf.get_y()
    for x, (first, second) in ((MARGIN, lines["head_left"]), (MARGIN + half, lines["head_right"])):
        pdf.set_xy(x, top)
        pdf.set_font(FONT, "B", size - 1)
        pdf.multi_cell(half, line, first, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", size - 1)
        pdf.multi_cell(half, line, second, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(MARGIN, top + 5 * line)
    pdf.set_font(FONT, "B", size + 3)
    pdf.multi_cell(width, line * 1.4, lines["title"], align="C", new_x=XPos.LMARGIN)
    pdf.ln(line)
    pdf.set_font(FONT, "", size)
    with pdf.table(
        col_widths=(35, 65),
        first_row_as_headings=False,
        line_height=line * 1.2,
        padding=1,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
    ) as table:
        for label, value in lines["rows"]:
            row = table.row()
            row.cell(label, style=BOLD)
            row.cell(value)
    pdf.ln(line)
    pdf.set_font(FONT, "", size - 2)
    pdf.multi_cell(width, line, lines["note"], align="L", new_x=XPos.LMARGIN)
    return bytes(pdf.output())
