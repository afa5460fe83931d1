"""Demo staff and demo dossiers for `make run`: a desk to try and statistics with figures.

Called by `manage.py load_demo` after the JSON fixtures (the demo procedures). It creates
one staff account per role, with a generated password printed once, and about sixty demo
dossiers submitted over the last four months, each moved through the real services
(`dossier_submit`, `dossier_transition`, `dossier_supplement`, `dossier_apologise`,
`dossier_rate`…), so that statuses, history, appointments in working days, apologies,
ratings and the public statistics are exactly what real use would produce.

Past moments: the services read the clock themselves (`timezone.now()`, and model
defaults such as `Apology.created_at` bound to `timezone.now` at import), so each step
runs inside `time_machine.travel(moment)`, which moves every clock read for the duration
of that one step and nothing else. A step whose moment is still in the future is not
taken: the dossier stays where the story has reached today (recent dossiers are still
being processed, waiting for documents, overdue…).

Idempotent: each demo dossier's one-time submission token is derived from a fixed
namespace (`demo_token(i)`), the same marker `dossier_submit` already uses to refuse
doubles; dossiers already there are skipped. Every applicant is visibly demo data
("… (dữ liệu minh họa)", phones 0900 000 xxx, ID numbers with serial 000xxx), files are
small generated PDF/PNG pages saying so.
"""

import datetime as dt
import io
import random
import secrets
import uuid
from contextlib import contextmanager

import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from portal.text import fold, slugify_vi
from procedures import workdays
from procedures.constants import DossierStatus as S
from procedures.constants import QuestionKind, RatingReason, Sex
from procedures.desk.services import dossier_apologise, dossier_assign
from procedures.files import check_upload
from procedures.models import Dossier, Procedure, ProcedureField, Province, Ward
from procedures.privacy import VERSION as NOTICE_VERSION
from procedures.services import (
    StagedFile,
    dossier_rate,
    dossier_request_withdrawal,
    dossier_submit,
    dossier_supplement,
)
from procedures.validators import display_mobile
from procedures.workflow import dossier_transition
from staff import roles
from staff.models import StaffProfile

DEMO_NAMESPACE = uuid.UUID("5f0c2a4e-6d1b-4c55-9a51-2025a0f0de00")
DEMO_SUFFIX = "(dữ liệu minh họa)"
NOTE = "(nội dung minh họa)"
DOSSIERS = 60
RECENT_DAYS = 12  # the youngest dossiers, one a working day: the states of a live queue
SPAN_DAYS = 120  # about four months

# username, role group, display name, slugs of the fields handled ("*": every field)
STAFF = [
    ("demo.tiepnhan", roles.RECEPTION, "Cán bộ tiếp nhận", "*"),
    ("demo.chuyenvien", roles.OFFICER, "Chuyên viên", ("ho-tich", "chung-thuc", "ho-kinh-doanh")),
    ("demo.lanhdao", roles.LEADER, "Lãnh đạo", ()),
    ("demo.bientap", roles.EDITOR, "Biên tập viên", ()),
]

# How often each demo procedure is asked for (the desk's everyday mix); others weigh 3.
WEIGHTS = {
    "dang-ky-khai-sinh": 10,
    "chung-thuc-ban-sao-tu-ban-chinh-giay-to-van-ban-do-co-quan-co-tham-quyen-cua-viet-nam-cap": 12,
    "cap-ban-sao-trich-luc-ho-tich": 8,
    "cap-giay-xac-nhan-tinh-trang-hon-nhan": 7,
    "dang-ky-ket-hon": 5,
    "dang-ky-thanh-lap-ho-kinh-doanh": 5,
}
BUSINESS = "dang-ky-thanh-lap-ho-kinh-doanh"

# The story of each dossier. The youngest (newest first) show a live queue; the older ones
# repeat a mix that is mostly on time, with supplements, apologies, refusals and the rest.
RECENT_PLOTS = [
    "new",
    "new",
    "accepted",
    "processing",
    "waiting_supplement",  # the one printed for /tra-cuu/: the resident can upload there
    "done",
    "returned",
    "apologised",  # late, the apology sent, the new date still ahead
    "overdue",  # late and nothing done about it: the queue flags it
    "refused",
    "supplement",
    "late_apology",
]
OLDER_PLOTS = [
    "returned",
    "returned",
    "supplement",
    "returned",
    "late_apology",
    "returned",
    "refused",
    "returned",
    "obligation",
    "returned",
    "desk_supplement",
    "returned",
    "withdrawn",
    "returned",
    "late_apology",
    "stopped",
]
MULTI_DAY_PLOTS = {"accepted", "processing", "waiting_supplement", "apologised", "overdue"}
SAMPLE_INDEX = DOSSIERS - 1 - RECENT_PLOTS.index("waiting_supplement")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Mẫu", "Thử", "Minh Họa"]
REFUSALS = [
    "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.",
    "Người nộp không thuộc trường hợp được giải quyết theo thủ tục này.",
    "Việc này đã được đăng ký trước đây; đề nghị làm thủ tục cấp bản sao trích lục.",
]


