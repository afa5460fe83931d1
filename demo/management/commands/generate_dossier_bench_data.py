"""Generate a benchmark data set: 300 procedures and 100 000 dossiers with their history.

For benchmark databases only (it refuses without --confirm). Rows are written with
bulk_create in batches, which bypasses Dossier.save(): the generated statuses are set
directly, as a data load, not as workflow changes. Generated dossiers use the unit code
"BENCH" so their codes never collide with real ones; dossier i can be tracked with code
BENCH-YYMMDD-NNNN and phone +849100xxxxx (see bench_phone) or the token "bench-token-<i>".
"""

import datetime
import hashlib
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal.text import fold, slugify_vi, sort_key
from procedures.constants import DossierStatus, ServiceLevel
from procedures.models import (
    Dossier,
    DossierEvent,
    Procedure,
    ProcedureField,
    ProcedureQuestion,
    Province,
    RequiredDocument,
    SupplementRequest,
    Ward,
)

PER_DAY = 300
BATCH = 5000
START = datetime.date(2025, 7, 1)


def bench_phone(i):
    return f"+849{10000000 + i:08d}"[:12]


def bench_code(i):
    day = START + datetime.timedelta(days=i // PER_DAY)
    return f"BENCH-{day:%y%m%d}-{i % PER_DAY + 1:04d}"


class Command(BaseCommand):
    help = "Generate 300 procedures and 100 000 dossiers for benchmarks (bench DBs only)."

    def add_arguments(self, parser):
        parser.add_argument("--procedures", type=int, default=300)
        parser.add_argument("--dossiers", type=int, default=100_000)
        parser.add_argument("--confirm", action="store_true", help="Yes, this is a bench DB.")

    def handle(self, *args, procedures, dossiers, confirm, **options):
        if not confirm:
            raise CommandError("Refusing without --confirm: this fills the database.")
        rng = random.Random(2025)
        fields = [
            ProcedureField.objects.get_or_create(
                slug=slugify_vi(name), defaults={"name": name, "order": i}
            )[0]
            for i, name in enumerate(
                ["Hộ tịch", "Chứng thực", "Hộ kinh doanh", "Đất đai", "Xây dựng", "Bảo trợ xã hội"]
            )
        ]
        existing = Procedure.objects.filter(slug__startswith="do-tai-").count()
        new = []
        for i in range(existing, procedures):
            name = f"Thủ tục đo tải số {i + 1:03d} – đăng ký và xác nhận thông tin"
            new.append(
                Procedure(
                    name=name,
                    slug=f"do-tai-{i + 1:03d}",
                    field=fields[i % len(fields)],
                    summary="Dữ liệu sinh tự động để đo hiệu năng, không phải thủ tục thật.",
                    service_level=ServiceLevel.FULL if i % 3 else ServiceLevel.PARTIAL,
                    processing_days=(i % 10) or None,
                    fee_amount=(i % 4) * 10000,
                    search_text=fold(name),
                    sort_key=sort_key(name),
                    verification_note="Dữ liệu đo tải.",
                )
            )
        Procedure.objects.bulk_create(new, batch_size=BATCH)
        bench_procs = list(Procedure.objects.filter(slug__startswith="do-tai-"))
        docs, questions = [], []
        for p in bench_procs:
            if not RequiredDocument.objects.filter(procedure=p).exists():
                docs += [
                    RequiredDocument(procedure=p, name=f"Giấy tờ {k}", form="original", order=k)
                    for k in (1, 2)
                ]
                questions.append(
                    ProcedureQuestion(
                        procedure=p,
                        key="ghi_chu",
                        kind="text",
                        label="Nội dung đề nghị",
                        required=False,
                    )
                )
        RequiredDocument.objects.bulk_create(docs, batch_size=BATCH)
        ProcedureQuestion.objects.bulk_create(questions, batch_size=BATCH)
        self.stdout.write(f"{len(bench_procs)} bench procedures.")

        province = Province.objects.get(slug="hai-phong")
        ward = Ward.objects.filter(province=province).first()
        start = Dossier.objects.filter(code__startswith="BENCH-").count()
        statuses = list(DossierStatus)
        now = timezone.now()
        for offset in range(start, dossiers, BATCH):
            rows = []
            for i in range(offset, min(offset + BATCH, dossiers)):
                status = rng.choice(statuses)
                rows.append(
                    Dossier(
                        code=bench_code(i),
                        procedure=rng.choice(bench_procs),
                        status=status,
                        tracking_token_hash=hashlib.sha256(f"bench-token-{i}".encode()).hexdigest(),
                        applicant_name=f"Người Đo Tải {i}",
                        applicant_name_folded=f"nguoi do tai {i}",
                        id_number="031090001234",
                        birth_date=datetime.date(1990, 1, 1),
                        sex="male",
                        phone=bench_phone(i),
                        province=province,
                        ward=ward,
                        street="Tổ dân phố 1",
                        privacy_notice_version="2026.1",
                        consent_at=now,
                        submitted_at=now - datetime.timedelta(minutes=dossiers - i),
                    )
                )
            with transaction.atomic():
                created = Dossier.objects.bulk_create(rows, batch_size=BATCH)
                events = []
                for d in created:
                    events.append(
                        DossierEvent(
                            dossier=d, to_status=DossierStatus.NEW, created_at=d.submitted_at
                        )
                    )
                    if d.status != DossierStatus.NEW:
                        events.append(
                            DossierEvent(
                                dossier=d,
                                from_status=DossierStatus.NEW,
                                to_status=d.status,
                                created_at=now,
                            )
                        )
                DossierEvent.objects.bulk_create(events, batch_size=BATCH)
                self._supplement_requests(events)
            self.stdout.write(f"{min(offset + BATCH, dossiers)} dossiers…")
        self.stdout.write(self.style.SUCCESS("Bench data ready."))

    def _supplement_requests(self, events):
        """A dossier waiting for a supplement has the request its event made, as the
        workflow leaves it (procedures.workflow): the first document of its procedure."""
        asking = [e for e in events if e.to_status == DossierStatus.SUPPLEMENT_REQUESTED]
        first_document = dict(
            RequiredDocument.objects.filter(
                procedure_id__in={e.dossier.procedure_id for e in asking}
            )
            .order_by("procedure_id", "-order", "-pk")  # the first of each last
            .values_list("procedure_id", "pk")
        )
        requests = SupplementRequest.objects.bulk_create(
            [
                SupplementRequest(
                    dossier=e.dossier,
                    event=e,
                    note="Bản chụp tờ khai chưa rõ nét. Xin gửi lại bản rõ hơn.",
                    created_at=e.created_at,
                )
                for e in asking
            ],
            batch_size=BATCH,
        )
        SupplementRequest.documents.through.objects.bulk_create(
            [
                SupplementRequest.documents.through(
                    supplementrequest_id=r.pk,
                    requireddocument_id=first_document[r.dossier.procedure_id],
                )
                for r in requests
                if r.dossier.procedure_id in first_document
            ],
            batch_size=BATCH,
        )
