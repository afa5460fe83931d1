"""Named scenarios measured by bench/run.py: (name, path) or (name, path, kind). Add yours here.

Paths must answer 200 on the data of bench/run.py --setup, i.e. of both generators:
`manage.py generate_news_bench_data` (100 000 articles: slugs bai-0 … bai-99999, where
every 100th + 3 is a draft and every 1000th + 7 scheduled; 5 000 documents) and
`manage.py generate_dossier_bench_data --confirm` (300 procedures do-tai-001 … do-tai-300,
100 000 dossiers BENCH-…) and `manage.py generate_feedback_bench_data` (100 000 answered
reports PAKN-BENCH-000000 … 099999, numbered 1 … 100 000 in a fresh database).
"trivial" is the reference and must stay first.

Kinds other than a plain GET (bench/run.py prepares them before each server's rounds):
- "tracking-post": POST of a dossier code + phone to /tra-cuu/ with a real CSRF cookie
  and token fetched first (wrk sends it through a Lua script); success is the 302 to
  the result page, and the warm-up checks that it is a 302 there, not the form again.
- "tracking-session": GET of the result page with the session a secret tracking link
  opened (the page a resident reads after either route).
"""

import datetime

# Dossier i of the demo app's generator (demo/management/commands/generate_dossier_bench_data.py:
# bench_code, bench_phone; tests/procedures/test_catalogue.py checks they agree).
TRACKED_DOSSIER = 50_000


def bench_code(i, per_day=300, start=datetime.date(2025, 7, 1)):
    day = start + datetime.timedelta(days=i // per_day)
    return f"BENCH-{day:%y%m%d}-{i % per_day + 1:04d}"


def bench_phone_national(i):
    """The phone of dossier i as a resident types it (0 + 9 digits, not +84…)."""
    return "0" + f"9{10000000 + i:08d}"[:9]


SCENARIOS = [
    ("trivial", "/bench/trivial/"),
    ("home", "/"),
    ("list p1", "/tin-tuc/"),
    ("list p4000", "/tin-tuc/?page=4000"),
    ("article", "/tin-tuc/bai-5000/"),
    ("category", "/tin-tuc/chuyen-muc/tin-dai-hoi/"),
    ("documents", "/van-ban/"),
    ("search", "/tim-kiem/?q=dai+hoi"),
    # Issue 5: the procedure catalogue, a start page, tracking a dossier.
    ("procedures", "/thu-tuc/"),
    ("procedure", "/thu-tuc/do-tai-150/"),
    ("tracking post", "/tra-cuu/", "tracking-post"),
    ("tracking page", "/tra-cuu/ho-so/", "tracking-session"),
    # Issue 17: residents' reports answered in public (100 000 of them), list and a page.
    ("feedback", "/phan-anh-kien-nghi/"),
    ("feedback p2000", "/phan-anh-kien-nghi/?page=2000"),
    ("feedback item", "/phan-anh-kien-nghi/50000/"),
]
