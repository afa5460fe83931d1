"""Cross-cutting views: health check, robots.txt, error pages."""

import logging
import sys
from contextlib import ExitStack

from django.conf import settings
from django.db import connection, connections
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.static import serve

from portal.outage import Outage
from portal.uploads import UploadNotStored, is_storage_full

logger = logging.getLogger(__name__)


@require_GET
def media(request, path):
    """MEDIA_ROOT's public files (news pictures) when Django serves them: in development and
    under `make run` (SERVE_MEDIA). In production the web server answers /media/ itself, and
    this is a 404. serve() refuses any path outside MEDIA_ROOT."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404("Media are served by the web server")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


class DatabaseOutage(Outage):
    """The database outage of this process (portal.outage.Outage): it starts at the first
    503 or health check that cannot reach the database, and ends at the first request or
    check that can."""

    def __init__(self):
        super().__init__("Database", logger, "answering 503 until it answers again")

    def watch(self, get_response, request):
        """get_response(request); while an outage is under way, a request whose query
        succeeds ends it. A request that needs no query (a cached page) says nothing about
        the database and ends nothing. Outside an outage this costs one attribute read."""
        if not self.active:
            return get_response(request)
        reached = []

        def note_success(execute, sql, params, many, context):
            result = execute(sql, params, many, context)
            reached.append(True)
            return result

        with ExitStack() as stack:
            for conn in connections.all():
                stack.enter_context(conn.execute_wrapper(note_success))
            response = get_response(request)
        if reached:
            self.ended()
        return response


database_outage = DatabaseOutage()


def database_unavailable(request=None, exc=None):
    """Return the static 503 page: rendered without context processors (no DB access).

    The outage is logged once (`database_outage`); Django's per-response line for each
    such 503 is dropped by anphong.log_filters.SkipDuringDatabaseOutage.
    """
    database_outage.started(exc or sys.exc_info()[1])
    body = loader.get_template("503.html").render({})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def upload_not_stored(request=None, exc=None):
    """Return the 503 page for a file the server could not write (a full disk).

    Rendered like the other fault pages, without context processors; the request's
    temporary files are already gone (portal.uploads), and nothing of the post was saved.
    """
    body = loader.get_template("503_upload.html").render({})
    response = HttpResponse(body, status=503)
    response["Cache-Control"] = "no-store"
    # Every 503 says when to come back (issue 15): an operator frees space in minutes.
    response["Retry-After"] = str(settings.UPLOAD_RETRY_AFTER)
    return response


def bad_request(request, exception=None, template_name="400.html"):
    """The Vietnamese 400 page, rendered without the request: a bad Host header (the
    commonest 400) raises again wherever the request builds an address, and the page
    needs neither the database nor the cache."""
    return HttpResponseBadRequest(loader.get_template(template_name).render({}))


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Return 503 when the failure is an unreachable database or a full disk (an admin
    upload, say: its transaction is rolled back and the storage removed the partial
    file, portal.storage), else the plain 500 page."""
    from anphong.middleware import is_database_down  # anphong.middleware imports this module

    exc = sys.exc_info()[1]
    if is_database_down(exc):
        return database_unavailable(request, exc)
    if isinstance(exc, UploadNotStored) or is_storage_full(exc):
        return upload_not_stored(request, exc)
    # Like Django's default: no request context, so a broken DB cannot break this page.
    return HttpResponseServerError(loader.get_template(template_name).render({}))


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """Explain an expired or missing form token in Vietnamese, inside the site layout."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    body = loader.get_template(template_name).render({"reason": reason}, request)
    return HttpResponse(body, status=403)


@never_cache
@require_GET
def healthz(request):
    """Report each dependency (database, cache): 503 + Retry-After when one is down.

    The cache is checked by a round trip under a key of this call's own, so two workers
    checking at once cannot disturb each other; a fail-open cache (portal/cache.py) that
    cannot reach Redis answers a miss, which reads as "unavailable" here.
    """
    import secrets

    from django.core.cache import cache

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
        database_outage.ended()
    except Exception as exc:  # noqa: BLE001 - any failure means "down" here
        database_outage.started(exc)  # logged once per outage, not per check
        checks["database"] = "unavailable"
    token = secrets.token_hex(8)
    key = f"healthz:{token}"
    try:
        cache.set(key, token, 10)
        checks["cache"] = "ok" if cache.get(key) == token else "unavailable"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001 - any failure means "down" here
        logger.warning("Health check: cache unavailable: %s", exc.__class__.__name__)
        checks["cache"] = "unavailable"
    if all(state == "ok" for state in checks.values()):
        return JsonResponse({"status": "ok", **checks})
    response = JsonResponse({"status": "error", **checks}, status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /tra-cuu/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Send browsers that ask for /favicon.ico (the admin has no icon link) to ours."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
