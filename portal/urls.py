from django.urls import path

from anphong.pagecache import cache_public_page

from . import views

app_name = "portal"

urlpatterns = [
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path("gioi-thieu/", views.AboutView.as_view(), name="about"),
    path("lien-he/", views.ContactView.as_view(), name="contact"),
]
