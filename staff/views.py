"""The log-in code pages: enrolment, the code asked once per session, the recovery codes.

They sit under the admin's address and look like it, but are plain views: the admin's own
gate (staff.otp.OTPRequiredMiddleware) sends unverified staff here and must let them in.
"""

import math
from functools import wraps

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice

from staff import otp
from staff.forms import CodeForm


def staff_only(view):
    """Signed-in active staff only (others go to the log-in page); never cached."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def _next(request):
    """Where to go once done: the page first asked for, if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def _with_next(name, next_url):
    return otp.otp_url(name, next_url)


def _render(request, template, context):
    context = {
        **admin.site.each_context(request),
        # Until the code is given, no menu of pages that would only send the user back here.
        "is_nav_sidebar_enabled": False,
        **context,
    }
    return render(request, template, context)


def _wait_message(until):
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return ngettext(
        "Bạn đã nhập sai nhiều lần. Vui lòng chờ %(seconds)d giây rồi thử lại.",
        "Bạn đã nhập sai nhiều lần. Vui lòng chờ %(seconds)d giây rồi thử lại.",
        seconds,
    ) % {"seconds": seconds}


def _codes_page(request, codes, next_url, *, enrolled):
    title = _("Đã bật xác thực hai lớp") if enrolled else _("Bộ mã dự phòng mới")
    return _render(
        request,
        "staff/otp_recovery_codes.html",
        {"title": title, "codes": codes, "next": next_url, "enrolled": enrolled},
    )


@sensitive_post_parameters("code")
@staff_only
def otp_enrol(request):
    """Show a new authenticator-app key (QR code and text) and confirm it with a first code."""
    user = request.user
    next_url = _next(request)
    if otp.app_device(user) is not None:
        # Enrolled already: a second app is added only after a superuser's reset.
        name = "staff:otp_settings" if user.is_verified() else "staff:otp_verify"
        return redirect(_with_next(name, next_url))
    device = otp.pending_device(user)
    form = CodeForm(request.POST or None, app_only=True)
    if request.method == "POST" and form.is_valid():
        until = otp.locked_until(device)
        if until is not None:
            form.add_error("code", _wait_message(until))
        else:
            codes = otp.confirm_enrolment(
                request, device, otp.normalise_code(form.cleaned_data["code"])
            )
            if codes is not None:
                return _codes_page(request, codes, next_url, enrolled=True)
            form.add_error(
                "code",
                _(
                    "Mã không đúng. Hãy nhập mã 6 chữ số đang hiển thị trong ứng dụng (mã đổi "
                    "sau mỗi 30 giây) và kiểm tra đồng hồ của điện thoại có đúng giờ không."
                ),
            )
    return _render(
        request,
        "staff/otp_enrol.html",
        {
            "title": _("Bật xác thực hai lớp"),
            "form": form,
            "next": next_url,
            "qr_svg": otp.qr_svg(device),
            "secret": otp.secret_text(device),
            "required": otp.requires_otp(user),
        },
    )


@sensitive_post_parameters("code")
@staff_only
def otp_verify(request):
    """Ask for a code from the app, or a recovery code, once per session."""
    user = request.user
    next_url = _next(request)
    if otp.app_device(user) is None:
        return redirect(_with_next("staff:otp_enrol", next_url))
    if user.is_verified():
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted, until = otp.check_code(request, form.cleaned_data["code"])
        if accepted:
            if isinstance(user.otp_device, StaticDevice):
                left = otp.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "Bạn vừa dùng một mã dự phòng; còn %(count)d mã chưa dùng. Có thể tạo "
                        "bộ mã mới ở mục “Xác thực hai lớp”.",
                        "Bạn vừa dùng một mã dự phòng; còn %(count)d mã chưa dùng. Có thể tạo "
                        "bộ mã mới ở mục “Xác thực hai lớp”.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        form.add_error(
            "code",
            _wait_message(until)
            if until is not None
            else _(
                "Mã không đúng hoặc đã được dùng. Hãy nhập mã 6 chữ số đang hiển thị trong "
                "ứng dụng, hoặc một mã dự phòng chưa dùng."
            ),
        )
    return _render(
        request,
        "staff/otp_verify.html",
        {"title": _("Nhập mã xác thực"), "form": form, "next": next_url},
    )


@staff_only
def otp_settings(request):
    """The user's second factor: since when, recovery codes left, and a new set of them."""
    user = request.user
    device = otp.app_device(user)
    if device is None:
        return redirect(_with_next("staff:otp_enrol", _next(request)))
    if not user.is_verified():
        return redirect(_with_next("staff:otp_verify", request.get_full_path()))
    if request.method == "POST":
        codes = otp.regenerate_recovery_codes(user, actor=user)
        return _codes_page(request, codes, reverse("staff:otp_settings"), enrolled=False)
    return _render(
        request,
        "staff/otp_settings.html",
        {
            "title": _("Xác thực hai lớp"),
            "device": device,
            "codes_left": otp.recovery_codes_left(user),
            "required": otp.requires_otp(user),
        },
    )
