"""The log-in code pages, under the admin's address (anphong/urls.py mounts them first)."""

from django.urls import path

from staff import views

app_name = "staff"

urlpatterns = [
    path("", views.otp_settings, name="otp_settings"),
    path("dang-ky/", views.otp_enrol, name="otp_enrol"),
    path("nhap-ma/", views.otp_verify, name="otp_verify"),
]
