"""The dossier receipt (form 01 of Appendix I, Circular 03/2025/TT-VPCP, with its QR) as a PDF.

Made on the server with fpdf2 from exactly what the receipt page shows: the caller passes
the page's own context (`procedures.resident.tracking`), so the PDF can reveal nothing
the page does not. Text is written with DejaVu Sans shipped in `procedures/fonts/`
(licence beside it), which holds every precomposed Vietnamese letter: text is put in NFC
and needs no shaping engine. The receipt is one A4 sheet: a long list of documents is set
in a smaller type rather than spill onto a second sheet.
"""

import io
import logging
import unicodedata
from pathlib import Path

from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# Body type sizes tried in turn until the receipt fits on one sheet.
SIZES = (11, 10, 9, 8, 7)
MARGIN = 15  # mm
BOLD = FontFace(emphasis="BOLD")

# fontTools reports every glyph of its subsetting at INFO: not the portal's log's business.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def nfc(text):
    return unicodedata.normalize("NFC", str(text))


def receipt_lines(receipt):
    """The receipt's text from the page context `receipt`, in NFC: "head_left",
    "head_right", "title", "code", "intro", "rows" [(label, value)], "documents"
    [(number, name, how received)], the notes. Everything the PDF writes comes from here."""
    dossier = receipt["dossier"]
    authority = receipt.get("authority") or "Ủy ban nhân dân phường An Phong"
    if dossier.channel == "in_person":
        intro = _(
            "Trung tâm Phục vụ hành chính công phường An Phong đã nhận hồ sơ nộp trực tiếp của:"
        )
    else:
        intro = _("Trung tâm Phục vụ hành chính công phường An Phong đã nhận hồ sơ trực tuyến của:")
    # The template's |date converts to local time before formatting; called here, it does not.
    submitted = dossier.submitted_at and timezone.localtime(dossier.submitted_at)
    due = (
        date_filter(dossier.due_date, "d/m/Y")
        if dossier.due_date
        else _("Thông báo khi hồ sơ được tiếp nhận")
    )
    documents = []
    for number, document in enumerate(receipt["documents"], start=1):
        form = []
        if document["on_paper"]:
            form.append(_("Bản giấy"))
        if document["files"]:
            n = document["files"]
            form.append(ngettext("%(n)s tệp điện tử", "%(n)s tệp điện tử", n) % {"n": n})
        documents.append((str(number), document["name"], "; ".join(form)))
    if receipt["qr_target_is_secret"]:
        qr_note = _(
            "Quét mã QR để theo dõi hồ sơ. Mã QR này là đường dẫn riêng: xin không chia sẻ."
        )
    else:
        qr_note = _("Quét mã QR để mở trang tra cứu, rồi nhập mã hồ sơ và số điện thoại.")
    lines = {
        "head_left": (authority.upper(), _("Trung tâm Phục vụ hành chính công")),
        "head_right": (
            _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            _("Độc lập - Tự do - Hạnh phúc"),
        ),
        "title": _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả").upper(),
        "code_label": _("Mã hồ sơ:"),
        "code": dossier.code,
        "intro": intro,
        "rows": [
            (_("Ông/bà"), receipt["masked_name"]),
            (_("Điện thoại"), receipt["masked_phone"]),
            (_("Nội dung yêu cầu giải quyết"), dossier.procedure.name),
            (
                _("Thời điểm nhận"),
                date_filter(submitted, "d/m/Y H:i"),
            ),
            (_("Ngày hẹn trả kết quả"), due),
            (_("Trạng thái"), dossier.get_status_display()),
        ],
        "documents_heading": _("Thành phần hồ sơ"),
        "privacy_note": _(
            "Giấy tiếp nhận tra cứu trực tuyến che một phần họ tên, số điện thoại và không "
            "ghi tên tệp đã tải lên. Bản đầy đủ do cán bộ in tại Trung tâm và trao trực "
            "tiếp cho người nộp."
        ),
        "documents_header": ("#", _("Tên giấy tờ"), _("Hình thức")),
        "documents": documents or [("", _("Không có"), "")],
        "qr_note": qr_note,
    }
    return _normalised(lines)


