"""The resident's pages, under the language prefix like every public page. The log-in,
its callback and the log-out live outside it (anphong/urls.py): the provider knows one
fixed callback address."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("ho-so-cua-toi/", views.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/ho-so/<int:pk>/", views.open_dossier, name="open_dossier"),
    path("ho-so-cua-toi/phan-anh/<int:pk>/", views.open_feedback, name="open_feedback"),
    path("xac-minh-so-dien-thoai/", views.prove_phone, name="prove_phone"),
]
