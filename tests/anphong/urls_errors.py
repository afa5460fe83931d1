"""URLconf for error-page tests: the real site plus views that fail on purpose."""

from django.db import OperationalError
from django.urls import path

from anphong.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise ValueError("boom")


def database_gone(request):
    raise OperationalError("connection refused")


urlpatterns = [
    path("test-errors/boom/", boom, name="test_boom"),
    path("test-errors/database-gone/", database_gone, name="test_database_gone"),
    *site_urlpatterns,
]

handler400 = "anphong.views.bad_request"
handler500 = "anphong.views.server_error"