def demo_token(i):
    """The one-time submission token of demo dossier `i`: the marker of the demo data."""
    return uuid.uuid5(DEMO_NAMESPACE, f"anphong-demo-dossier-{i}")


def load(stdout):
    procedures = list(
        Procedure.objects.published()
        .filter(online_open=True)
        .select_related("field")
        .prefetch_related("documents", "questions")
        .order_by("pk")
    )
    if not procedures:
        stdout.write("Demo dossiers skipped: no published procedure accepts online dossiers.")
        return
    staff = _ensure_staff(stdout)
    tokens = [demo_token(i) for i in range(DOSSIERS)]
    existing = set(
        Dossier.objects.filter(submission_token__in=tokens).values_list(
            "submission_token", flat=True
        )
    )
    missing = [i for i in range(DOSSIERS) if tokens[i] not in existing]
    if missing:
        _create_dossiers(missing, procedures, staff)
        stdout.write(f"Demo dossiers created: {len(missing)} (dữ liệu minh họa).")
    else:
        stdout.write(f"Demo dossiers already loaded ({DOSSIERS}); nothing to add.")
    sample = Dossier.objects.filter(submission_token=tokens[SAMPLE_INDEX]).first()
    if sample:
        stdout.write(
            f"Try /tra-cuu/ with the demo dossier {sample.code} and phone "
            f"{display_mobile(sample.phone)} ({sample.get_status_display()})."
        )


# --- staff ------------------------------------------------------------------------------


def _ensure_staff(stdout):
    """The demo accounts, one per role; a password is generated and shown only at creation."""
    User = get_user_model()
    all_fields = list(ProcedureField.objects.all())
    users, created = {}, []
    for username, role, title, field_slugs in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username, password=password, first_name=f"{title} {DEMO_SUFFIX}"
            )
            created.append((username, role, password))
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=role))
        profile, _new = StaffProfile.objects.get_or_create(
            user=user, defaults={"position": f"{title} {DEMO_SUFFIX}"}
        )
        if field_slugs == "*":
            profile.fields.set(all_fields)
        elif field_slugs:
            profile.fields.set([f for f in all_fields if f.slug in field_slugs])
        users[role] = User.objects.get(pk=user.pk)  # fresh: no cached permissions
    if created:
        stdout.write("Demo staff accounts created (passwords shown once), at /quan-tri/:")
        for username, role, password in created:
            stdout.write(f"  {username:<16} {role:<14} password: {password}")
    else:
        names = ", ".join(username for username, *_rest in STAFF)
        stdout.write(
            f"Demo staff accounts already exist ({names}); their passwords were printed when "
            "they were created (reset one with: manage.py changepassword <username>)."
        )
    return users


# --- dossiers -----------------------------------------------------------------------------


def _create_dossiers(indexes, procedures, staff):
    now = timezone.now()
    calendar = workdays.get_calendar()
    province = Province.objects.get(slug="hai-phong")
    ward = Ward.objects.filter(province=province, name="An Phong").first()
    officer_fields = set(
        StaffProfile.fields.through.objects.filter(
            staffprofile__user=staff[roles.OFFICER]
        ).values_list("procedurefield_id", flat=True)
    )
    for i in indexes:
        rng = random.Random(f"anphong-demo-{i}")
        plot = _plot(i)
        procedure = _procedure(rng, procedures, plot)
        submitted = _submission_moment(i, rng, now, calendar)
        officer = staff[roles.OFFICER] if procedure.field_id in officer_fields else None
        with transaction.atomic():
            dossier = _submit(i, rng, procedure, submitted, province, ward)
            story = _Story(
                dossier=dossier,
                calendar=calendar,
                until=now - dt.timedelta(minutes=5),
                rng=rng,
                reception=staff[roles.RECEPTION],
                officer=officer,
                leader=staff[roles.LEADER],
            )
            try:
                getattr(story, f"plot_{plot}")()
            except _NotYet:
                pass  # the rest of the story lies in the future


def _plot(i):
    recent_rank = DOSSIERS - 1 - i
    if recent_rank < len(RECENT_PLOTS):
        return RECENT_PLOTS[recent_rank]
    return OLDER_PLOTS[i % len(OLDER_PLOTS)]


def _procedure(rng, procedures, plot):
    if plot == "obligation":
        business = [p for p in procedures if p.slug == BUSINESS]
        if business:
            return business[0]
    pool = procedures
    if plot in MULTI_DAY_PLOTS:
        pool = [p for p in procedures if p.processing_days] or procedures
    return rng.choices(pool, weights=[WEIGHTS.get(p.slug, 3) for p in pool])[0]


