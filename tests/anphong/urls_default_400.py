"""The project's URLs with Django's own 400 handler, which runs the CSRF check (and so reads
request.POST) again: a body that raised once must not raise there a second time."""

from anphong.urls import handler500, urlpatterns  # noqa: F401

handler400 = "django.views.defaults.bad_request"
