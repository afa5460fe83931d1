"""Benchmark of the staff side (issue 6) on PostgreSQL with 100 000 dossiers.

Measures, in process with Django's test client logged in as real role users (so the
middleware, sessions, CSP, permission checks and audit writes all run):
  * the admin work queue: first page, a filtered page, a search by code;
  * a dossier page (the change view with its inlines and the audit entry it writes);
  * /thong-ke/ (cached, as the public gets it) and its cold computation.

Usage (see bench/README.md):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python manage.py \
      generate_dossier_bench_data --confirm          # issue 5's generator: 100 000 dossiers
  bench/run_staff.sh <db>                    # fills the staff-side columns, then measures
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anphong.settings.prod")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from procedures import statistics as stats  # noqa: E402
from procedures.models import Dossier, ProcedureField  # noqa: E402
from staff import roles  # noqa: E402
from staff.models import StaffProfile  # noqa: E402

FILL_SQL = """
UPDATE procedures_dossier SET
  submitted_at = submitted_at - ((id % 365) * interval '1 day'),
  channel = CASE WHEN id % 5 = 0 THEN 'in_person' ELSE 'online' END
WHERE code LIKE 'BENCH-%%' AND due_at IS NULL;
UPDATE procedures_dossier SET
  accepted_at = submitted_at + interval '2 hours',
  due_at = submitted_at + ((3 + id % 6) * interval '1 day'),
  legal_due_at = submitted_at + ((3 + id % 6) * interval '1 day'),
  due_date = (submitted_at + ((3 + id % 6) * interval '1 day'))::date,
  timeliness = CASE WHEN status IN (9, 10) THEN
     (ARRAY['early', 'on_time', 'late'])[1 + id % 3] ELSE '' END,
  working_days_used = CASE WHEN status IN (9, 10) THEN (id % 7) + 0.5 END,
  finished_at = CASE WHEN status IN (9, 10) THEN submitted_at + interval '3 days' END
WHERE code LIKE 'BENCH-%%' AND status NOT IN (1, 3) AND due_at IS NULL;
INSERT INTO procedures_dossierrating (dossier_id, satisfied, reasons, comment, created_at)
SELECT id, id % 10 <> 0, '[]'::jsonb, '', now() FROM procedures_dossier
WHERE code LIKE 'BENCH-%%' AND status = 10 AND id % 2 = 0
ON CONFLICT DO NOTHING;
ANALYZE;
"""


def prepare():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(FILL_SQL)
    roles.sync_roles()
    users = {}
    field = ProcedureField.objects.get(slug="ho-tich")
    for username, role in (("bench_leader", roles.LEADER), ("bench_officer", roles.OFFICER)):
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        user.groups.add(Group.objects.get(name=role))
        profile, _ = StaffProfile.objects.get_or_create(user=user)
        if role == roles.OFFICER:
            profile.fields.set([field])
        users[role] = user
    return users, field


def measure(client, url, n):
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)
    ):
        client.get(url)
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "url": url,
        "n": n,
        "p50_ms": round(statistics.median(timings), 1),
        "p99_ms": round(timings[max(0, int(n * 0.99) - 1)], 1),
        "max_ms": round(timings[-1], 1),
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200, help="requests per page")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()

    users, field = prepare()
    total = Dossier.objects.count()
    leader, officer = Client(), Client()
    leader.force_login(users[roles.LEADER])
    officer.force_login(users[roles.OFFICER])
    sample = (
        Dossier.objects.filter(code__startswith="BENCH-", procedure__field=field)
        .order_by("-pk")
        .values_list("pk", "code")[500]
    )
    queue = "/quan-tri/procedures/dossier/"
    results = {
        "dossiers": total,
        "events": None,
        "pages": [
            {"name": "queue, first page (leader)", **measure(leader, queue, args.n)},
            {
                "name": "queue, officer's fields, processing + overdue",
                **measure(officer, f"{queue}?status__exact=4&han=qua-han", args.n),
            },
            {
                "name": "queue, officer's fields, due within 48 h, sorted by due date",
                **measure(officer, f"{queue}?han=48h&o=7", args.n),
            },
            {"name": "queue, search by code", **measure(leader, f"{queue}?q={sample[1]}", args.n)},
            {
                "name": "dossier page (officer)",
                **measure(officer, f"{queue}{sample[0]}/change/", args.n),
            },
            {"name": "/thong-ke/ (cached)", **measure(Client(), "/thong-ke/", args.n)},
        ],
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procedures_dossierevent")
        results["events"] = cursor.fetchone()[0]
    cold = []
    for _ in range(5):
        cache.clear()
        start = time.perf_counter()
        stats.cached()
        cold.append((time.perf_counter() - start) * 1000)
    results["statistics_cold_ms"] = {"min": round(min(cold), 1), "max": round(max(cold), 1)}
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
