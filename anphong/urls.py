"""Root URLconf. Public pages sit in i18n_patterns: Vietnamese at the root, English under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from accounts import views as accounts_views
from anphong import views
from congress.sitemaps import ArticleSitemap, CategorySitemap, DocumentSitemap, TargetSitemap
from disclosure.sitemaps import DisclosureCategorySitemap, DisclosureEntrySitemap
from feedback.sitemaps import FeedbackSitemap
from payments import views as payments_views
from personnel.sitemaps import OrganisationPagesSitemap, OrganSitemap, PersonSitemap
from portal.pagecache import cache_public_page
from portal.sitemaps import StaticViewSitemap
from procedures.sitemaps import ProcedureSitemap

admin.site.site_header = _("Quản trị Cổng thông tin điện tử phường An Phong")
admin.site.site_title = _("Quản trị phường An Phong")
admin.site.index_title = _("Bảng điều khiển")

sitemaps = {
    "pages": StaticViewSitemap,
    "organisation": OrganisationPagesSitemap,
    "organs": OrganSitemap,
    "people": PersonSitemap,
    "procedures": ProcedureSitemap,
    "news": ArticleSitemap,
    "news-categories": CategorySitemap,
    "documents": DocumentSitemap,
    "targets": TargetSitemap,
    "feedback": FeedbackSitemap,
    "disclosure": DisclosureCategorySitemap,
    "disclosure-entries": DisclosureEntrySitemap,
}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # A sitemap index (robots.txt points here) listing one sitemap per section, each
    # paginated by its `limit` (?p=2…): 100 000 articles do not fit one file (50 000 URLs).
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    # The log-in code pages (staff.views), before the admin's catch-all view.
    path("quan-tri/ma-xac-thuc/", include("staff.urls")),
    path("quan-tri/", admin.site.urls),
    # The identity provider knows one fixed callback: outside the language prefix.
    path("tai-khoan/dang-nhap/", accounts_views.login_start, name="accounts_login"),
    path("tai-khoan/dang-nhap/xong/", accounts_views.login_callback, name="accounts_callback"),
    path("tai-khoan/dang-xuat/", accounts_views.logout_view, name="accounts_logout"),
    # The payment gateway's server-to-server notification: one fixed address, no language.
    path("thanh-toan/ipn/", payments_views.ipn, name="payments_ipn"),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("", include("congress.urls")),
    path("", include("personnel.urls")),
    path("", include("procedures.urls")),
    path("phan-anh-kien-nghi/", include("feedback.urls")),
    path("tai-khoan/", include("accounts.urls")),
    path("", include("results.urls")),
    path("thanh-toan/", include("payments.urls")),
    path("cong-khai/", include("disclosure.urls")),
    path("dat-lich-hen/", include("appointments.urls")),
    path("lich-tiep-cong-dan/", include("reception.urls")),
    path("tra-cuu-dia-chi-cu/", include("addresses.urls")),
    prefix_default_language=False,
)

# The development payment gateway (payments.dev_gateway): never mounted with a real one.
if settings.PAYMENT_GATEWAY == "dev":
    urlpatterns += [path("cong-thanh-toan-thu-nghiem/", include("payments.dev_gateway"))]

# Error pages that render without the request, the database or the cache.
handler400 = "anphong.views.bad_request"
handler500 = "anphong.views.server_error"

# Media: Django serves them only in development and under `make run` (anphong.views.media).
urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.media, name="media")]
