"""Staff log-in hardening: client address for the lockout, idle session timeout."""

import time

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "staff_last_seen"
# Refresh the stamp at most once a minute: a session write on every request is wasteful.
TOUCH_INTERVAL = 60


class StaffIdleTimeoutMiddleware:
    """Log a signed-in user out after STAFF_SESSION_IDLE_TIMEOUT seconds without a request.

    Staff sessions only: a resident signed in with the e-identity (accounts) keeps the
    plain SESSION_COOKIE_AGE, like an anonymous one, and a long form is not lost to a pause.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.warning(
                    request,
                    _("Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại."),
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= TOUCH_INTERVAL:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def lockout_response(request, original_response=None, credentials=None):
    """Answer a locked-out log-in with the Vietnamese page, the same for every user name."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = render(request, "staff/staff_lockout.html", context, status=429)
    response["Cache-Control"] = "no-store"
    return response


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped when there is no request to judge.

    Every web log-in (the admin's included) passes the request and is checked. Only code
    without one — Django's test client `login()`, shell scripts — reaches the password
    check directly, instead of failing with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
