"""Log-in with the identity provider, log-out, and "Hồ sơ của tôi".

The log-in is optional everywhere: every form keeps working without it. The pages here
answer 404 while no provider is configured (accounts.oidc.enabled()).
"""

import logging

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from joserfc.errors import JoseError

from accounts import oidc, services
from accounts.forms import CodeForm, PhoneForm
from accounts.identity import resident_account
from feedback.models import Feedback
from feedback.views.resident import remember_tracked
from notifications.sms import SmsError
from portal.ratelimit import hit, rate_limited
from procedures.constants import DossierStatus
from procedures.models import Dossier
from procedures.services import RATEABLE
from procedures.tracked import open_tracking
from procedures.validators import mask_phone
from procedures.workflow import RESIDENT, allowed_targets

logger = logging.getLogger(__name__)

NEXT_KEY = "accounts:next"
ID_TOKEN_KEY = "accounts:id_token"  # noqa: S105 - the name of a session key


def _require_enabled():
    if not oidc.enabled():
        raise Http404


def _safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("accounts:my_dossiers")


@never_cache
def login_start(request):
    """Send the resident to the provider (the code flow; Authlib keeps state, nonce and the
    PKCE verifier in the session)."""
    _require_enabled()
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
    callback = request.build_absolute_uri(reverse("accounts_callback"))
    try:
        return oidc.client().authorize_redirect(request, callback)
    except (requests.RequestException, ValueError, RuntimeError):
        logger.exception("Identity provider unreachable (discovery)")
        return _failed(request, _("Chưa kết nối được với hệ thống định danh điện tử."), 502)


def _failed(request, reason, status=400):
    return render(
        request,
        "accounts/login_failed.html",
        {"reason": reason, "next": request.session.get(NEXT_KEY, "")},
        status=status,
    )


