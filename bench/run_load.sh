#!/usr/bin/env bash
# Load scenario of issue 5: gunicorn on PostgreSQL, 200 online submissions with two 1 MB
# files each from 16 concurrent clients. Usage: bench/run_load.sh [database-name] [port]
# Uses (and fills) the given PostgreSQL database; never point it at production.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-anphong_bench}"
PORT="${2:-8103}"
RUN="$(mktemp -d /tmp/anphong-load-XXXX)"
export DJANGO_SETTINGS_MODULE=anphong.settings.prod
# Production settings refuse to start without a shared cache.
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export SECRET_KEY="bench-only-$(date +%s)" ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
export SECURE_HSTS_SECONDS=0 AXES_ENABLED=0
export STATIC_ROOT="$RUN/static" PRIVATE_MEDIA_ROOT="$RUN/private" MEDIA_ROOT="$RUN/media"
# One machine plays 16 residents: the per-IP limits would (rightly) stop it.
export PORTAL_RATE_SUBMIT="1000000/60" PORTAL_RATE_TRACKING="1000000/60"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend LOG_LEVEL=WARNING
PY=.venv/bin/python
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${DB}" 2>/dev/null || true
$PY manage.py migrate --noinput -v0
# The demo app (load_demo) is installed by the dev/test/bench settings only.
DJANGO_SETTINGS_MODULE=anphong.settings.bench $PY manage.py load_demo -v0 >/dev/null
$PY manage.py collectstatic --noinput -v0
read -r PROVINCE WARD < <($PY manage.py shell -v 0 -c "from procedures.models import Ward; w=Ward.objects.get(name='An Phong'); print(w.province_id, w.pk)")
# The production configuration (deploy/gunicorn.conf.py), on a TCP port instead of the
# systemd socket, without an access log.
GUNICORN_BIND="127.0.0.1:${PORT}" GUNICORN_ACCESSLOG=/dev/null \
  .venv/bin/gunicorn -c deploy/gunicorn.conf.py anphong.wsgi:application &
GPID=$!
trap 'kill $GPID 2>/dev/null || true; wait $GPID 2>/dev/null || true; rm -rf "$RUN"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:${PORT}/healthz" >/dev/null && break; sleep 0.2; done
mkdir -p bench/results
$PY bench/load_submit.py --base "http://127.0.0.1:${PORT}" --slug dang-ky-khai-sinh \
  --dossiers "${DOSSIERS:-200}" --clients "${CLIENTS:-16}" --province "$PROVINCE" --ward "$WARD" \
  --verify --json "bench/results/load_submit.json"
