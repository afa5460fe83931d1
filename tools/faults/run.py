"""Fault suite of issue 15: the portal under gunicorn while its PostgreSQL and Redis fail.

Starts a private PostgreSQL cluster and a private redis-server on free ports in a temporary
folder (the shared services on 5432 and 6379 are never touched), loads the demo content,
serves the production settings with gunicorn (2 workers, gthread), then stops, freezes
(SIGSTOP) and restarts those two private services while it sends requests, and checks
that no request answers a 5xx other than a 503 with Retry-After, that answers stay fast,
that a submission interrupted by the outage leaves nothing behind and goes through after
it, and that the error log names an outage twice instead of once per request.

    .venv/bin/python tools/faults/run.py [--keep]

Prints one PASS or FAIL line per check, with timings; exits 1 when any check fails.
Standard library only (plus bench/load_submit.py's Client for the submission walk).
Everything it started is resumed (SIGCONT) and stopped in a `finally`, also on SIGTERM.
"""

import argparse
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load_submit import Client, fill_questions, make_pdf  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
TIMEOUT = 10.0  # seconds a request may take before the suite gives up on it
FAST = 4.0  # "answers quickly": connect timeout (3 s) plus a margin
WORKERS = 2
THREADS = 4
SLUG = "dang-ky-khai-sinh"
# The suite's own statement timeout (milliseconds): the query watchdog (anphong/db_watchdog.py)
# cuts a connection whose command has had no answer for statement timeout + 2 s.
STATEMENT_TIMEOUT_MS = 2000
WATCHDOG_SECONDS = STATEMENT_TIMEOUT_MS / 1000 + 2
BAD_REQUEST = "Yêu cầu không hợp lệ"
BAD_REQUEST_EN = "Bad request"  # the same page under /en/
# Public pages a resident opens; a fresh query string keeps some of them out of the page cache.
PUBLIC_PAGES = [
    "/",
    "/thu-tuc/",
    f"/thu-tuc/{SLUG}/",
    "/thong-ke/",
    "/tra-cuu/",
    "/tin-tuc/",
    "/en/thu-tuc/",
    "/tim-kiem/?q=khai+sinh",
]


def pg_tool(name):
    """A PostgreSQL server tool: from PATH, else Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise RuntimeError(f"{name} not found (PATH, /usr/lib/postgresql/*/bin)")
    return str(candidates[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Results -------------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.failed = []
        self.count = 0

    def check(self, name, ok, detail=""):
        self.count += 1
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  [{detail}]" if detail else ""))
        sys.stdout.flush()
        if not ok:
            self.failed.append(name)
        return ok

    def info(self, text):
        print(f"INFO  {text}")
        sys.stdout.flush()


class Answer:
    """One HTTP exchange: status (None when it timed out or failed), headers, body, seconds."""

    def __init__(self, status, headers, body, seconds, error=""):
        self.status, self.headers, self.body = status, headers, body
        self.seconds, self.error = seconds, error

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return f"{self.status or self.error} in {self.seconds:.2f} s"


def fetch(port, path, method="GET", headers=None, body=None, timeout=TIMEOUT):
    """One request on a fresh connection; never raises."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.monotonic()
    try:
        headers = {"Host": f"127.0.0.1:{port}", **(headers or {})}
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders(body)
        response = conn.getresponse()
        data = response.read()
        answer = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, answer, data, time.monotonic() - started)
    except (OSError, http.client.HTTPException) as exc:
        return Answer(None, {}, b"", time.monotonic() - started, type(exc).__name__)
    finally:
        conn.close()


