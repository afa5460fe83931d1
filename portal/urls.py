from django.urls import path

from portal import views
from portal.pagecache import cache_public_page
from portal.search.views import search_view

app_name = "portal"

urlpatterns = [
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path("gioi-thieu/", views.AboutView.as_view(), name="about"),
    path("lien-he/", views.ContactView.as_view(), name="contact"),
    path("tim-kiem/", search_view, name="search"),
    path("lien-ket/", cache_public_page(views.LinksView.as_view()), name="links"),
    path(
        "tuyen-bo-tiep-can/",
        cache_public_page(views.AccessibilityView.as_view()),
        name="accessibility",
    ),
    path(
        "chinh-sach-bao-ve-du-lieu-ca-nhan/",
        cache_public_page(views.PrivacyView.as_view()),
        name="privacy",
    ),
]
