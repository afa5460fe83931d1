"""The provider's URLs: its own pages, and django-oauth-toolkit's endpoints under /o/.

Discovery: /o/.well-known/openid-configuration (issuer http://<host>/o). Only the protocol
endpoints are mounted: DOT's application-management and dynamic-registration pages are
not (clients are registered by `setup_provider`).
"""

from django.contrib.auth.views import LogoutView
from django.urls import include, path
from oauth2_provider import urls as dot_urls

from tools.oidc_provider.citizens import views

oauth2_endpoints = (
    dot_urls.base_urlpatterns + dot_urls.oidc_urlpatterns + dot_urls.metadata_urlpatterns,
    dot_urls.app_name,
)

urlpatterns = [
    path("", views.index, name="index"),
    path("dang-nhap/", views.CitizenLoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("o/", include(oauth2_endpoints)),
]
