from django.urls import path

from personnel import views

app_name = "personnel"

urlpatterns = [
    path("to-chuc/", views.OrganisationChartView.as_view(), name="organisation"),
    path("to-chuc/<slug:slug>/", views.OrganDetailView.as_view(), name="organ_detail"),
    path("nhan-su/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("lanh-dao/", views.LeadershipView.as_view(), name="leadership"),
    path("danh-ba/", views.DirectoryView.as_view(), name="directory"),
]
