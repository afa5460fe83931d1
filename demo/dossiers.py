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
import random
import secrets
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from demo.stories import NOTE, NotYet, Story, demo_file, travel
from procedures import workdays
from procedures.constants import QuestionKind, Sex
from procedures.models import Dossier, Procedure, ProcedureField, Province, Ward
from procedures.privacy import VERSION as NOTICE_VERSION
from procedures.services import (
    dossier_submit,
)
from procedures.staging import StagedFile
from procedures.validators import check_id_number_matches, display_mobile
from staff import roles
from staff.models import StaffProfile

DEMO_NAMESPACE = uuid.UUID("5f0c2a4e-6d1b-4c55-9a51-2025a0f0de00")
DEMO_SUFFIX = "(dữ liệu minh họa)"
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
            story = Story(
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
            except NotYet:
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


def _century_sex_digit(birth, sex):
    """The 4th digit of a CCCD number (Circular 59/2021/TT-BCA Art. 7): 20th century
    male 0 / female 1, 21st century 2 / 3."""
    return (birth.year // 100 - 19) * 2 + (1 if sex == Sex.FEMALE else 0)


def _submit(i, rng, procedure, submitted, province, ward):
    sex = rng.choice([Sex.MALE, Sex.FEMALE])
    birth = dt.date(rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28))
    name = " ".join(
        [rng.choice(FAMILY), "Văn" if sex == Sex.MALE else "Thị", rng.choice(GIVEN), DEMO_SUFFIX]
    )
    # Hải Phòng's code 031, the century/sex digit and year the rules ask for, serial 000xxx;
    # checked by the portal's own rule, so a person born in 2000 or later gets 2 or 3.
    id_number = f"031{_century_sex_digit(birth, sex)}{birth.year % 100:02d}000{i:03d}"
    check_id_number_matches(id_number, birth, sex)
    applicant = {
        "applicant_name": name,
        "id_number": id_number,
        "birth_date": birth,
        "sex": sex,
        "phone": f"+84900000{i:03d}",
        "email": "",
        "province": province,
        "ward": ward,
        "ward_name": "" if ward else "An Phong",
        "street": f"Số {rng.randint(1, 99)}, tổ dân phố {rng.randint(1, 40)} (địa chỉ minh họa)",
    }
    with travel(submitted):
        documents = [
            (doc, StagedFile.stage(demo_file(doc, rng)))
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
