#!/usr/bin/env bash
# The development OpenID Connect provider, as `make run` starts it (README.md): set it up
# for the portal on 127.0.0.1:${PORTAL_PORT:-8000}, then serve it on
# 127.0.0.1:${OIDC_PROVIDER_PORT:-8001} in the foreground (exec: the PID is the server's).
#
# Environment: OIDC_PROVIDER_PORT (8001), PORTAL_PORT (8000), PYTHON (.venv/bin/python),
# OIDC_PROVIDER_CLIENT_SECRET (anphong-dev-secret), and the provider's own OIDC_PROVIDER_DB,
# OIDC_PROVIDER_KEY, OIDC_PROVIDER_SECRET_KEY (tools/oidc_provider/settings.py).
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PYTHON:-.venv/bin/python}
PORT=${OIDC_PROVIDER_PORT:-8001}
PORTAL_PORT=${PORTAL_PORT:-8000}

# The portal's settings must not reach the provider (it has its own, prefixed ones).
unset DJANGO_SETTINGS_MODULE DATABASE_URL

"$PY" -m tools.oidc_provider setup_provider --verbosity 0 \
	--client-id anphong-dev \
	--client-secret "${OIDC_PROVIDER_CLIENT_SECRET:-anphong-dev-secret}" \
	--redirect-uri "http://127.0.0.1:${PORTAL_PORT}/tai-khoan/dang-nhap/xong/" \
	--redirect-uri "http://localhost:${PORTAL_PORT}/tai-khoan/dang-nhap/xong/" \
	--post-logout-redirect-uri "http://127.0.0.1:${PORTAL_PORT}/" \
	--post-logout-redirect-uri "http://localhost:${PORTAL_PORT}/"

echo "Development OpenID Connect provider (NOT VNeID): http://127.0.0.1:${PORT}/"
echo "  discovery: http://127.0.0.1:${PORT}/o/.well-known/openid-configuration"
echo "  client anphong-dev; demo citizens dan1, dan2, nonce-sai, het-han, thieu-cccd; password thunghiem"
exec "$PY" -m tools.oidc_provider runserver --noreload "127.0.0.1:${PORT}"
