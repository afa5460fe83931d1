"""Gunicorn settings for production, behind nginx (deploy/nginx/anphong.conf).

    gunicorn -c deploy/gunicorn.conf.py anphong.wsgi:application

Under systemd (deploy/systemd/anphong.service) the listening socket comes from
anphong.socket and `bind` below is ignored. Every GUNICORN_* variable is optional; the
service reads them from /etc/anphong/anphong.env (see .env.example).
"""

import os
import re

from gunicorn import glogging


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


_CPUS = os.cpu_count() or 1

# Loopback TCP when run by hand; the systemd socket unit hands over /run/anphong.sock
# instead (a unix socket only nginx's group may open: no local process reaches gunicorn
# around nginx, and connections wait in the socket's queue while gunicorn restarts).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Threads, not processes, for concurrency: a request mostly waits on PostgreSQL, Redis or
# SMTP, and a thread waiting costs far less memory than a process. One process per core
# (+1 to cover one busy with Python-level work) runs the Python code itself in parallel
# despite the GIL. 2 cores: 3 × 4 = 12 requests at once (the combination measured by
# bench/run_load.sh), i.e. up to 12 persistent PostgreSQL connections (CONN_MAX_AGE).
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", _CPUS + 1)
threads = _int("GUNICORN_THREADS", 4)

# Seconds a worker may go without reporting to the arbiter before it is killed and
# replaced. Slow clients never count here (nginx buffers request and response bodies);
# database statements stop at DB_STATEMENT_TIMEOUT (15 s) and new connections at
# DB_CONNECT_TIMEOUT, so 30 s only catches a wedged process. nginx's proxy_read_timeout
# (60 s) is longer, so nginx never gives up on a request gunicorn is still allowed to run.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On reload (HUP) or stop, requests in flight get this long to finish (systemd's
# TimeoutStopSec in anphong.service is longer, so it never cuts them short).
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# nginx opens one short connection per request over the local socket (no upstream
# keep-alive: nothing to gain on a unix socket, and no race where nginx reuses a
# connection gunicorn is just closing). This only affects direct clients (curl on the
# host); kept short so idle connections do not pile up in a worker.
keepalive = 5

# Request-line and header limits equal to nginx's large_client_header_buffers (4 × 8k):
# whatever nginx lets through, gunicorn accepts; anything bigger never gets here.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Restart each worker after this many requests (± jitter, so they do not all restart at
# once): bounds slow memory growth from image and PDF work (Pillow, receipts).
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The heartbeat files live in memory: a disk-backed /tmp can stall the heartbeat under I/O
# load and get healthy workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# X-Forwarded-* are believed only from nginx: unix-socket peers are always trusted by
# gunicorn, TCP peers only from these addresses. The scheme header is the one Django's
# SECURE_PROXY_SSL_HEADER reads (anphong/settings/prod.py) and nginx always overwrites;
# gunicorn's other defaults (X-Forwarded-Ssl, X-Forwarded-Protocol) are dropped so a client
# cannot send a contradicting one.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# gunicornc's control socket: in the service's RuntimeDirectory when the unit sets it,
# otherwise off (its default, under $HOME, is read-only for the service user).
_control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if _control_socket:
    control_socket = _control_socket
else:
    control_socket_disable = True

# Logs to stdout/stderr: journald keeps them (journalctl -u anphong). One access line per
# request with the client (the address nginx saw), status, bytes and the time spent in
# Django in milliseconds; nginx's own log adds the time the client took.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# A link sent by SMS and e-mail opens a resident's own record: a dossier's tracking
# (/tra-cuu/h/), a report's (/phan-anh-kien-nghi/theo-doi/), a saved form (/thu-tuc/tiep-tuc/),
# a desk appointment (/dat-lich-hen/quan-ly/). Its token must not land in the logs (nginx's
# log hides it the same way).
_TRACKING_TOKEN = re.compile(
    r"(/(?:tra-cuu/h|phan-anh-kien-nghi/theo-doi|thu-tuc/tiep-tuc|dat-lich-hen/quan-ly)/)"
    r"[^/?\s\"]+"
)


class RedactingLogger(glogging.Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{referer}i"):
            if isinstance(atoms.get(key), str):
                atoms[key] = _TRACKING_TOKEN.sub(r"\1[token]", atoms[key])
        return atoms


logger_class = RedactingLogger
proc_name = "anphong"
