"""Generate answered reports for the benchmark: 100 000 by default, in bulk inserts.

Rows get what the services would write (code, deadline, the edited public copy, the
answer, the folded search column, a history row each), published over the last years,
so the public list (/phan-anh-kien-nghi/), its filters and the report pages render as in
real use. Never run this against a database with real reports: it refuses unless --yes
is given or there are none.
"""

import datetime as dt
import random
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from feedback.constants import FeedbackStatus
from feedback.models import Feedback, FeedbackEvent, Topic
from portal.text import fold

BATCH = 2000
PLACES = ["ngõ", "đường", "tổ dân phố", "khu chợ", "trường học", "cổng phường", "bờ sông"]
PROBLEMS = [
    "rác tồn đọng",
    "đèn đường không sáng",
    "lấn chiếm vỉa hè",
    "ổ gà trên đường",
    "cống thoát nước bị tắc",
    "cây xanh nghiêng",
    "tiếng ồn ban đêm",
    "biển báo bị che khuất",
]


def bench_feedback_code(i):
    return f"PAKN-BENCH-{i:06d}"


class Command(BaseCommand):
    help = "Generate N answered, public reports (phản ánh, kiến nghị) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--yes", action="store_true", help="add to a non-empty database")

    def handle(self, *args, **opts):
        start = Feedback.objects.count()
        if start and not opts["yes"]:
            raise CommandError("The database already has reports; pass --yes to add more.")
        rng = random.Random(opts["seed"])
        topics = list(Topic.objects.all())
        if not topics:
            raise CommandError("No topics: run the migrations first.")
        now = timezone.now()
        total = opts["reports"]
        for first in range(start, start + total, BATCH):
            rows = [
                self._row(i, rng, topics, now, total)
                for i in range(first, min(first + BATCH, start + total))
            ]
            with transaction.atomic():
                created = Feedback.objects.bulk_create(rows)
                FeedbackEvent.objects.bulk_create(
                    FeedbackEvent(
                        feedback=item,
                        from_status=FeedbackStatus.AWAITING_APPROVAL,
                        to_status=FeedbackStatus.ANSWERED,
                        created_at=item.answered_at,
                    )
                    for item in created
                )
            self.stdout.write(f"  {first - start + len(rows)} / {total} reports")
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE feedback_feedback")
        self.stdout.write(self.style.SUCCESS("Benchmark reports generated."))

    def _row(self, i, rng, topics, now, total):
        # Every 15 minutes over about three years, the last sent 15 days ago (all answered).
        submitted = now - dt.timedelta(minutes=15 * (total - i), days=15)
        answered = submitted + dt.timedelta(days=rng.randint(1, 12))
        problem, place = rng.choice(PROBLEMS), rng.choice(PLACES)
        title = f"{problem.capitalize()} ở {place} số {i % 97 + 1} (dữ liệu thử)"
        content = f"Người dân phản ánh {problem} ở {place} số {i % 97 + 1}. (dữ liệu thử)"
        answer = f"Phường đã kiểm tra và xử lý {problem}. (dữ liệu thử)"
        return Feedback(
            code=bench_feedback_code(i),
            topic=rng.choice(topics),
            status=FeedbackStatus.ANSWERED,
            title=title,
            content=content,
            name="Người gửi thử",
            phone=f"+849000{i % 100000:05d}",
            consent_publish=True,
            privacy_notice_version="bench",
            tracking_token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
            submitted_at=submitted,
            due_at=submitted + dt.timedelta(days=14),
            public_title=title,
            public_content=content,
            answer=answer,
            answering_body="Ủy ban nhân dân phường An Phong",
            answered_at=answered,
            published_at=answered,
            search_text=fold(f"{title} {content} {answer}"),
        )
