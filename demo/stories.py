"""The stories of the demo dossiers: each step taken through the real services at its
moment (time-machine moves every clock read for that one step), and the small generated
files that say they are demo data."""

import datetime as dt
import io
from contextlib import contextmanager

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from portal.text import fold, slugify_vi
from procedures.constants import Channel, RatingReason
from procedures.constants import DossierStatus as S
from procedures.desk.services import dossier_apologise, dossier_assign
from procedures.files import check_upload
from procedures.services import dossier_rate, dossier_request_withdrawal, dossier_supplement
from procedures.workflow import dossier_transition
from results.constants import Downloader
from results.services import attach_result, record_download

NOTE = "(nội dung minh họa)"

REFUSALS = [
    "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.",
    "Người nộp không thuộc trường hợp được giải quyết theo thủ tục này.",
    "Việc này đã được đăng ký trước đây; đề nghị làm thủ tục cấp bản sao trích lục.",
]


def demo_file(doc, rng):
    """A small PDF or PNG saying it is demo data, passed through the upload checks."""
    stem = f"{slugify_vi(doc.name)[:40]}-minh-hoa"
    lines = ["DU LIEU MINH HOA - KHONG PHAI GIAY TO THAT", fold(doc.name).upper()[:60]]
    types = doc.accepted_type_list()
    if "pdf" in types and (rng.random() < 0.6 or "png" not in types):
        name, data = f"{stem}.pdf", _pdf(lines)
    else:
        name, data = f"{stem}.png", _png(lines)
    upload = SimpleUploadedFile(name, data)
    return check_upload(upload, accepted_types=types, max_bytes=doc.max_bytes)


