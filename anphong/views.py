"""Cross-cutting views: health check, robots.txt, error pages."""

import logging
import sys

from django.conf import settings
from django.db import connection
from django.http import (
    Http404,
    HttpResponse,
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

logger = logging.getLogger(__name__)


@require_GET
def media(request, path):
    """MEDIA_ROOT's public files (news pictures) when Django serves them: in development and
    under `make run` (SERVE_MEDIA). In production the web server answers /media/ itself, and
    this is a 404. serve() refuses any path outside MEDIA_ROOT."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404("Media are served by the web server")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def database_unavailable(request=None):
    """Return the static 503 page: rendered without context processors (no DB access)."""
    body = loader.get_template("503.html").render({})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Return 503 when the failure is an unreachable database, else the plain 500 page."""
    from anphong.middleware import is_database_down  # anphong.middleware imports this module

    if is_database_down(sys.exc_info()[1]):
        return database_unavailable(request)
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
    """Report whether the database answers; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down" here
        logger.warning("Health check: database unavailable: %s", exc.__class__.__name__)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
