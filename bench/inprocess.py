#!/usr/bin/env python3
"""Time every scenario of bench/scenarios.py in process, with Django's test client.

    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/inprocess.py [-n 50]

No HTTP and no gunicorn: each request runs the whole middleware stack of the benchmark
settings against the benchmark database, on a page-cache miss (PAGE_CACHE_SECONDS=0)
and with the search results cache off (SEARCH_CACHE_SECONDS=0: every search asks every
provider, as bench/run.py's "cold" mode).
On a shared machine this is much steadier than wrk, so it shows what a change did;
wrk's ratios (bench/run.py) remain the figures the targets are set in. For each
scenario: queries of one request, and the median and best of `n` requests in ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50)
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="anphong.settings.bench",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/anphong_news_bench"
        ),
        PAGE_CACHE_SECONDS="0",
        SEARCH_CACHE_SECONDS="0",
        PORTAL_RATE_TRACKING="1000000000/600",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.scenarios import SCENARIOS, TRACKED_DOSSIER, bench_code, bench_phone_national

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    tracked = Client()
    tracked.get(f"/tra-cuu/h/bench-token-{TRACKED_DOSSIER}/")
    lookup = {"code": bench_code(TRACKED_DOSSIER), "phone": bench_phone_national(TRACKED_DOSSIER)}
    client = Client()

    def request(path, kind):
        if kind == "tracking-post":
            # A new visitor each time, as with wrk (the CSRF check is off in the test client).
            response = Client().post(path, lookup)
            assert response.status_code == 302, response.status_code
        elif kind == "tracking-session":
            response = tracked.get(path)
            assert response.status_code == 200
        else:
            response = client.get(path)
            assert response.status_code == 200, path
        return response

    rows = []
    for name, path, *kind in SCENARIOS:
        kind = kind[0] if kind else ""
        for _ in range(3):
            request(path, kind)
        with CaptureQueriesContext(connection) as ctx:
            request(path, kind)
        queries = len(ctx.captured_queries)
        times = []
        for _ in range(args.n):
            start = time.perf_counter()
            request(path, kind)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((name, queries, statistics.median(times), min(times)))
    print("| scenario | queries | median ms | best ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, queries, median, best in rows:
        print(f"| {name} | {queries} | {median:.2f} | {best:.2f} |")


if __name__ == "__main__":
    main()