def _pdf(lines):
    """A one-page PDF with the given ASCII lines (Helvetica; no script, no attachment)."""
    text = " ".join(
        f"({line.replace(chr(92), '').replace('(', '[').replace(')', ']')}) Tj T*" for line in lines
    )
    stream = f"BT /F1 14 Tf 16 TL 56 780 Td {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _png(lines):
    image = Image.new("RGB", (480, 160), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([4, 4, 475, 155], outline="black", width=2)
    for n, line in enumerate(lines):
        draw.text((16, 24 + 28 * n), line, fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# --- the stories ------------------------------------------------------------------------


class NotYet(Exception):
    """The next step would lie in the future: the dossier stays where it is."""


@contextmanager
def travel(moment):
    """Every clock read (timezone.now, model defaults, auto_now) answers `moment`."""
    with time_machine.travel(moment, tick=False):
        yield


class Story:
    """Moves one dossier through the real services at plausible office moments."""

    def __init__(self, *, dossier, calendar, until, rng, reception, officer, leader):
        self.dossier = dossier
        self.calendar = calendar
        self.until = until
        self.rng = rng
        self.reception = reception
        self.officer = officer  # the officer of the dossier's field, if there is one
        self.handler = officer or leader  # who processes it
        self.moment = dossier.submitted_at

    # moments
    def _at(self, moment):
        if moment >= self.until:
            raise NotYet
        self.moment = moment
        return travel(moment)

    def _office_later(self, low, high):
        """A moment `low`–`high` office hours after the current one."""
        hours = dt.timedelta(hours=self.rng.uniform(low, high))
        return self.calendar.add_working_time(self.moment, hours)

    def _towards_due(self, low, high):
        """A moment a share of the office time left before the appointment."""
        left = self.calendar.working_time(self.moment, self.dossier.due_at)
        return self.calendar.add_working_time(self.moment, left * self.rng.uniform(low, high))

    def _move(self, to_status, actor, moment, **kwargs):
        with self._at(moment):
            dossier_transition(dossier=self.dossier, to_status=to_status, actor=actor, **kwargs)

    # steps
    def accept(self):
        self._move(S.ACCEPTED, self.reception, self._office_later(0.3, 6))
        if self.officer is not None:
            with travel(self.moment):
                dossier_assign(dossier=self.dossier, actor=self.reception, officer=self.officer)

    def process(self):
        self._move(S.PROCESSING, self.handler, self._towards_due(0.05, 0.3))

    def finish(self, low=0.3, high=0.95):
        self._move(S.DONE, self.handler, self._towards_due(low, high))

    def hand_over(self):
        self._move(S.RETURNED, self.reception, self._office_later(0.5, 12))

    def deliver_online(self):
        """The handler attaches the electronic result (which finishes the dossier) and the
        resident downloads it from the tracking page, which hands it over: fully online."""
        lines = ["DU LIEU MINH HOA - KHONG PHAI KET QUA THAT", self.dossier.code]
        upload = SimpleUploadedFile("ket-qua-minh-hoa.pdf", _pdf(lines))
        with self._at(self._towards_due(0.3, 0.95)):
            attach_result(dossier=self.dossier, upload=upload, actor=self.handler)
        with self._at(self.moment + dt.timedelta(hours=self.rng.uniform(1, 30))):
            record_download(dossier=self.dossier, by=Downloader.TRACKING)

    def ask_documents(self, actor):
        doc = self.rng.choice(list(self.dossier.procedure.documents.all()))
        self._move(
            S.SUPPLEMENT_REQUESTED,
            actor,
            self._office_later(0.5, 8) if actor is self.reception else self._towards_due(0.1, 0.5),
            documents=[doc],
            public_note=(
                f"Đề nghị bổ sung “{doc.name}”: bản đã nộp bị mờ, không đọc được số và ngày "
                f"cấp. Chỉ cần tải lên lại đúng giấy tờ này, bản chụp rõ nét. {NOTE}"
            ),
        )
        return doc

    def resident_supplies(self, doc):
        moment = self.moment + dt.timedelta(hours=self.rng.uniform(3, 50))
        with self._at(moment):
            dossier_supplement(dossier=self.dossier, files={doc.pk: demo_file(doc, self.rng)})

    def rate(self, satisfied=None, reasons=None, chance=0.6):
        if self.rng.random() > chance:
            return
        if satisfied is None:
            satisfied = self.rng.random() < 0.85
        if reasons is None and satisfied:
            reasons = self.rng.sample(
                [RatingReason.FAST, RatingReason.EASY, RatingReason.HELPFUL], 2
            )
        elif reasons is None:
            reasons = [self.rng.choice([RatingReason.UNCLEAR, RatingReason.TOO_MANY_DOCUMENTS])]
        with self._at(self.moment + dt.timedelta(hours=self.rng.uniform(2, 72))):
            dossier_rate(dossier=self.dossier, satisfied=satisfied, reasons=reasons)

    # plots
    def plot_new(self):
        pass

    def plot_accepted(self):
        self.accept()

    def plot_processing(self):
        self.accept()
        self.process()

    def plot_overdue(self):
        # Nobody finishes or apologises: the queue flags it once the appointment passes.
        self.plot_processing()

    def plot_done(self):
        self.plot_processing()
        self.finish()

    def plot_returned(self):
        self.plot_processing()
        # Most online dossiers take their result online; the rest, and desk ones, at the desk.
        if self.dossier.channel == Channel.ONLINE and self.rng.random() < 0.85:
            self.deliver_online()
        else:
            self.finish()
            self.hand_over()
        self.rate()

    def plot_refused(self):
        self._move(
            S.REFUSED,
            self.reception,
            self._office_later(0.3, 6),
            public_note=f"{self.rng.choice(REFUSALS)} {NOTE}",
        )

    def plot_waiting_supplement(self):
        self.plot_processing()
        return self.ask_documents(self.handler)

    def plot_supplement(self):
        self.resident_supplies(self.plot_waiting_supplement())
        self.finish()
        self.hand_over()
        self.rate()

    def plot_desk_supplement(self):
        # Asked at the desk before acceptance: the complete supplement is the receipt.
        doc = self.ask_documents(self.reception)
        self.resident_supplies(doc)
        self.finish()
        self.hand_over()
        self.rate(satisfied=False, chance=0.8)

    def apologise(self, new_due_from):
        """Form 04 shortly before the appointment: a new date 2–3 working days after `new_due_from`
        (the old appointment when None)."""
        with self._at(self._towards_due(0.8, 0.95)):
            old_due = self.dossier.due_at
            base = old_due if new_due_from is None else max(new_due_from, old_due)
            new_due = self.calendar.closing_time(
                self.calendar.add_working_days(base, self.rng.randint(2, 3))
            )
            dossier_apologise(
                dossier=self.dossier,
                actor=self.handler,
                new_due_at=new_due,
                reason=f"Cần xác minh thêm thông tin với cơ quan liên quan. {NOTE}",
            )
        return old_due, new_due

    def plot_apologised(self):
        self.plot_processing()
        self.apologise(new_due_from=self.until)

    def plot_late_apology(self):
        self.plot_processing()
        old_due, new_due = self.apologise(new_due_from=None)
        extension = self.calendar.working_time(old_due, new_due)
        done = self.calendar.add_working_time(old_due, extension * self.rng.uniform(0.2, 0.8))
        self._move(S.DONE, self.handler, done)
        self.hand_over()
        self.rate(satisfied=False, reasons=[RatingReason.LATE], chance=0.7)

    def plot_obligation(self):
        self.plot_processing()
        self._move(
            S.FINANCIAL_OBLIGATION,
            self.handler,
            self._towards_due(0.1, 0.4),
            amount=100_000,
            public_note=f"Nộp lệ phí đăng ký hộ kinh doanh: 100.000 đồng. {NOTE}",
        )
        self._move(S.PROCESSING, self.handler, self._office_later(4, 16))
        self.finish()
        self.hand_over()
        self.rate()

    def plot_withdrawn(self):
        self.accept()
        with self._at(self.moment + dt.timedelta(hours=self.rng.uniform(2, 20))):
            dossier_request_withdrawal(dossier=self.dossier, reason=f"Đã nộp nhầm thủ tục. {NOTE}")
        self._move(
            S.STOPPED,
            self.handler,
            self._office_later(0.5, 6),
            public_note=f"Dừng xử lý theo yêu cầu rút hồ sơ của công dân. {NOTE}",
        )

    def plot_stopped(self):
        self.plot_processing()
        self._move(
            S.STOPPED,
            self.handler,
            self._towards_due(0.2, 0.6),
            public_note=(
                f"Giấy tờ liên quan đang được cơ quan có thẩm quyền xem xét lại; hồ sơ dừng "
                f"xử lý, công dân được hướng dẫn nộp lại khi có kết quả. {NOTE}"
            ),
        )