def _submission_moment(i, rng, now, calendar):
    """The youngest dossiers one working day apart, counted back in office time from now,
    so that their stories (every step in office time) reach the same states whatever the
    day and hour of loading (a Monday before opening, the day after Tết); the older ones
    spread over the four months before them, online at any hour."""
    recent_rank = DOSSIERS - 1 - i
    if recent_rank < len(RECENT_PLOTS):
        office_days = recent_rank + rng.uniform(0.05, 0.8)
        moment = calendar.subtract_working_time(now, calendar.day_length * office_days)
    else:
        recent_start = calendar.subtract_working_time(now, calendar.day_length * len(RECENT_PLOTS))
        older = DOSSIERS - len(RECENT_PLOTS)
        days = 1 + (SPAN_DAYS - RECENT_DAYS) * (older - i - rng.random()) / older
        day = timezone.localtime(recent_start - dt.timedelta(days=days)).date()
        moment = timezone.make_aware(
            dt.datetime.combine(day, dt.time(rng.randint(6, 21), rng.randint(0, 59)))
        )
    return min(moment, now - dt.timedelta(minutes=30))


def _submit(i, rng, procedure, submitted, province, ward):
    sex = rng.choice([Sex.MALE, Sex.FEMALE])
    birth = dt.date(rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28))
    name = " ".join(
        [rng.choice(FAMILY), "Văn" if sex == Sex.MALE else "Thị", rng.choice(GIVEN), DEMO_SUFFIX]
    )
    applicant = {
        "applicant_name": name,
        # Hải Phòng's code 031, the century/sex digit and year the rules ask for, serial 000xxx.
        "id_number": f"031{0 if sex == Sex.MALE else 1}{birth.year % 100:02d}000{i:03d}",
        "birth_date": birth,
        "sex": sex,
        "phone": f"+84900000{i:03d}",
        "email": "",
        "province": province,
        "ward": ward,
        "ward_name": "" if ward else "An Phong",
        "street": f"Số {rng.randint(1, 99)}, tổ dân phố {rng.randint(1, 40)} (địa chỉ minh họa)",
    }
    with _travel(submitted):
        documents = [
            (doc, StagedFile.stage(_demo_file(doc, rng)))
            for doc in procedure.documents.all()
            if doc.is_mandatory or rng.random() < 0.3
        ]
        dossier, _created = dossier_submit(
            procedure=procedure,
            applicant=applicant,
            answers=_answers(procedure, rng, submitted),
            documents=documents,
            consent_at=submitted - dt.timedelta(minutes=rng.randint(3, 20)),
            notice_version=NOTICE_VERSION,
            submission_token=demo_token(i),
            # Never printed: the demo is tried with the code and phone instead.
            tracking_token=secrets.token_urlsafe(32),
        )
    return dossier


def _answers(procedure, rng, submitted):
    answers = {}
    for q in procedure.questions.all():
        if q.kind == QuestionKind.DATE:
            value = (submitted.date() - dt.timedelta(days=rng.randint(3, 90))).strftime("%d/%m/%Y")
        elif q.kind == QuestionKind.NUMBER:
            value = str(rng.randint(1, 3))
        elif q.kind == QuestionKind.CHOICE:
            value = rng.choice(q.choice_list() or [""])
        elif q.kind == QuestionKind.YES_NO:
            value = rng.choice(["Có", "Không"])
        elif q.kind == QuestionKind.EMAIL:
            value = "minh-hoa@example.com"
        elif q.kind == QuestionKind.PHONE:
            value = "+84900000999"
        elif q.kind == QuestionKind.ID_NUMBER:
            value = "031090000999"
        else:
            value = f"Nội dung minh họa {NOTE}"
        answers[q.key] = {"label": q.label, "value": value}
    return answers


# --- files: generated pages, checked and staged exactly like an upload ------------------


def _demo_file(doc, rng):
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


class _NotYet(Exception):
    """The next step would lie in the future: the dossier stays where it is."""


@contextmanager
def _travel(moment):
    """Every clock read (timezone.now, model defaults, auto_now) answers `moment`."""
    with time_machine.travel(moment, tick=False):
        yield


class _Story:
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
            raise _NotYet
        self.moment = moment
        return _travel(moment)

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
            with _travel(self.moment):
                dossier_assign(dossier=self.dossier, actor=self.reception, officer=self.officer)

    def process(self):
        self._move(S.PROCESSING, self.handler, self._towards_due(0.05, 0.3))

    def finish(self, low=0.3, high=0.95):
        self._move(S.DONE, self.handler, self._towards_due(low, high))

    def hand_over(self):
        self._move(S.RETURNED, self.reception, self._office_later(0.5, 12))

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
            dossier_supplement(dossier=self.dossier, files={doc.pk: _demo_file(doc, self.rng)})

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
        self.plot_done()
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