@never_cache
def login_callback(request):
    """The provider's answer: check it (state, code, ID token) and sign the resident in."""
    _require_enabled()
    app = oidc.client()
    try:
        token = app.authorize_access_token(request)
    except MismatchingStateError:
        return _failed(
            request,
            _("Phiên đăng nhập không khớp hoặc đã hết hạn (có thể do mở lại một trang cũ)."),
        )
    except OAuthError as exc:
        if exc.error == "access_denied":
            return _failed(request, _("Việc đăng nhập đã bị huỷ tại hệ thống định danh điện tử."))
        logger.warning("Identity provider refused the log-in: %s", exc.error)
        return _failed(request, _("Hệ thống định danh điện tử không chấp nhận việc đăng nhập."))
    except JoseError as exc:
        # Bad signature, wrong issuer or audience, expired token, nonce not ours.
        logger.warning("ID token refused: %s", exc)
        return _failed(request, _("Không xác thực được thông tin do hệ thống định danh gửi về."))
    except (requests.RequestException, ValueError, RuntimeError):
        logger.exception("Identity provider unreachable (token)")
        return _failed(request, _("Chưa kết nối được với hệ thống định danh điện tử."), 502)
    claims = token.get("userinfo")
    if not claims:
        logger.warning("Identity provider sent no ID token")
        return _failed(request, _("Không xác thực được thông tin do hệ thống định danh gửi về."))
    claims = dict(claims)
    metadata = app.load_server_metadata()
    if _needs_userinfo(claims) and metadata.get("userinfo_endpoint"):
        try:
            extra = dict(app.userinfo(token=token))
        except (requests.RequestException, ValueError):
            extra = {}
        # Userinfo speaks of the same person or not at all (OIDC Core 5.3.2).
        if extra.get("sub") == claims.get("sub"):
            claims = {**extra, **claims}
    try:
        identity = oidc.identity_from_claims(claims, metadata.get("issuer", ""))
    except oidc.ClaimError as exc:
        logger.warning("Identity provider left out or garbled claim %s", exc.claim)
        return _failed(
            request,
            _("Hệ thống định danh không gửi đủ thông tin cần thiết (%(what)s).")
            % {"what": exc.message},
        )
    account = services.account_for(identity, settings.OIDC_PROVIDER_NAME)
    next_url = request.session.get(NEXT_KEY) or reverse("accounts:my_dossiers")
    # login() keeps the session's data (a form in progress) under a new key.
    login(request, account.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[ID_TOKEN_KEY] = token.get("id_token", "")
    request.session.pop(NEXT_KEY, None)
    messages.success(
        request,
        _("Đã đăng nhập bằng %(provider)s: %(name)s.")
        % {"provider": settings.OIDC_PROVIDER_NAME, "name": account.full_name},
    )
    return redirect(next_url)


def _needs_userinfo(claims):
    wanted = (
        settings.OIDC_CLAIM_CITIZEN_ID,
        settings.OIDC_CLAIM_NAME,
        settings.OIDC_CLAIM_BIRTHDATE,
    )
    return any(not claims.get(name) for name in wanted)


@never_cache
def logout_view(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    id_token = request.session.get(ID_TOKEN_KEY, "")
    was_resident = resident_account(request) is not None
    logout(request)
    home = request.build_absolute_uri(reverse("portal:home"))
    if was_resident and oidc.enabled():
        # Also end the session at the provider (RP-initiated log-out), when it offers it.
        try:
            url = oidc.client().create_logout_url(
                post_logout_redirect_uri=home,
                id_token_hint=id_token or None,
                client_id=settings.OIDC_CLIENT_ID,
            )["url"]
            return redirect(url)
        except (requests.RequestException, RuntimeError, ValueError):
            pass
    return redirect(home)


def _signed_in(request):
    _require_enabled()
    account = resident_account(request)
    if account is None:
        return None
    return account


def _login_redirect(request):
    return redirect(f"{reverse('accounts_login')}?next={request.path}")


def my_dossiers_queryset(account):
    proven = account.proven_phone_numbers()
    mine = Q(resident=account.user)
    if proven:
        mine |= Q(id_number=account.citizen_id, phone__in=proven, anonymised_at__isnull=True)
    return Dossier.objects.filter(mine)


def my_feedback_queryset(account):
    proven = account.proven_phone_numbers()
    mine = Q(resident=account.user)
    if proven:
        mine |= Q(phone__in=proven)
    return Feedback.objects.filter(mine)


def _actions(dossier, rated):
    actions = []
    if dossier.status == DossierStatus.SUPPLEMENT_REQUESTED:
        actions.append(_("Bổ sung giấy tờ"))
    if DossierStatus.WITHDRAWAL_REQUESTED in allowed_targets(dossier.status, by=RESIDENT):
        actions.append(_("Rút hồ sơ"))
    if dossier.status in RATEABLE and not rated:
        actions.append(_("Đánh giá"))
    if dossier.status in (DossierStatus.DONE, DossierStatus.RETURNED):
        actions.append(_("Xem kết quả"))
    return actions


@never_cache
def my_dossiers(request):
    account = _signed_in(request)
    if account is None:
        return _login_redirect(request)
    dossiers = list(
        my_dossiers_queryset(account)
        .select_related("procedure", "rating")
        .order_by("-submitted_at", "-pk")
    )
    rows = []
    for dossier in dossiers:
        rated = hasattr(dossier, "rating")
        rows.append({"dossier": dossier, "actions": _actions(dossier, rated)})
    feedback = list(
        my_feedback_queryset(account).select_related("topic").order_by("-submitted_at", "-pk")
    )
    # Dossiers sent earlier with his ID number from a phone not proven yet: counted, not shown.
    unproven = (
        Dossier.objects.filter(id_number=account.citizen_id, anonymised_at__isnull=True)
        .exclude(pk__in=[d.pk for d in dossiers])
        .count()
    )
    return render(
        request,
        "accounts/my_dossiers.html",
        {
            "account": account,
            "rows": rows,
            "feedback": feedback,
            "unproven": unproven,
            "proven_phones": [mask_phone(p) for p in account.proven_phone_numbers()],
        },
    )


@never_cache
def open_dossier(request, pk):
    """Open one of his dossiers on the tracking page, where its actions are."""
    account = _signed_in(request)
    if account is None:
        return _login_redirect(request)
    dossier = get_object_or_404(my_dossiers_queryset(account).only("pk"), pk=pk)
    open_tracking(request.session, dossier.pk)
    if request.GET.get("xem") == "bien-nhan":
        return redirect("procedures:tracking_receipt")
    return redirect("procedures:tracking_result")


@never_cache
def open_feedback(request, pk):
    account = _signed_in(request)
    if account is None:
        return _login_redirect(request)
    item = get_object_or_404(my_feedback_queryset(account).only("pk", "code"), pk=pk)
    remember_tracked(request, item)
    return redirect("feedback:tracking_result", code=item.code)


@never_cache
@sensitive_post_parameters()
@rate_limited("tracking")
def prove_phone(request):
    """Prove a phone with a code sent to it: the dossiers sent with it and his ID number,
    and the feedback sent with it, join "Hồ sơ của tôi"."""
    account = _signed_in(request)
    if account is None:
        return _login_redirect(request)
    pending = request.session.get(services.CODE_KEY)
    phone_form = PhoneForm(initial={"phone": account.phone})
    code_form = CodeForm()
    if request.method == "POST" and "gui_ma" in request.POST:
        phone_form = PhoneForm(request.POST)
        if phone_form.is_valid():
            phone = phone_form.cleaned_data["phone"]
            if hit("phone_code", request, who=phone):
                phone_form.add_error(
                    "phone", _("Đã gửi quá nhiều mã đến số này; xin thử lại sau một giờ.")
                )
            else:
                try:
                    services.send_phone_code(request.session, phone)
                except SmsError:
                    logger.warning("Phone code not sent: SMS gateway refused")
                    phone_form.add_error(
                        "phone", _("Chưa gửi được tin nhắn; xin thử lại sau ít phút.")
                    )
                else:
                    return redirect("accounts:prove_phone")
    elif request.method == "POST" and pending:
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            phone, outcome = services.check_phone_code(
                request.session, account, code_form.cleaned_data["code"]
            )
            if phone:
                messages.success(
                    request,
                    _("Đã xác minh số %(phone)s.") % {"phone": mask_phone(phone)},
                )
                return redirect("accounts:my_dossiers")
            if outcome == "wrong":
                code_form.add_error("code", _CODE_ERRORS[outcome])
            else:  # the code is gone: start again from sending one
                messages.error(request, _CODE_ERRORS[outcome])
                return redirect("accounts:prove_phone")
    return render(
        request,
        "accounts/prove_phone.html",
        {
            "phone_form": phone_form,
            "code_form": code_form,
            "pending_phone": mask_phone(pending["phone"]) if pending else "",
        },
    )


_CODE_ERRORS = {
    "none": gettext_lazy("Chưa có mã nào đang chờ; xin bấm gửi mã trước."),
    "wrong": gettext_lazy("Mã xác minh không đúng."),
    "expired": gettext_lazy("Mã đã hết hạn; xin gửi mã mới."),
    "attempts": gettext_lazy("Đã nhập sai quá nhiều lần; xin gửi mã mới."),
}