def _normalised(value):
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_normalised(item) for item in value)
    return nfc(value)


def receipt_pdf(receipt):
    """The PDF bytes of the receipt page's context `receipt` (plus "authority").

    Form 01 is an official Vietnamese document: it is drawn in Vietnamese whichever
    language the page that offers it speaks.
    """
    with translation.override("vi"):
        lines = receipt_lines(receipt)
    png = io.BytesIO()
    receipt["qr"].save(png, kind="png", scale=8, border=2, dark="#000", light="#fff")
    # Roughly five more document rows per point less; the loop makes sure.
    start = min(len(SIZES) - 1, max(0, (len(lines["documents"]) - 6) // 5))
    for size in SIZES[start:]:
        pdf = _draw(lines, png, size, title=f"{lines['title']} {lines['code']}")
        if pdf.pages_count == 1:
            break
    return bytes(pdf.output())


def new_document(title):
    """An A4 portrait document in the receipts' font, margins and metadata, one page added."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_title(title)
    pdf.set_lang("vi")
    pdf.set_creator("Cổng thông tin điện tử phường An Phong")
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(FONT_DIR / name))
    pdf.add_page()
    return pdf


def draw_national_header(pdf, left, right, *, size, line):
    """The national header of an official document: the authority (`left`, two lines) and
    the motto (`right`), side by side; the cursor is left one blank line below."""
    half = pdf.epw / 2
    top = pdf.get_y()
    for x, (first, second) in ((MARGIN, left), (MARGIN + half, right)):
        pdf.set_xy(x, top)
        pdf.set_font(FONT, "B", size - 1)
        pdf.multi_cell(half, line, first, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", size - 1)
        pdf.multi_cell(half, line, second, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(MARGIN, top + 5 * line)


def draw_label_rows(pdf, rows, *, line):
    """Label–value rows (label in bold) between horizontal rules, then a blank line."""
    with pdf.table(
        col_widths=(35, 65),
        first_row_as_headings=False,
        line_height=line * 1.2,
        padding=1,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=BOLD)
            row.cell(value)
    pdf.ln(line)


def _draw(lines, png, size, *, title):
    pdf = new_document(title)
    width = pdf.epw
    line = size * 0.5  # mm per line at `size` pt
    draw_national_header(pdf, lines["head_left"], lines["head_right"], size=size, line=line)

    pdf.set_font(FONT, "B", size + 3)
    pdf.multi_cell(width, line * 1.4, lines["title"], align="C", new_x=XPos.LMARGIN)
    pdf.set_font(FONT, "", size)
    pdf.cell(
        width,
        line * 1.4,
        f"{lines['code_label']} **{lines['code']}**",
        align="C",
        markdown=True,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(line / 2)
    pdf.multi_cell(width, line, lines["intro"], align="L", new_x=XPos.LMARGIN)
    pdf.ln(line / 2)

    draw_label_rows(pdf, lines["rows"], line=line)

    pdf.set_font(FONT, "B", size)
    pdf.cell(width, line * 1.2, lines["documents_heading"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", size - 2)
    pdf.multi_cell(width, line * 0.9, lines["privacy_note"], align="L", new_x=XPos.LMARGIN)
    pdf.ln(line / 3)
    pdf.set_font(FONT, "", size)
    with pdf.table(
        col_widths=(8, 62, 30),
        line_height=line * 1.2,
        padding=1,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
        headings_style=BOLD,
    ) as table:
        header = table.row()
        for text in lines["documents_header"]:
            header.cell(text)
        for document in lines["documents"]:
            row = table.row()
            for text in document:
                row.cell(text)
    pdf.ln(line)

    # The QR and what it leads to, side by side.
    qr_side = 32
    if pdf.get_y() + qr_side > pdf.h - MARGIN:
        pdf.add_page()  # does not fit: the caller tries a smaller type
    y = pdf.get_y()
    png.seek(0)
    pdf.image(png, x=MARGIN, y=y, w=qr_side, h=qr_side, alt_text=lines["qr_note"])
    pdf.set_xy(MARGIN + qr_side + 5, y + qr_side / 2 - line)
    pdf.multi_cell(width - qr_side - 5, line, lines["qr_note"], align="L")
    return pdf
