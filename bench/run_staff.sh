#!/usr/bin/env bash
# Staff-side benchmark of issue 6 on PostgreSQL. Usage: bench/run_staff.sh [database] [n]
# Fills (and keeps) the given database; never point it at production.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-anphong_bench}"
export DJANGO_SETTINGS_MODULE=anphong.settings.prod
# Production settings refuse to start without a shared cache.
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export SECRET_KEY="bench-only-$(date +%s)" ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0
export SECURE_HSTS_SECONDS=0 AXES_ENABLED=0 LOG_LEVEL=WARNING
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
RUN="$(mktemp -d /tmp/anphong-staff-bench-XXXX)"
trap 'rm -rf "$RUN"' EXIT
export STATIC_ROOT="$RUN/static" PRIVATE_MEDIA_ROOT="$RUN/private" MEDIA_ROOT="$RUN/media"
PY=.venv/bin/python
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${DB}" 2>/dev/null || true
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
if [ "$($PY manage.py shell -v0 -c "from portal.models import Dossier; print(Dossier.objects.filter(code__startswith='BENCH-').count())")" -lt 100000 ]; then
  $PY manage.py generate_dossier_bench_data --confirm
fi
mkdir -p bench/results
$PY bench/staff_bench.py -n "${2:-200}" --json bench/results/staff_bench.json
