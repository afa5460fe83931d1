"""The provider's own pages: a home page and the log-in page (with its "Huỷ" button)."""

from urllib.parse import parse_qsl, urlsplit

from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from oauth2_provider.http import OAuth2ResponseRedirect
from oauth2_provider.models import get_application_model
from oauthlib.common import add_params_to_uri

from tools.oidc_provider.citizens.demo import DEMO_PASSWORD
from tools.oidc_provider.citizens.models import Citizen

# RFC 6749 §4.1.2.1: error_description is ASCII only.
CANCELLED = "The user cancelled the log-in at the identity provider."


def _page_context(request):
    return {
        "citizens": Citizen.objects.select_related("user"),
        "password": DEMO_PASSWORD,
        "discovery_url": request.build_absolute_uri(
            reverse("oauth2_provider:oidc-connect-discovery-info")
        ),
    }


def index(request):
    return render(request, "citizens/index.html", _page_context(request))


class AuthorizationRequest:
    """The authorization request a log-in page was reached from (its `next`), if any."""

    def __init__(self, next_url):
        parts = urlsplit(next_url or "")
        self.valid = bool(next_url) and parts.path == reverse("oauth2_provider:authorize")
        self.params = dict(parse_qsl(parts.query)) if self.valid else {}
        self.application = (
            get_application_model().objects.filter(client_id=self.params["client_id"]).first()
            if "client_id" in self.params
            else None
        )

    def refusal(self):
        """Where a real provider sends the user who refuses: the client's redirect URI with
        error=access_denied and the request's state; None when that URI is not the
        client's (then nobody is redirected anywhere)."""
        app = self.application
        if app is None:
            return None
        uri = self.params.get("redirect_uri")
        if uri is None and len(app.redirect_uris.split()) == 1:
            uri = app.redirect_uris.strip()
        if not uri or not app.redirect_uri_allowed(uri):
            return None
        params = [("error", "access_denied"), ("error_description", CANCELLED)]
        if "state" in self.params:
            params.append(("state", self.params["state"]))
        return OAuth2ResponseRedirect(add_params_to_uri(uri, params), app.get_allowed_schemes())


class CitizenLoginView(LoginView):
    template_name = "citizens/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_page_context(self.request))
        context["application"] = AuthorizationRequest(self.get_redirect_url()).application
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "cancel":
            return super().post(request, *args, **kwargs)
        next_url = request.POST.get("next") or request.GET.get("next")
        if not next_url:
            return redirect("index")
        refusal = AuthorizationRequest(next_url).refusal()
        if refusal is not None:
            return refusal
        context = self.get_context_data(form=self.get_form_class()(request))
        context["cancel_error"] = True
        return self.render_to_response(context, status=400)
