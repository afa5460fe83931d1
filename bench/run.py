#!/usr/bin/env python3
"""Serve the site with gunicorn and measure each scenario against a trivial view with wrk.

    .venv/bin/python bench/run.py --setup            # create, migrate, generate data
    .venv/bin/python bench/run.py                    # 3 rounds, both cache modes
    .venv/bin/python bench/run.py --modes cold --only search   # search, nothing cached

Modes: "cached" (anonymous page cache on, as in production), "nocache"
(PAGE_CACHE_SECONDS=0: every request renders; data caches such as counts, layout
fragments and search results stay on) and "cold" (the search results cache off too).
Each round runs every scenario once (order rotated by one per round) with
`wrk -t2 -c16 -d<duration>s --latency`; the ratio is a scenario's requests/s divided
by the trivial view's in the same round; the report gives medians over rounds.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scenarios import SCENARIOS, TRACKED_DOSSIER, bench_code, bench_phone_national  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/anphong_news_bench"


def sh(cmd, env=None, check=True):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=check, text=True, capture_output=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("Installing wrk from Debian's packages…", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})  # fmt: skip


def setup(env, articles, documents, procedures, dossiers, reports):
    """Create and migrate the database, then run both generators (each one idempotent)."""
    name = env["DATABASE_URL"].rsplit("/", 1)[1]
    exists = sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
                 f"SELECT 1 FROM pg_database WHERE datname='{name}'"]).stdout.strip()  # fmt: skip
    if not exists:
        sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {name}"])
    sh([PY, "manage.py", "migrate", "--noinput"], env=env)
    sh([PY, "manage.py", "loaddata", "fixtures/demo/010_ward.json"], env=env)
    # News (issue 3): articles with image rows, documents. It refuses to add to a
    # database that already has articles, which makes a second --setup a no-op.
    result = sh([PY, "manage.py", "generate_news_bench_data", f"--articles={articles}",
                 f"--documents={documents}"], env=env, check=False)  # fmt: skip
    print(result.stdout[-300:] or result.stderr[-300:])
    # Procedures (issue 5): procedures and dossiers with their history; it tops up to
    # the numbers asked for, so a second run adds nothing.
    result = sh([PY, "manage.py", "generate_dossier_bench_data", "--confirm",
                 f"--procedures={procedures}", f"--dossiers={dossiers}"], env=env)  # fmt: skip
    print(result.stdout[-300:])
    # Residents' reports (issue 17): 100 000 answered in public; refuses a second run.
    result = sh([PY, "manage.py", "generate_feedback_bench_data", f"--reports={reports}"],
                env=env, check=False)  # fmt: skip
    print(result.stdout[-300:] or result.stderr[-300:])
    sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-qc", "VACUUM ANALYZE"])


def start_server(env, port, workers):
    cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "anphong.wsgi", "-w", str(workers),
           "-b", f"127.0.0.1:{port}", "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial/", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("gunicorn did not start")


def stop_server(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, duration, threads, connections, extra=()):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", *extra, url],
        check=True, text=True, capture_output=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    parsed = {k: _ms(*re.match(r"([\d.]+)(\w+)", v).groups()) for k, v in lat.items()}
    return {"rps": rps, "p50": parsed["50"], "p99": parsed["99"],
            "errors": int(non2xx.group(1)) if non2xx else 0}  # fmt: skip


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _opener(jar):
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)


def _open(opener, url, data=None):
    try:
        return opener.open(url, data=data, timeout=30)
    except urllib.error.HTTPError as error:  # 3xx are "errors" without redirect handling
        return error


def _cookie_header(jar):
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def prepare_tracking_post(base, path, workdir):
    """A real CSRF cookie + form token, and a Lua script that makes wrk POST with them."""
    jar = http.cookiejar.CookieJar()
    opener = _opener(jar)
    html = _open(opener, base + path).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({
        "csrfmiddlewaretoken": token,
        "code": bench_code(TRACKED_DOSSIER),
        "phone": bench_phone_national(TRACKED_DOSSIER),
    })  # fmt: skip
    # Check once by hand: the look-up must find the dossier (302 to the result page).
    response = _open(opener, base + path, data=body.encode())
    location = response.headers.get("Location", "")
    assert response.status == 302 and location.endswith("/tra-cuu/ho-so/"), (
        f"tracking POST answered {response.status} {location!r}"
    )
    csrf = "; ".join(f"{c.name}={c.value}" for c in jar if c.name == "csrftoken")
    script = Path(workdir) / "tracking_post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(body)}\n"
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = {json.dumps(csrf)}\n'
    )
    return ["-s", str(script)]


def prepare_tracking_session(base, path, workdir):
    """The session a secret tracking link opens, sent as a cookie with every request."""
    jar = http.cookiejar.CookieJar()
    opener = _opener(jar)
    _open(opener, f"{base}/tra-cuu/h/bench-token-{TRACKED_DOSSIER}/")
    html = _open(opener, base + path).read().decode()
    assert bench_code(TRACKED_DOSSIER) in html, "the tracking page does not show the dossier"
    return ["-H", f"Cookie: {_cookie_header(jar)}"]


PREPARE = {"tracking-post": prepare_tracking_post, "tracking-session": prepare_tracking_session}


# "cached": as in production. "nocache": every page renders (the page cache is off), the
# data caches (counts, layout fragments, search results) stay on. "cold": the search
# results cache is off too, so each search asks every provider (run it with
# --only search: the other pages are the same as in "nocache").
MODES = {
    "cached": {"PAGE_CACHE_SECONDS": "60"},
    "nocache": {"PAGE_CACHE_SECONDS": "0"},
    "cold": {"PAGE_CACHE_SECONDS": "0", "SEARCH_CACHE_SECONDS": "0"},
}


def selected(args):
    """SCENARIOS, or only those named in --only (the trivial reference always stays)."""
    if not args.only:
        return SCENARIOS
    names = {"trivial", *(n.strip() for n in args.only.split(","))}
    unknown = names - {s[0] for s in SCENARIOS}
    if unknown:
        sys.exit(f"Unknown scenario(s): {', '.join(sorted(unknown))}")
    return [s for s in SCENARIOS if s[0] in names]


def run_mode(mode, env, args):
    scenarios = selected(args)
    env = {**env, **MODES[mode]}
    proc = start_server(env, args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    workdir = tempfile.mkdtemp(prefix="anphong-bench-")
    try:
        extras = {}
        for name, path, *kind in scenarios:  # warm up, and fail early on a broken scenario
            if kind:
                extras[name] = PREPARE[kind[0]](base, path, workdir)
                continue
            with urllib.request.urlopen(base + path, timeout=30) as response:
                assert response.status == 200, path
        rounds = []
        for r in range(args.rounds):
            order = scenarios[r % len(scenarios) :] + scenarios[: r % len(scenarios)]
            results = {}
            for name, path, *_kind in order:
                results[name] = wrk(
                    base + path, args.duration, args.threads, args.connections,
                    extras.get(name, ()),
                )  # fmt: skip
                print(f"  [{mode} round {r + 1}] {name:12s} {results[name]['rps']:8.1f} req/s "
                      f"p50 {results[name]['p50']:6.1f} ms p99 {results[name]['p99']:6.1f} ms",
                      flush=True)  # fmt: skip
            rounds.append(results)
    finally:
        stop_server(proc)
        shutil.rmtree(workdir, ignore_errors=True)
    return rounds


def summarise(mode, rounds, scenarios):
    lines = [f"### {mode}", "",
             "| scenario | req/s | p50 ms | p99 ms | ratio to trivial (median) |",
             "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for name, *_rest in scenarios:
        rps = statistics.median(r[name]["rps"] for r in rounds)
        p50 = statistics.median(r[name]["p50"] for r in rounds)
        p99 = statistics.median(r[name]["p99"] for r in rounds)
        ratio = statistics.median(r[name]["rps"] / r["trivial"]["rps"] for r in rounds)
        errors = sum(r[name]["errors"] for r in rounds)
        flag = f" ({errors} non-2xx!)" if errors else ""
        lines.append(f"| {name} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {ratio:.3f}{flag} |")
    return "\n".join(lines)


def machine():
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1) if found else ""
    mem = ""
    if Path("/proc/meminfo").exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    pg = sh(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
            check=False).stdout.strip()  # fmt: skip
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPU ({cpu}), {mem} RAM, {platform.platform()}, "
            f"Python {platform.python_version()}, PostgreSQL {pg}, "
            f"load average at start {load[0]:.2f}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help="create the database and data")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--procedures", type=int, default=300)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--modes", default="cached,nocache")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8111)))
    parser.add_argument("--only", help="comma-separated scenario names (default: all)")
    parser.add_argument("--json", help="also write the raw results to this file")
    args = parser.parse_args()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "anphong.settings.bench",
           "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
           "CONN_MAX_AGE": "600",
           # The tracking look-up is rate-limited per client; wrk is one client. The
           # limiter still runs (its cost is measured), it just never says no.
           "PORTAL_RATE_TRACKING": "1000000000/600"}  # fmt: skip
    env.pop("REDIS_URL", None)  # locmem: one cache per worker, as documented
    ensure_wrk()
    if args.setup:
        setup(env, args.articles, args.documents, args.procedures, args.dossiers, args.reports)
        return
    print(f"Machine: {machine()}")
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
          f"gunicorn {args.workers} sync workers, {args.rounds} rounds\n")  # fmt: skip
    raw = {}
    for mode in args.modes.split(","):
        raw[mode] = run_mode(mode, env, args)
    print()
    for mode, rounds in raw.items():
        print(summarise(mode, rounds, selected(args)) + "\n")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
