"""The sender's side: write → check → sent (code and secret link); find it again; reply.

The draft lives in the session (photos staged in the private temp area), so "Sửa" on the
check page loses nothing; the final POST carries a one-time token, so a doubled POST
gives the same report. Pages showing a report are never cached.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts.identity import resident_account
from feedback import services
from feedback.constants import FeedbackStatus
from feedback.forms import AddInformationForm, FeedbackForm, RatingForm, TrackingForm
from feedback.models import Feedback, Topic
from portal.ratelimit import hit, rate_limited, too_many_requests
from procedures.forms import error_summary
from procedures.services import new_submission_tokens
from procedures.staging import StagedFile, discard
from procedures.validators import display_mobile, mask_name

DRAFT_KEY = "feedback:draft"
SENT_KEY = "feedback:sent"
TRACKED_KEY = "feedback:tracked"


def _draft(request):
    return request.session.get(DRAFT_KEY)


@never_cache
@sensitive_post_parameters("name", "phone", "email")
@rate_limited("feedback")
def submit(request):
    draft = _draft(request) or {}
    kept = draft.get("photos", [])
    if request.method == "POST":
        form = FeedbackForm(request.POST, request.FILES)
        valid = form.is_valid()
        photos = form.cleaned_data.get("photos") if "photos" in form.cleaned_data else None
        if photos:
            # New photos replace the ones kept; kept at once, so an error elsewhere on
            # the page does not ask for them again.
            staged = []
            try:
                for clean in photos:
                    staged.append(StagedFile.stage(clean).as_dict())
            except OSError:
                discard([p["temp_name"] for p in staged])  # no orphan of a half-staged set
                form.add_error(None, _("Không lưu được ảnh. Vui lòng thử lại sau ít phút."))
                valid = False
            else:
                discard([p["temp_name"] for p in kept])
                kept = staged
        if valid:
            data = form.cleaned_data
            tokens = draft.get("tokens") or list(new_submission_tokens())
            request.session[DRAFT_KEY] = {
                "fields": {
                    "topic": data["topic"].pk,
                    "title": data["title"],
                    "content": data["content"],
                    "address": data["address"],
                    "name": data["name"],
                    "phone": data["phone"],
                    "email": data["email"],
                    "consent_publish": data["consent_publish"],
                },
                "photos": kept,
                "tokens": tokens,
            }
            return redirect("feedback:check")
        request.session[DRAFT_KEY] = {**draft, "fields": draft.get("fields"), "photos": kept}
    else:
        # Back from the check page ("Sửa"): the form as it was sent.
        fields = draft.get("fields")
        form = FeedbackForm(initial={**fields, "agree_privacy": True} if fields else None)
    return render(
        request,
        "feedback/submit_form.html",
        {"form": form, "errors": error_summary(form), "kept_photos": kept},
    )


@never_cache
def check(request):
    draft = _draft(request)
    if not draft or not draft.get("fields"):
        return redirect("feedback:submit")
    fields = draft["fields"]
    topic = Topic.objects.filter(pk=fields["topic"], is_active=True).first()
    if topic is None:
        messages.error(request, _("Lĩnh vực đã chọn không còn nhận phản ánh; xin chọn lại."))
        return redirect("feedback:submit")
    if request.method == "POST":
        wait = hit("feedback_phone", request, who=fields["phone"])
        if wait:
            return too_many_requests(request, wait)
        submission_token, tracking_token = draft["tokens"]
        try:
            item, _created = services.submit_feedback(
                fields={**fields, "topic": topic, "resident": _resident_user(request)},
                photos=[StagedFile.from_session(p) for p in draft["photos"]],
                submission_token=submission_token,
                tracking_token=tracking_token,
            )
        except (ValidationError, OSError):
            messages.error(
                request,
                _("Chưa gửi được phản ánh. Thông tin của ông/bà vẫn được giữ; xin gửi lại."),
            )
            return redirect("feedback:check")
        request.session[SENT_KEY] = {"code": item.code, "token": tracking_token}
        request.session.pop(DRAFT_KEY, None)
        remember_tracked(request, item)
        return redirect("feedback:sent")
    return render(
        request,
        "feedback/submit_check.html",
        {
            "fields": fields,
            "topic": topic,
            "phone": display_mobile(fields["phone"]),
            "photos": draft["photos"],
        },
    )


@never_cache
def sent(request):
    done = request.session.get(SENT_KEY)
    if not done:
        return redirect("feedback:submit")
    item = get_object_or_404(Feedback, code=done["code"])
    return render(
        request,
        "feedback/submit_sent.html",
        {
            "item": item,
            "tracking_url": request.build_absolute_uri(
                reverse("feedback:tracking_token", args=[done["token"]])
            ),
        },
    )


def _resident_user(request):
    """The signed-in resident (his "Hồ sơ của tôi" lists the report), or None."""
    account = resident_account(request)
    return account.user if account is not None else None


def remember_tracked(request, item):
    tracked = request.session.get(TRACKED_KEY, [])
    if item.code not in tracked:
        request.session[TRACKED_KEY] = [*tracked[-9:], item.code]


@never_cache
@sensitive_post_parameters("phone")
@rate_limited("tracking")
def tracking(request):
    form = TrackingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        item = Feedback.objects.filter(
            code=form.cleaned_data["code"], phone=form.cleaned_data["phone"]
        ).first()
        if item is not None:
            remember_tracked(request, item)
            return redirect("feedback:tracking_result", code=item.code)
        form.add_error(
            None,
            _("Không tìm thấy phản ánh với mã và số điện thoại này. Xin kiểm tra lại."),
        )
    return render(
        request, "feedback/tracking_form.html", {"form": form, "errors": error_summary(form)}
    )


@never_cache
@rate_limited("tracking", methods=("GET",))
def tracking_token(request, token):
    item = Feedback.objects.by_tracking_token(token).first()
    if item is None:
        raise Http404("Unknown link")
    remember_tracked(request, item)
    return redirect("feedback:tracking_result", code=item.code)


def _tracked(request, code):
    if code not in request.session.get(TRACKED_KEY, []):
        raise Http404("Not tracked in this session")
    return get_object_or_404(Feedback.objects.select_related("topic"), code=code)


@never_cache
def tracking_result(request, code, info_form=None, rating_form=None):
    item = _tracked(request, code)
    events = list(item.events.exclude(from_status=item.status, to_status=item.status))
    waiting_info = item.status == FeedbackStatus.INFO_REQUESTED
    waiting_rating = item.status == FeedbackStatus.ANSWERED and item.resolved is None
    return render(
        request,
        "feedback/tracking_result.html",
        {
            "item": item,
            "name": mask_name(item.name),
            "events": events,
            "info_form": info_form or (AddInformationForm() if waiting_info else None),
            "rating_form": rating_form or (RatingForm() if waiting_rating else None),
            "errors": error_summary(*(f for f in (info_form, rating_form) if f is not None)),
        },
    )


def _reply(request, code, form_class, form_name, act, done):
    """The sender's answer from the tracking page: `act(item, cleaned_data)` on a valid
    POST, then back to the page with `done` said; an error shows on the page, typed text kept."""
    item = _tracked(request, code)
    if request.method != "POST":
        return redirect("feedback:tracking_result", code=code)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(item, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return redirect("feedback:tracking_result", code=code)
    return tracking_result(request, code, **{form_name: form})


@never_cache
def add_information(request, code):
    return _reply(
        request,
        code,
        AddInformationForm,
        "info_form",
        lambda item, data: services.sender_adds_information(item, text=data["text"]),
        _("Đã gửi thông tin bổ sung."),
    )


@never_cache
def rate(request, code):
    return _reply(
        request,
        code,
        RatingForm,
        "rating_form",
        lambda item, data: services.sender_rates_answer(
            item, resolved=data["resolved"], comment=data["comment"]
        ),
        _("Cảm ơn ông/bà đã cho biết ý kiến."),
    )
