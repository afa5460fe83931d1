"""The site's URLs plus the trivial reference view (same middleware, no work)."""

from django.http import HttpResponse
from django.urls import path

from anphong.urls import handler500  # noqa: F401
from anphong.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench_trivial"), *site_urlpatterns]