def fetch_all(port, paths, timeout=TIMEOUT):
    """The paths at once (one thread each), answers in the same order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(paths))) as pool:
        return list(pool.map(lambda p: fetch(port, p, timeout=timeout), paths))


def summary(answers):
    statuses = sorted({str(a.status or a.error) for a in answers})
    slowest = max((a.seconds for a in answers), default=0.0)
    return f"{len(answers)} requests, statuses {'/'.join(statuses)}, slowest {slowest:.2f} s"


# --- The private services --------------------------------------------------------------------


class Stack:
    """Private PostgreSQL, Redis and gunicorn in a temporary folder; `close` undoes it all."""

    def __init__(self, keep=False):
        self.keep = keep
        self.tmp = Path(tempfile.mkdtemp(prefix="anphong-faults-"))
        # PostgreSQL refuses to run as root: as root, the cluster belongs to `postgres`.
        self.pg_user = None
        if os.geteuid() == 0:
            self.pg_user = "postgres"
            self.tmp.chmod(0o711)
        self.pg_port, self.redis_port, self.port = free_port(), free_port(), free_port()
        self.pg_data = self.tmp / "pgdata"
        self.pg_sock = self.tmp / "pgsock"
        self.pg_log = self.tmp / "postgres.log"
        self.redis = None
        self.gunicorns = []
        self.frozen = set()
        self.log_path = self.tmp / "gunicorn.log"
        self.env = self._environment()

    def _environment(self):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DB_", "REDIS_", "PORTAL_", "SECURE_", "GUNICORN_"))
            and k not in {"DATABASE_URL", "PGPORT", "PGHOST", "PGDATABASE"}
        }
        env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.pg_port}/anphong",
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            SECRET_KEY=f"faults-only-{uuid.uuid4().hex}",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            AXES_ENABLED="0",
            VAR_DIR=str(self.tmp / "var"),
            STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / "media"),
            PRIVATE_MEDIA_ROOT=str(self.tmp / "private"),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            # One machine plays every resident: the per-IP limits would (rightly) stop it.
            # The limiter still runs, and the tracking limit still fails closed.
            PORTAL_RATE_SUBMIT="1000000/60",
            PORTAL_RATE_TRACKING="1000000/60",
            REDIS_RETRY_SECONDS="1",
            DB_STATEMENT_TIMEOUT=str(STATEMENT_TIMEOUT_MS),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        return env

    def run(self, *command, user=None, settings=None, quiet=True, **kwargs):
        env = dict(self.env)
        if settings:
            env["DJANGO_SETTINGS_MODULE"] = settings
        result = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
            command,
            cwd=ROOT,
            env=env,
            user=user,
            capture_output=quiet,
            text=True,
            check=False,
            **kwargs,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    # PostgreSQL

    def pg_init(self):
        for folder in (self.pg_data, self.pg_sock):
            folder.mkdir()
            if self.pg_user:
                shutil.chown(folder, self.pg_user)
        if self.pg_user:
            self.pg_log.touch()
            shutil.chown(self.pg_log, self.pg_user)
        self.run(
            pg_tool("initdb"), "-D", str(self.pg_data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", user=self.pg_user,
        )  # fmt: skip
        self.pg_start()
        self.psql("CREATE DATABASE anphong", database="postgres")

    def pg_start(self):
        options = (
            f"-p {self.pg_port} -k {self.pg_sock} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run(
            pg_tool("pg_ctl"), "-D", str(self.pg_data), "-l", str(self.pg_log), "-w", "-t", "30",
            "-o", options, "start", user=self.pg_user,
        )  # fmt: skip

    def pg_stop(self, mode="fast"):
        self.run(
            pg_tool("pg_ctl"), "-D", str(self.pg_data), "-m", mode, "-w", "stop", user=self.pg_user
        )

    def pg_running(self):
        return (self.pg_data / "postmaster.pid").exists()

    def pg_pids(self):
        """The postmaster of the private cluster and its children (never another cluster's)."""
        master = int((self.pg_data / "postmaster.pid").read_text().split()[0])
        pids = [master]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                # pid (comm) state ppid …: comm may hold spaces, so split after ")".
                if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(entry))
        return pids

    def psql(self, sql, database="anphong"):
        return self.run(
            pg_tool("psql"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
            "-d", database, "-AtX", "-v", "ON_ERROR_STOP=1", "-c", sql,
        ).strip()  # fmt: skip

    # Redis

    def redis_start(self):
        server = shutil.which("redis-server") or "redis-server"
        self.redis = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                server, "--port", str(self.redis_port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def redis_stop(self):
        if self.redis and self.redis.poll() is None:
            self.thaw(self.redis.pid)
            self.redis.terminate()
            self.redis.wait(10)
        self.redis = None

    # Signals

    def freeze(self, *pids):
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
            self.frozen.add(pid)

    def thaw(self, *pids):
        for pid in pids or list(self.frozen):
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
            self.frozen.discard(pid)

    # Django and gunicorn

    def prepare(self):
        # The demo app is not in the production settings: migrate and load with the
        # benchmark's (production-like, demo installed), against the same database.
        self.run(PY, "manage.py", "migrate", "--noinput", "-v0", settings="anphong.settings.bench")
        self.run(PY, "manage.py", "load_demo", "-v0", settings="anphong.settings.bench")
        self.run(
            PY, "manage.py", "collectstatic", "--noinput", "-v0", settings="anphong.settings.prod"
        )
        row = self.psql(
            "SELECT w.province_id, w.id FROM procedures_ward w WHERE w.name = 'An Phong' LIMIT 1"
        )
        self.province, self.ward = row.split("|")

    def gunicorn_start(self, port, log, extra_env=None, workers=WORKERS, threads=THREADS):
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "anphong.settings.prod", **(extra_env or {})}
        command = [GUNICORN, "anphong.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        command += ["--pid", str(self.tmp / f"gunicorn-{port}.pid")]
        if GUNICORN_CONF.exists():
            # The production configuration (gthread), with its own knobs for the size.
            command += ["-c", str(GUNICORN_CONF)]
            env.update(
                GUNICORN_WORKERS=str(workers),
                GUNICORN_THREADS=str(threads),
                GUNICORN_GRACEFUL_TIMEOUT="3",
                # No recycling mid-run: the log check counts one outage per worker process.
                GUNICORN_MAX_REQUESTS="0",
                GUNICORN_ACCESSLOG="/dev/null",
                GUNICORN_LOGLEVEL="warning",
            )
        else:
            command += [
                "--workers", str(workers), "--worker-class", "gthread",
                "--threads", str(threads), "--timeout", "30", "--graceful-timeout", "3",
                "--access-logfile", "/dev/null", "--error-logfile", "-",
            ]  # fmt: skip
        handle = open(log, "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(  # noqa: S603 - our venv's gunicorn
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
        )
        self.gunicorns.append((process, handle))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(log).read_text()[-2000:]}")
            if fetch(port, "/healthz", timeout=2).status == 200:
                return process
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz")

    def gunicorn_stop(self, process):
        for running, handle in list(self.gunicorns):
            if running is process:
                if process.poll() is None:
                    process.terminate()
                    try:
                        process.wait(10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()
                handle.close()
                self.gunicorns.remove((running, handle))

    def close(self):
        self.thaw()
        for process, _handle in list(self.gunicorns):
            self.gunicorn_stop(process)
        self.redis_stop()
        if self.pg_running():
            try:
                self.pg_stop("immediate")
            except (RuntimeError, OSError) as exc:
                print(f"could not stop the private PostgreSQL: {exc}", file=sys.stderr)
        if self.keep:
            print(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


# --- The resident's walk through the online form --------------------------------------------


class Walk:
    """One resident filling in the online form (bench/load_submit.py's Client), up to the
    check page; `submit` sends it."""

    def __init__(self, stack, label):
        self.stack = stack
        self.client = Client(f"http://127.0.0.1:{stack.port}", [], threading.Lock())
        self.client.conn.timeout = TIMEOUT
        self.prefix = f"/thu-tuc/{SLUG}/nop-ho-so"
        self.phone = f"09{int(time.time() * 1000) % 100_000_000:08d}"
        self.label = label
        self.token = None

    def fill(self):
        """Walk to the check page; return a list of (step, status) and the first problem."""
        client, prefix, steps = self.client, self.prefix, []
        response, html, _ = client.get(f"{prefix}/", label="start")
        steps.append(("start", response.status))
        applicant = {
            "full_name": "Người Thử Lỗi",
            "id_number": "031090001234",
            "birth_date": "17/05/1990",
            "sex": "male",
            "phone": self.phone,
            "email": "",
            "province": self.stack.province,
            "ward": self.stack.ward,
            "ward_name": "",
            "street": f"Số 1, tổ dân phố {self.label}",
        }
        response, html = client.post(f"{prefix}/nguoi-nop/", applicant, label="applicant")
        steps.append(("applicant", response.status))
        if response.status != 302:
            return steps, f"applicant answered {response.status}: {field_errors(html)}"
        location = response.getheader("Location")
        if location.endswith("/cau-hoi/"):
            response, html, _ = client.get(location, label="questions-get")
            steps.append(("questions page", response.status))
            response, html = client.post(location, answer_questions(html), label="questions")
            steps.append(("questions", response.status))
            if response.status != 302:
                return steps, f"questions answered {response.status}: {field_errors(html)}"
            location = response.getheader("Location")
        response, html, _ = client.get(location, label="documents-get")
        steps.append(("documents page", response.status))
        slots = re.findall(rb'name="(doc_\d+)"', html)[:2]
        files = {
            slot.decode(): (f"giay-to-{i}.pdf", make_pdf(uuid.uuid4().hex), "application/pdf")
            for i, slot in enumerate(slots)
        }
        self.files = len(files)
        response, _ = client.post(location, {}, files=files, label="upload")
        steps.append(("upload", response.status))
        if response.status != 302:
            return steps, f"upload answered {response.status}"
        response, _ = client.post(f"{prefix}/dong-y/", {"consent": "on"}, label="consent")
        steps.append(("consent", response.status))
        response, html, _ = client.get(f"{prefix}/kiem-tra/", label="check")
        steps.append(("check page", response.status))
        token = re.search(rb'name="submission_token" value="([^"]+)"', html)
        if not token:
            return steps, "no submission token on the check page"
        self.token = token.group(1).decode()
        return steps, ""

    def submit(self):
        """Send the form: (status, Retry-After, dossier code or None, seconds)."""
        started = time.monotonic()
        for attempt in (1, 2):
            try:
                response, _ = self.client.post(
                    f"{self.prefix}/kiem-tra/", {"submission_token": self.token}, label="submit"
                )
                break
            except (OSError, http.client.HTTPException) as exc:
                # The kept-alive connection was closed by the server meanwhile (the Client
                # opens a new one): send again once, as a browser does.
                if attempt == 2 or isinstance(exc, TimeoutError):
                    return None, None, None, time.monotonic() - started, type(exc).__name__
                started = time.monotonic()
        seconds = time.monotonic() - started
        retry_after = response.getheader("Retry-After")
        code = None
        if response.status == 302:
            _, html, _ = self.client.get(response.getheader("Location"), label="done")
            found = re.search(rb"data-dossier-code>([^<]+)<", html)
            code = found.group(1).decode().strip() if found else None
        return response.status, retry_after, code, seconds, ""


def dossier_rows(stack, code=None):
    """(dossiers, their documents) in the private database: all, or the one with `code`.
    Nobody else writes there, so the totals tell what a submission left."""
    where = ""
    if code is not None:
        if not re.fullmatch(r"[A-Z0-9.]+-\d{6}-\d{4}", code):  # nothing to quote
            return 0, 0
        where = f"WHERE d.code = '{code}'"
    row = stack.psql(
        "SELECT count(DISTINCT d.id), count(f.id) FROM procedures_dossier d "  # noqa: S608
        f"LEFT JOIN procedures_dossierdocument f ON f.dossier_id = d.id {where}"
    )
    dossiers, documents = row.split("|")
    return int(dossiers), int(documents)


def field_errors(html):
    """The form's error messages, for a failure's report."""
    found = re.findall(rb'<li><a href="#[^"]*">([^<]+)</a></li>', html)
    return [m.decode().strip() for m in found[:3]]


def answer_questions(html):
    """bench's fill_questions, plus the inputs it does not know (a date input, a number,
    a select), so that a procedure's own questions are answered whatever their widgets."""
    answers = fill_questions(html)
    for tag in re.findall(rb"<input[^>]*>", html):
        name = re.search(rb'name="([^"]+)"', tag)
        kind = re.search(rb'type="([^"]+)"', tag)
        if not name or name.group(1) == b"csrfmiddlewaretoken":
            continue
        name, kind = name.group(1).decode(), (kind.group(1) if kind else b"text").decode()
        value = re.search(rb'value="([^"]*)"', tag)
        if kind in ("radio", "checkbox", "hidden"):
            answers.setdefault(name, value.group(1).decode() if value else "on")
        elif kind == "date":
            answers.setdefault(name, "2025-02-01")
        elif kind == "number":
            answers.setdefault(name, "1")
        elif kind in ("text", "tel", "email"):
            answers.setdefault(name, "01/02/2025" if "ngay" in name else "Nguyễn Văn Bình")
    for name, options in re.findall(rb'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        values = [v for v in re.findall(rb'<option value="([^"]+)"', options) if v]
        if values:
            answers.setdefault(name.decode(), values[0].decode())
    return answers


def final_files(stack):
    """Residents' files under their final names (the staging area excluded)."""
    root = stack.tmp / "private" / "dossiers"
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


# --- Scenarios -------------------------------------------------------------------------------


def scenario_baseline(stack, results):
    answer = fetch(stack.port, "/healthz")
    body = json.loads(answer.body or b"{}")
    results.check(
        "baseline: /healthz 200, database and cache ok",
        answer.status == 200 and body.get("database") == "ok" and body.get("cache") == "ok",
        f"{answer}, {body}",
    )
    answers = fetch_all(stack.port, PUBLIC_PAGES)
    results.check(
        "baseline: public pages answer 200",
        all(a.status == 200 for a in answers),
        summary(answers),
    )


def scenario_hostile_input(stack, results):
    port = stack.port
    for path in [
        "/thu-tuc/?q=%00",
        "/thong-ke/?linh-vuc=%00",
        "/thong-ke/thong-ke-ho-so.csv?linh-vuc=%00",
        "/thong-ke/thong-ke-ho-so.json?linh-vuc=%00",
        "/en/thu-tuc/?q=%00",
    ]:
        answer = fetch(port, path)
        english = path.startswith("/en/")
        results.check(
            f"hostile input: GET {path} → 400 ({'English' if english else 'Vietnamese'} page)",
            answer.status == 400 and (BAD_REQUEST_EN if english else BAD_REQUEST) in answer.text,
            f"{answer!r}; {answer.header('content-type')}; {answer.text[:300]!r}",
        )
    answer = fetch(port, "/tra-cuu/h/%C4%91/")
    results.check("hostile input: /tra-cuu/h/%C4%91/ → 404", answer.status == 404, repr(answer))
    for host in ["evil.example", "127.0.0.1%00"]:
        answer = fetch(port, "/", headers={"Host": host})
        results.check(
            f"hostile input: Host: {host} → 400 (Vietnamese page)",
            answer.status == 400 and BAD_REQUEST in answer.text,
            repr(answer),
        )
    # A form in UTF-16 with a valid CSRF pair (cookie + field): 400, not 500.
    page = fetch(port, "/tra-cuu/")
    cookie = page.header("set-cookie") or ""
    token = re.search(r"csrftoken=([^;]+)", cookie)
    field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not (token and field):
        results.check("hostile input: CSRF pair from /tra-cuu/", False, repr(page))
        return
    body = urlencode({"csrfmiddlewaretoken": field.group(1), "code": "X", "phone": "0912345678"})
    answer = fetch(
        port,
        "/tra-cuu/",
        method="POST",
        headers={
            "Cookie": f"csrftoken={token.group(1)}",
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-16",
            "Content-Length": str(len(body.encode("utf-16"))),
            "Referer": f"http://127.0.0.1:{port}/tra-cuu/",
        },
        body=body.encode("utf-16"),
    )
    results.check(
        "hostile input: form posted as charset=utf-16 with a valid CSRF pair → 400",
        answer.status == 400 and BAD_REQUEST in answer.text,
        repr(answer),
    )


def tracking_post(port):
    """A tracking look-up (the rate limit that fails closed): POST /tra-cuu/ with its CSRF pair."""
    page = fetch(port, "/tra-cuu/")
    token = re.search(r"csrftoken=([^;]+)", page.header("set-cookie") or "")
    field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not (token and field):
        return page
    body = urlencode(
        {
            "csrfmiddlewaretoken": field.group(1),
            "code": "H26.APH-260101-0001",
            "phone": "0912345678",
        }
    ).encode()
    return fetch(
        port,
        "/tra-cuu/",
        method="POST",
        headers={
            "Cookie": f"csrftoken={token.group(1)}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": str(len(body)),
            "Referer": f"http://127.0.0.1:{port}/tra-cuu/",
        },
        body=body,
    )


def check_cache_outage(stack, results, name):
    port = stack.port
    started = time.monotonic()
    answers = fetch_all(stack.port, PUBLIC_PAGES + PUBLIC_PAGES)
    results.check(
        f"{name}: public pages 200 and fast (< {FAST:.0f} s), cache fails open",
        all(a.status == 200 and a.seconds < FAST for a in answers),
        summary(answers),
    )
    walk = Walk(stack, name)
    steps, problem = walk.fill()
    status, retry_after, code, seconds, error = walk.submit()
    steps.append(("submit", status))
    results.check(
        f"{name}: every submission step answers (no 5xx) and the dossier is sent",
        not problem and all(s in (200, 302) for _, s in steps) and code is not None,
        f"{' '.join(f'{n}={s}' for n, s in steps)}; code {code}; submit {seconds:.2f} s "
        f"{problem or error}",
    )
    answer = tracking_post(port)
    results.check(
        f"{name}: tracking look-up fails closed: Vietnamese 503 with Retry-After",
        answer.status == 503
        and answer.header("retry-after")
        and "Tạm thời chưa tra cứu được" in answer.text,
        repr(answer),
    )
    answer = fetch(port, "/healthz")
    body = json.loads(answer.body or b"{}") if answer.status else {}
    results.check(
        f"{name}: /healthz 503 + Retry-After, database ok, cache unavailable",
        answer.status == 503
        and answer.header("retry-after")
        and body.get("database") == "ok"
        and body.get("cache") == "unavailable",
        f"{answer}, {body}",
    )
    results.info(f"{name}: whole scenario took {time.monotonic() - started:.1f} s")


def wait_healthy(port, seconds):
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if fetch(port, "/healthz", timeout=5).status == 200:
            return time.monotonic() - started
        time.sleep(0.25)
    return None


def scenario_redis_down(stack, results):
    stack.redis_stop()  # the port is closed: connections are refused
    try:
        check_cache_outage(stack, results, "redis down")
    finally:
        stack.redis_start()
    recovered = wait_healthy(stack.port, 15)
    results.check(
        "redis down: /healthz 200 again once redis is back",
        recovered is not None,
        f"after {recovered:.1f} s" if recovered is not None else "not within 15 s",
    )


def scenario_redis_hung(stack, results):
    stack.freeze(stack.redis.pid)  # accepts connections (kernel) but never answers
    try:
        check_cache_outage(stack, results, "redis hung")
        # Many at once: no worker is held (each Redis call gives up after 250 ms).
        answers = fetch_all(stack.port, PUBLIC_PAGES * 3)
        results.check(
            f"redis hung: {len(answers)} concurrent requests all 200 in < {FAST:.0f} s",
            all(a.status == 200 and a.seconds < FAST for a in answers),
            summary(answers),
        )
    finally:
        stack.thaw(stack.redis.pid)
    recovered = wait_healthy(stack.port, 15)
    results.check(
        "redis hung: /healthz 200 again once redis answers",
        recovered is not None,
        f"after {recovered:.1f} s" if recovered is not None else "not within 15 s",
    )


def only_503_with_retry_after(answers):
    """Allowed during a database outage: 200 (a page from the cache) or 503 + Retry-After."""
    return all(
        a.status == 200 or (a.status == 503 and a.header("retry-after")) for a in answers
    ) and all(a.status is not None for a in answers)


def log_lines(stack, offset):
    with open(stack.log_path, "rb") as handle:
        handle.seek(offset)
        return handle.read().decode("utf-8", "replace").splitlines()


def scenario_database_stopped(stack, results, outage_seconds=10.0):
    port = stack.port
    walk = Walk(stack, "database stopped")
    steps, problem = walk.fill()
    if not results.check(
        "database stopped: the walk reaches the check page (database up)",
        not problem and all(s in (200, 302) for _, s in steps),
        problem or " ".join(f"{n}={s}" for n, s in steps),
    ):
        return
    files_before, rows_before = final_files(stack), dossier_rows(stack)
    log_offset = stack.log_path.stat().st_size
    stopped_at = time.monotonic()
    stack.pg_stop("fast")
    try:
        status, retry_after, code, seconds, error = walk.submit()
        results.check(
            "database stopped: the final step answers 503 + Retry-After, fast",
            status == 503 and retry_after and seconds < FAST,
            f"{status or error}, Retry-After {retry_after}, {seconds:.2f} s",
        )
        # Keep the outage up ~10 s with a steady flow of requests (for the log check).
        answers = []
        while time.monotonic() - stopped_at < outage_seconds:
            answers += fetch_all(port, PUBLIC_PAGES + ["/healthz", "/tra-cuu/"])
            time.sleep(0.2)
        results.check(
            f"database stopped: only 503 + Retry-After (or a cached 200), each < {FAST:.0f} s",
            only_503_with_retry_after(answers) and all(a.seconds < FAST for a in answers),
            summary(answers),
        )
        health = fetch(port, "/healthz")
        body = json.loads(health.body or b"{}") if health.status else {}
        results.check(
            "database stopped: /healthz 503 + Retry-After, database unavailable",
            health.status == 503
            and health.header("retry-after")
            and body.get("database") == "unavailable",
            f"{health}, {body}",
        )
    finally:
        stack.pg_start()
    recovered = wait_healthy(port, 20)
    results.check(
        "database stopped: recovers by itself after the restart (/healthz 200)",
        recovered is not None,
        f"after {recovered:.1f} s" if recovered is not None else "not within 20 s",
    )
    rows = dossier_rows(stack)
    orphans = final_files(stack) - files_before
    results.check(
        "database stopped: no dossier row and no orphan file left by the failed submission",
        rows == rows_before and not orphans,
        f"dossiers, documents {rows_before} before, {rows} after; {len(orphans)} new files",
    )
    status, retry_after, code, seconds, error = walk.submit()
    dossiers, documents = dossier_rows(stack, code)
    results.check(
        "database stopped: after the restart the same walk's submission goes through",
        status == 302
        and code
        and dossiers == 1
        and documents == walk.files == len(final_files(stack) - files_before)
        and dossier_rows(stack)[0] == rows_before[0] + 1,
        f"{status or error} in {seconds:.2f} s, code {code}, {dossiers} dossier, "
        f"{documents} documents, {len(final_files(stack) - files_before)} files",
    )
    # Each worker logs the outage at most once when it starts and once when it ends (a few
    # requests that reach the database first, so that each worker sees the end).
    fetch_all(port, ["/healthz"] * (WORKERS * THREADS))
    lines = log_lines(stack, log_offset)
    starts = [line for line in lines if "Database unavailable" in line]
    ends = [line for line in lines if "Database available again" in line]
    tracebacks = [line for line in lines if line.startswith("Traceback")]
    results.check(
        f"log: a {outage_seconds:.0f} s outage is logged once at start and once at end "
        "(per worker), no traceback",
        1 <= len(ends) <= len(starts) <= WORKERS and not tracebacks,
        f"{len(lines)} lines: {len(starts)} start, {len(ends)} end, {len(tracebacks)} "
        f"tracebacks, {len(answers)} requests answered meanwhile",
    )
    for line in lines[:12]:
        print(f"      log| {line}")


def scenario_database_hung(stack, results, fresh_port=None, gap_port=None):
    """SIGSTOP every process of the private cluster. A new connection gives up after the
    connect timeout (3 s); a request on a persistent connection already open is cut by the
    query watchdog (anphong/db_watchdog.py) after DB_WATCHDOG_SECONDS, at once when its
    worker is already in an outage, and reconnects (3 s) before its 503."""
    port = stack.port
    # Open persistent connections in the threads of both workers (health checks query).
    fetch_all(port, ["/healthz"] * (WORKERS * THREADS * 2))
    if gap_port:
        fetch(gap_port, "/healthz")
    log_offset = stack.log_path.stat().st_size
    frozen_at = time.monotonic()
    stack.freeze(*stack.pg_pids())
    try:
        # Waves of as many requests as one worker has threads (all may land on the same
        # worker): each request waits on the hung server, never behind another request.
        paths = ["/healthz"] * (THREADS - 2) + ["/tra-cuu/", "/thu-tuc/?q=dat"]
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            gap = pool.submit(fetch, gap_port, "/healthz") if gap_port else None
            fresh = pool.submit(fetch_all, fresh_port, ["/healthz"] * THREADS, TIMEOUT)
            waves = [fetch_all(port, paths, timeout=TIMEOUT + 5) for _ in range(3)]
            gap, fresh = gap.result() if gap else None, fresh.result() if fresh_port else []
        if fresh_port:
            results.check(
                f"database hung, new connections (CONN_MAX_AGE=0): 503 + Retry-After "
                f"in < {FAST:.0f} s (connect timeout)",
                all(a.status == 503 and a.header("retry-after") for a in fresh)
                and all(a.seconds < FAST for a in fresh),
                summary(fresh),
            )
        answers = [a for wave in waves for a in wave]
        # The watchdog's limit, then a new connection's timeout (3 s), then a margin.
        limit = WATCHDOG_SECONDS + 3 + 1.5
        results.check(
            f"database hung, persistent connections: every request answers 503 + "
            f"Retry-After (or a cached 200), none held beyond {limit:.1f} s",
            only_503_with_retry_after(answers) and all(a.seconds < limit for a in answers),
            summary(answers),
        )
        for n, wave in enumerate(waves, 1):
            fast = sum(1 for a in wave if a.seconds < FAST)
            results.info(
                f"database hung, wave {n}: "
                + ", ".join(f"{p} {a!r}" for p, a in zip(paths, wave, strict=True))
                + f" ({fast} of {len(wave)} in < {FAST:.0f} s)"
            )
        if gap is not None:
            results.info(
                "database hung, query watchdog off (DB_WATCHDOG_SECONDS=0): a request on an "
                f"open persistent connection: {gap} (client gave up after {TIMEOUT:.0f} s)"
                if gap.status is None
                else f"database hung, query watchdog off: a request answered {gap}"
            )
    finally:
        stack.thaw()
    recovered = wait_healthy(port, 20)
    cuts = [line for line in log_lines(stack, log_offset) if "connection cut" in line]
    results.info(f"database hung: the query watchdog cut {len(cuts)} connections")
    for line in cuts[:3]:
        print(f"      log| {line}")
    results.check(
        "database hung: recovers by itself once the server runs again (/healthz 200)",
        recovered is not None,
        f"after {recovered:.1f} s (frozen {time.monotonic() - frozen_at:.1f} s in all)"
        if recovered is not None
        else "not within 20 s",
    )


# --- Main ------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--no-gap",
        action="store_true",
        help="skip the measurement of a hung database without the query watchdog",
    )
    args = parser.parse_args()

    def terminate(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, terminate)
    started = time.monotonic()
    results = Results()
    stack = Stack(keep=args.keep)
    try:
        print(f"== Private PostgreSQL :{stack.pg_port}, Redis :{stack.redis_port} in {stack.tmp}")
        stack.pg_init()
        stack.redis_start()
        stack.prepare()
        setup = time.monotonic() - started
        print(f"== gunicorn :{stack.port} (production settings), set-up took {setup:.0f} s")
        stack.gunicorn_start(stack.port, stack.log_path)
        # No persistent connections: every request during the freeze opens a new one.
        fresh_port = free_port()
        stack.gunicorn_start(
            fresh_port, stack.tmp / "gunicorn-fresh.log", {"CONN_MAX_AGE": "0"}, 1, THREADS
        )
        gap_port = None
        if not args.no_gap:
            gap_port = free_port()
            stack.gunicorn_start(
                gap_port, stack.tmp / "gunicorn-gap.log", {"DB_WATCHDOG_SECONDS": "0"}, 1, 1
            )
        print("== Scenarios")
        scenario_baseline(stack, results)
        scenario_hostile_input(stack, results)
        scenario_redis_down(stack, results)
        scenario_redis_hung(stack, results)
        scenario_database_stopped(stack, results)
        scenario_database_hung(stack, results, fresh_port, gap_port)
    except Exception as exc:  # noqa: BLE001 - a broken set-up is a failure too
        results.check("the suite ran to its end", False, f"{type(exc).__name__}: {exc}")
    finally:
        stack.close()
    seconds = time.monotonic() - started
    verdict = "FAILED: " + "; ".join(results.failed) if results.failed else "all passed"
    print(f"== {results.count} checks, {verdict} ({seconds:.0f} s)")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
